"""SQL for drills: each person's cards (Leitner boxes), the rounds put in front of them, and answering a round
once."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from domain.drills import Card, Confidence, Drill, Outcome
from storage.models import DrillCard, DrillRound


def cards(session: Session, *, user_id: str) -> dict[str, Card]:
    rows = session.exec(select(DrillCard).where(DrillCard.user_id == user_id))
    return {row.drill_id: Card(row.drill_id, row.box, row.due_on, row.retired) for row in rows}


def done_by_skill(session: Session, *, user_id: str) -> dict[str, int]:
    """Drills this person has answered, per skill: a new drill comes from the skill with fewest."""
    rows = session.exec(
        select(DrillRound.skill, func.count(DrillRound.id))
        .where(DrillRound.user_id == user_id, DrillRound.answered_at.is_not(None))
        .group_by(DrillRound.skill)
    ).all()
    return {skill: int(count) for skill, count in rows}


def start_round(
    session: Session, *, user_id: str, team_id: int | None, drill: Drill, local_date: date, review: bool, now: datetime
) -> DrillRound:
    row = DrillRound(
        user_id=user_id,
        team_id=team_id,
        drill_id=drill.id,
        skill=drill.skill,
        local_date=local_date,
        sent_at=now,
        review=review,
    )
    session.add(row)
    session.flush()
    return row


def round_by_id(session: Session, *, round_id: int) -> DrillRound | None:
    return session.get(DrillRound, round_id)


def round_to_answer(session: Session, *, round_id: int) -> DrillRound | None:
    """The round, locked on PostgreSQL: two clicks at once answer it once."""
    return session.exec(select(DrillRound).where(DrillRound.id == round_id).with_for_update()).first()


def card(session: Session, *, user_id: str, drill_id: str) -> DrillCard | None:
    return session.get(DrillCard, (user_id, drill_id))


def answer_round(
    session: Session,
    *,
    row: DrillRound,
    choice: int,
    confidence: Confidence,
    best: bool,
    outcome: Outcome,
    now: datetime,
) -> None:
    row.choice, row.confidence, row.best, row.answered_at = choice, confidence, best, now
    session.add(row)
    held = card(session, user_id=row.user_id, drill_id=row.drill_id)
    if held is None:
        held = DrillCard(user_id=row.user_id, drill_id=row.drill_id, box=outcome.box, due_on=outcome.due_on)
    held.box, held.due_on, held.retired, held.answered_at = outcome.box, outcome.due_on, outcome.retired, now
    session.add(held)
