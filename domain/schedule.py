"""What is due, for whom, right now: per-person time zones and days off are decided here, not in cron jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.drills import DrillMode
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
    summary_time: time = time(8, 30)  # Monday, team-local: last week's summary to the leads
    partners: bool = False  # feedback partners each Monday from the prompt time
    drill_days: frozenset[int] = frozenset()  # weekdays (the person's local) whose practice DM is a drill
    write_day: int | None = None  # the weekday whose practice DM asks for a written first reply instead


@dataclass(frozen=True)
class DrillDays:
    """A team's drill days and its written-drill day, on each person's local calendar."""

    days: frozenset[int] = frozenset()
    write_day: int | None = None

    def mode_on(self, day: date) -> DrillMode | None:
        """Writing on the written-drill day (it wins over a drill day), choosing on a drill day, else None."""
        if self.write_day == day.weekday():
            return DrillMode.WRITE
        return DrillMode.CHOOSE if day.weekday() in self.days else None


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


#: How far ahead a next moment is looked for: further than any away date or run of holidays a team sets
#: in practice; a send with no practice day this far ahead has no moment and is planned again when its
#: team's settings change.
HORIZON_DAYS = 400

#: The kinds with a moment in NextSend that due_now decides (the weekly summary has its own rule).
DAILY_KINDS = (DeliveryKind.QUOTE, DeliveryKind.PROMPT, DeliveryKind.REMINDER)


@dataclass(frozen=True)
class NextSend:
    """The next occurrence of one scheduled send: from `due_at` until `until` (both UTC) due_now may name
    it for `local_date`. The tick reads only the occurrences whose moment has come."""

    kind: DeliveryKind
    team_id: int
    recipient: str
    local_date: date
    due_at: datetime
    until: datetime


def _window(day: date, start: time, grace: timedelta, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """A day's window in UTC, measured on the local wall clock as `_in_window` measures it, so that across a
    daylight-saving change the moment is still the local time people chose."""
    begin = datetime.combine(day, start, tzinfo=tz)
    end = min(begin + grace, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz))
    return begin.astimezone(UTC), end.astimezone(UTC)


def _first(
    kind: DeliveryKind,
    team_id: int,
    recipient: str,
    tz: ZoneInfo,
    now: datetime,
    after: date | None,
    open_on: Callable[[date], tuple[time, timedelta] | None],
) -> NextSend | None:
    """The first day after `after` (from today when None) whose window has not ended by `now`."""
    today = local_now(now, tz).date()
    first = today if after is None else max(today, after + timedelta(days=1))
    for offset in range(HORIZON_DAYS):
        day = first + timedelta(days=offset)
        opening = open_on(day)
        if opening is None:
            continue
        begin, end = _window(day, *opening, tz)
        if end > now:
            return NextSend(kind, team_id, recipient, day, begin, end)
    return None


def next_sends(
    team: TeamPlan, now: datetime, catch_up: timedelta = CATCH_UP, after: Mapping[tuple[str, str], date] = {}
) -> list[NextSend]:
    """Each of the team's scheduled sends at its next occurrence that due_now could name at `now` or later:
    the quote, and each member's prompt and reminder. `after` maps (kind, recipient) to a day already
    settled, whose next occurrence is wanted. Nothing for a paused or stopped team, or for a member whose
    prompts are paused (their team is planned again when that changes)."""
    schedule = team.schedule
    if not schedule.active:
        return []

    def team_day(day: date) -> bool:
        return day.weekday() in schedule.days and day not in schedule.holidays

    found = [
        _first(
            DeliveryKind.QUOTE,
            team.team_id,
            team.channel_id,
            zone(schedule.timezone, "UTC"),
            now,
            after.get((DeliveryKind.QUOTE, team.channel_id)),
            lambda day: (schedule.quote_time, catch_up) if team_day(day) else None,
        )
    ]
    for member in team.members:
        prefs = member.prefs
        if prefs.paused:
            continue
        tz = person_zone(team, member)

        def practice_day(day: date, prefs: PersonPrefs = prefs) -> bool:
            return not member_day_off(schedule, prefs, day)

        member_sends = (
            (DeliveryKind.PROMPT, prompt_time_for(schedule, prefs), catch_up, True),
            (DeliveryKind.REMINDER, reminder_time_for(schedule, prefs), REMINDER_GRACE, prefs.reminders),
        )
        for kind, at, grace, wanted in member_sends:
            if wanted:
                found.append(
                    _first(
                        kind,
                        team.team_id,
                        member.user_id,
                        tz,
                        now,
                        after.get((kind, member.user_id)),
                        lambda day, at=at, grace=grace, ok=practice_day: (at, grace) if ok(day) else None,
                    )
                )
    return [send for send in found if send is not None]


def weekly_send_day(monday: date, holidays: Iterable[date]) -> date | None:
    """The day of the week starting `monday` that a weekly send goes out: Monday, or when it is a team
    holiday (nothing reaches anyone that day) the first day of the week that isn't one."""
    off = set(holidays)
    return next((monday + timedelta(days=n) for n in range(7) if monday + timedelta(days=n) not in off), None)


def next_weekly(
    kind: DeliveryKind,
    team_id: int,
    recipient: str,
    tz: ZoneInfo,
    at: time,
    holidays: Iterable[date],
    now: datetime,
    after: date | None,
) -> NextSend | None:
    """A weekly send's next moment (the leads' summary, the partners): from `at` until midnight on the week's
    send day; its local_date is the Monday (the ledger's key). `after` is a Monday already settled."""
    off = frozenset(holidays)
    today = local_now(now, tz).date()
    monday = today - timedelta(days=today.weekday())
    if after is not None:
        monday = max(monday, after + timedelta(weeks=1))
    for week in range(HORIZON_DAYS // 7):
        this_monday = monday + timedelta(weeks=week)
        day = weekly_send_day(this_monday, off)
        if day is None:
            continue
        begin, end = _window(day, at, timedelta(days=1), tz)
        if end > now:
            return NextSend(kind, team_id, recipient, this_monday, begin, end)
    return None


def describe_days(days: frozenset[int]) -> str:
    if days == WEEKDAYS:
        return "Mon–Fri"
    if days == frozenset(range(7)):
        return "every day"
    return ", ".join(DAY_NAMES[d] for d in sorted(days))
