"""Feedback partners rotate so everyone meets everyone before any pair meets again."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.pairing import Group, all_pairs, make_groups, pairs_in


def weeks(members: list[str], count: int, seed: int = 3) -> list[list[Group]]:
    history: list[list[Group]] = []
    for _ in range(count):
        history.append(make_groups(members, history, random.Random(seed)))
    return history


def people(n: int) -> list[str]:
    return [f"U{i:02d}" for i in range(n)]


def test_six_people_meet_all_fifteen_pairs_in_five_weeks_without_a_repeat() -> None:
    history = weeks(people(6), 5)
    met = [pair for week in history for group in week for pair in pairs_in(group)]
    assert len(met) == 15
    assert set(met) == all_pairs(people(6))


@pytest.mark.parametrize("n", [2, 4, 8, 10, 16])
def test_an_even_team_meets_in_full_in_n_minus_one_weeks(n: int) -> None:
    history = weeks(people(n), n - 1)
    met = [pair for week in history for group in week for pair in pairs_in(group)]
    assert len(met) == len(set(met)) == n * (n - 1) // 2


def test_after_a_full_round_the_next_cycle_starts_again_without_early_repeats() -> None:
    history = weeks(people(6), 10)
    second_cycle = [pair for week in history[5:] for group in week for pair in pairs_in(group)]
    assert len(second_cycle) == len(set(second_cycle)) == 15


def test_an_odd_team_gets_exactly_one_trio() -> None:
    for n in (3, 5, 7, 9):
        groups = make_groups(people(n), [], random.Random(1))
        assert sorted(len(g) for g in groups) == [2] * ((n - 3) // 2) + [3]
        assert sorted(m for g in groups for m in g) == people(n)


def test_fewer_than_two_people_make_no_pairs() -> None:
    assert make_groups([], [], random.Random(1)) == []
    assert make_groups(["U1"], [], random.Random(1)) == []


def fewest_repeats(members: list[str], history: list[list[Group]]) -> int:
    """Brute force: the fewest already-met pairs any grouping of five (a pair and a trio) can have."""
    met = {pair for week in history for group in week for pair in pairs_in(group)}
    best = None
    for trio in combinations(members, 3):
        pair = tuple(m for m in members if m not in trio)
        repeats = sum(p in met for p in pairs_in(trio) + pairs_in(pair))
        best = repeats if best is None else min(best, repeats)
    assert best is not None
    return best


def test_five_people_meet_in_full_by_the_third_week_repeating_only_what_a_trio_forces() -> None:
    members = people(5)
    history: list[list[Group]] = []
    for _ in range(3):
        floor = fewest_repeats(members, history)
        groups = make_groups(members, history, random.Random(3))
        met = {pair for week in history for group in week for pair in pairs_in(group)}
        assert sum(p in met for g in groups for p in pairs_in(g)) == floor
        history.append(groups)
    assert {pair for week in history for group in week for pair in pairs_in(group)} == all_pairs(members)


def test_the_same_seed_and_history_give_the_same_groups() -> None:
    history = weeks(people(7), 2)
    assert make_groups(people(7), history, random.Random(9)) == make_groups(people(7), history, random.Random(9))


def test_someone_joining_mid_cycle_meets_new_people_first() -> None:
    history = weeks(people(6), 2)
    newcomer_week = make_groups([*people(6), "UNEW"], history, random.Random(3))
    met_before = {pair for week in history for group in week for pair in pairs_in(group)}
    repeats = sum(p in met_before for g in newcomer_week for p in pairs_in(g))
    assert repeats == 0


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=14),
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=4),
)
def test_everyone_is_in_exactly_one_group_every_week(n: int, seed: int, past: int) -> None:
    history = weeks(people(n), past, seed)
    groups = make_groups(people(n), history, random.Random(seed))
    assert sorted(m for g in groups for m in g) == people(n)
    assert all(len(g) in (2, 3) for g in groups)
    assert sum(len(g) == 3 for g in groups) == n % 2
