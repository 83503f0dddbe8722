"""The focus suggestion and the 2-in-5 rule, from scripted signals: the suggestion is always a skill with the most
room and never one without a signal, and a focus gets at least 2 of every 5 practice days while it runs."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from domain import rotation
from domain.content import Level
from domain.focus import (
    AT_LEAST,
    PERIOD,
    WINDOW,
    FocusDays,
    FocusState,
    Signals,
    end_question_due,
    new_offer_due,
    on_focus_today,
    outcome_problem,
    resend_due,
    reusable,
    room,
    suggest,
)
from domain.skills import SKILL_KEYS

QUICK = settings(max_examples=200, deadline=None)
MONDAY = date(2026, 11, 23)

SIGNALS = st.builds(
    Signals,
    rating=st.none() | st.integers(1, 5),
    keep=st.integers(0, 6),
    change=st.integers(0, 6),
    first_tries=st.integers(0, 8),
    first_best=st.integers(0, 8),
).filter(lambda s: s.first_best <= s.first_tries)
PEOPLE = st.dictionaries(st.sampled_from(SKILL_KEYS), SIGNALS, max_size=len(SKILL_KEYS))


@QUICK
@given(PEOPLE)
def test_the_suggestion_is_always_a_skill_with_the_most_room_and_never_one_without_a_signal(
    signals: dict[str, Signals],
) -> None:
    suggested = suggest(signals)
    with_signal = {key: room(s) for key, s in signals.items() if s.kinds}
    if not with_signal:
        assert suggested is None
        return
    assert suggested in with_signal
    assert signals[suggested].kinds > 0
    assert with_signal[suggested] == max(with_signal.values())


@QUICK
@given(PEOPLE)
def test_the_same_signals_in_any_order_give_the_same_suggestion(signals: dict[str, Signals]) -> None:
    assert suggest(dict(reversed(list(signals.items())))) == suggest(signals)


def test_room_is_the_mean_of_the_signals_there_are() -> None:
    assert room(Signals()) is None
    assert room(Signals(rating=1)) == 1
    assert room(Signals(rating=5)) == 0
    assert room(Signals(keep=3, change=1)) == Fraction(1, 4)
    assert room(Signals(first_tries=4, first_best=1)) == Fraction(3, 4)
    assert room(Signals(rating=3, keep=1, change=1, first_tries=2, first_best=2)) == Fraction(1, 3)


def test_ties_go_to_more_evidence_then_to_the_skills_order() -> None:
    half = Signals(rating=3)  # (5 - 3) / 4 = 1/2
    also_half = Signals(rating=3, keep=1, change=1)
    assert suggest({"empathy": half, "listening": also_half}) == "listening"
    assert suggest({"empathy": half, "listening": half}) == "listening"  # listening comes first of the nine
    assert suggest({"empathy": Signals(keep=2)}) == "empathy"  # all "keep doing" is still a signal: room 0


def test_feedback_with_neither_part_is_no_signal() -> None:
    assert suggest({"empathy": Signals(keep=0, change=0)}) is None


@QUICK
@given(st.lists(st.booleans(), min_size=1, max_size=60))
def test_following_the_rule_puts_at_least_two_of_every_five_practice_days_on_the_focus(free: list[bool]) -> None:
    """`free`: what each day would have been without the rule (True: it happened to be on the focus skill)."""
    days: list[bool] = []
    for chance in free:
        days.append(True if on_focus_today(days) else chance)
    for start in range(len(days) - WINDOW + 1):
        assert sum(days[start : start + WINDOW]) >= AT_LEAST, days


def test_without_luck_the_rule_gives_exactly_two_of_every_five() -> None:
    days: list[bool] = []
    for _ in range(20):
        days.append(on_focus_today(days))
    assert days == [True, True, False, False, False] * 4


@QUICK
@given(st.lists(st.sampled_from([None, *SKILL_KEYS]), max_size=30), st.lists(st.booleans(), min_size=1, max_size=30))
def test_focus_days_apply_the_rule_to_the_days_since_the_focus_began(
    earlier: list[str | None], free: list[bool]
) -> None:
    starts = MONDAY + timedelta(days=len(earlier))
    practised = [(MONDAY + timedelta(days=n), skill) for n, skill in enumerate(earlier)]
    day = starts
    for chance in free:
        focus = FocusDays("listening", starts, starts + PERIOD, tuple(practised))
        chosen = focus.skill_on(day)
        practised.append((day, "listening" if chosen or chance else "empathy"))
        day += timedelta(days=1)
    since = [skill == "listening" for on, skill in practised if starts <= on < starts + PERIOD]
    for start in range(len(since) - WINDOW + 1):
        assert sum(since[start : start + WINDOW]) >= AT_LEAST


def test_a_focus_asks_for_nothing_outside_its_four_weeks() -> None:
    focus = FocusDays("listening", MONDAY, MONDAY + PERIOD)
    assert focus.skill_on(MONDAY - timedelta(days=1)) is None
    assert focus.skill_on(MONDAY) == "listening"
    assert focus.skill_on(MONDAY + PERIOD) is None


@dataclass(frozen=True)
class Prompt:
    id: str
    skill: str
    level: Level = Level.RECALL


def test_a_focus_prompt_is_never_one_seen_in_this_cycle() -> None:
    bank = [Prompt("a1", "listening"), Prompt("a2", "listening", Level.ANALYSE), Prompt("b1", "empathy")]
    rng = random.Random(1)
    assert rotation.next_prompt_in(bank, ["a1"], {}, rng, "listening") == bank[1]
    assert rotation.next_prompt_in(bank, ["a1", "a2"], {}, rng, "listening") is None
    assert rotation.next_prompt_in(bank, ["a1", "a2", "b1"], {}, rng, "listening") is not None  # a new cycle


def state(**changes: object) -> FocusState:
    return FocusState(**{"focus_id": 1, "offered_on": MONDAY, **changes})  # type: ignore[arg-type]


def test_offers_come_to_the_never_offered_after_a_focus_is_asked_about_and_four_weeks_after_no_answer() -> None:
    later = MONDAY + PERIOD
    assert new_offer_due(None, MONDAY)
    assert not new_offer_due(state(), MONDAY + timedelta(days=27))
    assert new_offer_due(state(), later)
    assert new_offer_due(state(chosen=True), later)  # "no focus this time", four weeks ago
    running = state(chosen=True, skill="listening", starts_on=MONDAY, ends_on=later)
    assert not new_offer_due(running, later - timedelta(days=1))
    assert end_question_due(running, later) and not new_offer_due(running, later)
    assert new_offer_due(
        state(chosen=True, skill="listening", starts_on=MONDAY, ends_on=later, ended_asked=True), later
    )
    assert resend_due(state(offer_unsent=True), MONDAY + timedelta(days=3))
    assert not resend_due(state(offer_unsent=True, chosen=True), MONDAY + timedelta(days=3))


def test_the_command_shows_the_open_offer_or_the_running_focus_else_makes_a_new_one() -> None:
    later = MONDAY + timedelta(days=3)
    assert not reusable(None, MONDAY)
    assert reusable(state(), later)
    assert reusable(state(chosen=True, skill="empathy", starts_on=MONDAY, ends_on=MONDAY + PERIOD), later)
    assert not reusable(state(chosen=True), later)  # "no focus" three days ago: a new choice
    assert reusable(state(chosen=True), MONDAY)  # ... but the one made today is the one shown today


def test_what_changed_is_one_line() -> None:
    assert outcome_problem("  ") is not None
    assert outcome_problem("I ask before I answer.") is None
    assert "300" in (outcome_problem("x" * 301) or "")
