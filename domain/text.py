"""Small helpers for the text the bot writes: user text repeated in mrkdwn without pinging anyone, counts."""

from __future__ import annotations

ELLIPSIS = "…"


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control characters in mrkdwn.

    After this, `<!channel>` or `<@U123>` in user text shows as typed instead of pinging anyone.
    `&` goes first so the entities we add are not escaped again.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`1 answer`, `2 answers`, `1 piece of feedback`: the count with the noun it agrees with."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def clip(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters, ending with "…" when something was cut."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
