"""The optional 1-5 self-rating asked inside a reflection: now and then, never so often it becomes a chore."""

from __future__ import annotations

from datetime import datetime, timedelta

ASK_EVERY = timedelta(days=28)
RATINGS: tuple[int, ...] = (1, 2, 3, 4, 5)
RATING_LABELS: dict[int, str] = {
    1: "1 · just starting",
    2: "2 · sometimes",
    3: "3 · often",
    4: "4 · usually",
    5: "5 · a strength",
}


def should_ask(last_rated: datetime | None, now: datetime, *, already_rated_this_answer: bool = False) -> bool:
    """Ask when this skill was not rated in the last four weeks; an answer already rated keeps its
    question (so editing the answer can change the rating)."""
    if already_rated_this_answer:
        return True
    return last_rated is None or now - last_rated >= ASK_EVERY


def parse_rating(value: object) -> int | None:
    """A submitted option value -> 1..5, or None for anything else (the rating is optional)."""
    by_text = {str(r): r for r in RATINGS}
    return by_text.get(value) if isinstance(value, str) else None
