"""Block Kit for a person's own data: confirming and reporting forget-me."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
)

from adapters import ids
from adapters.blocks.common import Message, plain, render, section
from domain.text import counted


def forget_confirm() -> Message:
    """Deleting is final, so it takes a second, deliberate click."""
    return Message(
        text="Delete your Practice Coach data?",
        blocks=render(
            [
                section(
                    "*Delete your Practice Coach data?* This deletes all your answers (and reflections on feedback), "
                    'your self-ratings, your focus skills, your "what I\'ll try" notes and the feedback you gave '
                    "under your name. "
                    "Anonymous feedback you gave stays with its recipient but no longer points to you. "
                    "It cannot be undone. `/practice export` first if you want a copy."
                ),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Delete my data", action_id=ids.FORGET_CONFIRM, value="forget", style="danger"
                        ),
                        ButtonElement(text="Cancel", action_id=ids.FORGET_CANCEL, value="cancel"),
                    ]
                ),
            ]
        ),
    )


def forgotten(counts: dict[str, int]) -> Message:
    return plain(
        f"Done. I deleted {counted(counts['answers'], 'answer')}, {counted(counts['self_ratings'], 'self-rating')} "
        f"and {counted(counts['feedback_given'], 'piece of feedback', 'pieces of feedback')} you gave. "
        "You still get prompts; "
        "`/practice pause me` stops them."
    )
