"""SQL for a person's App Home and their self-ratings: aggregates per skill, never every row into Python."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, select

from domain.clock import as_utc
from domain.home import FeedbackSeen, LedTeam, PeerCounts
from storage.drill_queries import CHOSEN
from storage.models import (
    Answer,
    CalibrationRating,
    Delivery,
    DrillCard,
    DrillReview,
    DrillRound,
    DrillWriting,
    Feedback,
    Person,
    SelfRating,
    Team,
    TeamLead,
    TeamMember,
)


def answered_dates(session: Session, *, user_id: str, since: date) -> list[date]:
    """The local dates of the prompts this person answered, drill days' drills included: their streak."""
    answers = (
        select(Delivery.local_date)
        .join(Answer, Answer.delivery_id == Delivery.id)
        .where(Answer.user_id == user_id, Delivery.local_date >= since)
    )
    drills = select(DrillRound.local_date).where(
        DrillRound.user_id == user_id,
        DrillRound.delivery_id.is_not(None),
        DrillRound.answered_at.is_not(None),
        DrillRound.local_date >= since,
    )
    return sorted(set(session.exec(answers)) | set(session.exec(drills)))


def skill_counts(session: Session, *, user_id: str, since: datetime) -> dict[str, int]:
    rows = session.exec(
        select(Answer.skill, func.count(Answer.id))
        .where(Answer.user_id == user_id, Answer.created_at >= since)
        .group_by(Answer.skill)
    ).all()
    return {skill: count for skill, count in rows}


def recent_feedback(session: Session, *, user_id: str, limit: int = 5) -> list[FeedbackSeen]:
    rows = session.exec(
        select(Feedback)
        .where(Feedback.recipient_id == user_id)
        .order_by(Feedback.created_at.desc(), Feedback.id.desc())
        .limit(limit)
    ).all()
    return [
        FeedbackSeen(
            skill=row.skill,
            keep_doing=row.keep_doing,
            do_differently=row.do_differently,
            giver_id=None if row.anonymous else row.giver_id,
            created_at=row.created_at,
        )
        for row in rows
    ]


def peer_counts(session: Session, *, user_id: str, since: datetime) -> dict[str, PeerCounts]:
    """Feedback received per skill since `since`: how many, and how many said keep doing / do differently."""
    keep = func.sum(case((and_(Feedback.keep_doing.is_not(None), Feedback.keep_doing != ""), 1), else_=0))
    change = func.sum(case((and_(Feedback.do_differently.is_not(None), Feedback.do_differently != ""), 1), else_=0))
    rows = session.exec(
        select(Feedback.skill, func.count(Feedback.id), keep, change)
        .where(Feedback.recipient_id == user_id, Feedback.created_at >= since, Feedback.skill.is_not(None))
        .group_by(Feedback.skill)
    ).all()
    return {skill: PeerCounts(int(total), int(k or 0), int(c or 0)) for skill, total, k, c in rows}


def latest_ratings(session: Session, *, user_id: str) -> dict[str, int]:
    """Each skill's most recent self-rating."""
    latest = (
        select(SelfRating.skill, func.max(SelfRating.id).label("top"))
        .where(SelfRating.user_id == user_id)
        .group_by(SelfRating.skill)
        .subquery()
    )
    rows = session.exec(select(SelfRating.skill, SelfRating.rating).join(latest, SelfRating.id == latest.c.top)).all()
    return {skill: rating for skill, rating in rows}


def last_rated(session: Session, *, user_id: str, skill: str) -> datetime | None:
    """In UTC (SQLite hands back naive datetimes; every time is stored in UTC)."""
    moment = session.exec(
        select(func.max(SelfRating.created_at)).where(SelfRating.user_id == user_id, SelfRating.skill == skill)
    ).one()
    return as_utc(moment) if moment is not None else None


def rating_for_answer(session: Session, *, answer_id: int) -> SelfRating | None:
    return session.exec(select(SelfRating).where(SelfRating.answer_id == answer_id)).first()


def save_rating(session: Session, *, answer: Answer, rating: int, now: datetime) -> SelfRating:
    """One rating per answer: editing the answer updates it instead of adding another."""
    session.flush()
    existing = rating_for_answer(session, answer_id=answer.id)
    if existing is not None:
        existing.rating = rating
        return existing
    row = SelfRating(user_id=answer.user_id, skill=answer.skill, rating=rating, answer_id=answer.id, created_at=now)
    session.add(row)
    return row


def led_teams(session: Session, *, user_id: str, every_team: bool, limit: int) -> list[LedTeam]:
    """Teams this person leads (every team for a workspace-wide lead), with their human member counts."""
    query = select(Team).order_by(Team.id).limit(limit)
    if not every_team:
        query = query.join(TeamLead, TeamLead.team_id == Team.id).where(TeamLead.user_id == user_id)
    teams = list(session.exec(query))
    if not teams:
        return []
    counts = dict(
        session.exec(
            select(TeamMember.team_id, func.count(TeamMember.user_id))
            .outerjoin(Person, Person.user_id == TeamMember.user_id)
            .where(TeamMember.team_id.in_([t.id for t in teams]), TeamMember.active)
            .where(or_(Person.user_id.is_(None), and_(Person.is_bot.is_(False), Person.deleted.is_(False))))
            .group_by(TeamMember.team_id)
        ).all()
    )
    return [LedTeam(t.id, t.channel_id, t.status, counts.get(t.id, 0)) for t in teams]


def count_led_teams(session: Session, *, user_id: str, every_team: bool) -> int:
    query = select(func.count(Team.id))
    if not every_team:
        query = query.join(TeamLead, TeamLead.team_id == Team.id).where(TeamLead.user_id == user_id)
    return session.exec(query).one()


def drill_counts(
    session: Session, *, user_id: str, month_start: datetime, today: date
) -> tuple[int, int, dict[str, tuple[int, int]], dict[str, int]]:
    """(drills answered since `month_start`, reviews due by `today`, per skill (first tries, of them best),
    per skill the drills retired): four aggregates over this person's rows only."""
    done = session.exec(
        select(func.count(DrillRound.id)).where(
            DrillRound.user_id == user_id, DrillRound.answered_at >= month_start, CHOSEN
        )
    ).one()
    due = session.exec(
        select(func.count()).where(
            DrillCard.user_id == user_id, DrillCard.due_on <= today, DrillCard.retired.is_(False)
        )
    ).one()
    first = session.exec(
        select(DrillRound.skill, func.count(DrillRound.id), func.sum(case((DrillRound.best, 1), else_=0)))
        .where(DrillRound.user_id == user_id, DrillRound.answered_at.is_not(None), DrillRound.review.is_(False), CHOSEN)
        .group_by(DrillRound.skill)
    ).all()
    retired = session.exec(
        select(DrillCard.skill, func.count())
        .where(DrillCard.user_id == user_id, DrillCard.retired.is_(True))
        .group_by(DrillCard.skill)
    ).all()
    return int(done), int(due), {k: (int(n), int(b or 0)) for k, n, b in first}, {k: int(n) for k, n in retired}


def drill_skill_counts(session: Session, *, user_id: str, since: datetime) -> dict[str, int]:
    """Drills answered per skill since `since`: practice, beside answers, on the Home."""
    rows = session.exec(
        select(DrillRound.skill, func.count(DrillRound.id))
        .where(DrillRound.user_id == user_id, DrillRound.answered_at >= since, CHOSEN)
        .group_by(DrillRound.skill)
    ).all()
    return {skill: int(count) for skill, count in rows}


def writing_counts(session: Session, *, user_id: str, since: datetime) -> tuple[int, int]:
    """Replies this person wrote to drills since `since`, and how many of them they self-reviewed."""
    written, reviewed = session.exec(
        select(func.count(DrillWriting.id), func.count(DrillWriting.self_reviewed_at)).where(
            DrillWriting.user_id == user_id, DrillWriting.created_at >= since
        )
    ).one()
    return int(written), int(reviewed)


def review_counts(session: Session, *, user_id: str, since: datetime) -> tuple[int, int]:
    """Peer reviews this person gave since `since`, and those they received on their written replies."""
    given = session.exec(
        select(func.count(DrillReview.id)).where(DrillReview.reviewer_id == user_id, DrillReview.answered_at >= since)
    ).one()
    received = session.exec(
        select(func.count(DrillReview.id))
        .join(DrillWriting, DrillWriting.id == DrillReview.writing_id)
        .where(DrillWriting.user_id == user_id, DrillReview.answered_at >= since)
    ).one()
    return int(given), int(received)


def calibrations_rated(session: Session, *, user_id: str, since: datetime) -> int:
    """Calibration rounds this person rated since `since`."""
    return int(
        session.exec(
            select(func.count(CalibrationRating.id)).where(
                CalibrationRating.user_id == user_id, CalibrationRating.rated_at >= since
            )
        ).one()
    )
