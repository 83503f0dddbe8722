"""What is due for whom, in their own time zone, on their own days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from domain.schedule import Member, PersonPrefs, TeamPlan, TeamSchedule, due_now, reminder_time_for

MONDAY = date(2026, 11, 23)


def team(*members: Member, **schedule) -> TeamPlan:
    return TeamPlan(1, "CTEAM", TeamSchedule(timezone="Europe/Dublin", **schedule), members)


def kinds(at: datetime, plan: TeamPlan) -> set[tuple[str, str]]:
    return {(d.kind, d.recipient) for d in due_now(at, [plan])}


def test_a_prompt_is_due_at_the_members_own_local_time() -> None:
    kolkata = Member("UIN", PersonPrefs(timezone="Asia/Kolkata"))
    plan = team(kolkata)
    assert ("prompt", "UIN") not in kinds(datetime(2026, 11, 23, 3, 59, tzinfo=UTC), plan)
    assert ("prompt", "UIN") in kinds(datetime(2026, 11, 23, 4, 0, tzinfo=UTC), plan)  # 09:30 IST


def test_nothing_is_due_at_the_weekend() -> None:
    plan = team(Member("U1"))
    assert kinds(datetime(2026, 11, 28, 12, 0, tzinfo=UTC), plan) == set()


def test_a_shift_worker_gets_their_prompt_on_their_own_days_and_time() -> None:
    plan = team(Member("U1", PersonPrefs(own_time=time(7, 0), own_days=frozenset({1, 2, 3, 4, 5}))))
    assert ("prompt", "U1") not in kinds(datetime(2026, 11, 23, 7, 0, tzinfo=UTC), plan)  # Monday off
    assert ("prompt", "U1") in kinds(datetime(2026, 11, 28, 7, 0, tzinfo=UTC), plan)  # Saturday on
    assert ("quote", "CTEAM") not in kinds(datetime(2026, 11, 28, 9, 0, tzinfo=UTC), plan)


def test_away_paused_and_holidays_are_days_off() -> None:
    at = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert kinds(at, team(Member("U1", PersonPrefs(away_until=MONDAY)))) == {("quote", "CTEAM")}
    assert kinds(at, team(Member("U1", PersonPrefs(paused=True)))) == {("quote", "CTEAM")}
    assert kinds(at, team(Member("U1"), holidays=frozenset({MONDAY}))) == set()
    assert kinds(at, team(Member("U1"), active=False)) == set()


def test_a_missed_prompt_is_caught_up_within_the_grace_window_only() -> None:
    plan = team(Member("U1"))
    assert ("prompt", "U1") in kinds(datetime(2026, 11, 23, 13, 0, tzinfo=UTC), plan)
    assert ("prompt", "U1") not in kinds(datetime(2026, 11, 23, 18, 0, tzinfo=UTC), plan)


def test_a_member_in_two_teams_gets_one_prompt() -> None:
    member = Member("U1")
    first = TeamPlan(1, "C1", TeamSchedule(), (member,))
    second = TeamPlan(2, "C2", TeamSchedule(), (member,))
    dues = [d for d in due_now(datetime(2026, 11, 23, 10, 0, tzinfo=UTC), [second, first]) if d.kind == "prompt"]
    assert [(d.team_id, d.recipient) for d in dues] == [(1, "U1")]


def test_the_reminder_never_comes_sooner_than_two_hours_after_the_prompt() -> None:
    schedule = TeamSchedule(reminder_time=time(15, 0))
    assert reminder_time_for(schedule, PersonPrefs(own_time=time(14, 0))) == time(16, 0)
    assert reminder_time_for(schedule, PersonPrefs()) == time(15, 0)
    assert reminder_time_for(schedule, PersonPrefs(own_time=time(22, 30))) == time(23, 59)
