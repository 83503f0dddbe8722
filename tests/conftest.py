"""Fixtures: a fake Slack, a manual clock, a fresh database and a bot serving real signed HTTP requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.clock import ManualClock
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import LEAD, SUNDAY_NIGHT, TEAM_CHANNEL, Bot
from tests.postgres import postgres_schema


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI()
    fake.start()
    fake.add_user(LEAD, name="lena", tz="Europe/Dublin")
    fake.add_user("UBOT", name="practice-coach", is_bot=True)
    try:
        yield fake
        fake.assert_no_problems()
    finally:
        fake.stop()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(SUNDAY_NIGHT)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Every test that touches the database runs on SQLite and on PostgreSQL, each in a fresh, empty store."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'practice.db'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def bot(slack: FakeSlackAPI, database_url: str, clock: ManualClock) -> Iterator[Bot]:
    running = Bot(slack, database_url, clock)
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def team(bot: Bot, slack: FakeSlackAPI) -> Bot:
    """A team channel with the lead and three members in New York, Dublin and Kolkata, started by the lead."""
    slack.add_user("UNY", name="nia", tz="America/New_York")
    slack.add_user("UDUB", name="dara", tz="Europe/Dublin")
    slack.add_user("UIN", name="ishan", tz="Asia/Kolkata")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, "UNY", "UDUB", "UIN", "UBOT"))
    reply = bot.ask("/practice", "start", user=LEAD)
    assert "practice team" in reply
    return bot
