"""What is due, for whom, right now: per-person time zones and days off are decided here, not in cron jobs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.ledger import DeliveryKind

WEEKDAYS: frozenset[int] = frozenset(range(5))
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# A missed send (the bot was down, a slow tick) is still worth making this long after its time; later it is
# skipped so nobody gets a burst of stale prompts in the evening. Prompts and quotes use the deployment's
# CATCH_UP_HOURS (this is its default); a reminder is only useful a short while after its time.
CATCH_UP = timedelta(hours=8)
REMINDER_GRACE = timedelta(hours=4)
# A reminder never comes sooner than this after the prompt, whatever the team's reminder time.
REMINDER_MIN_GAP = timedelta(hours=2)


@dataclass(frozen=True)
class TeamSchedule:
    days: frozenset[int] = WEEKDAYS
    prompt_time: time = time(9, 30)
    quote_time: time = time(9, 0)
    reminder_time: time = time(15, 0)
    timezone: str = "UTC"
    holidays: frozenset[date] = frozenset()
    active: bool = True


@dataclass(frozen=True)
class PersonPrefs:
    """A member's own settings; `timezone` comes from their Slack profile (None: use the team's)."""

    timezone: str | None = None
    own_time: time | None = None
    own_days: frozenset[int] | None = None
    away_until: date | None = None
    paused: bool = False
    reminders: bool = True


@dataclass(frozen=True)
class Member:
    user_id: str
    prefs: PersonPrefs = PersonPrefs()


class TeamStatus(StrEnum):
    """A team runs, is paused by a lead (nothing sent, settings kept), or is stopped (`/practice stop`, or the
    app uninstalled; `/practice start` brings it back)."""

    ACTIVE = "active"
    PAUSED = "paused"
    STOPPED = "stopped"


@dataclass(frozen=True)
class TeamPlan:
    """A team as the scheduler sees it (its table is storage.models.Team): schedule and members."""

    team_id: int
    channel_id: str
    schedule: TeamSchedule
    members: tuple[Member, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Due:
    """One send that should happen now; (recipient, kind, local_date) is its ledger key."""

    kind: DeliveryKind
    team_id: int
    recipient: str
    local_date: date


def zone(name: str | None, fallback: str) -> ZoneInfo:
    for candidate in (name, fallback, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (KeyError, ValueError):
                continue
    return ZoneInfo("UTC")


def person_zone(team: TeamPlan, member: Member) -> ZoneInfo:
    return zone(member.prefs.timezone, team.schedule.timezone)


def local_now(now: datetime, tz: ZoneInfo) -> datetime:
    return now.astimezone(tz)


def member_day_off(schedule: TeamSchedule, prefs: PersonPrefs, day: date) -> bool:
    """A day off is never sent anything: own days, away, paused, a team holiday or a non-practice day."""
    days = prefs.own_days if prefs.own_days is not None else schedule.days
    if day.weekday() not in days or day in schedule.holidays:
        return True
    return member_unavailable(prefs, day)


def member_unavailable(prefs: PersonPrefs, day: date) -> bool:
    """Days off that hold even when a lead sends prompts now: the person's own pause or absence."""
    if prefs.paused:
        return True
    if prefs.away_until is not None and day <= prefs.away_until:
        return True
    return prefs.own_days is not None and day.weekday() not in prefs.own_days


def _in_window(moment: datetime, start: time, grace: timedelta) -> bool:
    day_start = datetime.combine(moment.date(), start, tzinfo=moment.tzinfo)
    end = min(day_start + grace, datetime.combine(moment.date() + timedelta(days=1), time(0), moment.tzinfo))
    return day_start <= moment < end


def prompt_time_for(schedule: TeamSchedule, prefs: PersonPrefs) -> time:
    return prefs.own_time or schedule.prompt_time


def reminder_time_for(schedule: TeamSchedule, prefs: PersonPrefs) -> time:
    earliest = (datetime.combine(date(2000, 1, 1), prompt_time_for(schedule, prefs)) + REMINDER_MIN_GAP).time()
    if earliest < prompt_time_for(schedule, prefs):
        return time(23, 59)
    return max(schedule.reminder_time, earliest)


def due_now(now: datetime, teams: Iterable[TeamPlan], catch_up: timedelta = CATCH_UP) -> list[Due]:
    """Everything whose local time has come today and is still within its catch-up window; only today's, so
    a bot that was down for days sends nothing from the days it missed.

    Prompts and reminders are per person across teams: the first team (by id) that makes one due
    owns it, so a member of two teams still gets one prompt a day. Reminders are candidates only:
    the caller sends them when the day's prompt went out and is still unanswered.
    """
    due: list[Due] = []
    seen: set[tuple[str, DeliveryKind]] = set()
    for team in sorted(teams, key=lambda t: t.team_id):
        schedule = team.schedule
        if not schedule.active:
            continue
        team_local = local_now(now, zone(schedule.timezone, "UTC"))
        if (
            team_local.weekday() in schedule.days
            and team_local.date() not in schedule.holidays
            and _in_window(team_local, schedule.quote_time, catch_up)
        ):
            due.append(Due(DeliveryKind.QUOTE, team.team_id, team.channel_id, team_local.date()))
        for member in team.members:
            local = local_now(now, person_zone(team, member))
            if member_day_off(schedule, member.prefs, local.date()):
                continue
            if (member.user_id, "prompt") not in seen and _in_window(
                local, prompt_time_for(schedule, member.prefs), catch_up
            ):
                seen.add((member.user_id, "prompt"))
                due.append(Due(DeliveryKind.PROMPT, team.team_id, member.user_id, local.date()))
            if (
                member.prefs.reminders
                and (member.user_id, "reminder") not in seen
                and _in_window(local, reminder_time_for(schedule, member.prefs), REMINDER_GRACE)
            ):
                seen.add((member.user_id, "reminder"))
                due.append(Due(DeliveryKind.REMINDER, team.team_id, member.user_id, local.date()))
    return due


def describe_days(days: frozenset[int]) -> str:
    if days == WEEKDAYS:
        return "Mon–Fri"
    if days == frozenset(range(7)):
        return "every day"
    return ", ".join(DAY_NAMES[d] for d in sorted(days))
