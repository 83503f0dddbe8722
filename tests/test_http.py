"""The real HTTP endpoint: health, request verification, events; and `python bot.py` serving both modes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from fake_slack.requests import SlackRequests
from storage.db import make_engine
from storage.models import Team, TeamMember
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import LEAD, SIGNING_SECRET, TEAM_CHANNEL, Bot, eventually, serve_for_tests
from web import wsgi_app

ROOT = Path(__file__).resolve().parents[1]


def test_health_is_ok_when_the_database_is_reachable(bot: Bot) -> None:
    response = bot.requests.get("/healthz")
    assert (response.status, response.body) == (200, "ok")


def test_health_fails_when_the_database_is_not_reachable(bot: Bot, tmp_path: Path) -> None:
    broken = make_engine(f"sqlite:///{tmp_path}/missing/dir/x.db")
    server = serve_for_tests(wsgi_app(bot.app, broken))
    try:
        response = SlackRequests(f"http://127.0.0.1:{server.server_address[1]}", SIGNING_SECRET).get("/healthz")
        assert response.status == 503
    finally:
        server.shutdown()
        server.server_close()


def test_a_forged_or_stale_request_is_rejected_and_does_nothing(bot: Bot, slack) -> None:
    url = slack.response_url("forged")
    forged = bot.requests.command(
        "/practice", "help", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=url, signature="v0=" + "0" * 64
    )
    stale = bot.requests.command(
        "/practice", "help", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=url, timestamp=int(time.time()) - 600
    )
    missing = bot.requests.raw(b"command=%2Fpractice&text=help", {"Content-Type": "application/x-www-form-urlencoded"})
    assert (forged.status, stale.status, missing.status) == (401, 401, 401)
    time.sleep(0.3)
    assert slack.calls_to("response_url") == []


def member_rows(bot: Bot, user_id: str) -> list[tuple[str, bool]]:
    with bot.deps.sessions() as session:
        rows = session.exec(select(TeamMember).where(TeamMember.user_id == user_id)).all()
        return [(r.user_id, r.active) for r in rows]


def test_a_new_channel_member_joins_the_team_once_even_when_slack_retries(team: Bot, slack) -> None:
    slack.add_user("UNEW", tz="Europe/Dublin")
    event = {
        "type": "member_joined_channel",
        "user": "UNEW",
        "channel": TEAM_CHANNEL,
        "channel_type": "C",
        "team": slack.team_id,
    }
    for retry in (None, 1, 2):
        assert team.requests.event(event, retry_num=retry, event_id="Ev1").status == 200
    eventually(lambda: member_rows(team, "UNEW") == [("UNEW", True)])
    team.run_until(team.clock.now() + timedelta(hours=12))
    assert len(team.sent_to("UNEW", "prompt")) == 1


def test_someone_who_leaves_the_channel_stops_getting_prompts(team: Bot) -> None:
    team.requests.event(
        {
            "type": "member_left_channel",
            "user": "UDUB",
            "channel": TEAM_CHANNEL,
            "channel_type": "C",
            "team": team.slack.team_id,
        }
    )
    eventually(lambda: member_rows(team, "UDUB") == [("UDUB", False)])
    team.run_until(team.clock.now() + timedelta(hours=12))
    assert team.sent_to("UDUB") == [] and len(team.sent_to("UIN", "prompt")) == 1


def test_after_the_app_is_uninstalled_nothing_more_is_sent(team: Bot) -> None:
    team.requests.event({"type": "app_uninstalled"})

    def stopped() -> bool:
        with team.deps.sessions() as session:
            return {t.status for t in session.exec(select(Team))} == {"stopped"}

    eventually(stopped)
    team.run_until(team.clock.now() + timedelta(hours=12))
    assert team.sent == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_bot(env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bot.py")],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", ""), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_python_bot_py_serves_http_with_health_and_slash_commands(slack, tmp_path: Path) -> None:
    port = free_port()
    process = start_bot(
        {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "PORT": str(port),
            "SLACK_API_URL": slack.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        },
        tmp_path,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "bot did not start"
                time.sleep(0.2)
        requests = SlackRequests(f"http://127.0.0.1:{port}", SIGNING_SECRET, team_id=slack.team_id)
        reply = requests.command(
            "/practice", "help", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=slack.response_url("live")
        )
        assert reply.status == 200
        slack.wait_for("response_url", lambda c: c.params.get("_key") == "live", timeout=10)
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "xoxb-test-token" not in output and SIGNING_SECRET not in output


def test_python_bot_py_with_an_app_token_connects_in_socket_mode(tmp_path: Path) -> None:
    fake = FakeSlackAPI(expected_token="xoxb-test-token")
    fake.start()
    process = start_bot(
        {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_APP_TOKEN": "xapp-1-test",
            "SLACK_API_URL": fake.base_url,
            "PORT": str(free_port()),
            "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        },
        tmp_path,
    )
    try:
        fake.wait_for("apps.connections.open", timeout=30)
    finally:
        process.terminate()
        process.communicate(timeout=10)
        fake.stop()
