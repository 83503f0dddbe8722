"""The nine customer-service skills every prompt, answer and summary is tagged with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skill:
    key: str
    name: str
    meaning: str


SKILLS: tuple[Skill, ...] = (
    Skill(
        "integrity",
        "Integrity",
        "doing the right thing for the customer even when it costs a sale or no one is looking",
    ),
    Skill("value", "Service as value", "setting out to add value in every exchange"),
    Skill(
        "journey",
        "Understanding the customer",
        "seeing the whole journey: struggles, challenges, wins; the customer feels understood",
    ),
    Skill("self_awareness", "Self-awareness", "knowing your strengths and how you affect the people around you"),
    Skill("listening", "Listening", "getting past your own inner dialogue and assumptions to what is really said"),
    Skill("questioning", "Questioning", "checking understanding before answering"),
    Skill("empathy", "Empathy", "taking the customer's point of view without carrying their emotional residue"),
    Skill("responsiveness", "Responsiveness", "answering efficiently, realistically and on time"),
    Skill(
        "feedback",
        "Receiving feedback",
        "being open to, and grateful for, feedback: what to keep doing, what to do differently",
    ),
)

SKILL_KEYS: tuple[str, ...] = tuple(s.key for s in SKILLS)
_BY_KEY = {s.key: s for s in SKILLS}


def skill(key: str) -> Skill:
    """Look a skill up by key; a KeyError means a data file or caller used an unknown key."""
    return _BY_KEY[key]


def is_skill(key: str) -> bool:
    return key in _BY_KEY


def names_to_keys() -> dict[str, str]:
    """Every way a person may type a skill (its key, its name, in any case, hyphens as spaces) and its key."""
    found: dict[str, str] = {}
    for item in SKILLS:
        for name in (item.key, item.key.replace("_", " "), item.name.lower(), item.name.lower().replace("-", " ")):
            found[name] = item.key
    return found
