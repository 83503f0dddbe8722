"""Block Kit as readable text for a terminal: what a person would see in Slack, minus the styling."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

_MENTION = re.compile(r"<([@#!])([^>|]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>")
_BOLD = re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(\S(?:[^_\n]*\S)?)_(?![\w_])")
FIELDS_PER_LINE = 2  # as Slack lays a section's fields out, in two columns

Names = Mapping[str, str]


def mrkdwn(text: str, names: Names) -> str:
    """Mentions become @name and #channel, entities are unescaped, *bold* and _italic_ lose their marks."""

    def mention(match: re.Match[str]) -> str:
        sigil, target, label = match.groups()
        if sigil == "!":
            return f"@{label or target}"
        return f"{sigil}{names.get(target) or label or target}"

    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _MENTION.sub(mention, text)
    text = _BOLD.sub(r"\1", text)
    text = _ITALIC.sub(r"\1", text)
    return html.unescape(text)


def _text(node: Any, names: Names) -> str:
    if isinstance(node, str):
        return node
    if not isinstance(node, dict):
        return ""
    value = str(node.get("text") or "")
    return mrkdwn(value, names) if node.get("type") == "mrkdwn" else value


def _element(element: dict, names: Names) -> str:
    kind = element.get("type")
    if kind == "button":
        return f"[ {_text(element.get('text'), names)} ]"
    if kind in ("radio_buttons", "checkboxes", "static_select"):
        chosen = element.get("initial_option") or {}
        options = element.get("options") or []
        return " ".join(
            f"({'•' if o.get('value') == chosen.get('value') else ' '}) {_text(o.get('text'), names)}" for o in options
        )
    if kind == "plain_text_input":
        initial = element.get("initial_value")
        return f"[ {initial} ]" if initial else "[ ______________ ]"
    if kind in ("users_select", "conversations_select"):
        chosen = element.get("initial_user") or element.get("initial_conversation")
        return f"[ @{names.get(chosen, chosen)} ]" if chosen else "[ pick someone ]"
    if kind == "image":
        return f"[image: {element.get('alt_text', '')}]"
    return _text(element, names)


def _block(block: dict, names: Names) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        return [_text(block.get("text"), names).upper()]
    if kind == "section":
        lines = [_text(block.get("text"), names)] if block.get("text") else []
        fields = [" ".join(_text(f, names).split("\n")) for f in block.get("fields") or []]
        lines += [" · ".join(fields[n : n + FIELDS_PER_LINE]) for n in range(0, len(fields), FIELDS_PER_LINE)]
        if accessory := block.get("accessory"):
            lines.append(_element(accessory, names))
        return lines
    if kind == "context":
        return ["· " + "  ".join(_element(e, names) for e in block.get("elements") or [])]
    if kind == "actions":
        return ["  ".join(_element(e, names) for e in block.get("elements") or [])]
    if kind == "divider":
        return ["─" * 20]
    if kind == "input":
        optional = " (optional)" if block.get("optional") else ""
        return [f"{_text(block.get('label'), names)}{optional}: {_element(block.get('element') or {}, names)}"]
    if kind == "image":
        return [f"[image: {block.get('alt_text', '')}]"]
    return [f"[{kind} block]"]


def blocks(items: list[dict], fallback: str, names: Names) -> list[str]:
    """Each block's lines; a message without blocks shows its text."""
    lines: list[str] = []
    for block in items:
        for chunk in _block(block, names):
            lines.extend(chunk.splitlines() or [""])
    return lines or mrkdwn(fallback, names).splitlines()


def view(form: dict, names: Names) -> list[str]:
    """A modal: its title, its blocks, and its buttons."""
    title = _text(form.get("title"), names)
    buttons = "  ".join(f"[ {_text(form.get(k), names)} ]" for k in ("close", "submit") if form.get(k))
    return [f"┌ {title}", *blocks(form.get("blocks") or [], "", names), buttons]


def indented(lines: list[str], prefix: str = "    │ ") -> str:
    return "\n".join(f"{prefix}{line}".rstrip() for line in lines)


def find_button(items: list[dict], action_id: str) -> str | None:
    """The value of a button in a message's blocks, as a person clicking it would send it."""
    for block in items:
        for element in [*(block.get("elements") or []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element.get("value") or "")
    return None
