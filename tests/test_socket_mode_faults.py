"""`python bot.py` in Socket Mode, as an admin runs it, against the fake Web API and the fake Socket Mode server:
PORT serves the probes, ready only while a socket is connected, and with the watchdog's production defaults a
connection that goes silent, right after `hello` or later, is replaced within a minute."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fake_slack.requests import SlackRequests
from fake_slack.socket_mode import FakeSocketModeServer, SocketConnection
from fake_slack.workspace import APP_TOKEN
from socket_mode import Watchdog
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import BOT_TOKEN, LEAD, SIGNING_SECRET, TEAM_CHANNEL, eventually
from tests.test_faults_process import BotProcess

#: The promise: a silent connection is replaced within a minute, with the defaults a deployment runs.
REPLACED_WITHIN = 60.0


def environment(slack: FakeSlackAPI, database_url: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": slack.base_url,
        "DATABASE_URL": database_url,
        "LEAD_USER_IDS": LEAD,
    }


@pytest.fixture
def started() -> Iterator[list[BotProcess]]:
    processes: list[BotProcess] = []
    try:
        yield processes
    finally:
        for process in processes:
            process.stop()


def start(slack: FakeSlackAPI, database_url: str, tmp_path: Path, started: list[BotProcess]) -> BotProcess:
    """Returns once GET /healthz answers 200 on PORT; a minute allowed, as these start while the suite's other
    workers are busiest (they are handed out first)."""
    process = BotProcess(environment(slack, database_url), tmp_path, tmp_path / "bot.log", start_within=60)
    started.append(process)
    return process


def answered_over(server: FakeSocketModeServer, slack: FakeSlackAPI, connection: SocketConnection, key: str) -> None:
    """`/practice help` through the socket: acked on `connection` and answered by response_url."""
    requests = SlackRequests("http://unused", SIGNING_SECRET, team_id=slack.team_id, send=server.transport())
    response = requests.command(
        "/practice", "help", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=slack.response_url(key)
    )
    assert response.status == 200 and server.envelopes[-1].acked_on is connection
    slack.wait_for("response_url", lambda c: c.params.get("_key") == key, timeout=10)


def test_python_bot_py_in_socket_mode_is_ready_only_while_a_socket_is_connected(
    slack: FakeSlackAPI, socket_server: FakeSocketModeServer, database_url: str, tmp_path: Path, started: list
) -> None:
    bot = start(slack, database_url, tmp_path, started)
    probes = SlackRequests(f"http://127.0.0.1:{bot.port}", SIGNING_SECRET)
    eventually(lambda: probes.get("/readyz").status == 200, timeout=10)
    connection = socket_server.current
    assert connection is not None
    answered_over(socket_server, slack, connection, "live")
    assert (
        bot.requests.command(
            "/practice", "help", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=slack.response_url("http")
        ).status
        == 404
    )  # Slack's requests come over the socket, never to PORT

    socket_server.accepting = False
    connection.close()
    eventually(lambda: probes.get("/readyz").status == 503, timeout=3)
    assert probes.get("/readyz").body == "not connected to Slack"
    assert probes.get("/healthz").status == 200  # alive: the database answers, it is only waiting for Slack

    socket_server.accepting = True
    eventually(lambda: probes.get("/readyz").status == 200, timeout=10)
    answered_over(socket_server, slack, socket_server.wait_for_connection(after=connection), "again")
    bot.stop()
    log = bot.log.read_text()
    assert BOT_TOKEN not in log and APP_TOKEN not in log


def sqlite(tmp_path: Path) -> str:
    """The watchdog's tests touch no data: one database is enough."""
    return f"sqlite:///{tmp_path / 'practice.db'}"


def test_with_the_default_watchdog_a_socket_silent_right_after_hello_is_replaced_within_a_minute(
    slack: FakeSlackAPI, socket_server: FakeSocketModeServer, tmp_path: Path, started: list
) -> None:
    socket_server.silent_after_hello = 1  # the very first connection: the case slack_sdk's own check never sees
    bot = start(slack, sqlite(tmp_path), tmp_path, started)
    # The fake lists a connection as it opens, then says hello and falls silent: wait for both.
    eventually(lambda: bool(socket_server.connections) and socket_server.connections[0].silent, timeout=10)
    silent = socket_server.connections[0]
    assert silent.silent and silent.hello_at is not None

    new = socket_server.wait_for_connection(after=silent, timeout=REPLACED_WITHIN + 5)
    assert new.hello_at is not None
    took = new.hello_at - silent.hello_at
    assert Watchdog().silent_after <= took < REPLACED_WITHIN
    print(f"silent right after hello: replaced after {took:.1f} s")
    answered_over(socket_server, slack, new, "after-silence")
    assert "opening a new connection (silent for 30 s)" in bot.log.read_text()


def test_with_the_default_watchdog_a_socket_that_falls_silent_later_is_replaced_within_a_minute(
    slack: FakeSlackAPI, socket_server: FakeSocketModeServer, tmp_path: Path, started: list
) -> None:
    start(slack, sqlite(tmp_path), tmp_path, started)
    connection = socket_server.wait_for_connection()
    answered_over(socket_server, slack, connection, "before-silence")
    # Past the first watchdog ping (one at the handshake, one ping_every later): silent in mid-life.
    eventually(lambda: connection.pings >= 2, timeout=Watchdog().ping_every + 5)
    time.sleep(2)
    went_silent = time.monotonic()
    connection.go_silent()

    new = socket_server.wait_for_connection(after=connection, timeout=REPLACED_WITHIN + 5)
    assert new.hello_at is not None
    took = new.hello_at - went_silent
    assert took < REPLACED_WITHIN
    print(f"silent later: replaced {took:.1f} s after the silence began")
    answered_over(socket_server, slack, new, "after-silence")
