"""SQL for peer reviews of written drills: who may be asked, the requests themselves, and those whose wait is
over. The author is found through the writing, and only to deliver the review."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from domain.drills import ReviewStatus
from storage.chunks import chunks
from storage.models import DrillReview, DrillWriting


def last_reviewed(session: Session, *, user_ids: Sequence[str]) -> dict[str, datetime]:
    """When each of these people last answered a review request."""
    found: dict[str, datetime] = {}
    for batch in chunks(sorted(set(user_ids))):
        rows = session.exec(
            select(DrillReview.reviewer_id, func.max(DrillReview.answered_at))
            .where(DrillReview.reviewer_id.in_(batch), DrillReview.answered_at.is_not(None))
            .group_by(DrillReview.reviewer_id)
        )
        found.update({user: moment for user, moment in rows if moment is not None})
    return found


def asked_since(session: Session, *, user_ids: Sequence[str], since: datetime) -> dict[str, int]:
    """How many review requests each of these people has been sent since `since`."""
    found: dict[str, int] = {}
    for batch in chunks(sorted(set(user_ids))):
        rows = session.exec(
            select(DrillReview.reviewer_id, func.count(DrillReview.id))
            .where(DrillReview.reviewer_id.in_(batch), DrillReview.asked_at >= since)
            .group_by(DrillReview.reviewer_id)
        )
        found.update({user: int(n) for user, n in rows})
    return found


def previous_reviewer(session: Session, *, author_id: str) -> str | None:
    """Who was last asked to review this author's replies."""
    return session.exec(
        select(DrillReview.reviewer_id)
        .join(DrillWriting, DrillWriting.id == DrillReview.writing_id)
        .where(DrillWriting.user_id == author_id)
        .order_by(DrillReview.asked_at.desc(), DrillReview.id.desc())
        .limit(1)
    ).first()


def asked_for(session: Session, *, writing_id: int) -> list[str]:
    return list(session.exec(select(DrillReview.reviewer_id).where(DrillReview.writing_id == writing_id)))


def ask(
    session: Session,
    *,
    writing: DrillWriting,
    reviewer_id: str,
    now: datetime,
    due_at: datetime,
    moved: bool = False,
) -> DrillReview:
    row = DrillReview(
        writing_id=writing.id,
        team_id=writing.team_id,
        reviewer_id=reviewer_id,
        asked_at=now,
        due_at=due_at,
        moved=moved,
        status=ReviewStatus.OPEN,
    )
    session.add(row)
    session.flush()
    return row


def request_to_answer(session: Session, *, request_id: int) -> DrillReview | None:
    """The request, locked on PostgreSQL: a review is saved once however many times its form is sent."""
    return session.exec(select(DrillReview).where(DrillReview.id == request_id).with_for_update()).first()


def request(session: Session, *, request_id: int) -> DrillReview | None:
    return session.get(DrillReview, request_id)


def overdue(session: Session, *, now: datetime, limit: int = 100) -> list[DrillReview]:
    """Open requests whose wait is over, oldest first: what is due, read from an index, never every request."""
    return list(
        session.exec(
            select(DrillReview)
            .where(DrillReview.status == ReviewStatus.OPEN, DrillReview.due_at <= now)
            .order_by(DrillReview.due_at, DrillReview.id)
            .limit(limit)
        )
    )
