"""A week of practice for a team spread over three time zones, on a manual clock.

A week is ~300 ticks, so each distinct week is run once per database and read by every test that asks
about it; conftest's scheduler keeps each database's tests here on one xdist worker, so none runs twice."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from domain.clock import ManualClock
from tests.harness import LEAD, SUNDAY_NIGHT, TEAM_CHANNEL, Bot, Sent, fake_slack, migrated_database, start_team

SATURDAY_EVENING = datetime(2026, 11, 28, 23, 0, tzinfo=ZoneInfo("UTC"))
ZONES = {LEAD: "Europe/Dublin", "UNY": "America/New_York", "UDUB": "Europe/Dublin", "UIN": "Asia/Kolkata"}


def run_week(bot: Bot, answering: set[str]) -> None:
    """Advance half an hour at a time; the people in `answering` answer each prompt as it arrives."""
    while bot.clock.now() < SATURDAY_EVENING:
        bot.clock.advance(timedelta(minutes=30))
        bot.tick()
        for sent in bot.sent:
            if sent.at == bot.clock.now() and sent.kind == "prompt" and sent.channel in answering:
                assert "Saved your answer" in bot.ask(
                    "/reflect", "I asked what they had tried first.", user=sent.channel, channel="D" + sent.channel
                )


@dataclass(frozen=True)
class Week:
    """Everything the bot posted during one finished week."""

    sent: tuple[Sent, ...]

    def sent_to(self, channel: str, kind: str | None = None) -> list[Sent]:
        return [s for s in self.sent if s.channel == channel and (kind is None or s.kind == kind)]


def a_week(kind: str, directory: Path, *, dara_reminders_off: bool, answering: set[str]) -> Week:
    """The `team` fixture's team, a week from Sunday night, in its own fake Slack and fresh (migrated) store."""
    with fake_slack() as slack, migrated_database(kind, directory) as url:
        bot = Bot(slack, url, ManualClock(SUNDAY_NIGHT))
        try:
            start_team(bot, slack)
            if dara_reminders_off:
                assert "Reminders are off" in bot.ask("/practice", "reminders off", user="UDUB", channel="DUDUB")
            run_week(bot, answering)
            bot.record_sent()
            return Week(tuple(bot.sent))
        finally:
            bot.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_kind(request: pytest.FixtureRequest) -> str:
    """Like conftest's database_url, both databases, but shared by the module's tests."""
    return request.param


@pytest.fixture(scope="module")
def ishan_answers(database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Week:
    """Dara turned reminders off; Ishan answers every prompt as it arrives, nobody else answers."""
    return a_week(database_kind, tmp_path_factory.mktemp("ishan-answers"), dara_reminders_off=True, answering={"UIN"})


@pytest.fixture(scope="module")
def nobody_answers(database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Week:
    return a_week(database_kind, tmp_path_factory.mktemp("nobody-answers"), dara_reminders_off=False, answering=set())


def test_each_member_gets_one_prompt_per_practice_day_at_their_own_local_time(ishan_answers: Week) -> None:
    for user, zone in ZONES.items():
        prompts = ishan_answers.sent_to(user, "prompt")
        local = [s.at.astimezone(ZoneInfo(zone)) for s in prompts]
        assert [d.date().isoformat() for d in local] == [f"2026-11-{day}" for day in range(23, 28)], user
        assert {d.time() for d in local} == {time(9, 30)}, user
        assert all(d.weekday() < 5 for d in local), user


def test_one_reminder_a_day_only_for_the_unanswered_and_only_if_wanted(ishan_answers: Week) -> None:
    reminders = Counter(s.channel for s in ishan_answers.sent if s.kind == "reminder")
    assert reminders == {"UNY": 5, LEAD: 5}
    ny = ZoneInfo("America/New_York")
    assert {s.at.astimezone(ny).time() for s in ishan_answers.sent_to("UNY", "reminder")} == {time(15, 0)}


def test_the_quote_of_the_day_reaches_the_channel_on_practice_days_without_repeats(nobody_answers: Week) -> None:
    quotes = nobody_answers.sent_to(TEAM_CHANNEL, "quote")
    local = [s.at.astimezone(ZoneInfo("Europe/Dublin")) for s in quotes]
    assert [d.weekday() for d in local] == [0, 1, 2, 3, 4]
    assert {d.time() for d in local} == {time(9, 0)}
    texts = [s.call.params["text"] for s in quotes]
    assert len(set(texts)) == 5
    assert all(s.call.params.get("unfurl_links") is False for s in quotes)


def test_nothing_reaches_anyone_at_the_weekend(nobody_answers: Week) -> None:
    for sent in nobody_answers.sent:
        zone = ZONES.get(sent.channel, "Europe/Dublin")
        assert sent.at.astimezone(ZoneInfo(zone)).weekday() < 5, sent
