"""Focus skills: the four-weekly offer, `/practice focus`, choosing a skill (or none), and the question at the
end of the four weeks. The offer and the question ride on the tick's prompt dues: only the people whose practice
time has come are looked at, so pause, away and holidays hold, and a quiet minute costs nothing more."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypeVar

from sqlmodel import Session

from adapters.blocks import focus as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain.focus import (
    END_SLOT,
    FEEDBACK_LOOKBACK,
    OFFER_SLOT,
    FocusState,
    FocusWent,
    Signals,
    end_question_due,
    new_offer_due,
    resend_due,
    reusable,
    suggest,
)
from domain.home import FocusHome
from domain.ledger import DeliveryKind
from domain.schedule import Due, local_now, zone
from domain.skills import is_skill
from storage import focus_queries as fq
from storage import queries
from storage.db import transaction
from storage.models import Delivery
from usecases import ledger

OUT_OF_DATE = "That button is out of date. `/practice focus` shows your signals and your current offer."
GONE = "I couldn't find that focus any more. `/practice focus` shows your signals and a fresh offer."
NOT_YOURS = "That focus offer was made to someone else."
REPLACED = "A newer offer has replaced that one. `/practice focus` shows it."
ENDED = "That focus has run its four weeks. A new offer comes with your next practice day, or `/practice focus` now."
T = TypeVar("T")

NOT_IN_TEAM = (
    "A focus skill shapes your practice prompts, so it needs a practice team. Ask your team lead to add you to "
    "the team's channel."
)


def _today(deps: Deps, session: Session, user_id: str, team_timezone: str | None) -> date:
    """The person's own day, as their prompts are planned: their profile's time zone, else their team's."""
    person = queries.find_person(session, user_id=user_id)
    tz = zone(person.timezone if person else None, team_timezone or deps.settings.default_timezone)
    return local_now(deps.clock.now(), tz).date()


def _running(session: Session, state: FocusState | None, today: date) -> FocusHome | None:
    if state is None or state.skill is None or not state.on(today):
        return None
    went = fq.went_of(session, focus_ids=[state.focus_id]).get(state.focus_id, FocusWent(state.skill))
    return FocusHome(state.skill, state.days_left(today), went)


def view(deps: Deps, user_id: str) -> Message:
    """`/practice focus`: the person's signals per skill, the suggestion and the choice; the open offer or the
    running focus when there is one, otherwise a new offer (made once per day)."""
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        teams = queries.teams_of_user(session, user_id=user_id)
        if not teams:
            return plain(NOT_IN_TEAM)
        today = _today(deps, session, user_id, teams[0].timezone)
        signals = fq.signals_of(session, user_ids=[user_id], feedback_since=now - FEEDBACK_LOOKBACK).get(user_id, {})
        suggested = suggest(signals)
        state = fq.latest(session, user_id=user_id)
        if state is None or not reusable(state, today):
            row = fq.offer(
                session, user_id=user_id, team_id=teams[0].id, offered_on=today, suggested=suggested, now=now
            )
            state = fq.state_of(row)
        running = _running(session, state, today)
    return blocks.offer(state.focus_id, signals, suggested, running)


def pick(deps: Deps, user_id: str, value: str) -> Message:
    """A "Focus on this" button: value "<focus id>:<skill>"."""
    focus_part, _, key = value.partition(":")
    if not focus_part.isdigit() or not is_skill(key):
        return plain(OUT_OF_DATE)
    return _choose(deps, user_id, int(focus_part), key)


def no_focus(deps: Deps, user_id: str, value: str) -> Message:
    """ "No focus this time": value "<focus id>"."""
    return _choose(deps, user_id, int(value), None) if value.isdigit() else plain(OUT_OF_DATE)


def _choose(deps: Deps, user_id: str, focus_id: int, key: str | None) -> Message:
    """Only the person's latest offer can be chosen on; a skill starts four weeks from their today, with their
    drills' first tries on it as they stand."""
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        row = fq.row_to_choose(session, focus_id=focus_id)
        if row is None:
            return plain(GONE)
        if row.user_id != user_id:
            return plain(NOT_YOURS)
        if fq.latest_id(session, user_id=user_id) != row.id:
            return plain(REPLACED)
        teams = queries.teams_of_user(session, user_id=user_id)
        today = _today(deps, session, user_id, teams[0].timezone if teams else None)
        state = fq.state_of(row)
        if state.ended(today):
            return plain(ENDED)
        if key is not None and state.skill == key and state.on(today):
            return blocks.already(key, state.days_left(today))
        if key is None and state.chosen and state.skill is None:
            return blocks.no_focus()
        then = fq.first_tries(session, user_id=user_id, skill=key) if key is not None else None
        fq.choose(session, row=row, skill=key, today=today, now=now, then=then)
        ends_on = row.ends_on
    deps.logger.info("focus chosen focus=%s none=%s", focus_id, key is None)
    return blocks.chosen(key, ends_on) if key is not None and ends_on is not None else blocks.no_focus()


def outcome_form(deps: Deps, user_id: str, focus_id: int) -> dict | str:
    with deps.sessions() as session:
        row = fq.row(session, focus_id=focus_id)
    if row is None or row.skill is None:
        return GONE
    if row.user_id != user_id:
        return NOT_YOURS
    return blocks.outcome_modal(focus_id, row.skill, row.outcome)


def save_outcome(deps: Deps, user_id: str, focus_id: int, text: str) -> Message:
    with transaction(deps.sessions) as session:
        row = fq.row_to_choose(session, focus_id=focus_id)
        if row is None or row.skill is None:
            return plain(GONE)
        if row.user_id != user_id:
            return plain(NOT_YOURS)
        fq.save_outcome(session, row=row, text=text.strip())
        key = row.skill
    deps.logger.info("focus outcome saved focus=%s", focus_id)
    return blocks.outcome_saved(key, text.strip())


def home(session: Session, user_id: str, today: date) -> FocusHome | None:
    """The Home's focus: the one running today, with its days left and how it is going."""
    return _running(session, fq.latest(session, user_id=user_id), today)


def offer_due(deps: Deps, dues: Sequence[Due]) -> Counter[str]:
    """For the tick's prompt dues: whoever's focus ran its four weeks is asked once what changed, and whoever is
    due an offer and has a signal on some skill gets one (someone with none has nothing to be suggested yet;
    `/practice focus` tells them what would give a skill one). Read in a few queries for all of them, each DM
    sent once through the ledger. The offer after a focus waits for the practice day after its question."""
    today = {d.recipient: d for d in dues if d.kind == DeliveryKind.PROMPT}
    now = deps.clock.now()
    with deps.sessions() as session:
        states = fq.latest_of(session, user_ids=today)
        asking = [(today[u], s) for u, s in states.items() if end_question_due(s, today[u].local_date)]
        wanted = [
            u
            for u, due in today.items()
            if new_offer_due(states.get(u), due.local_date) or resend_due(states.get(u), due.local_date)
        ]
        signals = fq.signals_of(session, user_ids=wanted, feedback_since=now - FEEDBACK_LOOKBACK) if wanted else {}
        went = fq.went_of(session, focus_ids=[s.focus_id for _d, s in asking]) if asking else {}
    outcome = _ask(deps, asking, went)
    offers = [(today[u], states.get(u), signals[u]) for u in sorted(wanted) if u in signals]
    outcome.update(_offer(deps, offers))
    return outcome


def _ask(deps: Deps, asking: Sequence[tuple[Due, FocusState]], went: Mapping[int, FocusWent]) -> Counter[str]:
    """What changed, keyed by the day the focus ended, so a retry on a later day is the same send."""

    def claims(_session: Session, batch: Sequence[tuple[Due, FocusState]]) -> list[queries.Claim]:
        return [
            (
                Due(DeliveryKind.FOCUS, due.team_id, due.recipient, state.ends_on or due.local_date),
                str(state.focus_id),
                None,
            )
            for due, state in batch
        ]

    def message(row: Delivery) -> Message | None:
        found = went.get(int(row.item_id or 0))
        return blocks.end_message(int(row.item_id or 0), found) if found is not None else None

    outcome = ledger.send_in_batches(deps, DeliveryKind.FOCUS, asking, END_SLOT, claims, message)
    if asking:
        with transaction(deps.sessions) as session:
            fq.mark_asked(session, focus_ids=[s.focus_id for _d, s in asking], now=deps.clock.now())
    return outcome


def _offer(deps: Deps, offers: Sequence[tuple[Due, FocusState | None, Mapping[str, Signals]]]) -> Counter[str]:
    """A new offer is made with its ledger claim, in one transaction: the row and its DM exist together. An
    open offer whose DM never got through is sent again under its own day's key."""
    now = deps.clock.now()
    shown: dict[int, Mapping[str, Signals]] = {}

    def claims(
        session: Session, batch: Sequence[tuple[Due, FocusState | None, Mapping[str, Signals]]]
    ) -> list[queries.Claim]:
        found: list[queries.Claim] = []
        for due, state, signals in batch:
            if state is not None and resend_due(state, due.local_date):
                focus_id, day = state.focus_id, state.offered_on
            else:
                row = fq.offer(
                    session,
                    user_id=due.recipient,
                    team_id=due.team_id,
                    offered_on=due.local_date,
                    suggested=suggest(signals),
                    now=now,
                )
                assert row.id is not None
                focus_id, day = row.id, row.offered_on
            shown[focus_id] = signals
            found.append((Due(DeliveryKind.FOCUS, due.team_id, due.recipient, day), str(focus_id), None))
        return found

    def message(row: Delivery) -> Message | None:
        focus_id = int(row.item_id or 0)
        signals = shown.get(focus_id)
        return blocks.offer(focus_id, signals, suggest(signals)) if signals is not None else None

    return ledger.send_in_batches(deps, DeliveryKind.FOCUS, offers, OFFER_SLOT, claims, message)
