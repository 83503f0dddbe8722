"""Which prompt or quote comes next: everything before any repeat, and the least recently practised skill first."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol, TypeVar


class HasId(Protocol):
    @property
    def id(self) -> str: ...


class HasSkill(HasId, Protocol):
    @property
    def skill(self) -> str: ...


T = TypeVar("T", bound=HasId)
P = TypeVar("P", bound=HasSkill)


def unseen_in_cycle(bank: Sequence[T], history: Sequence[str]) -> list[T]:
    """Items not yet shown since the bank was last used up; the cycle restarts once all were seen.

    Ids no longer in the bank (retired entries) are ignored, so editing the bank never stalls a cycle.
    """
    ids = {item.id for item in bank}
    seen: set[str] = set()
    for item_id in history:
        if item_id not in ids:
            continue
        seen.add(item_id)
        if len(seen) == len(ids):
            seen.clear()
    return [item for item in bank if item.id not in seen]


def next_quote(bank: Sequence[T], history: Sequence[str], rng: random.Random) -> T:
    if not bank:
        raise ValueError("the quote bank is empty")
    candidates = sorted(unseen_in_cycle(bank, history), key=lambda q: q.id)
    return rng.choice(candidates)


def next_prompt(
    bank: Sequence[P],
    history: Sequence[str],
    last_practised: Mapping[str, datetime],
    rng: random.Random,
) -> P:
    """Pick among unseen prompts, from the skill this person practised least recently.

    `last_practised` maps a skill to the last time it was prompted or answered; skills never
    practised come first. Ties are broken by the seeded `rng`, so tests are deterministic.
    """
    if not bank:
        raise ValueError("the prompt bank is empty")
    unseen = unseen_in_cycle(bank, history)
    skills = sorted({p.skill for p in unseen})
    never = [s for s in skills if s not in last_practised]
    if never:
        skill = rng.choice(never)
    else:
        oldest = min(last_practised[s] for s in skills)
        skill = rng.choice([s for s in skills if last_practised[s] == oldest])
    return rng.choice(sorted((p for p in unseen if p.skill == skill), key=lambda p: p.id))
