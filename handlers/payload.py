"""Reading what Slack sends with a click or a form: the button's value, a form's inputs and its metadata.
Everything here tolerates a payload from an older message or a hand-made request."""

from __future__ import annotations

import json


def button_value(body: dict) -> str:
    return str(((body.get("actions") or [{}])[0] or {}).get("value") or "")


def button_id(body: dict) -> int | None:
    """The row id a button carries, or None for a value that is not one (an out-of-date button)."""
    value = button_value(body)
    return int(value) if value.isdigit() else None


def _metadata(view: dict, key: str) -> object:
    try:
        return json.loads(view.get("private_metadata") or "{}").get(key)
    except (ValueError, AttributeError):
        return None


def metadata_id(view: dict, key: str) -> int | None:
    """An id a form carries in its private_metadata (JSON), or None."""
    value = _metadata(view, key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def metadata_text(view: dict, key: str) -> str | None:
    """A text id (a bank's) a form carries in its private_metadata, or None."""
    value = _metadata(view, key)
    return value if isinstance(value, str) else None


def values(view: dict) -> dict:
    return view.get("state", {}).get("values", {})


def text_input(view: dict, block: str, action: str) -> str:
    return values(view).get(block, {}).get(action, {}).get("value") or ""


def selected_option(view: dict, block: str, action: str) -> dict:
    return values(view).get(block, {}).get(action, {}).get("selected_option") or {}


def checked(view: dict, block: str, action: str) -> list[str]:
    """The values of a form's ticked checkboxes."""
    found = values(view).get(block, {}).get(action, {})
    return [str(o.get("value", "")) for o in found.get("selected_options") or [] if isinstance(o, dict)]
