"""Drills: `/drill` puts a customer's message in front of a person by DM; they pick a first reply, say how sure
they are, and see the best one and why. Each answer moves the drill's Leitner box, so a miss comes back
tomorrow and a drill mastered retires."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from adapters import web_api
from adapters.blocks import drill as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain import command_text as ct
from domain.drills import Confidence, Drill, DrillMode, after_answer, next_drill, next_to_write, shuffled
from domain.schedule import local_now, zone
from storage import drill_queries, queries
from storage.db import transaction
from storage.models import DrillRound
from usecases import peer_review
from usecases.reflect import NOT_IN_A_TEAM

NOT_YOURS = "That drill was sent to someone else, so it stays as it is."
GONE = "That drill is no longer in the bank. `/drill` gives you a fresh one."


@dataclass(frozen=True)
class Form:
    """A form to open for the person (a modal), in place of a message."""

    view: dict


def ask(deps: Deps, user_id: str, text: str) -> Message | Form:
    """`/drill`, `/drill <skill>`, `/drill write [skill]` or `/drill help`: a drill comes by DM, where its buttons
    live; a written one opens as a form."""
    match ct.parse_drill(text):
        case ct.DrillHelp():
            return blocks.drill_help()
        case ct.DrillProblem(text=problem):
            return plain(problem)
        case ct.DrillWrite(skill=skill_key):
            return _to_write(deps, user_id, skill_key)
        case ct.DrillAsk(skill=skill_key):
            return _send(deps, user_id, skill_key)
    raise AssertionError(f"no use case for {text!r}")


def _to_write(deps: Deps, user_id: str, skill_key: str | None) -> Message | Form:
    with deps.sessions() as session:
        if not queries.teams_of_user(session, user_id=user_id):
            return plain(NOT_IN_A_TEAM)
        held = drill_queries.written(session, user_id=user_id)
    drill = next_to_write(deps.drills, held.last, held.per_skill, deps.rng, skill=skill_key)
    if drill is None:
        return plain("There are no drills to write a reply to yet.")
    return Form(blocks.write_modal(drill))


def form_for_round(deps: Deps, user_id: str, round_id: int | None) -> Form | str:
    """A written-drill day's "Write your reply": the form for that day's drill."""
    with deps.sessions() as session:
        row = drill_queries.round_by_id(session, round_id=round_id) if round_id else None
    if row is None or row.mode != DrillMode.WRITE:
        return GONE
    if row.user_id != user_id:
        return NOT_YOURS
    drill = deps.drill(row.drill_id)
    return Form(blocks.write_modal(drill, row.id)) if drill else GONE


def wrote(deps: Deps, user_id: str, drill_id: str | None, text: str, round_id: int | None = None) -> Form | str:
    """The reply is saved at once (nothing typed is lost), and the form turns into the self-review. From a
    written-drill day's DM it also answers that day's practice, once."""
    drill = deps.drill(drill_id)
    if drill is None:
        return GONE
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        teams = queries.teams_of_user(session, user_id=user_id)
        if not teams:
            return NOT_IN_A_TEAM
        today = _today(deps, session, user_id, teams[0].timezone)
        row = drill_queries.save_writing(
            session, user_id=user_id, team_id=teams[0].id, drill=drill, text=text, local_date=today, now=now
        )
        writing_id = row.id
        if round_id is not None:
            drill_queries.answer_written_round(session, round_id=round_id, user_id=user_id, now=now)
    deps.logger.info("drill reply written drill=%s writing=%s", drill.id, writing_id)
    return Form(blocks.self_review_modal(drill, writing_id, text))


def self_reviewed(deps: Deps, user_id: str, writing_id: int | None, ticks: list[int], *, offered: bool) -> Message:
    with transaction(deps.sessions) as session:
        row = drill_queries.writing(session, writing_id=writing_id) if writing_id else None
        if row is None or row.user_id != user_id:
            return plain(GONE if row is None else NOT_YOURS)
        drill = deps.drill(row.drill_id)
        if drill is None:
            return plain(GONE)
        kept = [t for t in ticks if 0 <= t < len(drill.strong_reply)]
        drill_queries.save_self_review(session, row=row, ticks=kept, now=deps.clock.now())
        text, saved_id = row.text, row.id
    review = peer_review.offer(deps, saved_id) if offered else None
    return blocks.self_reviewed(drill, text, kept, review)


def _send(deps: Deps, user_id: str, skill_key: str | None) -> Message:
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        teams = queries.teams_of_user(session, user_id=user_id)
        if not teams:
            return plain(NOT_IN_A_TEAM)
        today = _today(deps, session, user_id, teams[0].timezone)
        cards = drill_queries.cards(session, user_id=user_id)
        done = drill_queries.done_by_skill(session, user_id=user_id)
        pick = next_drill(deps.drills, cards, today, done, deps.rng, skill=skill_key)
        if pick is None:
            ahead = [
                card.due_on
                for card in cards.values()
                if not card.retired and (drill := deps.drill(card.drill_id)) and skill_key in (None, drill.skill)
            ]
            return blocks.none_left(skill_key, min(ahead, default=None))
        row = drill_queries.start_round(
            session,
            user_id=user_id,
            team_id=teams[0].id,
            drill=pick.drill,
            local_date=today,
            review=pick.review,
            now=now,
        )
        round_id = row.id
    message = blocks.drill_message(pick.drill, round_id, shuffled(pick.drill, user_id), review=pick.review)
    web_api.post(deps.client, user_id, message)
    deps.logger.info("drill sent round=%s drill=%s review=%s", round_id, pick.drill.id, pick.review)
    return blocks.sent(pick.drill)


def _today(deps: Deps, session: Session, user_id: str, team_zone: str) -> date:
    """Reviews fall due by the person's own local day."""
    person = queries.find_person(session, user_id=user_id)
    return local_now(deps.clock.now(), zone(person.timezone if person else None, team_zone)).date()


@dataclass(frozen=True)
class Clicked:
    """A button on a drill: the round it belongs to and the option (by its place in the bank) it names."""

    round_id: int
    choice: int


def parse_click(value: str) -> Clicked | None:
    parts = value.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return Clicked(int(parts[0]), int(parts[1]))


@dataclass(frozen=True)
class Update:
    """What the drill's message becomes (`replace` True), or a note only the clicker sees, the message kept."""

    message: Message
    replace: bool


def chose(deps: Deps, user_id: str, clicked: Clicked) -> Update:
    """A reply was picked: the message now asks how sure they are, and reveals nothing yet."""
    with deps.sessions() as session:
        found = _round(deps, session, user_id, clicked)
    if isinstance(found, Update):
        return found
    row, drill = found
    order = shuffled(drill, user_id)
    return Update(blocks.how_sure(drill, row.id, order, clicked.choice, review=row.review), replace=True)


def answered(deps: Deps, user_id: str, clicked: Clicked, confidence: Confidence) -> Update:
    """How sure they were: the round is answered, once, and the message reveals the best reply."""
    with transaction(deps.sessions) as session:
        found = _round(deps, session, user_id, clicked, lock=True)
        if isinstance(found, Update):
            return found
        row, drill = found
        held = drill_queries.card(session, user_id=user_id, drill_id=drill.id)
        best = clicked.choice == drill.best
        outcome = after_answer(held.box if held else None, best=best, confidence=confidence, on=row.local_date)
        drill_queries.answer_round(
            session,
            row=row,
            choice=clicked.choice,
            confidence=confidence,
            best=best,
            outcome=outcome,
            now=deps.clock.now(),
        )
        review = row.review
    deps.logger.info("drill answered drill=%s best=%s box=%s retired=%s", drill.id, best, outcome.box, outcome.retired)
    order = shuffled(drill, user_id)
    return Update(blocks.revealed(drill, order, clicked.choice, confidence, outcome, review=review), replace=True)


def _round(
    deps: Deps, session: Session, user_id: str, clicked: Clicked, *, lock: bool = False
) -> tuple[DrillRound, Drill] | Update:
    """The round behind a click, when it is this person's, still open, and its drill still in the bank."""
    read = drill_queries.round_to_answer if lock else drill_queries.round_by_id
    row = read(session, round_id=clicked.round_id)
    if row is None or row.mode != DrillMode.CHOOSE:
        return Update(plain(GONE), replace=False)
    if row.user_id != user_id:
        return Update(plain(NOT_YOURS), replace=False)
    if row.answered_at is not None:
        return Update(plain(blocks.ALREADY_ANSWERED), replace=False)
    drill = deps.drill(row.drill_id)
    if drill is None or not 0 <= clicked.choice < len(drill.options):
        return Update(plain(GONE), replace=False)
    return row, drill
