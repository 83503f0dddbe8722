"""Rules for a reflection answer, shared by the modal and `/reflect some text`."""

from __future__ import annotations

from typing import Literal

Visibility = Literal["private", "lead", "team"]
VISIBILITIES: tuple[Visibility, ...] = ("private", "lead", "team")
VISIBILITY_LABELS: dict[str, str] = {
    "private": "Only me",
    "lead": "Me and my team lead",
    "team": "My team",
}
MAX_ANSWER_CHARS = 3000


def answer_problem(text: str | None) -> str | None:
    """A friendly reason the answer can't be saved, or None when it is fine."""
    stripped = (text or "").strip()
    if not stripped:
        return "Write a sentence or two first: even a short answer counts."
    if len(stripped) > MAX_ANSWER_CHARS:
        return (
            f"That's {len(stripped):,} characters; answers can be up to {MAX_ANSWER_CHARS:,}. "
            "Could you trim it a little?"
        )
    return None


def visibility_of(value: str | None) -> Visibility:
    return value if value in VISIBILITIES else "private"  # type: ignore[return-value]
