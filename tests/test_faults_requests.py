"""Requests that are not what they seem: forged, unsigned or stale ones are refused before anything is stored,
and an event Slack delivers again (X-Slack-Retry-Num 1 and 2) is processed once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from sqlalchemy import select as sql_select
from sqlmodel import SQLModel

from adapters import ids
from fake_slack.requests import Response, SlackRequests
from tests.fakes.slack_api import FakeSlackAPI
from tests.feedback_helpers import form_values
from tests.harness import SIGNING_SECRET, TEAM_CHANNEL, Bot, eventually

STALE = 301  # seconds: Slack's replay window is 5 minutes


class Unsigned(SlackRequests):
    """The same requests with neither X-Slack-Signature nor X-Slack-Request-Timestamp."""

    def _signed_post(
        self,
        body: bytes,
        content_type: str,
        extra_headers: Mapping[str, str] | None = None,
        *,
        timestamp: int | None,
        signature: str | None,
    ) -> Response:
        return self._send("POST", self.url, body, {"Content-Type": content_type, **(extra_headers or {})})


def everything_stored(bot: Bot) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show a refused request changed nothing."""
    with bot.deps.engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(sql_select(table))), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


# Each request would store something if it were let in.
REQUESTS: dict[str, Callable[[SlackRequests, FakeSlackAPI, dict[str, Any]], Response]] = {
    "a slash command": lambda r, slack, signing: r.command(
        "/reflect",
        "I listened first.",
        user_id="UDUB",
        channel_id="DUDUB",
        response_url=slack.response_url("refused"),
        **signing,
    ),
    "a button (block_actions)": lambda r, slack, signing: r.block_action(
        user_id="UDUB", action_id=ids.HOME_PAUSE, value="pause", **signing
    ),
    "a form (view_submission)": lambda r, slack, signing: r.view_submission(
        user_id="UDUB",
        callback_id=ids.FEEDBACK_MODAL,
        values=form_values(recipient="UNY", keep="You stayed calm."),
        **signing,
    ),
    "an event": lambda r, slack, signing: r.event(
        {"type": "member_left_channel", "user": "UDUB", "channel": TEAM_CHANNEL, "channel_type": "C"}, **signing
    ),
}
FORGERIES: dict[str, Callable[[Bot], tuple[SlackRequests, dict[str, Any]]]] = {
    "a forged signature": lambda bot: (bot.requests, {"signature": "v0=" + "0" * 64}),
    "signed with another secret": lambda bot: (SlackRequests(bot.url, "not-" + SIGNING_SECRET), {}),
    "a stale timestamp": lambda bot: (bot.requests, {"timestamp": int(time.time()) - STALE}),
    "a timestamp from the future": lambda bot: (bot.requests, {"timestamp": int(time.time()) + STALE}),
    "no signature headers": lambda bot: (Unsigned(bot.url, SIGNING_SECRET), {}),
}


@pytest.mark.parametrize("kind", list(REQUESTS))
def test_a_request_that_is_not_from_slack_is_refused_and_nothing_is_stored(
    team: Bot, slack: FakeSlackAPI, kind: str
) -> None:
    before = everything_stored(team)
    calls_before = len(slack.calls)
    for forgery, make in FORGERIES.items():
        requests, signing = make(team)
        assert REQUESTS[kind](requests, slack, signing).status == 401, forgery
    # A genuine request afterwards is answered, so anything a refused one started would have shown by now.
    assert "Your teams" in team.ask("/practice", "status", user="UDUB", channel="DUDUB")
    assert everything_stored(team) == before
    assert [c.method for c in slack.calls[calls_before:]] == ["response_url"]


def test_the_same_requests_properly_signed_do_store_something(team: Bot, slack: FakeSlackAPI) -> None:
    """The control: each request above changes the database when Slack really sent it."""
    for kind, send in REQUESTS.items():
        before = everything_stored(team)
        assert send(team.requests, slack, {}).status == 200, kind
        eventually(lambda before=before: everything_stored(team) != before)


# --- Slack's own retries ----------------------------------------------------------------------------------


def send_with_retries(bot: Bot, event: dict[str, Any], event_id: str, handled: Callable[[], bool]) -> None:
    """The event, handled; then Slack's redeliveries of it (same event id), each acknowledged with 200."""
    assert bot.requests.event(event, event_id=event_id).status == 200
    eventually(handled)
    for retry in (1, 2):
        assert bot.requests.event(event, retry_num=retry, event_id=event_id).status == 200


def settle(bot: Bot) -> None:
    """A later, different event has been handled: the listeners' queue is drained of the earlier ones."""
    marker = f"UMARK{time.monotonic_ns() % 10_000}"
    bot.slack.add_user(marker)
    bot.requests.event({"type": "app_home_opened", "user": marker, "channel": f"D{marker}", "tab": "home"})
    bot.slack.wait_for("views.publish", lambda c: c.params["user_id"] == marker, count=1)


def test_the_home_tab_opened_and_redelivered_twice_is_published_once(team: Bot, slack: FakeSlackAPI) -> None:
    event = {"type": "app_home_opened", "user": "UDUB", "channel": "DUDUB", "tab": "home"}
    send_with_retries(team, event, "EvHome", lambda: "UDUB" in slack.home_views)
    settle(team)
    assert [c.params["user_id"] for c in slack.calls_to("views.publish")].count("UDUB") == 1


def test_a_new_member_redelivered_twice_is_looked_up_once(team: Bot, slack: FakeSlackAPI) -> None:
    slack.add_user("UNEW", tz="Europe/Dublin")
    event = {"type": "member_joined_channel", "user": "UNEW", "channel": TEAM_CHANNEL, "channel_type": "C"}
    send_with_retries(
        team,
        event,
        "EvJoin",
        lambda: bool(slack.calls_to("users.info")[-1:]) and slack.calls_to("users.info")[-1].params["user"] == "UNEW",
    )
    settle(team)
    assert [c.params["user"] for c in slack.calls_to("users.info")].count("UNEW") == 1


def test_tokens_revoked_redelivered_twice_stops_the_teams_once(team: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="practice")
    send_with_retries(
        team,
        {"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}},
        "EvRevoked",
        lambda: "all teams stopped" in caplog.text,
    )
    settle(team)
    assert caplog.text.count("all teams stopped") == 1
    assert caplog.text.count("redelivered: already taken, ignored") == 2
