"""A week of practice for a team spread over three time zones, on a manual clock."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.harness import LEAD, TEAM_CHANNEL, Bot

SATURDAY_EVENING = datetime(2026, 11, 28, 23, 0, tzinfo=ZoneInfo("UTC"))
ZONES = {LEAD: "Europe/Dublin", "UNY": "America/New_York", "UDUB": "Europe/Dublin", "UIN": "Asia/Kolkata"}


def run_week(bot: Bot, answering: set[str]) -> None:
    """Advance half an hour at a time; the people in `answering` answer each prompt as it arrives."""
    while bot.clock.now() < SATURDAY_EVENING:
        bot.clock.advance(timedelta(minutes=30))
        bot.tick()
        for sent in bot.sent:
            if sent.at == bot.clock.now() and sent.kind == "prompt" and sent.channel in answering:
                assert "Saved your answer" in bot.ask("/reflect", "I asked what they had tried first.",
                                                      user=sent.channel, channel="D" + sent.channel)


def test_each_member_gets_one_prompt_per_practice_day_at_their_own_local_time(team: Bot) -> None:
    assert "Reminders are off" in team.ask("/practice", "reminders off", user="UDUB", channel="DUDUB")
    run_week(team, answering={"UIN"})

    for user, zone in ZONES.items():
        prompts = team.sent_to(user, "prompt")
        local = [s.at.astimezone(ZoneInfo(zone)) for s in prompts]
        assert [d.date().isoformat() for d in local] == [f"2026-11-{day}" for day in range(23, 28)], user
        assert {d.time() for d in local} == {time(9, 30)}, user
        assert all(d.weekday() < 5 for d in local), user


def test_one_reminder_a_day_only_for_the_unanswered_and_only_if_wanted(team: Bot) -> None:
    assert "Reminders are off" in team.ask("/practice", "reminders off", user="UDUB", channel="DUDUB")
    run_week(team, answering={"UIN"})

    reminders = Counter(s.channel for s in team.sent if s.kind == "reminder")
    assert reminders == {"UNY": 5, LEAD: 5}
    ny_times = {s.at.astimezone(ZoneInfo("America/New_York")).time() for s in team.sent_to("UNY", "reminder")}
    assert ny_times == {time(15, 0)}


def test_the_quote_of_the_day_reaches_the_channel_on_practice_days_without_repeats(team: Bot) -> None:
    run_week(team, answering=set())

    quotes = team.sent_to(TEAM_CHANNEL, "quote")
    local = [s.at.astimezone(ZoneInfo("Europe/Dublin")) for s in quotes]
    assert [d.weekday() for d in local] == [0, 1, 2, 3, 4]
    assert {d.time() for d in local} == {time(9, 0)}
    texts = [s.call.params["text"] for s in quotes]
    assert len(set(texts)) == 5
    assert all(s.call.params.get("unfurl_links") is False for s in quotes)


def test_nothing_reaches_anyone_at_the_weekend(team: Bot) -> None:
    run_week(team, answering=set())
    for sent in team.sent:
        zone = ZONES.get(sent.channel, "Europe/Dublin")
        assert sent.at.astimezone(ZoneInfo(zone)).weekday() < 5, sent
