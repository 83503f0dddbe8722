"""A Slack user as the bot needs to know them: time zone, and whether prompts can reach them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    user_id: str
    timezone: str | None
    is_bot: bool
    deleted: bool
