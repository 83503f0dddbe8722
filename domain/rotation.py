"""Which prompt, quote or team question comes next: everything before any repeat, the least practised skill first,
and within a skill the level a person has reached."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from domain.content import Level


class HasId(Protocol):
    @property
    def id(self) -> str: ...


class HasSkill(HasId, Protocol):
    @property
    def skill(self) -> str: ...


class HasLevel(HasSkill, Protocol):
    @property
    def level(self) -> Level: ...


T = TypeVar("T", bound=HasId)
S = TypeVar("S", bound=HasSkill)
P = TypeVar("P", bound=HasLevel)


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


def next_quote(bank: Sequence[S], history: Sequence[str], rng: random.Random, skill: str | None = None) -> S:
    """An unseen quote, of `skill` when one is left in this cycle, so the day's quote speaks to what the team
    is working on; otherwise any unseen one, so the cycle still ends before a repeat."""
    if not bank:
        raise ValueError("the quote bank is empty")
    unseen = unseen_in_cycle(bank, history)
    on_skill = [q for q in unseen if q.skill == skill]
    return rng.choice(sorted(on_skill or unseen, key=lambda q: q.id))


def least_practised(counts: Mapping[str, int], skills: Iterable[str], rng: random.Random) -> str:
    """Of `skills`, the one with the fewest practices in `counts` (absent means none); ties broken by `rng`."""
    choices = sorted(set(skills))
    fewest = min(counts.get(s, 0) for s in choices)
    return rng.choice([s for s in choices if counts.get(s, 0) == fewest])


def next_team_question(bank: Sequence[S], history: Sequence[str], counts: Mapping[str, int], rng: random.Random) -> S:
    """An unseen question on the skill the team practised least among those left in this cycle."""
    if not bank:
        raise ValueError("the team question bank is empty")
    unseen = unseen_in_cycle(bank, history)
    skill = least_practised(counts, (q.skill for q in unseen), rng)
    return rng.choice(sorted((q for q in unseen if q.skill == skill), key=lambda q: q.id))


def target_level(answered: int) -> Level:
    """Two answers at a level move a person up one: recall first, then analysis, then rewriting or rehearsing
    from their fifth answer in a skill on."""
    return Level(min(Level.REHEARSE, Level.RECALL + answered // 2))


def next_prompt(
    bank: Sequence[P],
    history: Sequence[str],
    last_practised: Mapping[str, datetime],
    answered: Mapping[str, int],
    rng: random.Random,
) -> P:
    """Pick among unseen prompts, from the skill this person practised least recently, at the level their
    answers in that skill have reached (the nearest level left when none of it is unseen).

    `last_practised` maps a skill to the last time it was prompted or answered; skills never practised come
    first. `answered` counts their answers per skill. Ties are broken by the seeded `rng`, so tests are
    deterministic.
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
    return _at_level([p for p in unseen if p.skill == skill], answered.get(skill, 0), rng)


def next_prompt_in(
    bank: Sequence[P], history: Sequence[str], answered: Mapping[str, int], rng: random.Random, skill: str
) -> P | None:
    """A prompt of `skill` (a focus day's), unseen in this cycle, at the level the person's answers in it have
    reached; None once every prompt of that skill was seen in this cycle, so a focus never brings one back."""
    in_skill = [p for p in unseen_in_cycle(bank, history) if p.skill == skill]
    return _at_level(in_skill, answered.get(skill, 0), rng) if in_skill else None


def _at_level(in_skill: Sequence[P], answered: int, rng: random.Random) -> P:
    """Of one skill's unseen prompts, one at the level `answered` answers reached, or the nearest level left."""
    target = target_level(answered)
    nearest = min((abs(p.level - target), p.level) for p in in_skill)
    return rng.choice(sorted((p for p in in_skill if (abs(p.level - target), p.level) == nearest), key=lambda p: p.id))
