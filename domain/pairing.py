"""Feedback partners, Donut-style: weekly pairs (a trio when the team is odd) that rotate so everyone
meets everyone before any pair meets again.

The rounds of one round-robin (circle method) over a seeded order of the members are tried first, so a
team whose membership is stable meets in full in n-1 weeks (n weeks when odd). When people join or
leave, rounds of a few other orders compete too, and the grouping whose pairs met least (and longest
ago) wins. The result depends only on the members, the history and the seeded `random.Random`, so two
schedulers racing on the same week compute the same groups.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from itertools import combinations

Group = tuple[str, ...]
Pair = frozenset[str]
EXTRA_ORDERS = 4  # other round-robins tried when the first one's rounds all repeat someone


def pairs_in(group: Iterable[str]) -> list[Pair]:
    return [frozenset(p) for p in combinations(sorted(group), 2)]


def all_pairs(members: Iterable[str]) -> set[Pair]:
    return set(pairs_in(set(members)))


def meetings(history: Sequence[Sequence[Group]], members: Iterable[str]) -> dict[Pair, tuple[int, int]]:
    """Pair -> (times met, week index of the last meeting), counting only pairs of current members.

    Counts restart once every pair of current members has met, so a new cycle begins fresh.
    """
    wanted = all_pairs(members)
    met: dict[Pair, tuple[int, int]] = {}
    seen: set[Pair] = set()
    for week, groups in enumerate(history):
        for group in groups:
            for pair in pairs_in(group):
                if pair in wanted:
                    count = met.get(pair, (0, 0))[0]
                    met[pair] = (count + 1, week + 1)
                    seen.add(pair)
        if wanted and seen >= wanted:
            met = {pair: (0, last) for pair, (_count, last) in met.items()}
            seen = set()
    return met


def _rounds(order: Sequence[str | None]) -> list[list[tuple[str | None, str | None]]]:
    """The circle method: n-1 rounds of n/2 pairs (n even) in which every pair meets exactly once."""
    n = len(order)
    fixed, rest = order[0], list(order[1:])
    rounds = []
    for _ in range(n - 1):
        line = [fixed, *rest]
        rounds.append([(line[i], line[n - 1 - i]) for i in range(n // 2)])
        rest = rest[-1:] + rest[:-1]
    return rounds


def _cost(groups: Sequence[Group], met: dict[Pair, tuple[int, int]]) -> tuple[int, int]:
    repeats = recency = 0
    for group in groups:
        for pair in pairs_in(group):
            count, last = met.get(pair, (0, 0))
            repeats += count
            recency += last if count else 0
    return repeats, recency


def _with_trio(pairs: list[tuple[str, str]], alone: str, met: dict[Pair, tuple[int, int]]) -> list[Group]:
    """The odd one out joins the pair whose members they met least."""
    best = min(range(len(pairs)), key=lambda i: (_cost([(alone, *pairs[i])], met), i))
    return [(*pair, alone) if i == best else pair for i, pair in enumerate(pairs)]


def _candidates(order: Sequence[str], met: dict[Pair, tuple[int, int]]) -> list[list[Group]]:
    slots: list[str | None] = [*order, None] if len(order) % 2 else list(order)
    found = []
    for rnd in _rounds(slots):
        pairs = [(a, b) for a, b in rnd if a is not None and b is not None]
        alone = next((a or b for a, b in rnd if a is None or b is None), None)
        found.append(_with_trio(pairs, alone, met) if alone is not None else list(pairs))
    return found


def make_groups(members: Iterable[str], history: Sequence[Sequence[Group]], rng: random.Random) -> list[Group]:
    """This week's groups: pairs, plus one trio when the count is odd; nothing for fewer than two people.

    `history` holds past weeks' groups, oldest first. `rng` should be seeded per team (the same seed
    every week) so the first round-robin stays the same while the team does.
    """
    people = sorted(set(members))
    if len(people) < 2:
        return []
    if len(people) == 3:
        return [tuple(people)]
    met = meetings(history, people)
    orders = [list(people) for _ in range(EXTRA_ORDERS + 1)]
    for order in orders:
        rng.shuffle(order)
    best: list[Group] | None = None
    best_cost: tuple[int, int] | None = None
    for order in orders:
        for groups in _candidates(order, met):
            cost = _cost(groups, met)
            if best_cost is None or cost < best_cost:
                best, best_cost = groups, cost
        if best_cost == (0, 0):
            break
    assert best is not None
    return [tuple(sorted(group)) for group in _improved(best, met)]


def _improved(groups: list[Group], met: dict[Pair, tuple[int, int]]) -> list[Group]:
    """Swap people between groups while that lowers the repeats; a round-robin round is rarely best
    for an odd team, whose trio brings extra pairs."""
    current = [list(g) for g in groups]
    improved = _cost(groups, met) != (0, 0)
    while improved:
        improved = False
        for i, j in combinations(range(len(current)), 2):
            for x in range(len(current[i])):
                for y in range(len(current[j])):
                    before = _cost([tuple(current[i]), tuple(current[j])], met)
                    current[i][x], current[j][y] = current[j][y], current[i][x]
                    if _cost([tuple(current[i]), tuple(current[j])], met) < before:
                        improved = True
                    else:
                        current[i][x], current[j][y] = current[j][y], current[i][x]
    return [tuple(g) for g in current]
