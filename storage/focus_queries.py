"""SQL for focus skills: each person's signals per skill, their latest focus, the skills of their practice days
since it began, and how one went. Everything read for many people is read a few hundred people per query."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import and_, case, exists, func, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from domain.focus import END_SLOT, OFFER_SLOT, PERIOD, FirstTries, FocusDays, FocusState, FocusWent, Signals
from domain.ledger import DeliveryKind, DeliveryStatus
from domain.skills import is_skill
from storage.chunks import chunks
from storage.drill_queries import CHOSEN
from storage.models import Answer, Delivery, DrillRound, Feedback, Focus, SelfRating

_FIRST_TRY = and_(DrillRound.answered_at.is_not(None), DrillRound.review.is_(False), CHOSEN)


def signals_of(session: Session, *, user_ids: Iterable[str], feedback_since: datetime) -> dict[str, dict[str, Signals]]:
    """Per person and skill: their latest self-rating, peers' feedback since `feedback_since` (keep doing, do
    differently) and their drills' first tries. Three aggregates per few hundred people; a skill with no signal
    is left out."""
    raw: dict[str, dict[str, dict[str, int | None]]] = {}

    def put(user_id: str, skill: str | None, **values: int | None) -> None:
        if skill is not None and is_skill(skill):
            raw.setdefault(user_id, {}).setdefault(skill, {}).update(values)

    keep = func.sum(case((and_(Feedback.keep_doing.is_not(None), Feedback.keep_doing != ""), 1), else_=0))
    change = func.sum(case((and_(Feedback.do_differently.is_not(None), Feedback.do_differently != ""), 1), else_=0))
    for batch in chunks(sorted(set(user_ids))):
        latest = (
            select(func.max(SelfRating.id).label("top"))
            .where(SelfRating.user_id.in_(batch))
            .group_by(SelfRating.user_id, SelfRating.skill)
            .subquery()
        )
        for user_id, skill, rating in session.exec(
            select(SelfRating.user_id, SelfRating.skill, SelfRating.rating).join(latest, SelfRating.id == latest.c.top)
        ):
            put(user_id, skill, rating=rating)
        for user_id, skill, kept, changed in session.exec(
            select(Feedback.recipient_id, Feedback.skill, keep, change)
            .where(Feedback.recipient_id.in_(batch), Feedback.created_at >= feedback_since)
            .group_by(Feedback.recipient_id, Feedback.skill)
        ):
            put(user_id, skill, keep=int(kept or 0), change=int(changed or 0))
        for user_id, skill, tries, best in session.exec(
            select(
                DrillRound.user_id, DrillRound.skill, func.count(DrillRound.id), func.sum(case((DrillRound.best, 1)))
            )
            .where(DrillRound.user_id.in_(batch), _FIRST_TRY)
            .group_by(DrillRound.user_id, DrillRound.skill)
        ):
            put(user_id, skill, first_tries=int(tries), first_best=int(best or 0))
    found = {
        user_id: {skill: Signals(**values) for skill, values in skills.items()}  # type: ignore[arg-type]
        for user_id, skills in raw.items()
    }
    return {user_id: {k: s for k, s in skills.items() if s.kinds} for user_id, skills in found.items()}


def state_of(row: Focus, offer_status: str | None = None) -> FocusState:
    assert row.id is not None
    return FocusState(
        focus_id=row.id,
        offered_on=row.offered_on,
        suggested=row.suggested,
        skill=row.skill,
        chosen=row.chosen_at is not None,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        ended_asked=row.ended_asked_at is not None,
        offer_unsent=offer_status is not None and offer_status != DeliveryStatus.SENT,
    )


def latest_of(session: Session, *, user_ids: Iterable[str]) -> dict[str, FocusState]:
    """Each person's latest focus row (the top of ix_focus_user_latest), with whether its offer DM is in the
    ledger but not yet confirmed; people never offered one are left out."""
    found: dict[str, FocusState] = {}
    for batch in chunks(sorted(set(user_ids))):
        top = select(func.max(Focus.id).label("top")).where(Focus.user_id.in_(batch)).group_by(Focus.user_id).subquery()
        offer = and_(
            Delivery.recipient == Focus.user_id,
            Delivery.kind == DeliveryKind.FOCUS,
            Delivery.local_date == Focus.offered_on,
            Delivery.slot == OFFER_SLOT,
        )
        for row, status in session.exec(
            select(Focus, Delivery.status).join(top, Focus.id == top.c.top).outerjoin(Delivery, offer)
        ):
            found[row.user_id] = state_of(row, status)
    return found


def latest(session: Session, *, user_id: str) -> FocusState | None:
    return latest_of(session, user_ids=[user_id]).get(user_id)


def focused(session: Session, *, user_ids: Sequence[str], after: date) -> dict[str, FocusDays]:
    """The people (of these) whose latest focus ends after `after` (the earliest of their days), and their
    practice days since it began: two queries per few hundred people, over at most four weeks each."""
    found: dict[str, FocusDays] = {}
    for batch in chunks(sorted(set(user_ids))):
        top = select(func.max(Focus.id).label("top")).where(Focus.user_id.in_(batch)).group_by(Focus.user_id).subquery()
        running = session.exec(
            select(Focus.user_id, Focus.skill, Focus.starts_on, Focus.ends_on)
            .join(top, Focus.id == top.c.top)
            .where(Focus.skill.is_not(None), Focus.ends_on > after)
        ).all()
        here = {user_id: (skill, starts, ends) for user_id, skill, starts, ends in running}
        if not here:
            continue
        practised: dict[str, list[tuple[date, str | None]]] = {user_id: [] for user_id in here}
        since = min(starts for _skill, starts, _ends in here.values())
        days = session.exec(
            select(Delivery.recipient, Delivery.local_date, Delivery.skill)
            .where(
                Delivery.recipient.in_(sorted(here)),
                Delivery.kind == DeliveryKind.PROMPT,
                Delivery.status == DeliveryStatus.SENT,
                Delivery.local_date >= since,
                Delivery.slot == 0,
            )
            .order_by(Delivery.recipient, Delivery.local_date)
        )
        for user_id, day, skill in days:
            if day >= here[user_id][1]:
                practised[user_id].append((day, skill))
        found.update(
            {
                user_id: FocusDays(skill, starts, ends, tuple(practised[user_id]))
                for user_id, (skill, starts, ends) in here.items()
            }
        )
    return found


def offer(
    session: Session, *, user_id: str, team_id: int | None, offered_on: date, suggested: str | None, now: datetime
) -> Focus:
    """The person's offer of the day, made once: a second process or tick finds the first one's row."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    session.exec(
        insert(Focus)
        .values(user_id=user_id, team_id=team_id, offered_on=offered_on, suggested=suggested, offered_at=now)
        .on_conflict_do_nothing(index_elements=["user_id", "offered_on"])
    )
    return session.exec(select(Focus).where(Focus.user_id == user_id, Focus.offered_on == offered_on)).one()


def row_to_choose(session: Session, *, focus_id: int) -> Focus | None:
    """The row, locked on PostgreSQL: two clicks at once choose once."""
    return session.exec(select(Focus).where(Focus.id == focus_id).with_for_update()).first()


def row(session: Session, *, focus_id: int) -> Focus | None:
    return session.get(Focus, focus_id)


def latest_id(session: Session, *, user_id: str) -> int | None:
    return session.exec(select(func.max(Focus.id)).where(Focus.user_id == user_id)).one()


def first_tries(session: Session, *, user_id: str, skill: str) -> FirstTries:
    tries, best = session.exec(
        select(func.count(DrillRound.id), func.sum(case((DrillRound.best, 1)))).where(
            DrillRound.user_id == user_id, DrillRound.skill == skill, _FIRST_TRY
        )
    ).one()
    return FirstTries(int(tries), int(best or 0))


def choose(
    session: Session, *, row: Focus, skill: str | None, today: date, now: datetime, then: FirstTries | None
) -> None:
    """A skill starts four weeks from today, with the drills' first tries as they stand; None is no focus."""
    row.skill, row.chosen_at, row.outcome, row.ended_asked_at = skill, now, None, None
    if skill is None or then is None:
        row.starts_on = row.ends_on = row.first_tries = row.first_best = None
    else:
        row.starts_on, row.ends_on = today, today + PERIOD
        row.first_tries, row.first_best = then.tries, then.best
    session.add(row)


def went_of(session: Session, *, focus_ids: Iterable[int]) -> dict[int, FocusWent]:
    """How each of these focuses went: answers on its skill since it was chosen, and the drills' first tries
    then (kept on the row) and now. Two aggregates per few hundred focuses."""
    found: dict[int, FocusWent] = {}
    for batch in chunks(sorted(set(focus_ids))):
        rows = {
            r.id: r
            for r in session.exec(select(Focus).where(Focus.id.in_(batch), Focus.skill.is_not(None)))
            if r.id is not None
        }
        if not rows:
            continue
        on_skill = and_(
            Answer.user_id == Focus.user_id, Answer.skill == Focus.skill, Answer.created_at >= Focus.chosen_at
        )
        answers = dict(
            session.exec(
                select(Focus.id, func.count(Answer.id))
                .join(Answer, on_skill)
                .where(Focus.id.in_(sorted(rows)))
                .group_by(Focus.id)
            ).all()
        )
        drilled = and_(DrillRound.user_id == Focus.user_id, DrillRound.skill == Focus.skill, _FIRST_TRY)
        now = {
            focus_id: FirstTries(int(tries), int(best or 0))
            for focus_id, tries, best in session.exec(
                select(Focus.id, func.count(DrillRound.id), func.sum(case((DrillRound.best, 1))))
                .join(DrillRound, drilled)
                .where(Focus.id.in_(sorted(rows)))
                .group_by(Focus.id)
            )
        }
        for focus_id, r in rows.items():
            found[focus_id] = FocusWent(
                skill=r.skill or "",
                answers=int(answers.get(focus_id, 0)),
                then=FirstTries(r.first_tries or 0, r.first_best or 0),
                now=now.get(focus_id, FirstTries()),
            )
    return found


def mark_asked(session: Session, *, focus_ids: Iterable[int], now: datetime) -> None:
    """The end question counts as asked once the ledger has it sent, whichever process sent it."""
    ids = sorted(set(focus_ids))
    if not ids:
        return
    sent = exists().where(
        Delivery.recipient == Focus.user_id,
        Delivery.kind == DeliveryKind.FOCUS,
        Delivery.local_date == Focus.ends_on,
        Delivery.slot == END_SLOT,
        Delivery.status == DeliveryStatus.SENT,
    )
    for batch in chunks(ids):
        session.exec(
            update(Focus)
            .where(Focus.id.in_(batch), Focus.ended_asked_at.is_(None), sent)
            .values(ended_asked_at=now)
            .execution_options(synchronize_session=False)
        )


def save_outcome(session: Session, *, row: Focus, text: str) -> None:
    row.outcome = text
    session.add(row)
