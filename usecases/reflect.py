"""Answering prompts: find the open one (or issue a fresh one), open the modal, save and confirm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from adapters.blocks import reflect as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain.answers import answer_problem, visibility_of
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
GONE = "That answer is no longer there (its message was deleted?). `/reflect` opens your current prompt."


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
        remember=answer.remember if answer else False,
    )


def save(
    deps: Deps,
    opened: OpenPrompt,
    user_id: str,
    text: str,
    visibility: str,
    rating: int | None = None,
    remember: bool | None = None,
) -> Message:
    """`remember` None (a `/reflect some text` answer) keeps what the answer had."""
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
        if remember is not None:
            answer.remember = remember
        kept = bool(answer.remember)
    return blocks.answer_saved(
        opened.prompt, opened.delivery.id, text=text.strip(), visibility=visibility, edited=edited, remember=kept
    )


#: The no-open-prompt note comes at most this often: a chat with the bot never becomes a loop of replies.
HINT_EVERY = timedelta(hours=20)


@dataclass(frozen=True)
class Typed:
    """A message someone typed in the DM with the bot; `thread_ts` when it is a reply in a message's thread."""

    user_id: str
    channel: str
    ts: str
    text: str
    thread_ts: str | None = None


def replied(deps: Deps, typed: Typed) -> Message | None:
    """A DM message answers the person's open prompt (in a prompt's thread, that prompt), saved for them alone
    and confirmed; None when there is nothing to say: a retried event, or the no-prompt note given already."""
    text = typed.text.strip()
    now = deps.clock.now()
    try:
        with transaction(deps.sessions) as session:
            if queries.answer_by_message(session, user_id=typed.user_id, message_ts=typed.ts) is not None:
                return None
            found, answered = _prompt_replied_to(session, typed, now)
            prompt = deps.prompt(found.item_id) if found is not None else None
            if found is None or prompt is None:
                in_thread = bool(typed.thread_ts) and typed.thread_ts != typed.ts
                return _hint_once(session, typed.user_id, now, blocks.OTHER_THREAD if in_thread else None)
            if answered:
                return plain(blocks.ALREADY_ANSWERED)
            if problem := answer_problem(text):
                return plain(blocks.not_taken(problem)) if text else None
            queries.save_answer(
                session,
                delivery=found,
                user_id=typed.user_id,
                text=text,
                visibility="private",
                now=now,
                message_ts=typed.ts,
            )
            delivery_id = found.id
    except IntegrityError:
        return None  # the same message, retried while the first delivery of it was being saved
    deps.logger.info("answer saved from a DM message delivery=%s", delivery_id)
    return blocks.reply_saved(prompt, delivery_id, "private")


def _prompt_replied_to(session: Session, typed: Typed, now: datetime) -> tuple[Delivery | None, bool]:
    """(the prompt, whether it has an answer already): the thread's prompt, else the open one. A reply in the
    thread of anything else (a lesson, some feedback) answers nothing: it was not meant for the prompt."""
    if typed.thread_ts and typed.thread_ts != typed.ts:
        found = queries.prompt_posted_as(session, user_id=typed.user_id, channel=typed.channel, ts=typed.thread_ts)
        if found is None:
            return None, False
        return found, queries.answer_for(session, delivery_id=found.id) is not None
    teams = queries.teams_of_user(session, user_id=typed.user_id)
    if not teams:
        return None, False
    row = queries.find_person(session, user_id=typed.user_id)
    today = local_now(now, zone(row.timezone if row else None, teams[0].timezone)).date()
    return queries.open_prompt(session, user_id=typed.user_id, since=queries.recent_window(today)), False


def _hint_once(session: Session, user_id: str, now: datetime, note: str | None = None) -> Message | None:
    """What the bot can do (or `note`), said at most once every HINT_EVERY."""
    if not queries.take_dm_hint(session, user_id=user_id, now=now, every=HINT_EVERY):
        return None
    in_team = bool(queries.teams_of_user(session, user_id=user_id))
    return plain(note or (blocks.NOTHING_TO_ANSWER if in_team else blocks.NOT_IN_A_TEAM_YET))


def reply_edited(deps: Deps, user_id: str, ts: str, text: str) -> Message | None:
    """Editing the message edits the answer it gave; an edit that could not be an answer keeps the saved one."""
    with transaction(deps.sessions) as session:
        answer = queries.answer_by_message(session, user_id=user_id, message_ts=ts)
        if answer is None:
            return None
        if problem := answer_problem(text):
            return blocks.edit_refused(problem)
        answer.text, answer.updated_at = text.strip(), deps.clock.now()
        session.add(answer)
        delivery_id = answer.delivery_id
    deps.logger.info("answer edited from its DM message delivery=%s", delivery_id)
    return None


def reply_deleted(deps: Deps, user_id: str, ts: str) -> Message | None:
    """Deleting the message deletes the answer it gave, and the prompt is open again."""
    with transaction(deps.sessions) as session:
        answer = queries.answer_by_message(session, user_id=user_id, message_ts=ts)
        if answer is None:
            return None
        skill_key, delivery_id = answer.skill, answer.delivery_id
        queries.delete_answer(session, answer=answer)
    deps.logger.info("answer deleted with its DM message delivery=%s", delivery_id)
    return blocks.reply_deleted(skill_key)


def visibility_chosen(deps: Deps, user_id: str, delivery_id: int | None, value: str) -> Message | str:
    """Who may read an answer typed as a DM message, chosen on its confirmation, which then shows the choice."""
    visibility = visibility_of(value)
    with transaction(deps.sessions) as session:
        found = queries.own_delivery(session, delivery_id=delivery_id or 0, kind=DeliveryKind.PROMPT, user_id=user_id)
        if isinstance(found, str):
            return NOT_YOURS if found == Missing.NOT_YOURS else GONE
        answer = queries.answer_for(session, delivery_id=found.id)
        prompt = deps.prompt(found.item_id)
        if answer is None or prompt is None:
            return GONE
        answer.visibility, answer.updated_at = visibility, deps.clock.now()
        session.add(answer)
        remember = answer.remember
    return blocks.reply_saved(prompt, found.id, visibility, remember)
