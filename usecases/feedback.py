"""Peer feedback use cases: giving, thanking, 'what I'll try', and the week-later follow-up.

Anonymous feedback keeps `giver_id` in the database only: nothing sent to the recipient (text, blocks,
button values, modal metadata) carries it or anything it could be derived from; buttons carry row ids."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from adapters import ids, web_api
from adapters.blocks import feedback as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain import feedback as rules
from domain.clock import as_utc
from domain.ledger import DeliveryKind, Missing, tally
from domain.schedule import Due, zone
from domain.skills import is_skill
from storage import feedback_queries as fq
from storage import queries
from storage.db import transaction
from storage.models import Delivery, Feedback
from usecases.ledger import send_once
from usecases.parts import Part, team_by_team

NOT_DELIVERED = "Sorry, I couldn't deliver your feedback just now, so nothing was sent or saved. Please try again."
GONE = "I couldn't find that feedback any more."
NOT_YOURS = "That button belongs to the person who received the feedback."
CHECKING = "Checking whether you can send this anonymously…"
PICK_SOMEONE = "Pick who the feedback is for."
PICK_A_SKILL = "Pick the skill the feedback is about."


@dataclass(frozen=True)
class Check:
    """Whether feedback may go from giver to recipient, and the teams they share (for anonymity)."""

    problem: str | None
    shared: list[rules.SharedTeam]


@dataclass(frozen=True)
class Gift:
    giver_id: str
    recipient_id: str
    skill: str | None
    keep_doing: str | None
    do_differently: str | None
    anonymous: bool = False


def check_recipient(deps: Deps, giver_id: str, recipient_id: str) -> Check:
    """The cached profile answers bot/deactivated; someone the bot has never seen is looked up with users.info."""
    if recipient_id == giver_id:
        return Check(rules.NOT_YOURSELF, [])
    with deps.sessions() as session:
        person = queries.find_person(session, user_id=recipient_id)
        shared = fq.shared_teams(session, user_id=giver_id, other_id=recipient_id)
        in_a_team = bool(shared) or bool(fq.shared_teams(session, user_id=giver_id, other_id=None))
    if person is not None:
        recipient = rules.Recipient(recipient_id, is_bot=person.is_bot, deleted=person.deleted)
    else:
        found = web_api.profiles(deps.client, [recipient_id])
        recipient = (
            rules.Recipient(recipient_id, is_bot=found[0].is_bot, deleted=found[0].deleted)
            if found
            else rules.Recipient(recipient_id, found=False)
        )
    return Check(rules.recipient_problem(giver_id, recipient, shared, giver_in_a_team=in_a_team), shared)


def opening_form(recipient_id: str | None) -> dict:
    """Shown the instant the command arrives (trigger ids expire in 3 s); `form_for` then fills it in."""
    return blocks.feedback_form(recipient_id=recipient_id, anonymous_offered=False, note=CHECKING)


def form_for(deps: Deps, giver_id: str, recipient_id: str | None) -> tuple[dict, str | None]:
    """The full form and, when the chosen person can't receive feedback, why."""
    if recipient_id is None:
        with deps.sessions() as session:
            own = fq.shared_teams(session, user_id=giver_id, other_id=None)
        problem = None if own else rules.NOT_IN_A_TEAM
        offered = rules.anonymity_offered(own)
        note = rules.ANONYMITY_ANY_TEAM if offered else rules.ANONYMITY_NOT_OFFERED
        return blocks.feedback_form(recipient_id=None, anonymous_offered=offered, note=note, warning=problem), problem
    check = check_recipient(deps, giver_id, recipient_id)
    offered = check.problem is None and rules.anonymity_offered(check.shared)
    note = None if offered or check.problem else rules.ANONYMITY_NOT_OFFERED
    form = blocks.feedback_form(recipient_id=recipient_id, anonymous_offered=offered, note=note, warning=check.problem)
    return form, check.problem


def form_errors(deps: Deps, gift: Gift) -> tuple[dict[str, str], list[rules.SharedTeam]]:
    """Errors keyed by the form's block ids (shown in the modal), and the shared teams when all is well."""
    errors: dict[str, str] = {}
    shared: list[rules.SharedTeam] = []
    if not gift.recipient_id:
        errors[ids.FEEDBACK_RECIPIENT_BLOCK] = PICK_SOMEONE
    else:
        check = check_recipient(deps, gift.giver_id, gift.recipient_id)
        shared = check.shared
        if check.problem:
            errors[ids.FEEDBACK_RECIPIENT_BLOCK] = check.problem
        elif gift.anonymous and not rules.anonymity_offered(shared):
            errors[ids.FEEDBACK_ANONYMOUS_BLOCK] = rules.ANONYMITY_NOT_OFFERED
    if not (gift.skill and is_skill(gift.skill)):
        errors[ids.FEEDBACK_SKILL_BLOCK] = PICK_A_SKILL
    blocks_of = {"keep": ids.FEEDBACK_KEEP_BLOCK, "change": ids.FEEDBACK_CHANGE_BLOCK}
    for part, problem in rules.text_problems(gift.keep_doing, gift.do_differently).items():
        errors[blocks_of[part]] = problem
    return errors, shared


def give_inline(deps: Deps, giver_id: str, recipient_id: str, text: str) -> Message:
    """`/feedback @person some text`: recorded at once as "keep doing", never anonymous."""
    check = check_recipient(deps, giver_id, recipient_id)
    if check.problem:
        return plain(check.problem)
    if problem := rules.inline_problem(text):
        return plain(problem)
    return give(deps, Gift(giver_id, recipient_id, None, text.strip(), None), check.shared)


def give(deps: Deps, gift: Gift, shared: list[rules.SharedTeam]) -> Message:
    """Save, then DM the recipient; if the DM fails the row is removed again, so nothing is half-done."""
    keep, change = (gift.keep_doing or "").strip() or None, (gift.do_differently or "").strip() or None
    if deliver(deps, gift, rules.team_for(shared, anonymous=gift.anonymous)) is None:
        return blocks.feedback_not_sent(NOT_DELIVERED, keep, change)
    return blocks.feedback_sent(
        gift.recipient_id, anonymous=gift.anonymous, skill_key=gift.skill, keep_doing=keep, do_differently=change
    )


def deliver(deps: Deps, gift: Gift, team_id: int | None) -> int | None:
    """The feedback saved and in the recipient's DM (with Thank you and What I'll try), or None with nothing
    kept: the one path every piece of feedback takes, a peer review's included."""
    keep, change = (gift.keep_doing or "").strip() or None, (gift.do_differently or "").strip() or None
    try:
        with transaction(deps.sessions) as session:
            row = fq.save_feedback(
                session,
                team_id=team_id,
                giver_id=gift.giver_id,
                recipient_id=gift.recipient_id,
                skill=gift.skill,
                keep_doing=keep,
                do_differently=change,
                anonymous=gift.anonymous,
                now=deps.clock.now(),
            )
        feedback_id = row.id
        assert feedback_id is not None
        message = blocks.feedback_received(
            feedback_id,
            giver_id=None if gift.anonymous else gift.giver_id,
            skill_key=gift.skill,
            keep_doing=keep,
            do_differently=change,
        )
    except SQLAlchemyError as error:
        deps.logger.error("saving feedback failed: database error %s", type(error).__name__)
        return None
    try:
        web_api.post(deps.client, gift.recipient_id, message)
    except (SlackApiError, OSError) as error:
        deps.logger.warning("feedback DM failed feedback=%s error=%s", feedback_id, web_api.error_code(error))
        with transaction(deps.sessions) as session:
            fq.delete_feedback(session, feedback_id=feedback_id)
        return None
    deps.logger.info("feedback sent feedback=%s anonymous=%s", feedback_id, gift.anonymous)
    return feedback_id


def _received(session: Session, user_id: str, feedback_id: int) -> Feedback | str:
    """The feedback, if it still exists and this person received it; otherwise why not."""
    row = fq.find_feedback(session, feedback_id=feedback_id)
    if row is None:
        return GONE
    if row.recipient_id != user_id:
        return NOT_YOURS
    return row


def thank(deps: Deps, user_id: str, feedback_id: int) -> Message:
    """Tell the giver once; the answer to the recipient never names an anonymous giver."""
    with transaction(deps.sessions) as session:
        row = _received(session, user_id, feedback_id)
        if isinstance(row, str):
            return plain(row)
        first = fq.mark_thanked(session, feedback_id=feedback_id, now=deps.clock.now())
    if not first:
        return plain("You've already said thank you for this one. :pray:")
    try:
        web_api.post(
            deps.client,
            row.giver_id,
            blocks.feedback_thanked(row.recipient_id, skill_key=row.skill, anonymous=row.anonymous),
        )
    except (SlackApiError, OSError) as error:
        deps.logger.warning("thanks DM failed feedback=%s error=%s", feedback_id, web_api.error_code(error))
        with transaction(deps.sessions) as session:
            fq.clear_thanked(session, feedback_id=feedback_id)
        return plain("I couldn't pass your thanks on just now. Please try the button again in a minute.")
    return plain("Thanks sent. :pray:")


def try_form(deps: Deps, user_id: str, feedback_id: int) -> dict | str:
    with deps.sessions() as session:
        row = _received(session, user_id, feedback_id)
    if isinstance(row, str):
        return row
    return blocks.feedback_try_modal(feedback_id, row.try_text)


def save_try(deps: Deps, user_id: str, feedback_id: int, text: str) -> Message:
    with transaction(deps.sessions) as session:
        row = _received(session, user_id, feedback_id)
        if isinstance(row, str):
            return plain(row)
        fq.save_try(session, feedback_id=feedback_id, text=text.strip(), now=deps.clock.now())
    return blocks.feedback_try_saved(text.strip())


def send_followups(deps: Deps) -> Counter[str]:
    """Called by every tick: ask once, a week later, how the recipient's 'what I'll try' went."""
    now = deps.clock.now()
    with deps.sessions() as session:
        candidates = fq.followups_due(session, tried_before=now - rules.FOLLOWUP_AFTER)
    dues = [
        (candidate, day)
        for candidate in candidates
        if (
            day := rules.followup_date(
                as_utc(candidate.tried_at), now, zone(candidate.timezone, candidate.team_timezone)
            )
        )
        is not None
    ]

    def follow_up(candidate: fq.FollowupCandidate, day: date) -> Counter[str]:
        outcome = send_once(
            deps,
            Due(DeliveryKind.FOLLOWUP, candidate.team_id, candidate.recipient_id, day),
            lambda row: _followup_message(deps, row),
            item_id=str(candidate.feedback_id),
            skill="feedback",
            slot=candidate.feedback_id,
        )
        return Counter({tally(DeliveryKind.FOLLOWUP, outcome): 1})

    return team_by_team(deps, Part.FOLLOWUPS, dues, lambda due: due[0].team_id or 0, lambda due: follow_up(*due))


def _followup_message(deps: Deps, row: Delivery) -> Message | None:
    with deps.sessions() as session:
        found = fq.find_feedback(session, feedback_id=int(row.item_id or 0))
    if found is None or not found.try_text or row.id is None:
        return None
    return blocks.feedback_followup(row.id, found.try_text)


@dataclass(frozen=True)
class OpenFollowup:
    delivery: Delivery
    try_text: str


def followup_for(deps: Deps, user_id: str, delivery_id: int) -> OpenFollowup | str:
    with deps.sessions() as session:
        row = queries.own_delivery(session, delivery_id=delivery_id, kind=DeliveryKind.FOLLOWUP, user_id=user_id)
        if isinstance(row, str):
            return {
                Missing.GONE: "I couldn't find that follow-up any more.",
                Missing.NOT_YOURS: "That follow-up was sent to someone else, so I can't open it for you.",
            }[row]
        found = fq.find_feedback(session, feedback_id=int(row.item_id or 0))
    return OpenFollowup(row, (found.try_text if found else None) or "")


def followup_form(deps: Deps, opened: OpenFollowup) -> dict:
    assert opened.delivery.id is not None
    with deps.sessions() as session:
        answer = queries.answer_for(session, delivery_id=opened.delivery.id)
    return blocks.feedback_followup_modal(
        opened.delivery.id,
        opened.try_text,
        initial_text=answer.text if answer else None,
        visibility=answer.visibility if answer else "private",
    )


def save_followup(deps: Deps, opened: OpenFollowup, user_id: str, text: str, visibility: str) -> Message:
    """Stored as an Answer on the "feedback" skill, so it counts as practising receiving feedback."""
    with transaction(deps.sessions) as session:
        edited = fq.save_followup_answer(
            session,
            delivery=opened.delivery,
            user_id=user_id,
            text=text.strip(),
            visibility=visibility,
            now=deps.clock.now(),
        )
    return blocks.feedback_followup_saved(text.strip(), visibility=visibility, edited=edited)
