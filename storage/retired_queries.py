"""Rows that still name a retired bank id are pointed at its replacement, once per retired id: a prompt not
yet answered opens with its replacement (the retired one can no longer be answered), a quote not yet posted
posts its replacement, and a team question keeps its thread under its replacement's id. Answers keep the id
they answered, and what was sent stays as it was sent."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import ColumnElement, case, exists, update
from sqlmodel import Session, select

from domain.content import Retired
from domain.ledger import DeliveryKind, DeliveryStatus
from storage.chunks import chunks
from storage.models import Answer, Delivery, RetiredItem, TeamQuestionPost

PROMPTS, QUOTES, TEAM_QUESTIONS = "prompts", "quotes", "team_questions"


def point_at_replacements(session: Session, *, retired: Retired, now: datetime) -> int:
    """Handles the retired ids not handled before (each scan of the ledger happens once, ever); returns how
    many rows were changed."""
    done = {(bank, item) for bank, item in session.exec(select(RetiredItem.bank, RetiredItem.item_id))}
    changed = 0
    banks = ((PROMPTS, retired.prompts), (QUOTES, retired.quotes), (TEAM_QUESTIONS, retired.team_questions))
    for bank, mapping in banks:
        todo = {old: new for old, new in mapping.items() if (bank, old) not in done}
        for batch in chunks(sorted(todo)):
            part = {old: todo[old] for old in batch}
            changed += _repoint(session, bank, part)
            session.add_all(
                RetiredItem(bank=bank, item_id=old, replaced_by=new, handled_at=now) for old, new in part.items()
            )
    return changed


def _repoint(session: Session, bank: str, part: Mapping[str, str]) -> int:
    if bank == TEAM_QUESTIONS:
        column = TeamQuestionPost.question_id
        return session.exec(
            update(TeamQuestionPost).where(column.in_(list(part))).values(question_id=_renamed(column, part))
        ).rowcount
    still_open: ColumnElement[bool]
    if bank == PROMPTS:
        kind = DeliveryKind.PROMPT
        still_open = ~exists().where(Answer.delivery_id == Delivery.id)
    else:
        kind = DeliveryKind.QUOTE
        still_open = Delivery.status != DeliveryStatus.SENT
    return session.exec(
        update(Delivery)
        .where(Delivery.kind == kind, Delivery.item_id.in_(list(part)), still_open)
        .values(item_id=_renamed(Delivery.item_id, part))
        .execution_options(synchronize_session=False)
    ).rowcount


def _renamed(column: ColumnElement[str], part: Mapping[str, str]) -> ColumnElement[str]:
    return case(part, value=column, else_=column)
