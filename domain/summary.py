"""A team's week of practice as plain data: which week was asked for, the numbers, and who may need a nudge.

Pure: storage fills these from SQL aggregates and blocks.py renders them. This is for coaching, not a
leaderboard, so people are always listed by user id, never ordered by how much they did.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.schedule import weekly_send_day
from domain.skills import SKILL_KEYS
from domain.text import clip, escape_mrkdwn

CHART_WEEKS = 8
# Streaks look back this far (one bounded query for the whole team); a longer one shows as "N+".
STREAK_LOOKBACK_DAYS = 84
NUDGE_FEEDBACK_DAYS = 28
NO_ANSWERS = "no answers this week"
NO_FEEDBACK = f"no feedback given or received in {NUDGE_FEEDBACK_DAYS} days"
CSV_HEADER = (
    "user_id",
    "week",
    "delivered",
    "answered",
    "rate",
    "feedback_given",
    "feedback_received",
    "streak",
    "drills",
    "written_replies",
    "reviews_given",
    "reviews_received",
    "calibrations",
)

_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$", re.IGNORECASE)
_EXAMPLES = (
    "`/summary` (this week so far), `/summary last`, or an ISO week like `/summary 2026-W47`; "
    "add `csv` for a spreadsheet, as in `/summary last csv`."
)


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week (Monday to Sunday), read in the team's time zone."""

    year: int
    number: int

    @staticmethod
    def of(day: date) -> Week:
        iso = day.isocalendar()
        return Week(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        """The Monday after: weeks are half-open ranges of local dates."""
        return self.monday + timedelta(days=7)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def slot(self) -> int:
        """A stable integer for ledger keys, e.g. 202647."""
        return self.year * 100 + self.number

    def shifted(self, weeks: int) -> Week:
        return Week.of(self.monday + timedelta(weeks=weeks))

    def utc_bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """Team-local Monday midnight to the next, in UTC, for columns stored as UTC instants."""
        start = datetime.combine(self.monday, time(0), tzinfo=tz).astimezone(UTC)
        return start, datetime.combine(self.end, time(0), tzinfo=tz).astimezone(UTC)


def weekly_due(local: datetime, at: time, holidays: Iterable[date]) -> date | None:
    """The Monday (ledger key) whose "last week" summary is due at this team-local moment, or None.

    Due from `at` until midnight on Monday; when Monday is a team holiday (nothing reaches anyone that day),
    on the first day of the week that isn't one."""
    monday = local.date() - timedelta(days=local.weekday())
    if weekly_send_day(monday, holidays) != local.date() or local.time() < at:
        return None
    return monday


def weeks_in(year: int) -> int:
    """52 or 53: 28 December always falls in a year's last ISO week."""
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True)
class SummaryRequest:
    """What `/summary ...` asked for: this week, last week or a named one, as blocks or as a CSV file."""

    which: str = "this"  # this | last | named
    week: Week | None = None
    csv: bool = False

    def resolve(self, today: date) -> Week:
        current = Week.of(today)
        if self.which == "last":
            return current.shifted(-1)
        return self.week if self.which == "named" and self.week is not None else current


@dataclass(frozen=True)
class SummaryParseError:
    message: str


def _echo(text: str) -> str:
    return escape_mrkdwn(clip(" ".join(text.split()), 40))


def parse_request(text: str) -> SummaryRequest | SummaryParseError:
    """`""`, `this`, `last`, `2026-W47` (or `2026w47`), each optionally with `csv`."""
    words = text.lower().split()
    as_csv = "csv" in words
    rest = [w for w in words if w != "csv"]
    if not rest or rest in (["this"], ["this", "week"]):
        return SummaryRequest("this", csv=as_csv)
    if rest in (["last"], ["last", "week"]):
        return SummaryRequest("last", csv=as_csv)
    if len(rest) == 1 and (match := _ISO_WEEK.match(rest[0])):
        year, number = int(match.group(1)), int(match.group(2))
        if year < 2000 or year > 9998:
            return SummaryParseError(f"{year} is out of range. Try {_EXAMPLES}")
        if not 1 <= number <= weeks_in(year):
            return SummaryParseError(
                f"{year} has no week {number}: its ISO weeks run from W01 to W{weeks_in(year)}. Try {_EXAMPLES}"
            )
        return SummaryRequest("named", Week(year, number), as_csv)
    return SummaryParseError(f"I can't read “{_echo(text)}” as a week. Try {_EXAMPLES}")


def week_problem(week: Week, today: date) -> str | None:
    """A week that has not started has nothing to show yet."""
    if week.monday > today:
        return f"{week.label} hasn't started yet. `/summary` shows this week so far."
    return None


@dataclass(frozen=True)
class Tally:
    """Prompts delivered and answered."""

    delivered: int = 0
    answered: int = 0

    @property
    def rate(self) -> float | None:
        return self.answered / self.delivered if self.delivered else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.delivered + other.delivered, self.answered + other.answered)


@dataclass(frozen=True)
class Streak:
    days: int = 0
    capped: bool = False  # the streak reaches back past the lookback window

    def __str__(self) -> str:
        return f"{self.days}+" if self.capped else str(self.days)


@dataclass(frozen=True)
class PersonWeek:
    user_id: str
    prompts: Tally = Tally()
    feedback_given: int = 0
    feedback_received: int = 0
    streak: Streak = Streak()
    member: bool = True  # still in the team (someone who left mid-week still counts in the totals)


@dataclass(frozen=True)
class SharedAnswer:
    """An answer whose author chose to let the lead ("lead") or the team ("team") read it."""

    user_id: str
    skill: str
    visibility: str
    text: str
    day: date
    #: What a thoughtful answer to its prompt touches on, for the lead to hold it against ("" when retired).
    look_for: str = ""


@dataclass(frozen=True)
class TeamQuestionWeek:
    """A team question of the week and how many people replied in its thread; the replies stay in the thread."""

    day: date
    skill: str
    text: str
    took_part: int


@dataclass(frozen=True)
class DrillWeek:
    """The team's drills in one skill this week: how many, and how first tries went (never who missed)."""

    done: int
    first_tries: int
    first_best: int

    @property
    def accuracy(self) -> float | None:
        return self.first_best / self.first_tries if self.first_tries else None


@dataclass(frozen=True)
class CalibrationWeek:
    """A calibration round revealed this week: how many rated, and how often their ticks matched the bank's."""

    skill: str
    raters: int
    agreement: float | None


@dataclass(frozen=True)
class QuoteLine:
    text: str
    author: str


@dataclass(frozen=True)
class Nudge:
    user_id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class WeekPoint:
    """One week of the team's history: the input to week-over-week change and the chart."""

    week: Week
    prompts: Tally = Tally()
    skills: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    answered: int
    rate_points: float | None  # percentage points; None when either week had nothing delivered


@dataclass(frozen=True)
class WeekSummary:
    team_id: int
    channel_id: str
    week: Week
    so_far: bool
    people: tuple[PersonWeek, ...]
    history: tuple[WeekPoint, ...]  # oldest first; the last one is `week`
    quotes: tuple[QuoteLine, ...] = ()
    shared: tuple[SharedAnswer, ...] = ()
    shared_total: int = 0
    nudges: tuple[Nudge, ...] = ()
    feedback_total: int = 0  # all feedback within the team this week, anonymous included
    team_questions: tuple[TeamQuestionWeek, ...] = ()
    drills: Mapping[str, DrillWeek] = field(default_factory=dict)  # per skill, only those drilled
    drills_by_person: Mapping[str, int] = field(default_factory=dict)  # drills done, for the lead's CSV
    written: int = 0  # replies the team wrote to drills
    self_reviewed: int = 0  # of them, checked by their authors against the strong-reply checks
    peer_reviews: int = 0  # reviews teammates gave each other's written replies
    calibrations: tuple[CalibrationWeek, ...] = ()
    #: Per person, for the lead's CSV: (replies written to drills, peer reviews given, received, calibrations).
    writing_by_person: Mapping[str, tuple[int, int, int, int]] = field(default_factory=dict)
    lessons_back: int = 0  # reflections marked worth remembering that came back to their writers this week
    lessons_used: int = 0  # of the replies to them, "yes, I used it"
    #: Members with a focus skill running at the week's end (or today, so far), per skill: never who.
    focus: Mapping[str, int] = field(default_factory=dict)

    @property
    def drill_totals(self) -> DrillWeek:
        weeks = self.drills.values()
        return DrillWeek(
            sum(w.done for w in weeks), sum(w.first_tries for w in weeks), sum(w.first_best for w in weeks)
        )

    @property
    def totals(self) -> Tally:
        return self.history[-1].prompts

    @property
    def previous(self) -> Tally:
        return self.history[-2].prompts if len(self.history) > 1 else Tally()

    @property
    def change(self) -> Change:
        return week_over_week(self.totals, self.previous)

    @property
    def skills(self) -> dict[str, int]:
        """All nine skills, in the model's order, with zero for those not practised: answers, and the people who
        replied to a team question on that skill."""
        counts = dict(self.history[-1].skills)
        for asked in self.team_questions:
            counts[asked.skill] = counts.get(asked.skill, 0) + asked.took_part
        return {key: counts.get(key, 0) for key in SKILL_KEYS}

    @property
    def focusing(self) -> int:
        """Members with a focus running: each has one at most."""
        return sum(self.focus.values())

    @property
    def practising(self) -> int:
        return sum(1 for p in self.people if p.prompts.answered)


def week_over_week(current: Tally, previous: Tally) -> Change:
    points = None
    if current.rate is not None and previous.rate is not None:
        points = round((current.rate - previous.rate) * 100, 1)
    return Change(current.answered - previous.answered, points)


def history(weeks: Iterable[Week], daily: Iterable[tuple[date, str | None, int, int]]) -> tuple[WeekPoint, ...]:
    """Bucket (local date, skill answered or None, delivered, answered) rows into the given weeks."""
    order = sorted(set(weeks))
    tallies = {w: Tally() for w in order}
    skills: dict[Week, dict[str, int]] = {w: {} for w in order}
    for day, skill, delivered, answered in daily:
        week = Week.of(day)
        if week not in tallies:
            continue
        tallies[week] += Tally(delivered, answered)
        if skill and answered:
            skills[week][skill] = skills[week].get(skill, 0) + answered
    return tuple(WeekPoint(w, tallies[w], skills[w]) for w in order)


def streak_of(days: int, last_missed: date | None, first_prompt: date | None, since: date) -> Streak:
    """A streak counted back to the last missed prompt, looking no further than `since`.

    Days with no prompt (weekends, holidays, away, paused) neither break nor extend it. With no miss since
    `since` and prompts reaching back to its first week, older answers probably continue it: shown as "N+"."""
    reaches_back = first_prompt is not None and first_prompt < since + timedelta(days=7)
    return Streak(days, capped=days > 0 and last_missed is None and reaches_back)


def people(
    members: Iterable[str],
    tallies: Mapping[str, Tally],
    given: Mapping[str, int],
    received: Mapping[str, int],
    streaks: Mapping[str, Streak],
) -> tuple[PersonWeek, ...]:
    """Everyone in the team now plus anyone who got a prompt that week, by user id (never by volume)."""
    current = set(members)
    everyone = sorted(current | set(tallies))
    return tuple(
        PersonWeek(
            user_id=u,
            prompts=tallies.get(u, Tally()),
            feedback_given=given.get(u, 0),
            feedback_received=received.get(u, 0),
            streak=streaks.get(u, Streak()),
            member=u in current,
        )
        for u in everyone
    )


def nudges(people: Iterable[PersonWeek], feedback_active: set[str]) -> tuple[Nudge, ...]:
    """Current members with no answers to this week's prompts, or no feedback either way in 28 days.

    Someone who got no prompt (away, paused) is not nudged for not answering."""
    found = []
    for person in people:
        if not person.member:
            continue
        reasons = []
        if person.prompts.delivered and not person.prompts.answered:
            reasons.append(NO_ANSWERS)
        if person.user_id not in feedback_active:
            reasons.append(NO_FEEDBACK)
        if reasons:
            found.append(Nudge(person.user_id, tuple(reasons)))
    return tuple(found)


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{round(rate * 100)}%"


DRILL_CSV_HEADER = ("skill", "week", "drills", "first_tries", "first_tries_right", "first_try_rate")


def csv_text(summary: WeekSummary) -> str:
    """Counts only, one row per person: no answer text ever leaves in a file. When the team drilled, a second
    table follows a blank line: per skill for the whole team, so nobody's misses are shown."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for p in summary.people:
        rate = "" if p.prompts.rate is None else f"{p.prompts.rate:.2f}"
        writer.writerow(
            (
                p.user_id,
                summary.week.label,
                p.prompts.delivered,
                p.prompts.answered,
                rate,
                p.feedback_given,
                p.feedback_received,
                str(p.streak),
                summary.drills_by_person.get(p.user_id, 0),
                *summary.writing_by_person.get(p.user_id, (0, 0, 0, 0)),
            )
        )
    if summary.drills:
        writer.writerow(())
        writer.writerow(DRILL_CSV_HEADER)
        for key in SKILL_KEYS:
            if (week := summary.drills.get(key)) is not None:
                rate = "" if week.accuracy is None else f"{week.accuracy:.2f}"
                writer.writerow((key, summary.week.label, week.done, week.first_tries, week.first_best, rate))
    return out.getvalue()
