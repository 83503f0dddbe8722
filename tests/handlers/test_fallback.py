"""Messages live in people's DMs for months: a button or form from one the bot no longer knows is acked and
answered kindly (never Bolt's 404, which Slack shows as an error), and a signed request that is not JSON is a
plain 400, not a 500."""

from __future__ import annotations

import json
import urllib.parse

from handlers.fallback import BUTTON_OUT_OF_DATE, FORM_OUT_OF_DATE
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import Bot


def test_a_button_from_an_old_message_is_acked_and_explained(bot: Bot, slack: FakeSlackAPI) -> None:
    response = bot.requests.block_action(
        user_id="ULEAD",
        action_id="answer_open_v0",
        value="12",
        channel_id="DLEAD",
        message_ts="1700000000.000100",
        response_url=slack.response_url("old-button"),
    )
    assert response.status == 200
    (reply,) = slack.wait_for("response_url", lambda c: c.params.get("_key") == "old-button")
    assert reply.params["response_type"] == "ephemeral" and reply.params["text"] == BUTTON_OUT_OF_DATE


def test_an_unknown_button_on_the_home_tab_is_answered_by_dm(bot: Bot, slack: FakeSlackAPI) -> None:
    home = {
        "id": "VHOME",
        "type": "home",
        "blocks": [],
        "callback_id": "",
        "private_metadata": "",
        "state": {"values": {}},
    }
    assert bot.requests.block_action(user_id="ULEAD", action_id="home_something_retired", view=home).status == 200
    (dm,) = slack.wait_for("chat.postMessage", lambda c: c.params.get("channel") == "ULEAD")
    assert dm.params["text"] == BUTTON_OUT_OF_DATE


def test_a_form_the_bot_no_longer_knows_is_replaced_by_a_note_and_nothing_is_saved(bot: Bot) -> None:
    response = bot.requests.view_submission(
        user_id="ULEAD", callback_id="retired_modal", values={"b": {"a": "some words"}}
    )
    assert response.status == 200
    answer = response.json()
    assert answer["response_action"] == "update"
    assert FORM_OUT_OF_DATE in json.dumps(answer["view"])


def test_a_signed_request_whose_payload_is_not_json_is_a_400(bot: Bot) -> None:
    for body, content_type in (
        (urllib.parse.urlencode({"payload": "{not json"}).encode(), "application/x-www-form-urlencoded"),
        (b"{not json", "application/json"),
        (urllib.parse.urlencode({"payload": "[1, 2]"}).encode(), "application/x-www-form-urlencoded"),
    ):
        headers = {"Content-Type": content_type, **bot.requests.sign(body)}
        response = bot.requests.raw(body, headers)
        assert (response.status, response.body) == (400, "bad request: the payload is not a JSON object")
