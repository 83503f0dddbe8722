"""SQL for feedback partners: the switch, the weekly groups (unique per team, week and first member) and
who has been told."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from domain.ledger import DeliveryKind, DeliveryStatus
from domain.schedule import TeamStatus
from storage.chunks import chunks
from storage.models import Delivery, Pairing, Team

Group = tuple[str, ...]
HISTORY_WEEKS = 52


def set_pairing(session: Session, *, team_id: int, enabled: bool) -> None:
    session.exec(update(Team).where(Team.id == team_id).values(pairing_enabled=enabled, replan=True))


def teams_with_partners(session: Session, *, team_ids: Iterable[int]) -> list[Team]:
    """Of these teams, the running ones with partners on."""
    found: list[Team] = []
    for ids in chunks(sorted(set(team_ids))):
        found.extend(
            session.exec(select(Team).where(Team.id.in_(ids), Team.status == TeamStatus.ACTIVE, Team.pairing_enabled))
        )
    return sorted(found, key=lambda t: t.id)


def _group(row: Pairing) -> Group:
    return tuple(m for m in (row.user_a, row.user_b, row.user_c) if m)


def groups_for(session: Session, *, team_id: int, week: date) -> list[Group]:
    rows = session.exec(select(Pairing).where(Pairing.team_id == team_id, Pairing.week == week).order_by(Pairing.id))
    return [_group(row) for row in rows]


def history(session: Session, *, team_id: int, before: date) -> list[list[Group]]:
    """Past weeks' groups, oldest first, for the last year: the input to rotation."""
    rows = session.exec(
        select(Pairing)
        .where(
            Pairing.team_id == team_id, Pairing.week < before, Pairing.week >= before - timedelta(weeks=HISTORY_WEEKS)
        )
        .order_by(Pairing.week, Pairing.id)
    )
    weeks: dict[date, list[Group]] = {}
    for row in rows:
        weeks.setdefault(row.week, []).append(_group(row))
    return list(weeks.values())


def save_groups(session: Session, *, team_id: int, week: date, groups: Sequence[Group], now: datetime) -> bool:
    """Store the week's groups all together; False when another scheduler stored them first (the unique
    key decides, and the caller reads back the stored groups)."""
    try:
        with session.begin_nested():
            for group in groups:
                first, second, *third = group
                session.add(
                    Pairing(
                        team_id=team_id,
                        week=week,
                        user_a=first,
                        user_b=second,
                        user_c=third[0] if third else None,
                        created_at=now,
                    )
                )
        return True
    except IntegrityError:
        return False


def announced(session: Session, *, team_id: int, week: date) -> set[str]:
    """Who has already been told this week's partner (their ledger row is sent)."""
    return set(
        session.exec(
            select(Delivery.recipient).where(
                Delivery.kind == DeliveryKind.PAIRING,
                Delivery.local_date == week,
                Delivery.slot == team_id,
                Delivery.status == DeliveryStatus.SENT,
            )
        )
    )
