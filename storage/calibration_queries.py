"""SQL for calibration rounds: the rounds, their ratings, and the rounds whose time to reveal has come."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from storage.chunks import chunks
from storage.models import CalibrationRating, CalibrationRound, Team


def calibrated_drills(session: Session, *, team_id: int) -> dict[str, datetime]:
    """The drills this team has calibrated on, with when it last did."""
    rows = session.exec(
        select(CalibrationRound.drill_id, func.max(CalibrationRound.started_at))
        .where(CalibrationRound.team_id == team_id)
        .group_by(CalibrationRound.drill_id)
    )
    return {drill_id: moment for drill_id, moment in rows}


def open_round(session: Session, *, team_id: int) -> CalibrationRound | None:
    return session.exec(
        select(CalibrationRound).where(CalibrationRound.team_id == team_id, CalibrationRound.revealed_at.is_(None))
    ).first()


def start(
    session: Session,
    *,
    team_id: int,
    drill_id: str,
    sample: int,
    started_by: str,
    now: datetime,
    closes_at: datetime,
    weekly_on: date | None = None,
) -> int | None:
    """The new round's id; None when the team's weekly round for `weekly_on` was already started (by another
    tick or replica)."""
    values = {
        "team_id": team_id,
        "drill_id": drill_id,
        "sample": sample,
        "started_by": started_by,
        "started_at": now,
        "closes_at": closes_at,
        "weekly_on": weekly_on,
    }
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(CalibrationRound).values(**values).on_conflict_do_nothing().returning(CalibrationRound.id)
    return session.exec(statement).scalar_one_or_none()


def weekly_round(session: Session, *, team_id: int, day: date) -> CalibrationRound | None:
    return session.exec(
        select(CalibrationRound).where(CalibrationRound.team_id == team_id, CalibrationRound.weekly_on == day)
    ).first()


def set_weekly(session: Session, *, team_id: int, day: int | None, lead: str) -> None:
    session.exec(update(Team).where(Team.id == team_id).values(calibration_day=day, calibration_by=lead))


def weekly_teams(session: Session, *, team_ids: Sequence[int]) -> list[Team]:
    """Of these teams, those with a weekly calibration round on."""
    found: list[Team] = []
    for batch in chunks(sorted(set(team_ids))):
        found.extend(session.exec(select(Team).where(Team.id.in_(batch), Team.calibration_day.is_not(None))))
    return found


def round_to_reveal(session: Session, *, round_id: int) -> CalibrationRound | None:
    """The round, locked on PostgreSQL: it is revealed once however many ratings arrive together."""
    return session.exec(select(CalibrationRound).where(CalibrationRound.id == round_id).with_for_update()).first()


def get_round(session: Session, *, round_id: int) -> CalibrationRound | None:
    return session.get(CalibrationRound, round_id)


def rate(session: Session, *, round_id: int, user_id: str, ticks: Sequence[int], overall: int, now: datetime) -> None:
    """One rating per person per round; rating again before the reveal replaces it."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    values = {"ticks": ",".join(str(t) for t in sorted(set(ticks))), "overall": overall, "rated_at": now}
    session.exec(
        insert(CalibrationRating)
        .values(round_id=round_id, user_id=user_id, **values)
        .on_conflict_do_update(index_elements=["round_id", "user_id"], set_=values)
    )


def ratings(session: Session, *, round_id: int) -> list[CalibrationRating]:
    return list(session.exec(select(CalibrationRating).where(CalibrationRating.round_id == round_id)))


def to_close(session: Session, *, now: datetime, limit: int = 100) -> list[int]:
    """Unrevealed rounds whose time is up, from an index: what is due, never every round."""
    return list(
        session.exec(
            select(CalibrationRound.id)
            .where(CalibrationRound.revealed_at.is_(None), CalibrationRound.closes_at <= now)
            .order_by(CalibrationRound.closes_at)
            .limit(limit)
        )
    )
