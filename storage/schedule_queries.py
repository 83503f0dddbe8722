"""SQL for the schedule's next moments (NextSend): which teams to plan again, what has come due, and moving
an occurrence on once it is settled. Every query is bounded by what is due or changed, never by everyone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, tuple_, update
from sqlmodel import Session, select

from domain.clock import as_utc
from domain.ledger import DeliveryKind
from domain.schedule import NextSend
from storage.chunks import chunks
from storage.models import NextSend as NextSendRow
from storage.models import Team, TeamMember

# ---- what changed -------------------------------------------------------------------------------


def replan_team(session: Session, *, team_id: int) -> None:
    """Something a team's moments depend on changed: the next tick plans it again."""
    session.exec(update(Team).where(Team.id == team_id).values(replan=True))


def replan_person(session: Session, *, user_id: str) -> None:
    """A person's preferences or time zone changed: every team they are in is planned again."""
    teams = select(TeamMember.team_id).where(TeamMember.user_id == user_id).scalar_subquery()
    session.exec(update(Team).where(Team.id.in_(teams)).values(replan=True))


def replan_people(session: Session, *, user_ids: Iterable[str]) -> None:
    for users in chunks(sorted(set(user_ids))):
        teams = select(TeamMember.team_id).where(TeamMember.user_id.in_(users)).scalar_subquery()
        session.exec(update(Team).where(Team.id.in_(teams), ~Team.replan).values(replan=True))


def replan_all(session: Session) -> None:
    session.exec(update(Team).values(replan=True))


def any_to_replan(session: Session) -> bool:
    """A read (an index probe) before the write: most minutes nothing changed, and an UPDATE would cost a
    write transaction every minute."""
    return session.exec(select(Team.id).where(Team.replan).limit(1)).first() is not None


def take_teams_to_replan(session: Session, *, limit: int) -> list[int]:
    """Clear the flag of up to `limit` teams that have it and return their ids, in the transaction that then
    rewrites their moments: a change committed after this read sets the flag again, so none is ever missed."""
    flagged = select(Team.id).where(Team.replan).order_by(Team.id).limit(limit).scalar_subquery()
    cleared = session.exec(
        update(Team).where(Team.id.in_(flagged), Team.replan).values(replan=False).returning(Team.id)
    )
    return sorted(cleared.scalars())


# ---- the moments --------------------------------------------------------------------------------


def replace_sends(session: Session, *, team_ids: Sequence[int], sends: Sequence[NextSend]) -> None:
    """These teams' moments become exactly `sends`."""
    for ids in chunks(team_ids):
        session.exec(delete(NextSendRow).where(NextSendRow.team_id.in_(ids)))
    if sends:
        session.exec(insert(NextSendRow), params=[_fields(send) for send in sends])


#: Occurrences read per query. Ordered by the due_at index and limited, so that the index is what both
#: databases walk, whatever their statistics say (PostgreSQL, seeing a fresh table, would rather scan it).
PAGE = 2000
_ORDER = (NextSendRow.due_at, NextSendRow.team_id, NextSendRow.kind, NextSendRow.recipient)


def due_sends(session: Session, *, now: datetime) -> list[NextSend]:
    """Every occurrence whose moment has come and which no tick has settled yet, expired ones included (the
    tick moves those on): a range scan of the due_at index, a page at a time."""
    found: list[NextSend] = []
    after: tuple[object, ...] | None = None
    while True:
        query = select(NextSendRow).where(NextSendRow.due_at <= now)
        if after is not None:
            query = query.where(tuple_(*_ORDER) > tuple_(*after))
        rows = list(session.exec(query.order_by(*_ORDER).limit(PAGE)))
        found.extend(
            NextSend(DeliveryKind(r.kind), r.team_id, r.recipient, r.local_date, as_utc(r.due_at), as_utc(r.until))
            for r in rows
        )
        if len(rows) < PAGE:
            return found
        last = rows[-1]
        after = (last.due_at, last.team_id, last.kind, last.recipient)


_MOVE = (
    update(NextSendRow)
    .where(
        NextSendRow.team_id == bindparam("old_team"),
        NextSendRow.kind == bindparam("old_kind"),
        NextSendRow.recipient == bindparam("old_recipient"),
        NextSendRow.local_date == bindparam("old_date"),
    )
    .values(local_date=bindparam("new_date"), due_at=bindparam("new_due_at"), until=bindparam("new_until"))
)


_DROP = delete(NextSendRow).where(
    NextSendRow.team_id == bindparam("old_team"),
    NextSendRow.kind == bindparam("old_kind"),
    NextSendRow.recipient == bindparam("old_recipient"),
    NextSendRow.local_date == bindparam("old_date"),
)


def move_on(session: Session, *, moves: Sequence[tuple[NextSend, NextSend | None]]) -> None:
    """Each settled occurrence becomes its next one (or goes, when there is none). Only if it is still the
    occurrence that was settled: a replica or a replan that moved it first wins."""
    following = [(old, new) for old, new in moves if new is not None]
    if following:
        session.connection().execute(
            _MOVE,
            [
                {
                    "old_team": old.team_id,
                    "old_kind": old.kind,
                    "old_recipient": old.recipient,
                    "old_date": old.local_date,
                    "new_date": new.local_date,
                    "new_due_at": new.due_at,
                    "new_until": new.until,
                }
                for old, new in following
            ],
        )
    gone = [old for old, new in moves if new is None]
    if gone:
        session.connection().execute(
            _DROP,
            [
                {"old_team": o.team_id, "old_kind": o.kind, "old_recipient": o.recipient, "old_date": o.local_date}
                for o in gone
            ],
        )


def _fields(send: NextSend) -> dict[str, object]:
    return {
        "team_id": send.team_id,
        "kind": send.kind,
        "recipient": send.recipient,
        "local_date": send.local_date,
        "due_at": send.due_at,
        "until": send.until,
    }
