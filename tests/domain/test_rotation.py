"""Rotation: every prompt before any repeat, least recently practised skill first, reproducible."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.rotation import next_prompt, next_quote, unseen_in_cycle
from domain.skills import SKILL_KEYS
from prompts.bank import load_prompts, load_quotes


@dataclass(frozen=True)
class Item:
    id: str
    skill: str = "listening"


def simulate(bank, days: int, seed: int) -> list:
    rng = random.Random(seed)
    history: list[str] = []
    practised: dict[str, datetime] = {}
    start = datetime(2026, 1, 5, tzinfo=UTC)
    chosen = []
    for day in range(days):
        prompt = next_prompt(bank, history, practised, rng)
        history.append(prompt.id)
        practised[prompt.skill] = start + timedelta(days=day)
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
    assert next_prompt(bank, [], practised, random.Random(1)).skill == "empathy"


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
