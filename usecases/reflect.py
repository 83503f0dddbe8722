"""Answering prompts: find the open one (or issue a fresh one), open the modal, save and confirm."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from adapters.blocks import reflect as blocks
from adapters.blocks.common import Message
from deps import Deps
from domain.content import Prompt
from domain.ledger import DeliveryKind, Missing
from domain.schedule import Due, local_now, zone
from domain.self_rating import should_ask
from storage import home_queries, queries
from storage.db import transaction
from storage.models import Answer, Delivery
from usecases.ledger import choose_prompt

NOT_IN_A_TEAM = "You're not in a practice team yet. Ask your team lead to run `/practice start` in your team's channel."
NOT_YOURS = "That prompt was sent to someone else, so I can't open it for you."


@dataclass(frozen=True)
class OpenPrompt:
    delivery: Delivery
    prompt: Prompt
    answer: Answer | None
    ask_rating: bool = False
    rating: int | None = None


def current_prompt(deps: Deps, user_id: str) -> OpenPrompt | str:
    """The person's open prompt, or a fresh one (today's, or a bonus one if today's is answered)."""
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        teams = queries.teams_of_user(session, user_id=user_id)
        if not teams:
            return NOT_IN_A_TEAM
        row = queries.find_person(session, user_id=user_id)
        today = local_now(now, zone(row.timezone if row else None, teams[0].timezone)).date()
        found = queries.open_prompt(session, user_id=user_id, since=queries.recent_window(today))
        if found is None:
            prompt = choose_prompt(deps, session, user_id)
            slot = queries.next_slot(session, recipient=user_id, local_date=today)
            due = Due(DeliveryKind.PROMPT, teams[0].id, user_id, today)
            found = queries.claim(session, due=due, item_id=prompt.id, skill=prompt.skill, now=now, slot=slot)
            if found is None:
                return "Your prompt is on its way; try again in a moment."
            queries.mark_sent(session, delivery_id=found.id, channel=None, ts=None, now=now)
        return _loaded(deps, session, found, None)


def prompt_for(deps: Deps, user_id: str, delivery_id: int) -> OpenPrompt | str:
    with deps.sessions() as session:
        found = queries.own_delivery(session, delivery_id=delivery_id, kind=DeliveryKind.PROMPT, user_id=user_id)
        if isinstance(found, str):
            return {Missing.GONE: "I couldn't find that prompt any more.", Missing.NOT_YOURS: NOT_YOURS}[found]
        return _loaded(deps, session, found, queries.answer_for(session, delivery_id=found.id))


def _loaded(deps: Deps, session: Session, found: Delivery, answer: Answer | None) -> OpenPrompt | str:
    prompt = deps.prompt(found.item_id)
    if prompt is None:
        return "That prompt has been retired from the bank. `/reflect` gives you a fresh one."
    rated = home_queries.rating_for_answer(session, answer_id=answer.id) if answer else None
    last = home_queries.last_rated(session, user_id=found.recipient, skill=prompt.skill)
    ask = should_ask(last, deps.clock.now(), already_rated_this_answer=rated is not None)
    return OpenPrompt(found, prompt, answer, ask_rating=ask, rating=rated.rating if rated else None)


def modal_for(opened: OpenPrompt) -> dict:
    answer = opened.answer
    return blocks.answer_modal(
        opened.prompt,
        opened.delivery.id,
        initial_text=answer.text if answer else None,
        visibility=answer.visibility if answer else "private",
        ask_rating=opened.ask_rating,
        rating=opened.rating,
    )


def save(
    deps: Deps, opened: OpenPrompt, user_id: str, text: str, visibility: str, rating: int | None = None
) -> Message:
    with transaction(deps.sessions) as session:
        answer, edited = queries.save_answer(
            session,
            delivery=opened.delivery,
            user_id=user_id,
            text=text.strip(),
            visibility=visibility,
            now=deps.clock.now(),
        )
        if rating is not None:
            home_queries.save_rating(session, answer=answer, rating=rating, now=deps.clock.now())
    return blocks.answer_saved(
        opened.prompt, opened.delivery.id, text=text.strip(), visibility=visibility, edited=edited
    )
