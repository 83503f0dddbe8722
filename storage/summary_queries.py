"""SQL for weekly summaries: GROUP BY and COUNT in the database over (team, local date / created_at) indexes,
so a team of 1,000 with years of history never loads its rows into Python.

Portable SQL (SQLite and PostgreSQL): weeks are ranges of `Delivery.local_date`, or of UTC instants
computed in Python from the team-local week bounds. Where the two planners differ, so does the SQL, and only in
how rows meet: a prompt finds its answer by an index probe per row on both (`_answer_of_prompt`), written so
that PostgreSQL cannot turn it into a hash join over every answer ever written; and streaks walk member by
member, which SQLite's joins do anyway and PostgreSQL's need a LATERAL for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, true
from sqlmodel import Session, select

from domain.ledger import DeliveryKind, DeliveryStatus
from domain.schedule import TeamStatus
from storage.chunks import chunks
from storage.drill_queries import CHOSEN
from storage.lease_queries import Liveness, claim_held
from storage.models import (
    Answer,
    CalibrationRating,
    CalibrationRound,
    Delivery,
    DrillReview,
    DrillRound,
    DrillWriting,
    Feedback,
    Focus,
    Person,
    Team,
    TeamHoliday,
    TeamLead,
    TeamMember,
)

SHARED_VISIBILITIES = ("lead", "team")


def _prompts_between(team_id: int, start: date, end: date):  # type: ignore[no-untyped-def]
    return and_(
        Delivery.team_id == team_id,
        Delivery.local_date >= start,
        Delivery.local_date < end,
        Delivery.kind == DeliveryKind.PROMPT,
        Delivery.status == DeliveryStatus.SENT,
    )


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _answer_of_prompt(session: Session, *columns: Any, where: Any = None) -> tuple[Any, Any]:
    """(what to join, on what) to give each Delivery row in scope its answer (`columns` of it, meeting `where`),
    found by one probe per row in the unique index on answer.delivery_id, so a query costs what its own rows
    cost, never what the whole answer table does.

    SQLite only joins by nested loops, so joining the table probes. PostgreSQL would hash the whole answer
    table once a query has a few thousand rows, which grows with history, so it gets a LATERAL subquery with a
    LIMIT: one it cannot flatten into a join, so it can only run it as a probe per row. Read the columns as
    `.c.<name>` of what this returns."""
    on = and_(Answer.delivery_id == Delivery.id, true() if where is None else where)
    if _on_postgresql(session):
        return select(*columns).where(on).limit(1).lateral("prompt_answer"), true()
    return Answer.__table__, on


@dataclass(frozen=True)
class _Practice:
    """A prompt delivery's practice, as joins: its answer, or the drill round answered with it (on a drill day
    the practice DM is a drill). Join both, then read `done` (not None when practised) and `skill`."""

    answer: Any
    on_answer: Any
    drill: Any = None
    on_drill: Any = None

    @property
    def done(self) -> Any:
        if self.drill is None:
            return self.answer.c.delivery_id
        return func.coalesce(self.answer.c.delivery_id, self.drill.c.delivery_id)

    @property
    def skill(self) -> Any:
        if self.drill is None:
            return self.answer.c.skill
        return func.coalesce(self.answer.c.skill, self.drill.c.skill)

    def joined(self, query: Any) -> Any:
        query = query.outerjoin(self.answer, self.on_answer)
        return query if self.drill is None else query.outerjoin(self.drill, self.on_drill)


def _practice_of_prompt(session: Session) -> _Practice:
    """Answers and answered drills, each found by one probe per delivery in its unique index on delivery_id
    (LATERAL on PostgreSQL, as `_answer_of_prompt` explains). Until any team has had a drill day, the drill
    probe is left out: it costs a third more on PostgreSQL (docs/benchmarks.md)."""
    answer, on_answer = _answer_of_prompt(session, Answer.delivery_id, Answer.skill)
    if session.exec(select(DrillRound.id).where(DrillRound.delivery_id.is_not(None)).limit(1)).first() is None:
        return _Practice(answer, on_answer)
    on = and_(DrillRound.delivery_id == Delivery.id, DrillRound.answered_at.is_not(None))
    if _on_postgresql(session):
        drill = select(DrillRound.delivery_id, DrillRound.skill).where(on).limit(1).lateral("prompt_drill")
        return _Practice(answer, on_answer, drill, true())
    return _Practice(answer, on_answer, DrillRound.__table__, on)


def members(session: Session, *, team_id: int) -> list[str]:
    """Active human members (bots and deactivated accounts we know of are left out)."""
    return list(
        session.exec(
            select(TeamMember.user_id)
            .outerjoin(Person, Person.user_id == TeamMember.user_id)
            .where(
                TeamMember.team_id == team_id,
                TeamMember.active,
                or_(Person.user_id.is_(None), and_(~Person.deleted, ~Person.is_bot)),
            )
            .order_by(TeamMember.user_id)
        ).all()
    )


def prompt_tallies(session: Session, *, team_id: int, start: date, end: date) -> dict[str, tuple[int, int]]:
    """Per person: prompts delivered with a local date in [start, end), and how many were answered (a drill
    day's drill counts once it is answered)."""
    practice = _practice_of_prompt(session)
    rows = session.exec(
        practice.joined(
            select(Delivery.recipient, func.count(Delivery.id), func.count(practice.done)).select_from(Delivery)
        )
        .where(_prompts_between(team_id, start, end))
        .group_by(Delivery.recipient)
    ).all()
    return {user: (delivered, answered) for user, delivered, answered in rows}


def daily_prompts(session: Session, *, team_id: int, start: date, end: date) -> list[tuple[date, str | None, int, int]]:
    """Per local date and answered skill (None for unanswered): delivered and answered counts."""
    practice = _practice_of_prompt(session)
    skill = practice.skill
    rows = session.exec(
        practice.joined(
            select(Delivery.local_date, skill, func.count(Delivery.id), func.count(practice.done)).select_from(Delivery)
        )
        .where(_prompts_between(team_id, start, end))
        .group_by(Delivery.local_date, skill)
    ).all()
    return [(day, skill, delivered, answered) for day, skill, delivered, answered in rows]


def streaks(
    session: Session, *, team_id: int, since: date, as_of: date
) -> dict[str, tuple[int, date | None, date | None]]:
    """Per active member: (days answered since their last missed prompt, that missed day, their first prompt
    since `since`), looking no further back than `since`.

    Streaks are per person, so prompts from any of their teams count. Today's prompt, if still open, is not a
    miss yet; neither is an unanswered bonus prompt (slot > 0); a day counts once however many prompts it had.

    One walk per member along ix_delivery_prompt_walk over the window, with one answer probe per prompt, gives
    the last miss, the first prompt and the days answered; only members with a miss walk again, over the days
    since it. So the cost follows the team's size times the window, never the length of its history."""
    practice = _practice_of_prompt(session)
    answered = practice.done
    missed = and_(answered.is_(None), Delivery.slot == 0, Delivery.local_date < as_of)
    marks_of_walk = (
        func.max(case((missed, Delivery.local_date))).label("last_missed"),
        func.min(Delivery.local_date).label("first"),
        func.count(func.distinct(case((answered.is_not(None), Delivery.local_date)))).label("days"),
    )
    in_window = and_(
        Delivery.recipient == TeamMember.user_id,
        Delivery.kind == DeliveryKind.PROMPT,
        Delivery.status == DeliveryStatus.SENT,
        Delivery.local_date >= since,
        Delivery.local_date <= as_of,
    )
    active = and_(TeamMember.team_id == team_id, TeamMember.active)
    if _on_postgresql(session):
        # A LATERAL aggregate walks each member in turn. Joined and grouped instead, PostgreSQL may read the
        # window for everyone and sort it by user id, spilling to disk, before grouping.
        walk = practice.joined(select(*marks_of_walk).select_from(Delivery)).where(in_window)
        walked = walk.lateral("walk")
        marks = (
            select(TeamMember.user_id.label("user_id"), *walked.c)
            .select_from(TeamMember)
            .join(walked, true())
            .where(active)
            .subquery()
        )
    else:
        # SQLite joins by nested loops, members in user-id order (their primary key), so this groups as it goes.
        marks = (
            practice.joined(
                select(TeamMember.user_id.label("user_id"), *marks_of_walk)
                .select_from(TeamMember)
                .outerjoin(Delivery, in_window)
            )
            .where(active)
            .group_by(TeamMember.user_id)
            .subquery()
        )
    practice = _practice_of_prompt(session)
    days_since_miss = (
        practice.joined(select(func.count(func.distinct(Delivery.local_date))).select_from(Delivery))
        .where(
            practice.done.is_not(None),
            Delivery.recipient == marks.c.user_id,
            Delivery.kind == DeliveryKind.PROMPT,
            Delivery.status == DeliveryStatus.SENT,
            Delivery.local_date > marks.c.last_missed,
            Delivery.local_date <= as_of,
        )
        .correlate(marks)
        .scalar_subquery()
    )
    rows = session.exec(
        select(
            marks.c.user_id,
            marks.c.last_missed,
            marks.c.first,
            case((marks.c.last_missed.is_(None), marks.c.days), else_=days_since_miss),
        )
    ).all()
    return {user: (days, missed_day, first_day) for user, missed_day, first_day, days in rows}


def feedback_counts(
    session: Session, *, team_id: int, start: datetime, end: datetime
) -> tuple[dict[str, int], dict[str, int], int]:
    """(given per giver, received per recipient, total). Anonymous feedback counts for its recipient and the
    total only: it never appears under its giver."""
    window = and_(Feedback.team_id == team_id, Feedback.created_at >= start, Feedback.created_at < end)
    given = session.exec(
        select(Feedback.giver_id, func.count(Feedback.id))
        .where(window, Feedback.anonymous.is_(False))
        .group_by(Feedback.giver_id)
    ).all()
    received = session.exec(
        select(Feedback.recipient_id, func.count(Feedback.id)).where(window).group_by(Feedback.recipient_id)
    ).all()
    return dict(given), dict(received), sum(n for _user, n in received)


def feedback_active(session: Session, *, team_id: int, start: datetime, end: datetime) -> set[str]:
    """Who gave (named, never anonymously) or received feedback in the team between start and end."""
    window = and_(Feedback.team_id == team_id, Feedback.created_at >= start, Feedback.created_at < end)
    givers = select(Feedback.giver_id).where(window, Feedback.anonymous.is_(False)).distinct()
    recipients = select(Feedback.recipient_id).where(window).distinct()
    return set(session.exec(givers).all()) | set(session.exec(recipients).all())


def quote_ids(session: Session, *, team_id: int, channel_id: str, start: date, end: date) -> list[str]:
    """The quotes of the week posted in the team channel, in order."""
    return [
        item
        for item in session.exec(
            select(Delivery.item_id)
            .where(
                Delivery.team_id == team_id,
                Delivery.local_date >= start,
                Delivery.local_date < end,
                Delivery.kind == DeliveryKind.QUOTE,
                Delivery.status == DeliveryStatus.SENT,
                Delivery.recipient == channel_id,
            )
            .order_by(Delivery.local_date)
        ).all()
        if item
    ]


def shared_answers(
    session: Session, *, team_id: int, start: date, end: date, limit: int
) -> tuple[list[tuple[str, str, str, str, date, str]], int]:
    """Answers to the week's prompts that their authors shared with the lead or the team: the first `limit`
    as (user, skill, visibility, text, local date, prompt id), by person then day, and how many there are.

    One pass over the week's prompts finds which to show and counts them all (a window count, taken before the
    LIMIT); only the texts shown are read. Starting from the prompts matters: walking answers in user order
    instead, as PostgreSQL chose to, reads every answer the first people ever wrote."""
    answer, on_answer = _answer_of_prompt(
        session, Answer.id, Answer.user_id, where=Answer.visibility.in_(SHARED_VISIBILITIES)
    )
    rows = session.exec(
        select(answer.c.id, Delivery.local_date, func.count().over())
        .select_from(Delivery)
        .join(answer, on_answer)
        .where(_prompts_between(team_id, start, end))
        .order_by(answer.c.user_id, Delivery.local_date, Delivery.slot)
        .limit(max(limit, 1))
    ).all()
    total = rows[0][2] if rows else 0
    first = [(answer_id, day) for answer_id, day, _total in rows[:limit]]
    if not first:
        return [], total
    found = {
        row.id: row
        for row in session.exec(
            select(Answer.id, Answer.user_id, Answer.skill, Answer.visibility, Answer.text, Answer.prompt_id).where(
                Answer.id.in_([answer_id for answer_id, _day in first])
            )
        )
    }
    rows = [(found[a], day) for a, day in first]
    return [(r.user_id, r.skill, r.visibility, r.text, day, r.prompt_id) for r, day in rows], total


def summary_teams(session: Session, *, team_ids: Iterable[int]) -> list[Team]:
    """Of these teams, those whose leads get the Monday summary: paused teams too (their history still
    matters), not stopped ones."""
    found: list[Team] = []
    for ids in chunks(sorted(set(team_ids))):
        found.extend(session.exec(select(Team).where(Team.id.in_(ids), Team.status != TeamStatus.STOPPED)))
    return sorted(found, key=lambda t: t.id)


def leads_of(session: Session, *, team_ids: Iterable[int]) -> dict[int, list[str]]:
    """TeamLead rows of these teams, skipping deactivated or bot accounts we know about."""
    found: dict[int, list[str]] = {}
    for ids in chunks(sorted(set(team_ids))):
        rows = session.exec(
            select(TeamLead.team_id, TeamLead.user_id)
            .outerjoin(Person, Person.user_id == TeamLead.user_id)
            .where(TeamLead.team_id.in_(ids), or_(Person.user_id.is_(None), and_(~Person.deleted, ~Person.is_bot)))
            .order_by(TeamLead.team_id, TeamLead.user_id)
        ).all()
        for team_id, user_id in rows:
            found.setdefault(team_id, []).append(user_id)
    return found


def summaries_settled(
    session: Session, *, local_date: date, team_ids: Iterable[int], live: Liveness
) -> set[tuple[str, int]]:
    """(lead, team) pairs whose Monday summary for `local_date` is sent or in flight, so a tick skips them
    without trying to claim (one cheap read instead of a write per lead every minute)."""
    found: set[tuple[str, int]] = set()
    for ids in chunks(sorted(set(team_ids))):
        rows = session.exec(
            select(Delivery.recipient, Delivery.slot).where(
                Delivery.team_id.in_(ids),
                Delivery.local_date == local_date,
                Delivery.kind == DeliveryKind.SUMMARY,
                Delivery.slot.in_(ids),
                or_(Delivery.status == DeliveryStatus.SENT, claim_held(live)),
            )
        ).all()
        found.update((recipient, slot) for recipient, slot in rows)
    return found


def holidays_between(session: Session, *, team_ids: Iterable[int], start: date, end: date) -> dict[int, set[date]]:
    found: dict[int, set[date]] = {}
    for ids in chunks(sorted(set(team_ids))):
        for team_id, day in session.exec(
            select(TeamHoliday.team_id, TeamHoliday.day).where(
                TeamHoliday.team_id.in_(ids), TeamHoliday.day >= start, TeamHoliday.day < end
            )
        ):
            found.setdefault(team_id, set()).add(day)
    return found


def had_prompts(session: Session, *, team_id: int, start: date, end: date) -> bool:
    """Whether any prompt went out to the team in [start, end): an empty week isn't worth a DM."""
    return session.exec(select(Delivery.id).where(_prompts_between(team_id, start, end)).limit(1)).first() is not None


def drills_between(
    session: Session, *, team_id: int, start: datetime, end: datetime
) -> tuple[dict[str, tuple[int, int, int]], dict[str, int]]:
    """The team's drills answered in [start, end): per skill (done, first tries, of them best), and per person
    how many: counts only, so nobody's misses are shown."""
    in_week = and_(DrillRound.team_id == team_id, DrillRound.answered_at >= start, DrillRound.answered_at < end, CHOSEN)
    first = and_(DrillRound.review.is_(False))
    per_skill = session.exec(
        select(
            DrillRound.skill,
            func.count(DrillRound.id),
            func.sum(case((first, 1), else_=0)),
            func.sum(case((and_(first, DrillRound.best), 1), else_=0)),
        )
        .where(in_week)
        .group_by(DrillRound.skill)
    ).all()
    per_person = session.exec(
        select(DrillRound.user_id, func.count(DrillRound.id)).where(in_week).group_by(DrillRound.user_id)
    ).all()
    return (
        {k: (int(n), int(f or 0), int(b or 0)) for k, n, f, b in per_skill},
        {user: int(n) for user, n in per_person},
    )


def writings_between(session: Session, *, team_id: int, start: datetime, end: datetime) -> tuple[int, int]:
    """Replies the team wrote to drills in [start, end), and how many their authors checked: counts only."""
    written, reviewed = session.exec(
        select(func.count(DrillWriting.id), func.count(DrillWriting.self_reviewed_at)).where(
            DrillWriting.team_id == team_id, DrillWriting.created_at >= start, DrillWriting.created_at < end
        )
    ).one()
    return int(written), int(reviewed)


def reviews_between(session: Session, *, team_id: int, start: datetime, end: datetime) -> int:
    """Peer reviews of written drills given in the team in [start, end): a count, never who reviewed whom."""
    return int(
        session.exec(
            select(func.count(DrillReview.id)).where(
                DrillReview.team_id == team_id, DrillReview.answered_at >= start, DrillReview.answered_at < end
            )
        ).one()
    )


def writing_and_reviews_by_person(
    session: Session, *, team_id: int, start: datetime, end: datetime
) -> dict[str, tuple[int, int, int, int]]:
    """Per person in [start, end): (replies written to drills, peer reviews given, peer reviews received,
    calibration rounds rated), for the lead's CSV: counts only."""
    found: dict[str, list[int]] = {}
    written = session.exec(
        select(DrillWriting.user_id, func.count(DrillWriting.id))
        .where(DrillWriting.team_id == team_id, DrillWriting.created_at >= start, DrillWriting.created_at < end)
        .group_by(DrillWriting.user_id)
    )
    reviews = and_(DrillReview.team_id == team_id, DrillReview.answered_at >= start, DrillReview.answered_at < end)
    given = session.exec(
        select(DrillReview.reviewer_id, func.count(DrillReview.id)).where(reviews).group_by(DrillReview.reviewer_id)
    )
    received = session.exec(
        select(DrillWriting.user_id, func.count(DrillReview.id))
        .join(DrillWriting, DrillWriting.id == DrillReview.writing_id)
        .where(reviews)
        .group_by(DrillWriting.user_id)
    )
    calibrated = session.exec(
        select(CalibrationRating.user_id, func.count(CalibrationRating.id))
        .join(CalibrationRound, CalibrationRound.id == CalibrationRating.round_id)
        .where(
            CalibrationRound.team_id == team_id, CalibrationRating.rated_at >= start, CalibrationRating.rated_at < end
        )
        .group_by(CalibrationRating.user_id)
    )
    for place, rows in enumerate((written, given, received, calibrated)):
        for user, count in rows:
            found.setdefault(user, [0, 0, 0, 0])[place] = int(count)
    return {user: (w, g, r, c) for user, (w, g, r, c) in found.items()}


def calibrations_between(
    session: Session, *, team_id: int, start: datetime, end: datetime
) -> list[tuple[str, int, list[str]]]:
    """The team's calibration rounds revealed in [start, end): (drill id, sample, every rating's ticks), so the
    summary can give the agreement with the bank without anyone's ratings."""
    rows = session.exec(
        select(CalibrationRound.id, CalibrationRound.drill_id, CalibrationRound.sample, CalibrationRating.ticks)
        .outerjoin(CalibrationRating, CalibrationRating.round_id == CalibrationRound.id)
        .where(
            CalibrationRound.team_id == team_id,
            CalibrationRound.revealed_at >= start,
            CalibrationRound.revealed_at < end,
        )
        .order_by(CalibrationRound.id)
    ).all()
    found: dict[int, tuple[str, int, list[str]]] = {}
    for round_id, drill_id, sample, ticks in rows:
        entry = found.setdefault(round_id, (drill_id, sample, []))
        if ticks is not None:
            entry[2].append(ticks)
    return list(found.values())


def focus_counts(session: Session, *, team_id: int, on: date) -> dict[str, int]:
    """The team's current members with a focus running on `on`, per skill: one aggregate, counts only, never
    who chose what."""
    member = and_(TeamMember.user_id == Focus.user_id, TeamMember.team_id == team_id, TeamMember.active)
    rows = session.exec(
        select(Focus.skill, func.count(func.distinct(Focus.user_id)))
        .join(TeamMember, member)
        .where(Focus.skill.is_not(None), Focus.starts_on <= on, Focus.ends_on > on)
        .group_by(Focus.skill)
    ).all()
    return {skill: int(count) for skill, count in rows if skill is not None}
