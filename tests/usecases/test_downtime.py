"""After the bot was down, the day's missed prompts go out once if the person's day is still young enough,
and are skipped otherwise: never a burst of stale prompts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from config import load_settings
from tests.harness import LEAD, TEAM_CHANNEL, Bot

# Back up at 13:00 UTC on Monday: 13:00 in Dublin (prompt due 09:30, 3.5 h ago), 18:30 in Kolkata (due 9 h ago)
# and 08:00 in New York (not due yet).
BACK_UP = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)


def test_back_after_a_morning_outage_sends_what_is_still_timely_once_and_skips_the_rest(team: Bot) -> None:
    team.clock.set(BACK_UP)
    team.tick()
    team.tick()
    assert len(team.sent_to("UDUB", "prompt")) == 1 and len(team.sent_to(LEAD, "prompt")) == 1
    assert len(team.sent_to(TEAM_CHANNEL, "quote")) == 1
    assert team.sent_to("UIN") == [] and team.sent_to("UNY") == []
    team.run_until(datetime(2026, 11, 23, 23, 0, tzinfo=UTC))
    assert team.sent_to("UIN") == []
    assert len(team.sent_to("UNY", "prompt")) == 1


def test_a_shorter_catch_up_window_skips_prompts_missed_by_more_than_it(team: Bot) -> None:
    team.deps.settings = replace(team.deps.settings, catch_up=timedelta(hours=2))
    team.clock.set(BACK_UP)
    team.tick()
    assert team.sent_to("UDUB") == [] and team.sent_to(LEAD) == [] and team.sent_to(TEAM_CHANNEL) == []


def test_down_for_days_sends_only_today_never_the_days_it_missed(team: Bot) -> None:
    team.clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))  # back on Thursday, after three days away
    team.tick()
    prompts = [s for s in team.sent if s.kind == "prompt"]
    assert sorted(s.channel for s in prompts) == sorted([LEAD, "UDUB", "UIN"])  # New York is still asleep
    assert len(team.sent_to(TEAM_CHANNEL, "quote")) == 1


def test_the_catch_up_window_is_configurable_and_checked() -> None:
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert load_settings(base).catch_up == timedelta(hours=8)
    assert load_settings({**base, "CATCH_UP_HOURS": "2.5"}).catch_up == timedelta(hours=2.5)
    for bad in ("-1", "24", "soon"):
        try:
            load_settings({**base, "CATCH_UP_HOURS": bad})
        except Exception as error:  # noqa: BLE001 - asserting on the message below
            assert "CATCH_UP_HOURS" in str(error)
        else:
            raise AssertionError(f"{bad} accepted")
