"""Rotation: every prompt before any repeat, least recently practised skill first, reproducible."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.rotation import least_practised, next_prompt, next_quote, next_team_question, target_level, unseen_in_cycle
from domain.skills import SKILL_KEYS
from prompts.bank import load_prompts, load_quotes, load_team_questions


@dataclass(frozen=True)
class Item:
    id: str
    skill: str = "listening"


def simulate(bank, days: int, seed: int, answers: bool = True) -> list:
    """A person who gets a prompt a day and, when `answers`, answers every one."""
    rng = random.Random(seed)
    history: list[str] = []
    practised: dict[str, datetime] = {}
    answered: Counter[str] = Counter()
    start = datetime(2026, 1, 5, tzinfo=UTC)
    chosen = []
    for day in range(days):
        prompt = next_prompt(bank, history, practised, answered, rng)
        history.append(prompt.id)
        practised[prompt.skill] = start + timedelta(days=day)
        answered[prompt.skill] += answers
        chosen.append(prompt)
    return chosen


def test_a_person_sees_every_prompt_before_any_repeats() -> None:
    bank = load_prompts()
    chosen = simulate(bank, len(bank) * 2, seed=3)
    first, second = chosen[: len(bank)], chosen[len(bank) :]
    assert {p.id for p in first} == {p.id for p in bank}
    assert {p.id for p in second} == {p.id for p in bank}


def test_the_nine_skills_take_turns() -> None:
    chosen = simulate(load_prompts(), 27, seed=11)
    for start in range(0, 27, 9):
        assert sorted(p.skill for p in chosen[start : start + 9]) == sorted(SKILL_KEYS)


def test_the_least_recently_practised_skill_comes_first() -> None:
    bank = load_prompts()
    now = datetime(2026, 11, 23, tzinfo=UTC)
    practised = {key: now for key in SKILL_KEYS}
    practised["empathy"] = now - timedelta(days=30)
    assert next_prompt(bank, [], practised, {}, random.Random(1)).skill == "empathy"


def test_someone_who_answers_moves_from_recall_to_rewriting_within_a_skill() -> None:
    chosen = simulate(load_prompts(), 9 * 6, seed=4)
    for key in SKILL_KEYS:
        assert [p.level for p in chosen if p.skill == key] == [1, 1, 2, 2, 3, 3], key


def test_someone_who_does_not_answer_stays_with_recall_until_it_is_used_up() -> None:
    chosen = simulate(load_prompts(), 9 * 5, seed=4, answers=False)
    for key in SKILL_KEYS:
        assert [p.level for p in chosen if p.skill == key] == [1, 1, 1, 1, 2], key


def test_the_level_follows_the_answers_given_in_that_skill() -> None:
    assert [target_level(n) for n in range(7)] == [1, 1, 2, 2, 3, 3, 3]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**16), st.lists(st.booleans(), min_size=1, max_size=120))
def test_the_prompt_is_always_the_nearest_level_left_to_the_one_reached(seed: int, answers: list[bool]) -> None:
    bank = load_prompts()
    rng = random.Random(seed)
    history: list[str] = []
    answered: Counter[str] = Counter()
    for day, answering in enumerate(answers):
        prompt = next_prompt(bank, history, {}, answered, rng)
        target = target_level(answered[prompt.skill])
        left = [p.level for p in unseen_in_cycle(bank, history) if p.skill == prompt.skill]
        assert abs(prompt.level - target) == min(abs(level - target) for level in left), day
        history.append(prompt.id)
        answered[prompt.skill] += answering


def test_the_day_s_quote_speaks_to_the_skill_asked_for_while_one_is_left() -> None:
    quotes = load_quotes()
    rng = random.Random(3)
    history: list[str] = []
    on_skill = [q.id for q in quotes if q.skill == "questioning"]
    for _ in on_skill:
        history.append(next_quote(quotes, history, rng, "questioning").id)
    assert sorted(history) == sorted(on_skill)
    assert next_quote(quotes, history, rng, "questioning").skill != "questioning"


def test_the_team_question_comes_from_the_skill_the_team_practised_least() -> None:
    questions = load_team_questions()
    counts = {key: 5 for key in SKILL_KEYS} | {"empathy": 1}
    assert next_team_question(questions, [], counts, random.Random(1)).skill == "empathy"
    asked = [q.id for q in questions if q.skill == "empathy"]
    assert next_team_question(questions, asked, counts, random.Random(1)).skill != "empathy"


def test_least_practised_counts_a_skill_never_practised_as_none() -> None:
    assert (
        least_practised({"value": 2, "empathy": 1}, ["value", "empathy", "listening"], random.Random(0)) == "listening"
    )


def test_rotation_is_deterministic_under_a_seed() -> None:
    bank = load_prompts()
    assert [p.id for p in simulate(bank, 20, seed=5)] == [p.id for p in simulate(bank, 20, seed=5)]


def test_retired_prompts_in_history_do_not_stall_the_cycle() -> None:
    bank = [Item("a"), Item("b")]
    assert unseen_in_cycle(bank, ["gone", "a", "old"]) == [Item("b")]
    assert unseen_in_cycle(bank, ["a", "b"]) == bank


def test_quotes_do_not_repeat_until_the_bank_is_used_up() -> None:
    quotes = load_quotes()
    rng = random.Random(2)
    history: list[str] = []
    for _ in range(len(quotes)):
        history.append(next_quote(quotes, history, rng).id)
    assert Counter(history).most_common(1)[0][1] == 1
    history.append(next_quote(quotes, history, rng).id)
    assert len(set(history)) == len(quotes)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**16), st.integers(min_value=1, max_value=200))
def test_no_prompt_repeats_within_a_cycle_for_any_seed(seed: int, days: int) -> None:
    bank = load_prompts()
    chosen = simulate(bank, days, seed)
    for start in range(0, days, len(bank)):
        window = [p.id for p in chosen[start : start + len(bank)]]
        assert len(window) == len(set(window))
