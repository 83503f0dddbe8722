"""SQL for drills: each person's cards (Leitner boxes), the rounds put in front of them, and answering a round
once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from domain.drills import Card, Confidence, Drill, DrillMode, Outcome
from storage.chunks import chunks
from storage.models import Delivery, DrillCard, DrillRound, DrillWriting

#: Rounds answered by picking a reply: a written-drill day's round counts as a reply written, not a drill done.
CHOSEN = DrillRound.mode == DrillMode.CHOOSE


@dataclass(frozen=True)
class Drilling:
    """What a person's next drill is chosen from: their cards, and their drills answered per skill."""

    cards: dict[str, Card] = field(default_factory=dict)
    done: dict[str, int] = field(default_factory=dict)


def drilling(session: Session, *, user_ids: Sequence[str]) -> dict[str, Drilling]:
    """`Drilling` for many people at once, a few hundred per query."""
    found = {u: Drilling() for u in user_ids}
    for batch in chunks(sorted(found)):
        for row in session.exec(select(DrillCard).where(DrillCard.user_id.in_(batch))):
            found[row.user_id].cards[row.drill_id] = Card(row.drill_id, row.box, row.due_on, row.retired)
        counts = session.exec(
            select(DrillRound.user_id, DrillRound.skill, func.count(DrillRound.id))
            .where(DrillRound.user_id.in_(batch), DrillRound.answered_at.is_not(None), CHOSEN)
            .group_by(DrillRound.user_id, DrillRound.skill)
        )
        for user_id, skill, count in counts:
            found[user_id].done[skill] = int(count)
    return found


def cards(session: Session, *, user_id: str) -> dict[str, Card]:
    rows = session.exec(select(DrillCard).where(DrillCard.user_id == user_id))
    return {row.drill_id: Card(row.drill_id, row.box, row.due_on, row.retired) for row in rows}


def done_by_skill(session: Session, *, user_id: str) -> dict[str, int]:
    """Drills this person has answered, per skill: a new drill comes from the skill with fewest."""
    rows = session.exec(
        select(DrillRound.skill, func.count(DrillRound.id))
        .where(DrillRound.user_id == user_id, DrillRound.answered_at.is_not(None), CHOSEN)
        .group_by(DrillRound.skill)
    ).all()
    return {skill: int(count) for skill, count in rows}


def start_round(
    session: Session,
    *,
    user_id: str,
    team_id: int | None,
    drill: Drill,
    local_date: date,
    review: bool,
    now: datetime,
    delivery_id: int | None = None,
    mode: DrillMode = DrillMode.CHOOSE,
) -> DrillRound:
    """A drill put in front of someone: by `/drill`, or as a drill day's practice DM (`delivery_id`)."""
    row = DrillRound(
        mode=mode,
        user_id=user_id,
        team_id=team_id,
        delivery_id=delivery_id,
        drill_id=drill.id,
        skill=drill.skill,
        local_date=local_date,
        sent_at=now,
        review=review,
    )
    session.add(row)
    session.flush()
    return row


def round_for_delivery(
    session: Session, *, delivery: Delivery, drill: Drill, review: bool, mode: DrillMode = DrillMode.CHOOSE
) -> None:
    """A drill day's round, kept once per delivery: a retried claim keeps the round it was first given."""
    if round_of_delivery(session, delivery_id=delivery.id) is not None:
        return
    start_round(
        session,
        user_id=delivery.recipient,
        team_id=delivery.team_id,
        drill=drill,
        local_date=delivery.local_date,
        review=review,
        now=delivery.claimed_at,
        delivery_id=delivery.id,
        mode=mode,
    )


def round_of_delivery(session: Session, *, delivery_id: int) -> DrillRound | None:
    return session.exec(select(DrillRound).where(DrillRound.delivery_id == delivery_id)).first()


def round_by_id(session: Session, *, round_id: int) -> DrillRound | None:
    return session.get(DrillRound, round_id)


def round_to_answer(session: Session, *, round_id: int) -> DrillRound | None:
    """The round, locked on PostgreSQL: two clicks at once answer it once."""
    return session.exec(select(DrillRound).where(DrillRound.id == round_id).with_for_update()).first()


def answer_written_round(session: Session, *, round_id: int, user_id: str, now: datetime) -> None:
    """A written-drill day's round is answered by the first reply its person writes from it."""
    row = round_to_answer(session, round_id=round_id)
    if row is not None and row.user_id == user_id and row.mode == DrillMode.WRITE and row.answered_at is None:
        row.answered_at = now
        session.add(row)


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
        held = DrillCard(
            user_id=row.user_id, drill_id=row.drill_id, skill=row.skill, box=outcome.box, due_on=outcome.due_on
        )
    held.box, held.due_on, held.retired, held.answered_at = outcome.box, outcome.due_on, outcome.retired, now
    session.add(held)


@dataclass(frozen=True)
class Written:
    """What a person's next drill to write is chosen from: each drill written to, with the last date, and
    replies written per skill."""

    last: dict[str, date] = field(default_factory=dict)
    per_skill: dict[str, int] = field(default_factory=dict)


def written_by(session: Session, *, user_ids: Sequence[str]) -> dict[str, Written]:
    """`Written` for many people at once, a few hundred per query."""
    found = {u: Written() for u in user_ids}
    for batch in chunks(sorted(found)):
        rows = session.exec(
            select(
                DrillWriting.user_id,
                DrillWriting.drill_id,
                DrillWriting.skill,
                func.max(DrillWriting.local_date),
                func.count(),
            )
            .where(DrillWriting.user_id.in_(batch))
            .group_by(DrillWriting.user_id, DrillWriting.drill_id, DrillWriting.skill)
        )
        for user_id, drill_id, skill, day, count in rows:
            held = found[user_id]
            held.last[drill_id] = day
            held.per_skill[skill] = held.per_skill.get(skill, 0) + int(count)
    return found


def written(session: Session, *, user_id: str) -> Written:
    return written_by(session, user_ids=[user_id])[user_id]


def save_writing(
    session: Session, *, user_id: str, team_id: int | None, drill: Drill, text: str, local_date: date, now: datetime
) -> DrillWriting:
    row = DrillWriting(
        user_id=user_id,
        team_id=team_id,
        drill_id=drill.id,
        skill=drill.skill,
        text=text,
        local_date=local_date,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def writing(session: Session, *, writing_id: int) -> DrillWriting | None:
    return session.get(DrillWriting, writing_id)


def save_self_review(session: Session, *, row: DrillWriting, ticks: Sequence[int], now: datetime) -> None:
    row.self_ticks = ",".join(str(t) for t in sorted(set(ticks)))
    row.self_reviewed_at = now
    session.add(row)
