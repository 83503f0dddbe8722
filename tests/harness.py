"""A running bot wired to the fake Slack Web API, driven by signed HTTP requests and a manual clock."""

from __future__ import annotations

import functools
import itertools
import random
import shutil
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from wsgiref.simple_server import WSGIServer

from sqlalchemy import func
from sqlmodel import select

from app import create_app
from config import Settings
from deps import Deps, build_deps
from domain.clock import ManualClock, as_utc
from fake_slack.requests import SlackRequests
from fake_slack.workspace import BOT_TOKEN, LEAD, SIGNING_SECRET, TEAM_CHANNEL
from prompts.bank import Banks, load_banks
from storage import migrate
from storage.db import make_engine
from storage.models import Delivery, NextSend
from tests.fakes.slack_api import Call, FakeSlackAPI
from tests.postgres import pooled_schema, postgres_schema
from usecases import recovery, tick
from web import WSGIApp, serve, wsgi_app

SUNDAY_NIGHT = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
#: Slack's deadline for an ack, which every request and Socket Mode envelope in the tests must meet.
ACK_SECONDS = 3.0
_keys = itertools.count(1)


@dataclass
class Sent:
    """A message the bot posted, stamped with the manual clock's time when it went out."""

    at: datetime
    call: Call
    kind: str | None

    @property
    def channel(self) -> str:
        return self.call.params["channel"]


def text_of(call: Call) -> str:
    """Everything a person would read in a call: its text and the text inside its blocks."""
    parts = [str(call.params.get("text") or "")]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    parts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(call.params.get("blocks"))
    walk(call.params.get("view"))
    return "\n".join(parts)


@functools.cache
def banks() -> Banks:
    """The shipped banks, parsed once per test process: the YAML takes ~0.2 s a time and every Bot needs them.
    Loading and checking them is proved by tests/prompts/test_prompt_bank.py and the tests that start real processes."""
    return load_banks()


def serve_for_tests(app: WSGIApp) -> WSGIServer:
    """Like web.serve_in_background, but shutdown() returns within 20 ms instead of waiting out the default
    0.5 s poll of serve_forever: hundreds of tests each stop at least one server."""
    server = serve(app, 0, "127.0.0.1")
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True, name="http").start()
    return server


def eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait for work a listener does after its ack (Bolt runs it on after the HTTP response)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting for the bot"
        time.sleep(0.02)


class Bot:
    def __init__(
        self,
        slack: FakeSlackAPI,
        database_url: str,
        clock: ManualClock,
        *,
        leads: tuple[str, ...] = (LEAD,),
        default_timezone: str = "Europe/Dublin",
        seed: int = 7,
    ) -> None:
        self.slack = slack
        self.clock = clock
        settings = Settings(
            bot_token=BOT_TOKEN,
            signing_secret=SIGNING_SECRET,
            database_url=database_url,
            slack_api_url=slack.base_url,
            lead_user_ids=frozenset(leads),
            default_timezone=default_timezone,
        )
        self.deps: Deps = build_deps(settings, clock=clock, rng=random.Random(seed), banks=banks())
        self._sessions = self.deps.sessions
        self.app = create_app(self.deps)
        self.server = serve_for_tests(wsgi_app(self.app, self.deps.engine, self.deps.foreground))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.requests = SlackRequests(self.url, SIGNING_SECRET, team_id=slack.team_id)
        self.sent: list[Sent] = []
        self._seen_calls = len(slack.calls)
        self._closed = False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.server.shutdown()
        self.server.server_close()
        # Listeners Bolt runs after the ack may still be at work: none may write once the test has ended.
        self.app.listener_runner.listener_executor.shutdown(wait=True)
        recovery.end_lease(replace(self.deps, sessions=self._sessions))  # a test may have swapped them
        self.deps.engine.dispose()

    def ask(self, command: str, text: str = "", *, user: str, channel: str = TEAM_CHANNEL) -> str:
        """Run a slash command and return the ephemeral answer the person sees."""
        key = self.command(command, text, user=user, channel=channel).removeprefix("trig-")
        (reply,) = self.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)
        return text_of(reply)

    def command(self, command: str, text: str = "", *, user: str, channel: str = TEAM_CHANNEL) -> str:
        """Send a slash command without waiting for an answer; returns its trigger id."""
        key = f"cmd{next(_keys)}"
        response = self.requests.command(
            command,
            text,
            user_id=user,
            channel_id=channel,
            response_url=self.slack.response_url(key),
            trigger_id=f"trig-{key}",
        )
        assert response.status == 200, response.body
        return f"trig-{key}"

    def tick(self) -> Counter[str]:
        outcome = tick.run_tick(self.deps)
        self.record_sent()
        return outcome

    def record_sent(self) -> list[Sent]:
        new = self.slack.calls[self._seen_calls :]
        self._seen_calls += len(new)
        fresh = [
            Sent(self.clock.now(), c, self.kind_of(c))
            for c in new
            if c.method == "chat.postMessage" and (c.response or {}).get("ok")
        ]
        self.sent.extend(fresh)
        return fresh

    def kind_of(self, call: Call) -> str | None:
        delivery_id = ((call.params.get("metadata") or {}).get("event_payload") or {}).get("delivery_id")
        if delivery_id is None:
            return None
        with self.deps.sessions() as session:
            row = session.get(Delivery, delivery_id)
            return row.kind if row else None

    def run_until(self, end: datetime, step: timedelta = timedelta(minutes=30)) -> None:
        while self.clock.now() < end:
            self.clock.advance(step)
            self.tick()

    def run_by_schedule(self, end: datetime) -> None:
        """Tick only at the moments the schedule names (a minute after each next send falls due), so weeks of
        prompts, lessons and reminders take a few ticks a day instead of one every step; what the schedule
        does not name (follow-ups, review hand-ons, calibration closes) waits for the next of them."""
        self.tick()
        while self.clock.now() < end:
            with self.deps.sessions() as session:
                due = session.exec(select(func.min(NextSend.due_at)).where(NextSend.due_at > self.clock.now())).one()
            self.clock.set(min(as_utc(due) + timedelta(minutes=1), end) if due is not None else end)
            self.tick()

    def sent_to(self, channel: str, kind: str | None = None) -> list[Sent]:
        self.record_sent()
        return [s for s in self.sent if s.channel == channel and (kind is None or s.kind == kind)]


@contextmanager
def fake_slack() -> Iterator[FakeSlackAPI]:
    """The fake Web API with the lead and the bot's own user; anything it flagged fails the test at the end."""
    fake = FakeSlackAPI()
    fake.start()
    fake.add_user(LEAD, name="lena", tz="Europe/Dublin")
    fake.add_user("UBOT", name="practice-coach", is_bot=True)
    try:
        yield fake
        fake.assert_no_problems()
    finally:
        fake.stop()


@contextmanager
def fresh_database(kind: str, directory: Path) -> Iterator[str]:
    """A URL for a new, empty store: a SQLite file in `directory`, or a PostgreSQL schema dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'practice.db'}"
        return
    with postgres_schema() as url:
        yield url


@contextmanager
def migrated_database(kind: str, directory: Path) -> Iterator[str]:
    """A fresh store already at the newest schema, for a test that needs a running bot rather than a migration
    (test_migrations and the real-process tests migrate empty ones): a copy of a SQLite file migrated once per
    process, or a PostgreSQL schema from this process's pool (tests/postgres.py), emptied before reuse."""
    if kind == "sqlite":
        path = directory / "practice.db"
        shutil.copyfile(_sqlite_template(), path)
        yield f"sqlite:///{path}"
        return
    with pooled_schema() as url:
        yield url


_template_dir = tempfile.TemporaryDirectory(prefix="practice-template-")


@functools.cache
def _sqlite_template() -> Path:
    """Migrated once per process; closing its last connection checkpoints the WAL, so the file is complete."""
    path = Path(_template_dir.name) / "practice.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    assert not path.with_name("practice.db-wal").exists(), "the template's WAL was not checkpointed"
    return path


def start_team(bot: Bot, slack: FakeSlackAPI) -> Bot:
    """A team channel with the lead and three members in New York, Dublin and Kolkata, started by the lead."""
    slack.add_user("UNY", name="nia", tz="America/New_York")
    slack.add_user("UDUB", name="dara", tz="Europe/Dublin")
    slack.add_user("UIN", name="ishan", tz="Asia/Kolkata")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, "UNY", "UDUB", "UIN", "UBOT"))
    reply = bot.ask("/practice", "start", user=LEAD)
    assert "practice team" in reply
    return bot
