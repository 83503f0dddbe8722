"""SQL for the weekly team question: which question a quote carries, who replied in its thread, and the counts
the summary, the Home and rotation read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from storage.models import Answer, Delivery, Team, TeamQuestionPost, TeamReply


def set_question_day(session: Session, *, team_id: int, day: int | None) -> None:
    team = session.get(Team, team_id)
    if team is not None:
        team.question_day = day
        session.add(team)


def question_history(session: Session, *, team_id: int) -> list[str]:
    """The team's questions so far, oldest first: the input to rotation."""
    return list(
        session.exec(
            select(TeamQuestionPost.question_id)
            .where(TeamQuestionPost.team_id == team_id)
            .order_by(TeamQuestionPost.local_date, TeamQuestionPost.delivery_id)
        )
    )


def team_practice(session: Session, *, team_id: int, since: datetime) -> dict[str, int]:
    """Answers written in the team and replies to its team questions since `since`, per skill."""
    counts: dict[str, int] = {}
    answers = session.exec(
        select(Answer.skill, func.count(Answer.id))
        .where(Answer.team_id == team_id, Answer.created_at >= since)
        .group_by(Answer.skill)
    ).all()
    replies = session.exec(
        select(TeamReply.skill, func.count(TeamReply.id))
        .where(TeamReply.team_id == team_id, TeamReply.created_at >= since)
        .group_by(TeamReply.skill)
    ).all()
    for skill, count in [*answers, *replies]:
        counts[skill] = counts.get(skill, 0) + int(count)
    return counts


def save_question(session: Session, *, delivery: Delivery, question_id: str, skill: str) -> None:
    """Kept once per quote delivery: a retried claim keeps the question it was first given."""
    if session.get(TeamQuestionPost, delivery.id) is not None:
        return
    session.add(
        TeamQuestionPost(
            delivery_id=delivery.id,
            team_id=delivery.team_id,
            question_id=question_id,
            skill=skill,
            local_date=delivery.local_date,
        )
    )


def question_of(session: Session, *, delivery_id: int) -> TeamQuestionPost | None:
    return session.get(TeamQuestionPost, delivery_id)


def question_in(session: Session, *, channel: str, ts: str) -> TeamQuestionPost | None:
    """The team question posted as the message `ts` in `channel`, if that message carried one."""
    return session.exec(
        select(TeamQuestionPost)
        .join(Delivery, Delivery.id == TeamQuestionPost.delivery_id)
        .where(Delivery.channel == channel, Delivery.ts == ts)
    ).first()


def add_reply(session: Session, *, post: TeamQuestionPost, user_id: str, message_ts: str, now: datetime) -> bool:
    """Record one reply (a redelivered event adds nothing); True when it is this person's first on the question."""
    earlier = session.exec(
        select(func.count(TeamReply.id)).where(TeamReply.delivery_id == post.delivery_id, TeamReply.user_id == user_id)
    ).one()
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    added = session.exec(
        insert(TeamReply)
        .values(
            delivery_id=post.delivery_id,
            team_id=post.team_id,
            user_id=user_id,
            skill=post.skill,
            message_ts=message_ts,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["delivery_id", "message_ts"])
    ).rowcount
    return bool(added) and not earlier


def remove_reply(session: Session, *, post: TeamQuestionPost, message_ts: str) -> int:
    return session.exec(
        delete(TeamReply).where(TeamReply.delivery_id == post.delivery_id, TeamReply.message_ts == message_ts)
    ).rowcount


@dataclass(frozen=True)
class AskedRow:
    day: date
    question_id: str
    skill: str
    took_part: int


def asked_between(session: Session, *, team_id: int, start: date, end: date) -> list[AskedRow]:
    """The team questions of these local dates, each with how many people replied in its thread."""
    took_part = (
        select(func.count(func.distinct(TeamReply.user_id)))
        .where(TeamReply.delivery_id == TeamQuestionPost.delivery_id)
        .scalar_subquery()
    )
    rows = session.exec(
        select(TeamQuestionPost.local_date, TeamQuestionPost.question_id, TeamQuestionPost.skill, took_part)
        .join(Delivery, Delivery.id == TeamQuestionPost.delivery_id)
        .where(
            TeamQuestionPost.team_id == team_id,
            TeamQuestionPost.local_date >= start,
            TeamQuestionPost.local_date < end,
            Delivery.ts.is_not(None),
        )
        .order_by(TeamQuestionPost.local_date)
    ).all()
    return [AskedRow(day, question_id, skill, int(people or 0)) for day, question_id, skill, people in rows]


def replies_by_skill(session: Session, *, user_id: str, since: datetime) -> dict[str, int]:
    """A person's team-question replies per skill: practice on their Home."""
    rows = session.exec(
        select(TeamReply.skill, func.count(TeamReply.id))
        .where(TeamReply.user_id == user_id, TeamReply.created_at >= since)
        .group_by(TeamReply.skill)
    ).all()
    return {skill: int(count) for skill, count in rows}
