"""The schedule's next moments: every change a team or a person makes moves them, daylight-saving changes
leave everyone's prompt at their local time, and a quiet minute reads the same whatever the team count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event
from sqlmodel import select

from domain.schedule import NextSend
from storage import queries
from storage.models import NextSend as NextSendRow
from storage.models import Team
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import LEAD, TEAM_CHANNEL, Bot
from usecases import schedule, tick


def stored(bot: Bot) -> set[NextSend]:
    with bot.deps.sessions() as session:
        return {
            NextSend(r.kind, r.team_id, r.recipient, r.local_date, _utc(r.due_at), _utc(r.until))
            for r in session.exec(select(NextSendRow))
        }


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def from_scratch(bot: Bot) -> set[NextSend]:
    """What planning every team afresh right now would store."""
    with bot.deps.sessions() as session:
        plans = queries.load_plans(session, include_paused=True)
    return {send for plan in plans for send in schedule.planned(bot.deps, plan, bot.clock.now())}


def upcoming(sends: set[NextSend], now: datetime) -> set[NextSend]:
    """Occurrences still ahead: one already settled today is moved on in the table and recomputed as today's
    from scratch, so only those due later are compared."""
    return {s for s in sends if s.due_at > now}


CHANGES = {
    "the team's schedule": [("schedule prompt 11:15 days mon-sat", LEAD)],
    "the team's time zone": [("schedule tz America/Chicago", LEAD)],
    "a holiday, then not": [("holiday 2026-11-23", LEAD), ("holiday remove 2026-11-23", LEAD)],
    "a person's own time": [("my-time 07:00 tue-sat", "UDUB"), ("my-time reset", "UDUB")],
    "a person away, then back": [("away 2026-11-27", "UNY"), ("back", "UNY")],
    "a person's pause": [("pause me", "UIN"), ("resume me", "UIN")],
    "reminders off": [("reminders off", "UDUB"), ("reminders on", "UDUB")],
    "the team's pause": [("pause", LEAD), ("resume", LEAD)],
    "the team stopped, then started": [("stop", LEAD), ("start", LEAD)],
    "feedback partners": [("partners on", LEAD), ("partners off", LEAD)],
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_after_each_change_a_person_or_lead_makes_the_next_moments_are_what_planning_afresh_gives(
    team: Bot, change: list[tuple[str, str]]
) -> None:
    team.tick()
    seen = [stored(team)]
    for text, user in change:
        reply = team.ask("/practice", text, user=user, channel=TEAM_CHANNEL if user == LEAD else f"D{user}")
        assert "Sorry" not in reply, reply
        team.tick()
        assert upcoming(stored(team), team.clock.now()) == upcoming(from_scratch(team), team.clock.now()), text
        seen.append(stored(team))
    assert seen[1] != seen[0]
    assert seen[-1] == seen[0] or len(change) == 1


def test_someone_who_moves_time_zone_gets_their_next_prompt_at_the_new_local_time(team: Bot, slack) -> None:
    team.tick()
    slack.add_user("UDUB", name="dara", tz="Asia/Tokyo")
    team.clock.advance(timedelta(days=1, minutes=30))
    team.tick()  # the daily directory refresh reads the new zone

    (prompt,) = [s for s in stored(team) if s.recipient == "UDUB" and s.kind == "prompt"]
    assert prompt.due_at.astimezone(ZoneInfo("Asia/Tokyo")).time() == time(9, 30)


def test_a_member_who_leaves_the_channel_has_no_moments_left(team: Bot, slack: FakeSlackAPI) -> None:
    team.tick()
    slack.set_members(TEAM_CHANNEL, [LEAD, "UNY", "UDUB", "UBOT"])
    team.clock.advance(timedelta(days=1, minutes=30))
    team.tick()
    assert not [s for s in stored(team) if s.recipient == "UIN"]


# ---- daylight-saving changes in 2027 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone_name", "change"),
    [
        ("America/New_York", date(2027, 3, 14)),  # clocks forward
        ("Europe/Dublin", date(2027, 3, 28)),  # clocks forward
        ("Australia/Sydney", date(2027, 4, 4)),  # clocks back
        ("Australia/Sydney", date(2027, 10, 3)),  # clocks forward
    ],
)
def test_across_a_daylight_saving_change_everyone_gets_one_prompt_a_day_at_their_local_time(
    bot: Bot, slack: FakeSlackAPI, zone_name: str, change: date
) -> None:
    slack.add_user("ULOCAL", name="local", tz=zone_name)
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, "ULOCAL", "UBOT"))
    tz = ZoneInfo(zone_name)
    bot.clock.set(datetime.combine(change - timedelta(days=2), time(0, 30), tz))
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)
    assert "every day" in bot.ask("/practice", f"schedule days mon-sun tz {zone_name}", user=LEAD)

    bot.run_until(datetime.combine(change + timedelta(days=3), time(0), tz), step=timedelta(hours=1))  # at hh:30

    prompts = [s.at.astimezone(tz) for s in bot.sent_to("ULOCAL", "prompt")]
    days = Counter(moment.date() for moment in prompts)
    assert days == {change + timedelta(days=n): 1 for n in range(-2, 3)}
    assert {moment.time() for moment in prompts} == {time(9, 30)}


# ---- a quiet minute ------------------------------------------------------------------------------


@contextmanager
def statements(bot: Bot) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(bot.deps.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(bot.deps.engine, "before_cursor_execute", record)


def quiet_tick_statements(bot: Bot, slack: FakeSlackAPI, teams: int) -> list[str]:
    for n in range(teams):
        channel = f"CQ{n:03d}"
        people = [f"UQ{n:03d}{m}" for m in range(3)]
        for person in people:
            slack.add_user(person, tz="Europe/Dublin")
        slack.add_channel(channel, name=f"quiet-{n}", members=(LEAD, *people))
        bot.ask("/practice", "start", user=LEAD, channel=channel)
    bot.clock.set(datetime(2026, 11, 24, 3, 0, tzinfo=UTC))  # Tuesday, 03:00 in Dublin: nothing is due
    bot.tick()  # plans the teams
    bot.clock.advance(timedelta(minutes=1))
    with statements(bot) as seen:
        outcome = tick.run_tick(bot.deps)
    assert not outcome
    return [s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SET", "SELECT 1"))]


def test_a_quiet_minute_reads_the_same_whether_there_are_two_teams_or_twelve(bot: Bot, slack: FakeSlackAPI) -> None:
    few = quiet_tick_statements(bot, slack, 2)
    with bot.deps.sessions() as session:
        assert len(session.exec(select(Team)).all()) == 2
    many = quiet_tick_statements(bot, slack, 10)

    assert len(many) == len(few)
    assert not [s for s in many if "FROM teammember" in s or "FROM person" in s]


def test_many_teams_to_plan_are_planned_a_batch_at_a_time_and_all_of_them(
    bot: Bot, slack: FakeSlackAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schedule, "REPLAN_BATCH", 2)
    for n in range(5):
        slack.add_user(f"UP{n}", tz="Europe/Dublin")
        slack.add_channel(f"CP{n}", name=f"planned-{n}", members=(LEAD, f"UP{n}"))
        bot.ask("/practice", "start", user=LEAD, channel=f"CP{n}")

    bot.tick()

    assert stored(bot) == from_scratch(bot)
    assert {s.team_id for s in stored(bot)} == set(range(1, 6))
