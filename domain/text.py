"""Small helpers for repeating user text back in Slack mrkdwn without pinging anyone."""

from __future__ import annotations

ELLIPSIS = "…"


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control characters in mrkdwn.

    After this, `<!channel>` or `<@U123>` in user text shows as typed instead of pinging anyone.
    `&` goes first so the entities we add are not escaped again.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters, ending with "…" when something was cut."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
