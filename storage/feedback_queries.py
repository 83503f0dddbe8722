"""SQL for peer feedback: saving and finding it, thanks, "what I'll try", follow-ups due, shared teams."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, bindparam, delete, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from domain.feedback import SharedTeam
from domain.ledger import DeliveryKind, DeliveryStatus
from domain.schedule import TeamStatus
from storage.chunks import chunks
from storage.models import Answer, Delivery, Feedback, Person, Team, TeamMember

FOLLOWUP_KIND = DeliveryKind.FOLLOWUP
FOLLOWUP_PROMPT_ID = "followup"
MAX_FOLLOWUP_ATTEMPTS = 5


def active_member_counts(session: Session, *, team_ids: Iterable[int]) -> dict[int, int]:
    """People (not bots, not deactivated accounts) actively in each team."""
    counts = {team_id: 0 for team_id in team_ids}
    for ids in chunks(sorted(counts)):
        rows = session.exec(
            select(TeamMember.team_id, func.count())
            .outerjoin(Person, Person.user_id == TeamMember.user_id)
            .where(TeamMember.team_id.in_(ids), TeamMember.active)
            .where(or_(Person.user_id.is_(None), and_(Person.is_bot.is_(False), Person.deleted.is_(False))))
            .group_by(TeamMember.team_id)
        ).all()
        counts.update({team_id: count for team_id, count in rows})
    return counts


def shared_teams(session: Session, *, user_id: str, other_id: str | None) -> list[SharedTeam]:
    """Running teams both are active in (or, with `other_id` None, the user's own), by id, with sizes."""
    me = aliased(TeamMember)
    query = (
        select(Team.id)
        .join(me, and_(me.team_id == Team.id, me.user_id == user_id, me.active))
        .where(Team.status != TeamStatus.STOPPED)
    )
    if other_id is not None:
        other = aliased(TeamMember)
        query = query.join(other, and_(other.team_id == Team.id, other.user_id == other_id, other.active))
    team_ids = list(session.exec(query.order_by(Team.id)))
    counts = active_member_counts(session, team_ids=team_ids)
    return [SharedTeam(team_id, counts[team_id]) for team_id in team_ids]


def save_feedback(
    session: Session,
    *,
    team_id: int,
    giver_id: str,
    recipient_id: str,
    skill: str | None,
    keep_doing: str | None,
    do_differently: str | None,
    anonymous: bool,
    now: datetime,
) -> Feedback:
    row = Feedback(
        team_id=team_id,
        giver_id=giver_id,
        recipient_id=recipient_id,
        skill=skill,
        keep_doing=keep_doing or None,
        do_differently=do_differently or None,
        anonymous=anonymous,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def delete_feedback(session: Session, *, feedback_id: int) -> None:
    """Undo a save whose DM never reached the recipient, so nothing is half-done."""
    session.exec(delete(Feedback).where(Feedback.id == feedback_id))


def find_feedback(session: Session, *, feedback_id: int) -> Feedback | None:
    return session.get(Feedback, feedback_id)


def mark_thanked(session: Session, *, feedback_id: int, now: datetime) -> bool:
    """True only for the first thanks, so a double click (or a replayed request) thanks once."""
    result = session.exec(
        update(Feedback).where(Feedback.id == feedback_id, Feedback.thanked_at.is_(None)).values(thanked_at=now)
    )
    return result.rowcount == 1


def clear_thanked(session: Session, *, feedback_id: int) -> None:
    """The giver could not be told, so the recipient may try again."""
    session.exec(update(Feedback).where(Feedback.id == feedback_id).values(thanked_at=None))


def save_try(session: Session, *, feedback_id: int, text: str, now: datetime) -> None:
    """What the recipient will try; editing it before the follow-up moves the follow-up with it."""
    session.exec(update(Feedback).where(Feedback.id == feedback_id).values(try_text=text, try_at=now))


@dataclass(frozen=True)
class FollowupCandidate:
    feedback_id: int
    team_id: int
    recipient_id: str
    tried_at: datetime
    timezone: str | None
    team_timezone: str


def _followups_due_statement() -> Select:
    """Built once, with the cut-off as a bound parameter: every tick runs this query, and building the
    statement (joins, an alias, nested and/or) cost more Python time than running it."""
    sent = aliased(Delivery, name="sent_followup")
    return (
        select(Feedback.id, Feedback.team_id, Feedback.recipient_id, Feedback.try_at, Person.timezone, Team.timezone)
        .join(Team, Team.id == Feedback.team_id)
        .outerjoin(Person, Person.user_id == Feedback.recipient_id)
        .outerjoin(
            sent,
            and_(
                sent.kind == FOLLOWUP_KIND,
                sent.recipient == Feedback.recipient_id,
                sent.slot == Feedback.id,
                or_(sent.status == DeliveryStatus.SENT, sent.attempts >= MAX_FOLLOWUP_ATTEMPTS),
            ),
        )
        .where(Feedback.try_at.is_not(None), Feedback.try_at <= bindparam("tried_before"), sent.id.is_(None))
        .where(or_(Person.user_id.is_(None), and_(Person.is_bot.is_(False), Person.deleted.is_(False))))
        .order_by(Feedback.id)
    )


_FOLLOWUPS_DUE = _followups_due_statement()


def followups_due(session: Session, *, tried_before: datetime) -> list[FollowupCandidate]:
    """Feedback whose "what I'll try" is at least a week old and whose follow-up is not yet sent
    (nor given up on after repeated failures). The caller decides the recipient's civil hour."""
    rows = session.exec(_FOLLOWUPS_DUE, params={"tried_before": tried_before}).all()
    return [
        FollowupCandidate(fid, team_id, recipient, tried, tz, team_tz)
        for fid, team_id, recipient, tried, tz, team_tz in rows
    ]


def save_followup_answer(
    session: Session, *, delivery: Delivery, user_id: str, text: str, visibility: str, now: datetime
) -> bool:
    """The answer to "how did it go?" is a reflection on receiving feedback; returns True when edited."""
    existing = session.exec(select(Answer).where(Answer.delivery_id == delivery.id)).first()
    if existing is not None:
        existing.text, existing.visibility, existing.updated_at = text, visibility, now
        return True
    session.add(
        Answer(
            delivery_id=delivery.id,
            team_id=delivery.team_id,
            user_id=user_id,
            prompt_id=FOLLOWUP_PROMPT_ID,
            skill="feedback",
            text=text,
            visibility=visibility,
            created_at=now,
            updated_at=now,
        )
    )
    return False
