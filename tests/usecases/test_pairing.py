"""Feedback partners: a lead turns them on, and every Monday each member learns their partner by DM, once;
partners rotate so everyone meets everyone."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from domain.pairing import Group, all_pairs, pairs_in
from storage.models import Pairing, Team
from tests.domain.test_pairing import fewest_repeats
from tests.harness import LEAD, TEAM_CHANNEL, Bot, text_of
from usecases.tick import run_tick

FIRST_MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # the team's time zone is Europe/Dublin (UTC in winter)
FIVE = (LEAD, "UANA", "UBEN", "UCAI", "UDEV")


@pytest.fixture
def five(bot: Bot, slack) -> Bot:
    for user, name in zip(FIVE[1:], ("ana", "ben", "cai", "dev"), strict=True):
        slack.add_user(user, name=name, tz="Europe/Dublin")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(*FIVE, "UBOT"))
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)
    return bot


def partners_on(bot: Bot) -> None:
    assert "Feedback partners are on" in bot.ask("/practice", "partners on", user=LEAD)


def monday(bot: Bot, week: int) -> None:
    """Before, at and after the team's prompt time (09:30) on the week's Monday."""
    day = FIRST_MONDAY + timedelta(weeks=week)
    for hour, minute in ((9, 0), (9, 30), (9, 45), (14, 0), (23, 45)):
        bot.clock.set(day.replace(hour=hour, minute=minute))
        bot.tick()


def partner_dms(bot: Bot, since: datetime) -> dict[str, list[str]]:
    """Who was told which partners (by the mentions in their DM), for DMs sent since `since`."""
    told: dict[str, list[str]] = {}
    for user in FIVE:
        for sent in bot.sent_to(user, "pairing"):
            if sent.at >= since:
                assert user not in told, f"{user} got a second partner DM"
                told[user] = re.findall(r"<@(U[A-Z0-9]+)>", sent.call.params["text"])
    return told


def groups_from(told: dict[str, list[str]]) -> list[Group]:
    return sorted({tuple(sorted([user, *partners])) for user, partners in told.items()})


def test_only_a_lead_turns_partners_on_in_the_team_channel(five: Bot) -> None:
    assert "Only a team lead" in five.ask("/practice", "partners on", user="UANA")
    assert "isn't a practice team" in five.ask("/practice", "partners on", user=LEAD, channel="DULEAD")
    with five.deps.sessions() as session:
        assert session.exec(select(Team.pairing_enabled)).one() is False

    partners_on(five)
    with five.deps.sessions() as session:
        assert session.exec(select(Team.pairing_enabled)).one() is True
    assert f"*Feedback partners:* on in <#{TEAM_CHANNEL}>" in five.ask("/practice", "status", user="UANA")

    assert "Feedback partners are off" in five.ask("/practice", "partners off", user=LEAD)
    monday(five, 0)
    assert partner_dms(five, FIRST_MONDAY) == {}


def test_nobody_is_paired_unless_a_lead_turned_partners_on(five: Bot) -> None:
    monday(five, 0)
    assert partner_dms(five, FIRST_MONDAY) == {}
    assert "*Feedback partners:* off" in five.ask("/practice", "status", user="UANA")


def test_partners_come_on_monday_at_the_teams_prompt_time_not_before(five: Bot) -> None:
    partners_on(five)
    five.clock.set(FIRST_MONDAY.replace(hour=9, minute=15))
    five.tick()
    assert partner_dms(five, FIRST_MONDAY) == {}
    five.clock.set(FIRST_MONDAY.replace(hour=9, minute=30))
    five.tick()
    assert sorted(partner_dms(five, FIRST_MONDAY)) == sorted(FIVE)


def test_a_team_of_five_over_five_mondays_meets_everyone_with_one_trio_a_week(five: Bot) -> None:
    partners_on(five)
    cycle: list[list[Group]] = []
    for week in range(5):
        start = FIRST_MONDAY + timedelta(weeks=week)
        floor = fewest_repeats(list(FIVE), cycle)
        monday(five, week)
        told = partner_dms(five, start)
        assert sorted(told) == sorted(FIVE), f"week {week + 1}: everyone gets exactly one partner DM"
        groups = groups_from(told)
        assert sorted(len(g) for g in groups) == [2, 3], f"week {week + 1}: one pair and one trio"
        met = {pair for past in cycle for g in past for pair in pairs_in(g)}
        assert sum(p in met for g in groups for p in pairs_in(g)) == floor, "no repeat a grouping could avoid"
        cycle.append(groups)
        if week == 2:
            assert {p for past in cycle for g in past for p in pairs_in(g)} == all_pairs(FIVE)
            cycle = []
    dm = five.sent_to("UANA", "pairing")[-1].call
    assert "/feedback <@" in text_of(dm) and "partner" in text_of(dm)


def test_partners_are_announced_once_across_a_restart(five: Bot, slack, database_url, clock) -> None:
    partners_on(five)
    clock.set(FIRST_MONDAY.replace(hour=9, minute=45))
    five.tick()
    first = partner_dms(five, FIRST_MONDAY)
    assert sorted(first) == sorted(FIVE)
    five.close()

    restarted = Bot(slack, database_url, clock)
    try:
        for hour in (10, 12, 23):
            clock.set(FIRST_MONDAY.replace(hour=hour))
            restarted.tick()
        posts = [c for c in slack.calls_to("chat.postMessage") if restarted.kind_of(c) == "pairing"]
        assert sorted(c.params["channel"] for c in posts) == sorted(FIVE)
        with restarted.deps.sessions() as session:
            assert len(session.exec(select(Pairing)).all()) == 2
    finally:
        restarted.close()


def test_two_schedulers_racing_announce_the_same_pairs_once(five: Bot, slack, database_url, clock) -> None:
    partners_on(five)
    replica = Bot(slack, database_url, clock)
    try:
        clock.set(FIRST_MONDAY.replace(hour=10))
        start = threading.Barrier(2)

        def run(bot: Bot) -> None:
            start.wait()
            run_tick(bot.deps)

        threads = [threading.Thread(target=run, args=(b,)) for b in (five, replica)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        told = partner_dms(five, FIRST_MONDAY)
        assert sorted(told) == sorted(FIVE)
        with five.deps.sessions() as session:
            stored = sorted(
                tuple(m for m in (p.user_a, p.user_b, p.user_c) if m) for p in session.exec(select(Pairing))
            )
        assert groups_from(told) == stored
    finally:
        replica.close()


def test_someone_who_paused_their_prompts_gets_no_partner(five: Bot) -> None:
    partners_on(five)
    five.ask("/practice", "pause me", user="UDEV", channel="DUDEV")
    monday(five, 0)
    told = partner_dms(five, FIRST_MONDAY)
    assert sorted(told) == sorted(set(FIVE) - {"UDEV"})
    assert all("UDEV" not in partners for partners in told.values())
    assert sorted(len(g) for g in groups_from(told)) == [2, 2]
