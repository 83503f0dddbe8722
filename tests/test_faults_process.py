"""The real `python bot.py` stopped halfway through a lead's 500-member `/practice now`: killed with SIGKILL and
restarted, killed beside a second replica on PostgreSQL, or stopped with SIGTERM. Each time every member ends up
with exactly one prompt for the day, within a minute, and every ledger row is sent. The leases here have their
production length (30 s, renewed every 10 s): the minute depends on it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select

from fake_slack.requests import SlackRequests
from storage.db import make_engine
from storage.models import Delivery
from tests.delivered import ledgered_in_dms
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import BOT_TOKEN, LEAD, SIGNING_SECRET, TEAM_CHANNEL, eventually
from usecases import ledger

ROOT = Path(__file__).resolve().parents[1]
TEAM_SIZE = 500
MEMBERS = [f"UM{n:04d}" for n in range(TEAM_SIZE - 1)] + [LEAD]
RECOVERY_SECONDS = 60
SIGTERM_EXIT_SECONDS = 10


def quiet_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about 04:00: no scheduled prompt is due and no day ends mid-test,
    so `/practice now` alone decides what is sent, whenever the test runs."""
    best = min(range(-14, 13), key=lambda n: abs((now.hour - n) % 24 - 4))
    return "Etc/GMT" if best == 0 else f"Etc/GMT{'+' if best > 0 else '-'}{abs(best)}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BotProcess:
    """`python bot.py` in HTTP mode against the fake Web API, as an admin would run it."""

    def __init__(self, env: dict[str, str], cwd: Path, log: Path, *, start_within: float = 30) -> None:
        self.port = free_port()
        self.log = log
        with log.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "bot.py")],
                cwd=cwd,
                env={"PATH": os.environ.get("PATH", ""), **env, "PORT": str(self.port)},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.requests = SlackRequests(f"http://127.0.0.1:{self.port}", SIGNING_SECRET, team_id="T0TEST")
        deadline = time.monotonic() + start_within
        while not self._healthy():
            assert self.process.poll() is None, "bot.py exited during start-up"
            assert time.monotonic() < deadline, f"bot.py did not start within {start_within} s"
            time.sleep(0.1)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def command(self, slack: FakeSlackAPI, text: str, key: str) -> None:
        response = self.requests.command(
            "/practice", text, user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=slack.response_url(key)
        )
        assert response.status == 200

    def log_text(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def big_team(slack: FakeSlackAPI) -> str:
    zone = quiet_zone(datetime.now(UTC))
    for user_id in MEMBERS:
        slack.add_user(user_id, tz=zone)
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(*MEMBERS, "UBOT"))
    return zone


@pytest.fixture
def processes() -> Iterator[list[BotProcess]]:
    started: list[BotProcess] = []
    try:
        yield started
    finally:
        for process in started:
            process.stop()


def prompts_per_member(slack: FakeSlackAPI) -> Counter[str]:
    """Prompts as Slack holds them: messages in each member's DM carrying a delivery id."""
    return ledgered_in_dms(slack, MEMBERS)


def ledger_rows(database_url: str) -> list[Delivery]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(Delivery).where(Delivery.kind == "prompt")).all())
    finally:
        engine.dispose()


def posted_prompts(slack: FakeSlackAPI) -> int:
    return sum(
        1
        for c in slack.calls_to("chat.postMessage")
        if c.params.get("channel", "").startswith("U") and (c.response or {}).get("ok")
    )


def wait_until_stalled(slack: FakeSlackAPI) -> None:
    """Until the bot sits waiting on the held-back answer: that post has arrived, and no other post follows for
    a while (the rest of its batch goes out, then the batch waits for it)."""
    eventually(lambda: slack.faults_pending("chat.postMessage") == 0, timeout=10)
    deadline = time.monotonic() + 10
    seen = posted_prompts(slack)
    while True:
        time.sleep(0.3)
        now_seen = posted_prompts(slack)
        if now_seen == seen:
            return
        assert time.monotonic() < deadline, "the fan-out never stalled on the held-back post"
        seen = now_seen


def bot_env(slack: FakeSlackAPI, database_url: str, zone: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "DATABASE_URL": database_url,
        "LEAD_USER_IDS": LEAD,
        "DEFAULT_TIMEZONE": zone,
    }


def start_and_stall(slack: FakeSlackAPI, bot: BotProcess, hang: float) -> None:
    """The team started, then the lead's `/practice now` held up halfway: the next posts, one per posting
    thread, reach Slack but their answers are held back `hang` seconds, so the rest of that batch and the next
    one, claimed already, wait unposted."""
    bot.command(slack, "start", "start")
    (started,) = slack.wait_for("response_url", lambda c: c.params["_key"] == "start", timeout=20)
    assert "practice team" in started.params["text"]
    bot.command(slack, "now", "now-1")
    eventually(lambda: posted_prompts(slack) >= TEAM_SIZE // 2, timeout=30)
    slack.hang_next("chat.postMessage", hang, times=ledger.POST_WORKERS)
    wait_until_stalled(slack)


def left_unconfirmed(slack: FakeSlackAPI, database_url: str) -> tuple[int, int]:
    """(confirmed, posted but unconfirmed) once the process is gone. Sends are confirmed a batch at a time, so a
    few reached Slack unconfirmed, the held-back posts among them: the case that must not be posted again; the
    others it claimed never left."""
    rows = ledger_rows(database_url)
    confirmed = sum(1 for row in rows if row.status == "sent")
    claimed = sum(1 for row in rows if row.status == "claimed")
    posted_unconfirmed = posted_prompts(slack) - confirmed
    assert TEAM_SIZE // 2 - ledger.UNCONFIRMED_AT_MOST <= confirmed < TEAM_SIZE
    assert ledger.POST_WORKERS <= posted_unconfirmed < claimed <= ledger.UNCONFIRMED_AT_MOST
    assert slack.calls_to("response_url")[-1].params["_key"] == "start"  # the fan-out never finished
    return confirmed, posted_unconfirmed


def wait_for_everyone(slack: FakeSlackAPI, database_url: str, since: float) -> float:
    """Seconds from `since` until every member has a prompt and the ledger has every one as sent, at most
    RECOVERY_SECONDS."""
    while True:
        if len(prompts_per_member(slack)) == TEAM_SIZE:
            rows = ledger_rows(database_url)
            if len(rows) == TEAM_SIZE and all(row.status == "sent" for row in rows):
                return time.monotonic() - since
        assert time.monotonic() - since < RECOVERY_SECONDS, "not everyone had a prompt within a minute"
        time.sleep(0.5)


def assert_exactly_once(slack: FakeSlackAPI, database_url: str) -> None:
    time.sleep(1)  # anything sent twice would come now
    assert prompts_per_member(slack) == {user_id: 1 for user_id in MEMBERS}
    rows = ledger_rows(database_url)
    assert len(rows) == TEAM_SIZE and {r.status for r in rows} == {"sent"}
    assert {r.recipient for r in rows} == set(MEMBERS)
    quotes = [m for m in slack.messages(TEAM_CHANNEL) if (m.get("metadata") or {}).get("event_type")]
    assert len(quotes) == 1


def test_a_bot_killed_mid_fan_out_and_restarted_sends_every_member_exactly_one_prompt_within_a_minute(
    slack: FakeSlackAPI, big_team: str, database_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(slack, database_url, big_team)
    first = BotProcess(env, tmp_path, tmp_path / "first.log")
    processes.append(first)
    start_and_stall(slack, first, hang=5)
    first.process.kill()  # SIGKILL mid-call: no clean-up, its claims and its fan-out are left as they are
    first.process.wait(timeout=10)
    confirmed, posted_unconfirmed = left_unconfirmed(slack, database_url)

    restarted_at = time.monotonic()
    second = BotProcess(env, tmp_path, tmp_path / "second.log")
    processes.append(second)
    second.command(slack, "now", "now-2")
    (reply,) = slack.wait_for("response_url", lambda c: c.params["_key"] == "now-2", timeout=30)
    # What the dead process still held is its until its lease lapses; the rest goes at once.
    assert reply.params["text"].startswith("Sent today's prompt to")
    seconds = wait_for_everyone(slack, database_url, restarted_at)
    print(f"SIGKILL, restart, /practice now: every member had a prompt {seconds:.1f} s after the restart")
    assert_exactly_once(slack, database_url)
    second.stop()
    # Each post that reached Slack unconfirmed is found in the DM's history, not posted again.
    assert second.log_text().count("outcome=found") == posted_unconfirmed


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_replicas_on_postgresql_the_survivor_finishes_a_killed_replicas_fan_out_within_a_minute(
    slack: FakeSlackAPI, big_team: str, database_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(slack, database_url, big_team)
    doomed = BotProcess(env, tmp_path, tmp_path / "doomed.log")
    survivor = BotProcess(env, tmp_path, tmp_path / "survivor.log")
    processes.extend([doomed, survivor])
    start_and_stall(slack, doomed, hang=5)
    doomed.process.kill()
    doomed.process.wait(timeout=10)
    killed_at = time.monotonic()
    _confirmed, posted_unconfirmed = left_unconfirmed(slack, database_url)

    seconds = wait_for_everyone(slack, database_url, killed_at)  # no second command
    print(f"two replicas, one killed: the survivor finished the fan-out {seconds:.1f} s after the kill")
    assert_exactly_once(slack, database_url)
    survivor.stop()
    log = survivor.log_text()
    assert "finished fan-out=1 kind=practice_now" in log
    assert log.count("outcome=found") == posted_unconfirmed


def test_sigterm_mid_fan_out_exits_within_ten_seconds_and_the_next_start_sends_the_rest_once(
    slack: FakeSlackAPI, big_team: str, database_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(slack, database_url, big_team)
    first = BotProcess(env, tmp_path, tmp_path / "first.log")
    processes.append(first)
    # Held back longer than the stop may wait: that send is handed on rather than waited for.
    start_and_stall(slack, first, hang=12)
    signalled_at = time.monotonic()
    first.process.send_signal(signal.SIGTERM)
    assert first.process.wait(timeout=SIGTERM_EXIT_SECONDS) == 0
    exit_seconds = time.monotonic() - signalled_at
    assert exit_seconds < SIGTERM_EXIT_SECONDS
    assert "stopping on SIGTERM" in first.log_text() and "sends under way handed on" in first.log_text()
    _confirmed, posted_unconfirmed = left_unconfirmed(slack, database_url)

    restarted_at = time.monotonic()
    second = BotProcess(env, tmp_path, tmp_path / "second.log")
    processes.append(second)
    seconds = wait_for_everyone(slack, database_url, restarted_at)  # the lease was ended: no waiting for it to lapse
    print(f"SIGTERM: exited in {exit_seconds:.1f} s; restarted, every member had a prompt {seconds:.1f} s later")
    assert seconds < RECOVERY_SECONDS
    assert_exactly_once(slack, database_url)
    second.stop()
    assert second.log_text().count("outcome=found") == posted_unconfirmed
