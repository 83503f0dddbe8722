"""Block Kit shared by every feature: a message's text and blocks, validated sections, quoting user text."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from domain.text import clip, escape_mrkdwn


@dataclass(frozen=True)
class Message:
    """A message's notification text (also the accessibility fallback) and its blocks."""

    text: str
    blocks: list[dict] = field(default_factory=list)


def render(blocks: Iterable[Block]) -> list[dict]:
    rendered = []
    for block in blocks:
        block.validate_json()
        rendered.append(block.to_dict())
    return rendered


def section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(markdown, 3000)))


def context(markdown: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(markdown, 2000))])


def quoted(text: str) -> str:
    """User or bank text shown as a mrkdwn quote, escaped so it can never ping anyone."""
    return "\n".join(f">{line}" if line else ">" for line in escape_mrkdwn(text).splitlines() or [""])


def plain(text: str) -> Message:
    return Message(text=text, blocks=render([section(text)]))


def form_modal(callback_id: str, *, title: str, submit: str, blocks: list, metadata: dict | None = None) -> dict:
    """A form with Cancel: every modal the bot opens for someone to fill in, with what it needs back when it is
    sent (`metadata`, as JSON in private_metadata)."""
    view = View(
        type="modal",
        callback_id=callback_id,
        private_metadata=json.dumps(metadata) if metadata is not None else None,
        title=PlainTextObject(text=title),
        submit=PlainTextObject(text=submit),
        close=PlainTextObject(text="Cancel"),
        blocks=blocks,
    )
    view.validate_json()
    return view.to_dict()


def notice_modal(title: str, text: str) -> dict:
    """A modal that only tells something, with a Close button: what replaces a form that cannot be used."""
    view = View(
        type="modal", title=PlainTextObject(text=title), close=PlainTextObject(text="Close"), blocks=[section(text)]
    )
    view.validate_json()
    return view.to_dict()
