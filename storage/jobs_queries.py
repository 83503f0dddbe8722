"""SQL for the tick itself: one cheap read saying whether the follow-up and retention jobs could have work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, exists
from sqlmodel import Session, select

from storage.models import Feedback, Team


@dataclass(frozen=True)
class Waiting:
    """Each flag is a superset of its job's own query: False means the job would certainly find nothing."""

    followups: bool
    retention: bool


# Built once, like the follow-up query: every tick runs it.
_WAITING = select(
    exists().where(Feedback.try_at.is_not(None), Feedback.try_at <= bindparam("tried_before")).label("followups"),
    exists().where(Team.retention_days.is_not(None)).label("retention"),
)


def work_waiting(session: Session, *, tried_before: datetime) -> Waiting:
    """Follow-ups: any "what I'll try" at least a week old (sent or not); retention: a team with a period. One
    round trip instead of a session per job on every tick."""
    followups, retention = session.exec(_WAITING, params={"tried_before": tried_before}).one()
    return Waiting(bool(followups), bool(retention))
