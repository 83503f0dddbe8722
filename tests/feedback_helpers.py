"""Driving peer feedback like a person would: the command, the form, the buttons in the DM."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from adapters import ids
from fake_slack.requests import Response
from storage.models import Feedback
from tests.fakes.slack_api import Call, FakeSlackAPI
from tests.harness import LEAD, TEAM_CHANNEL, Bot, text_of

_clicks = itertools.count(1)


def mention(user_id: str, name: str | None = None) -> str:
    """A mention as Slack sends it in slash command text (should_escape on)."""
    return f"<@{user_id}|{name or user_id.lower()}>"


def start_team(bot: Bot, slack: FakeSlackAPI, people: dict[str, str]) -> None:
    """A team channel with the lead, the given people (id -> name) and the bot."""
    for user_id, name in people.items():
        slack.add_user(user_id, name=name, tz="America/New_York")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, *people, "UBOT"))
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)


def open_form(bot: Bot, giver: str, text: str = "") -> dict:
    """Run `/feedback ...` and return the form once the bot has filled it in (views.open, then views.update)."""
    trigger = bot.command("/feedback", text, user=giver)
    (opened,) = bot.slack.wait_for("views.open", lambda c: c.params["trigger_id"] == trigger)
    view_id = opened.response["view"]["id"]
    (updated,) = bot.slack.wait_for("views.update", lambda c: c.params["view_id"] == view_id)
    return updated.params["view"]


def form_values(
    *, recipient: str | None, skill: str | None = "listening", keep: str = "", change: str = "", anonymous: bool = False
) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {
        ids.FEEDBACK_RECIPIENT_BLOCK: {
            ids.FEEDBACK_RECIPIENT_INPUT: {"type": "users_select", "selected_user": recipient}
        },
        ids.FEEDBACK_SKILL_BLOCK: {
            ids.FEEDBACK_SKILL_INPUT: {"type": "static_select", "selected_option": {"value": skill} if skill else None}
        },
        ids.FEEDBACK_KEEP_BLOCK: {ids.FEEDBACK_TEXT_INPUT: keep},
        ids.FEEDBACK_CHANGE_BLOCK: {ids.FEEDBACK_TEXT_INPUT: change},
    }
    if anonymous:
        values[ids.FEEDBACK_ANONYMOUS_BLOCK] = {
            ids.FEEDBACK_ANONYMOUS_INPUT: {"type": "checkboxes", "selected_options": [{"value": "anonymous"}]}
        }
    return values


def submit_form(bot: Bot, giver: str, view: dict, **values: Any) -> Response:
    return bot.requests.view_submission(
        user_id=giver,
        callback_id=view["callback_id"],
        values=form_values(**values),
        private_metadata=view.get("private_metadata", ""),
    )


def dms_to(bot: Bot, user_id: str) -> list[Call]:
    return [c for c in bot.slack.calls_to("chat.postMessage") if c.params.get("channel") == user_id]


def wait_dm(bot: Bot, user_id: str, needle: str, count: int = 1) -> Call:
    return bot.slack.wait_for(
        "chat.postMessage", lambda c: c.params.get("channel") == user_id and needle in text_of(c), count=count
    )[-1]


def button(call: Call, action_id: str) -> dict:
    for block in call.params["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button in {call.params['blocks']}")


def click(bot: Bot, user: str, call: Call, action_id: str) -> str:
    """Click a button in a DM; returns the click's key (its trigger id and response_url key)."""
    key = f"click{next(_clicks)}"
    response = bot.requests.block_action(
        user_id=user,
        action_id=action_id,
        value=button(call, action_id)["value"],
        channel_id=f"D{user}",
        message_ts=call.response["ts"],
        response_url=bot.slack.response_url(key),
        trigger_id=key,
    )
    assert response.status == 200
    return key


def reply_to(bot: Bot, key: str) -> str:
    """The ephemeral answer to a click or command."""
    (reply,) = bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)
    return text_of(reply)


def modal_opened_by(bot: Bot, key: str) -> dict:
    (opened,) = bot.slack.wait_for("views.open", lambda c: c.params["trigger_id"] == key)
    return opened.params["view"]


def feedback_rows(bot: Bot) -> list[Feedback]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(Feedback).order_by(Feedback.id)))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)
