"""The SQL of leases and durable fan-outs: which process is alive, whose claims and jobs may be taken over."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, and_, delete, exists, not_, or_, tuple_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from domain.ledger import DeliveryStatus, FanOutKind
from storage.models import Delivery, FanOut, Worker


@dataclass(frozen=True)
class Liveness:
    """When a claim is still someone's: its claimer's lease was renewed at or after `lease_after`, and the claim
    itself was made at or after `claimed_after` (older, even a living process has lost track of it)."""

    lease_after: datetime
    claimed_after: datetime


def _live(worker_id: ColumnElement[str | None] | str | None, lease_after: datetime) -> ColumnElement[bool]:
    return exists().where(Worker.id == worker_id, Worker.renewed_at >= lease_after)


def claim_held(live: Liveness) -> ColumnElement[bool]:
    """A claimed row whose claimer is alive and still on it: nobody else may take it."""
    return and_(
        Delivery.status == DeliveryStatus.CLAIMED,
        Delivery.claimed_at >= live.claimed_after,
        _live(Delivery.claimed_by, live.lease_after),
    )


def renew(session: Session, *, worker_id: str, host: str, pid: int, now: datetime) -> None:
    """Register the lease, or renew it; a lease ended or forgotten while its process lived comes back."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(Worker).values(id=worker_id, host=host[:255], pid=pid, started_at=now, renewed_at=now)
    session.exec(statement.on_conflict_do_update(index_elements=["id"], set_={"renewed_at": now}))


def touch(session: Session, *, worker_id: str, now: datetime) -> None:
    """Renew a registered lease (each claim does, so a claim is never older than its claimer's lease)."""
    session.exec(update(Worker).where(Worker.id == worker_id, Worker.renewed_at < now).values(renewed_at=now))


def end(session: Session, *, worker_id: str) -> None:
    """The process is going: its claims and fan-outs are anyone's at once."""
    session.exec(delete(Worker).where(Worker.id == worker_id))


def forget(session: Session, *, renewed_before: datetime) -> int:
    """Leases of processes long gone: a missing lease counts as lapsed, so nothing changes but the table's size."""
    return session.exec(delete(Worker).where(Worker.renewed_at < renewed_before)).rowcount


def lapsed_claims(
    session: Session,
    *,
    kinds: Iterable[str],
    claimed_since: datetime,
    live: Liveness,
    limit: int,
    any_slot: Iterable[str] = (),
) -> list[tuple[int, int]]:
    """(id, attempts) of scheduled sends (slot 0, or any slot for the kinds in `any_slot`) claimed since
    `claimed_since` whose claimer is gone. Read through the (status, claimed_at) index: the work is
    proportional to the claims open, not to the ledger."""
    rows = session.exec(
        select(Delivery.id, Delivery.attempts)
        .where(
            Delivery.status == DeliveryStatus.CLAIMED,
            Delivery.claimed_at >= claimed_since,
            col(Delivery.kind).in_(list(kinds)),
            or_(Delivery.slot == 0, col(Delivery.kind).in_(list(any_slot))),
            not_(claim_held(live)),
        )
        .order_by(Delivery.kind, Delivery.recipient)
        .limit(limit)
    )
    return [(delivery_id, attempts) for delivery_id, attempts in rows]


def take_over(
    session: Session, *, claims: Sequence[tuple[int, int]], worker_id: str, now: datetime, max_attempts: int = 5
) -> list[Delivery]:
    """Claim these rows for this process, each only if it is still claimed with the attempts read (so two
    processes taking over at once never both get it); one more attempt each, so the send looks in Slack for an
    earlier post first."""
    wanted = [(delivery_id, attempts) for delivery_id, attempts in claims if attempts < max_attempts]
    if not wanted:
        return []
    touch(session, worker_id=worker_id, now=now)
    statement = (
        update(Delivery)
        .where(tuple_(Delivery.id, Delivery.attempts).in_(wanted), Delivery.status == DeliveryStatus.CLAIMED)
        .values(claimed_at=now, claimed_by=worker_id, attempts=Delivery.attempts + 1)
        .returning(Delivery)
        .execution_options(synchronize_session=False)
    )
    return sorted(session.scalars(statement), key=lambda row: (row.kind, row.recipient))


def start_fan_out(
    session: Session, *, team_id: int, kind: FanOutKind, requested_by: str, owner: str, now: datetime
) -> FanOut:
    job = FanOut(team_id=team_id, kind=kind, requested_by=requested_by, requested_at=now, owner=owner)
    session.add(job)
    session.flush()
    return job


def finish_fan_out(session: Session, *, fan_out_id: int, now: datetime) -> None:
    session.exec(update(FanOut).where(FanOut.id == fan_out_id).values(finished_at=now))


def release_fan_out(session: Session, *, fan_out_id: int) -> None:
    session.exec(update(FanOut).where(FanOut.id == fan_out_id, FanOut.finished_at.is_(None)).values(owner=None))


def _orphaned(lease_after: datetime) -> ColumnElement[bool]:
    """Unfinished, and its owner gone (or it was handed on)."""
    return and_(FanOut.finished_at.is_(None), or_(FanOut.owner.is_(None), not_(_live(FanOut.owner, lease_after))))


def close_fan_outs(session: Session, *, requested_before: datetime, now: datetime) -> int:
    """Unfinished jobs asked for before `requested_before` are closed unsent: like scheduled sends missed for
    longer than the catch-up window, they are never sent in a burst."""
    return session.exec(
        update(FanOut)
        .where(FanOut.finished_at.is_(None), FanOut.requested_at < requested_before)
        .values(finished_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount


def orphaned_fan_outs(session: Session, *, lease_after: datetime) -> list[FanOut]:
    """Through the unfinished index: the jobs waiting, not every job ever asked for. Times in UTC whatever the
    database (SQLite hands them back naive)."""
    jobs = list(session.exec(select(FanOut).where(_orphaned(lease_after)).order_by(FanOut.id)))
    for job in jobs:
        if job.requested_at.tzinfo is None:
            job.requested_at = job.requested_at.replace(tzinfo=UTC)
    return jobs


def adopt(session: Session, *, fan_out_id: int, worker_id: str, lease_after: datetime) -> bool:
    """Make an orphaned job this process's; False if another process got it first."""
    result = session.exec(
        update(FanOut)
        .where(FanOut.id == fan_out_id, _orphaned(lease_after))
        .values(owner=worker_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
