"""Spaced repetition: a Leitner box per person and drill. A miss comes back tomorrow, a sure right answer moves
a drill up and further out, and only a sure right answer from the top box retires it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.content import Level
from domain.drills import (
    LAST_BOX,
    REVIEW_DAYS,
    Card,
    Confidence,
    Drill,
    DrillChannel,
    DrillOption,
    DrillSituation,
    after_answer,
    choose_reviewer,
    next_drill,
    next_to_write,
    practice_days_after,
    shuffled,
    written_problem,
)

MONDAY = date(2026, 11, 23)
answers = st.tuples(st.booleans(), st.sampled_from(list(Confidence)))


def drill(drill_id: str, skill: str = "listening", level: int = 1) -> Drill:
    options = (DrillOption("Best.", "Why best.", best=True), DrillOption("B.", "Why not."), DrillOption("C.", "No."))
    return Drill(drill_id, skill, DrillChannel.CHAT, Level(level), DrillSituation.OUTAGE, "Pro plan", "Help!", options)


def test_a_new_drill_answered_right_and_sure_moves_to_box_two_and_comes_back_in_three_days() -> None:
    outcome = after_answer(None, best=True, confidence=Confidence.SURE, on=MONDAY)
    assert (outcome.box, outcome.due_on, outcome.retired) == (2, MONDAY + timedelta(days=3), False)


def test_right_but_unsure_keeps_the_box_and_a_miss_goes_back_to_box_one() -> None:
    assert after_answer(3, best=True, confidence=Confidence.THINK_SO, on=MONDAY).box == 3
    assert after_answer(3, best=True, confidence=Confidence.GUESSING, on=MONDAY).due_on == MONDAY + timedelta(days=7)
    missed = after_answer(4, best=False, confidence=Confidence.SURE, on=MONDAY)
    assert (missed.box, missed.due_on) == (1, MONDAY + timedelta(days=1))


def test_reviews_fall_due_after_1_3_7_16_and_35_days() -> None:
    assert REVIEW_DAYS == {1: 1, 2: 3, 3: 7, 4: 16, 5: 35}
    box, day, gaps = None, MONDAY, []
    for _ in range(4):
        outcome = after_answer(box, best=True, confidence=Confidence.SURE, on=day)
        gaps.append((outcome.due_on - day).days)
        box, day = outcome.box, outcome.due_on
    assert gaps == [3, 7, 16, 35]
    assert after_answer(box, best=True, confidence=Confidence.SURE, on=day).retired


@settings(max_examples=200, deadline=None)
@given(st.lists(answers, min_size=1, max_size=40))
def test_any_history_keeps_the_box_rules(history: list[tuple[bool, Confidence]]) -> None:
    box: int | None = None
    day = MONDAY
    for best, confidence in history:
        before = box
        outcome = after_answer(box, best=best, confidence=confidence, on=day)
        assert 1 <= outcome.box <= LAST_BOX
        if not best:
            assert outcome.box == 1 and outcome.due_on == day + timedelta(days=1)  # a miss comes back within a day
        if outcome.retired:
            assert before == LAST_BOX and best and confidence == Confidence.SURE  # retirement only from box 5
            return
        assert outcome.due_on > day  # never due again on the day it was answered
        box, day = outcome.box, outcome.due_on


@settings(max_examples=100, deadline=None)
@given(st.lists(answers, min_size=1, max_size=30), st.integers(min_value=0, max_value=2**16))
def test_a_person_drilling_every_day_is_never_given_the_same_drill_twice_on_one_day(
    history: list[tuple[bool, Confidence]], seed: int
) -> None:
    bank = [drill(f"drill-listening-0{n}") for n in range(1, 4)] + [drill("drill-empathy-01", "empathy")]
    cards: dict[str, Card] = {}
    rng = random.Random(seed)
    day = MONDAY
    for best, confidence in history:
        seen_today: set[str] = set()
        for _ in range(2):  # two drills on one day: the second is never the first again
            pick = next_drill(bank, cards, day, {}, rng)
            if pick is None:
                return
            assert pick.drill.id not in seen_today
            seen_today.add(pick.drill.id)
            held = cards.get(pick.drill.id)
            outcome = after_answer(held.box if held else None, best=best, confidence=confidence, on=day)
            cards[pick.drill.id] = Card(pick.drill.id, outcome.box, outcome.due_on, outcome.retired)
        day += timedelta(days=1)


def test_the_most_overdue_review_comes_first_then_a_new_drill_in_the_skill_practised_least() -> None:
    bank = [drill("drill-listening-01"), drill("drill-listening-02"), drill("drill-empathy-01", "empathy")]
    cards = {
        "drill-listening-01": Card("drill-listening-01", 1, MONDAY - timedelta(days=1)),
        "drill-listening-02": Card("drill-listening-02", 2, MONDAY - timedelta(days=3)),
    }
    pick = next_drill(bank, cards, MONDAY, {"listening": 2}, random.Random(0))
    assert (pick.drill.id, pick.review) == ("drill-listening-02", True)
    cards = {key: Card(key, 2, MONDAY + timedelta(days=2)) for key in cards}
    pick = next_drill(bank, cards, MONDAY, {"listening": 2}, random.Random(0))
    assert (pick.drill.id, pick.review) == ("drill-empathy-01", False)


def test_a_new_drill_starts_at_the_lowest_level_left_in_its_skill() -> None:
    bank = [
        drill("drill-value-01", "value", 2),
        drill("drill-value-02", "value", 1),
        drill("drill-value-03", "value", 3),
    ]
    assert next_drill(bank, {}, MONDAY, {}, random.Random(3)).drill.id == "drill-value-02"


def test_a_skill_can_be_asked_for_and_retired_drills_never_come_back() -> None:
    bank = [drill("drill-listening-01"), drill("drill-empathy-01", "empathy")]
    assert next_drill(bank, {}, MONDAY, {}, random.Random(0), skill="empathy").drill.id == "drill-empathy-01"
    retired = {"drill-empathy-01": Card("drill-empathy-01", 5, MONDAY, retired=True)}
    assert next_drill(bank, retired, MONDAY, {}, random.Random(0), skill="empathy") is None


def test_with_everything_seen_and_nothing_due_the_soonest_review_is_brought_forward() -> None:
    bank = [drill("drill-listening-01"), drill("drill-listening-02")]
    cards = {
        "drill-listening-01": Card("drill-listening-01", 3, MONDAY + timedelta(days=5)),
        "drill-listening-02": Card("drill-listening-02", 2, MONDAY + timedelta(days=2)),
    }
    assert next_drill(bank, cards, MONDAY, {}, random.Random(0)).drill.id == "drill-listening-02"


def test_each_person_sees_the_options_in_their_own_order_every_time() -> None:
    one = drill("drill-listening-01")
    orders = {tuple(shuffled(one, f"U{n}")) for n in range(30)}
    assert len(orders) > 1
    assert shuffled(one, "U1") == shuffled(one, "U1")
    assert sorted(shuffled(one, "U1")) == [0, 1, 2]


def written_drill(drill_id: str, skill: str = "listening", level: int = 1) -> Drill:
    return replace(drill(drill_id, skill, level), strong_reply=("Says what happens next", "Never blames them"))


def test_the_next_reply_to_write_is_to_a_customer_not_yet_answered_then_the_one_answered_longest_ago() -> None:
    bank = [written_drill("drill-listening-01"), written_drill("drill-listening-02"), drill("drill-listening-03")]
    assert next_to_write(bank, {}, {}, random.Random(0)).id in {"drill-listening-01", "drill-listening-02"}
    written = {"drill-listening-01": MONDAY}
    assert next_to_write(bank, written, {"listening": 1}, random.Random(0)).id == "drill-listening-02"
    written["drill-listening-02"] = MONDAY - timedelta(days=2)
    assert next_to_write(bank, written, {"listening": 2}, random.Random(0)).id == "drill-listening-02"
    assert next_to_write(bank, written, {}, random.Random(0), skill="empathy") is None  # no checks, no writing


def test_a_written_reply_must_have_words_and_fit() -> None:
    assert written_problem(" ") is not None
    assert "1,501 characters" in (written_problem("x" * 1501) or "")
    assert written_problem("Hi Sam, refunded.") is None


def test_a_reviewer_is_the_author_s_partner_else_whoever_reviewed_least_recently() -> None:
    team = ["UA", "UB", "UC", "UD"]
    assert choose_reviewer("UA", team) == "UB"  # nobody has reviewed yet: in id order
    last = {"UB": datetime(2026, 11, 20, tzinfo=UTC), "UC": datetime(2026, 11, 10, tzinfo=UTC)}
    assert choose_reviewer("UA", team, last_reviewed=last) == "UD"  # never reviewed comes first
    assert choose_reviewer("UA", team, last_reviewed=last | {"UD": datetime(2026, 11, 21, tzinfo=UTC)}) == "UC"
    assert choose_reviewer("UA", team, partners=["UA", "UC"], last_reviewed=last) == "UC"


def test_never_the_author_never_the_unavailable_and_never_the_same_reviewer_twice_in_a_row() -> None:
    team = ["UA", "UB", "UC"]
    assert choose_reviewer("UA", team, previous="UB") == "UC"
    assert choose_reviewer("UA", ["UA", "UB"], previous="UB") == "UB"  # the only one left may review again
    assert choose_reviewer("UA", team, unavailable=["UB", "UC"]) is None
    assert choose_reviewer("UA", ["UA"]) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["UA", "UB", "UC", "UD", "UE"]), min_size=1, unique=True),
    st.sampled_from(["UA", "UB", "UC"]),
    st.lists(st.sampled_from(["UA", "UB", "UC", "UD", "UE"])),
    st.none() | st.sampled_from(["UB", "UC"]),
)
def test_the_reviewer_is_always_someone_else_and_available(
    members: list[str], author: str, unavailable: list[str], previous: str | None
) -> None:
    chosen = choose_reviewer(author, members, unavailable=unavailable, previous=previous)
    left = [m for m in members if m != author and m not in unavailable]
    if not left:
        assert chosen is None
    else:
        assert chosen in left and (chosen != previous or left == [previous])


def test_a_request_waits_two_practice_days_skipping_weekends_and_holidays() -> None:
    friday = date(2026, 11, 27)
    weekdays = frozenset(range(5))
    assert practice_days_after(MONDAY, 2, weekdays) == date(2026, 11, 25)
    assert practice_days_after(friday, 2, weekdays) == date(2026, 12, 1)
    assert practice_days_after(friday, 2, weekdays, [date(2026, 11, 30)]) == date(2026, 12, 2)
