"""SQL for lessons brought back: the remembered answers of the people whose prompt time has come, how often
each has come back (its SENT lesson rows in the ledger), and what they said when it did."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import and_, func, or_
from sqlmodel import Session, select

from domain.ledger import DeliveryKind, DeliveryStatus
from domain.lessons import LessonResponse, Remembered
from storage.chunks import chunks
from storage.models import Answer, Delivery, LessonReply, Person


def remembered(session: Session, *, user_ids: Sequence[str], since: date) -> dict[str, list[Remembered]]:
    """Per person (of these, with lessons on), their answers marked worth remembering written since `since`,
    each with the last stage it came back at (its SENT lesson rows, item_id "<answer id>:<stage>"): a few
    hundred people per query, through the index of remembered answers."""
    found: dict[str, list[Remembered]] = {}
    for batch in chunks(sorted(set(user_ids))):
        returned: dict[int, int] = {}
        sent = session.exec(
            select(Delivery.item_id).where(
                Delivery.recipient.in_(batch),
                Delivery.kind == DeliveryKind.LESSON,
                Delivery.status == DeliveryStatus.SENT,
                Delivery.local_date >= since,
            )
        )
        for item_id in sent:
            answer_id, stage = parse_item(item_id)
            returned[answer_id] = max(returned.get(answer_id, 0), stage)
        rows = session.exec(
            select(Answer.user_id, Answer.id, Delivery.local_date, Answer.skill)
            .join(Delivery, Delivery.id == Answer.delivery_id)
            .outerjoin(Person, Person.user_id == Answer.user_id)
            .where(
                Answer.user_id.in_(batch),
                Answer.remember.is_(True),
                Delivery.local_date >= since,
                or_(Person.lessons.is_(None), Person.lessons.is_(True)),
            )
        )
        for user_id, answer_id, local_date, skill in rows:
            found.setdefault(user_id, []).append(Remembered(answer_id, local_date, returned.get(answer_id, 0), skill))
    return found


def item_id(answer_id: int, stage: int) -> str:
    return f"{answer_id}:{stage}"


def parse_item(value: str | None) -> tuple[int, int]:
    """(answer id, stage) from a lesson row's item_id; (0, 0) for one that is not a lesson's."""
    answer_id, _, stage = (value or "").partition(":")
    return (int(answer_id), int(stage)) if answer_id.isdigit() and stage.isdigit() else (0, 0)


def answer(session: Session, *, answer_id: int) -> Answer | None:
    return session.get(Answer, answer_id)


def set_remember(session: Session, *, answer: Answer, remember: bool) -> None:
    answer.remember = remember
    session.add(answer)


def save_reply(session: Session, *, delivery: Delivery, response: LessonResponse, now: datetime) -> LessonReply:
    """One reply per returned lesson; a second click changes it."""
    row = session.get(LessonReply, delivery.id)
    if row is None:
        row = LessonReply(
            delivery_id=delivery.id,
            user_id=delivery.recipient,
            team_id=delivery.team_id,
            skill=delivery.skill or "",
            response=response,
            replied_at=now,
        )
    row.response, row.replied_at = response, now
    session.add(row)
    return row


def practised_by_skill(session: Session, *, user_id: str, since: datetime) -> dict[str, int]:
    """Lessons this person said they used or have yet to use, per skill: practice, on their Home."""
    rows = session.exec(
        select(LessonReply.skill, func.count())
        .where(
            LessonReply.user_id == user_id,
            LessonReply.replied_at >= since,
            LessonReply.response != LessonResponse.STOP,
        )
        .group_by(LessonReply.skill)
    ).all()
    return {skill: int(n) for skill, n in rows}


def team_counts(
    session: Session, *, team_id: int, monday: date, end: date, start: datetime, until: datetime
) -> tuple[int, int]:
    """(lessons that came back to the team's members on the week's days, replies in [start, until) saying one
    was used): counts only, one indexed aggregate each."""
    came = session.exec(
        select(func.count()).where(
            Delivery.team_id == team_id,
            Delivery.local_date >= monday,
            Delivery.local_date < end,
            Delivery.kind == DeliveryKind.LESSON,
            Delivery.status == DeliveryStatus.SENT,
        )
    ).one()
    used = session.exec(
        select(func.count()).where(
            and_(
                LessonReply.team_id == team_id,
                LessonReply.response == LessonResponse.USED,
                LessonReply.replied_at >= start,
                LessonReply.replied_at < until,
            )
        )
    ).one()
    return int(came), int(used)
