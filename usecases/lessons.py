"""Lessons brought back: a reflection its writer marked worth remembering returns to them 3, 10 and 30 days
later, just after their practice DM on a practice day (so pause, away, holidays and the catch-up window hold it
as they hold the prompt), through the ledger, at most one a day and each return once. Yes and Not yet count
as practice of its skill; Stop these turns them off."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta

from adapters.blocks import lessons as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain.ledger import DeliveryKind, Missing, tally
from domain.lessons import RETURN_AFTER_DAYS, LessonResponse, Remembered, due_stage, next_to_return
from domain.schedule import Due
from storage import lesson_queries as lq
from storage import queries
from storage.db import transaction
from storage.models import Delivery
from usecases.ledger import send_once
from usecases.parts import Part, team_by_team

#: A lesson not brought back within this many days of the last return day (its writer was away) is let go.
LET_GO_AFTER = timedelta(days=RETURN_AFTER_DAYS[-1] + 30)
GONE = "That lesson is no longer there."
NOT_YOURS = "That lesson came back to someone else."


def bring_back(deps: Deps, prompts: Sequence[Due]) -> Counter[str]:
    """For the people whose practice DM is due this minute: the lesson whose day has come, if any; read for
    them alone, so a quiet minute reads nothing."""
    days = {due.recipient: due for due in prompts if due.kind == DeliveryKind.PROMPT}
    if not days:
        return Counter()
    since = min(due.local_date for due in days.values()) - LET_GO_AFTER
    with deps.sessions() as session:
        held = lq.remembered(session, user_ids=list(days), since=since)
    due = [
        (days[user_id], lesson)
        for user_id, lessons in sorted(held.items())
        if (lesson := next_to_return(lessons, days[user_id].local_date)) is not None
    ]

    def send(day: Due, lesson: Remembered) -> Counter[str]:
        stage = due_stage(lesson, day.local_date) or 0
        outcome = send_once(
            deps,
            Due(DeliveryKind.LESSON, day.team_id, day.recipient, day.local_date),
            lambda row: _message(deps, row),
            item_id=lq.item_id(lesson.answer_id, stage),
            skill=lesson.skill or None,
        )
        return Counter({tally(DeliveryKind.LESSON, outcome): 1})

    return team_by_team(deps, Part.LESSONS, due, lambda item: item[0].team_id or 0, lambda item: send(*item))


def _message(deps: Deps, row: Delivery) -> Message | None:
    with deps.sessions() as session:
        found = lq.answer(session, answer_id=lq.parse_item(row.item_id)[0])
        written = queries.delivery(session, delivery_id=found.delivery_id) if found else None
    if found is None or written is None or row.id is None:
        return None
    return blocks.lesson_message(row.id, found.text, written.local_date, found.skill, deps.prompt(found.prompt_id))


def replied(deps: Deps, user_id: str, delivery_id: int | None, response: LessonResponse) -> Message | str:
    """The lesson's message becomes the thanks; Stop these turns lessons off for the person."""
    with transaction(deps.sessions) as session:
        row = queries.own_delivery(session, delivery_id=delivery_id or 0, kind=DeliveryKind.LESSON, user_id=user_id)
        if isinstance(row, str):
            return NOT_YOURS if row == Missing.NOT_YOURS else GONE
        lq.save_reply(session, delivery=row, response=response, now=deps.clock.now())
        if response == LessonResponse.STOP:
            queries.person(session, user_id=user_id).lessons = False
        skill_key = row.skill
    deps.logger.info("lesson replied delivery=%s response=%s", delivery_id, response)
    return blocks.replied(response, skill_key)


def set_on(deps: Deps, user_id: str, on: bool) -> Message:
    with transaction(deps.sessions) as session:
        queries.person(session, user_id=user_id).lessons = on
    return plain(blocks.LESSONS_ON if on else blocks.LESSONS_OFF)


def remember(deps: Deps, user_id: str, delivery_id: int | None, on: bool) -> str | None:
    """The "worth remembering" tick on an answer's confirmation; a note only when it cannot be kept."""
    with transaction(deps.sessions) as session:
        row = queries.own_delivery(session, delivery_id=delivery_id or 0, kind=DeliveryKind.PROMPT, user_id=user_id)
        if isinstance(row, str):
            return NOT_YOURS if row == Missing.NOT_YOURS else GONE
        found = queries.answer_for(session, delivery_id=row.id)
        if found is None:
            return GONE
        lq.set_remember(session, answer=found, remember=on)
    return None
