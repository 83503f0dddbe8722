"""Tests of the test fakes themselves: if the fakes drift from Slack, every other test lies.

The fake Web API is driven by a real `slack_sdk.WebClient`, and `SlackRequests` by a real Bolt app behind
the WSGI adapter, so both ends are checked against the libraries the bot really uses.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier

from fake_slack import web_api
from fake_slack.requests import Response, SlackRequests
from tests.fakes.slack_api import OPENAPI_PATH, PARAM_ALLOWLIST, SPEC_DIR, FakeSlackAPI, SlackSpec
from tests.fakes.spec_checks import SpecChecks

SECRET = "test-signing-secret"
SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}


@pytest.fixture(autouse=True)
def _quiet_text_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Some tests deliberately omit `text`; slack_sdk would also warn, which is noise here."""
    monkeypatch.setenv("SKIP_SLACK_SDK_WARNING", "1")


@pytest.fixture
def fake() -> Iterator[FakeSlackAPI]:
    with FakeSlackAPI() as server:
        yield server


@pytest.fixture
def client(fake: FakeSlackAPI) -> WebClient:
    return WebClient(token=fake.expected_token, base_url=fake.base_url, timeout=5)


# ---------------------------------------------------------------------------- the fake Web API


def test_post_message_to_a_user_id_lands_in_their_dm(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_user("U1")
    metadata = {"event_type": "practice_delivery", "event_payload": {"delivery_id": 7}}

    first = client.chat_postMessage(channel="U1", text="Today's prompt", blocks=[SECTION], metadata=metadata)
    second = client.chat_postMessage(channel="U1", text="again")

    assert first["ok"] is True
    assert first["channel"] == fake.dm_channel_id("U1") and first["channel"].startswith("D")
    assert first["message"]["metadata"] == metadata
    assert first["message"]["text"] == "Today's prompt"
    assert float(second["ts"]) > float(first["ts"])
    opened = client.conversations_open(users="U1")
    assert opened["channel"]["id"] == first["channel"]
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["blocks"] == [SECTION] and call.params["metadata"] == metadata
    fake.assert_no_problems()


def test_post_message_errors_like_slack(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_user("UGONE", deleted=True)
    fake.add_user("UOTHERBOT", is_bot=True)
    for channel, error in [
        ("CNOPE", "channel_not_found"),
        ("UNOPE", "channel_not_found"),
        ("UGONE", "user_disabled"),
        ("UOTHERBOT", "cannot_dm_bot"),
    ]:
        with pytest.raises(SlackApiError) as raised:
            client.chat_postMessage(channel=channel, text="hi")
        assert raised.value.response["error"] == error
    fake.assert_no_problems()


def test_users_list_paginates_450_users_in_pages_of_200(fake: FakeSlackAPI, client: WebClient) -> None:
    for n in range(450):
        fake.add_user(f"U{n:04d}")
    fake.add_user("UOUTSIDER", team_id="T0OTHER")

    # SlackResponse iteration reuses one object per page, so copy what each page holds as it comes.
    pages = [(page["members"], page["response_metadata"]["next_cursor"]) for page in client.users_list(limit=200)]

    assert [len(members) for members, _ in pages] == [200, 200, 50]
    ids = [m["id"] for members, _ in pages for m in members]
    assert len(set(ids)) == 450 and "UOUTSIDER" not in ids
    assert [bool(cursor) for _, cursor in pages] == [True, True, False]
    assert [c.params.get("limit") for c in fake.calls_to("users.list")] == ["200"] * 3
    fake.assert_no_problems()


def test_users_list_defaults_to_200_and_caps_at_1000(fake: FakeSlackAPI, client: WebClient) -> None:
    for n in range(1100):
        fake.add_user(f"U{n:04d}")
    assert len(client.users_list()["members"]) == 200
    assert len(client.users_list(limit=5000)["members"]) == 1000
    with pytest.raises(SlackApiError) as raised:
        client.users_list(cursor="not-a-cursor")
    assert raised.value.response["error"] == "invalid_cursor"


def test_conversations_members_paginates_and_knows_missing_channels(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_channel("C1", members=[f"U{n}" for n in range(5)])
    pages = [page["members"] for page in client.conversations_members(channel="C1", limit=2)]
    assert pages == [["U0", "U1"], ["U2", "U3"], ["U4"]]
    fake.set_members("C1", ["U9"])
    assert client.conversations_members(channel="C1")["members"] == ["U9"]
    with pytest.raises(SlackApiError) as raised:
        client.conversations_members(channel="CNOPE")
    assert raised.value.response["error"] == "channel_not_found"


def test_users_info_tz_offset_follows_daylight_saving(client: WebClient) -> None:
    january = datetime(2026, 1, 15, 12, tzinfo=ZoneInfo("UTC")).timestamp()
    july = datetime(2026, 7, 15, 12, tzinfo=ZoneInfo("UTC")).timestamp()
    now = [january]
    with FakeSlackAPI(clock=lambda: now[0]) as fake:
        fake.add_user("U1", real_name="Ada Lovelace", tz="America/New_York")
        web = WebClient(token=fake.expected_token, base_url=fake.base_url)
        user = web.users_info(user="U1")["user"]
        assert (user["tz"], user["tz_offset"], user["real_name"]) == (
            "America/New_York",
            -5 * 3600,
            "Ada Lovelace",
        )
        assert user["profile"]["real_name"] == "Ada Lovelace" and user["is_bot"] is False
        now[0] = july
        assert web.users_info(user="U1")["user"]["tz_offset"] == -4 * 3600
        with pytest.raises(SlackApiError) as raised:
            web.users_info(user="UNOPE")
        assert raised.value.response["error"] == "user_not_found"


def test_conversations_history_returns_metadata_only_when_asked(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_user("U1")
    posted = []
    for n in range(3):
        meta = {"event_type": "practice_delivery", "event_payload": {"delivery_id": n}}
        posted.append(client.chat_postMessage(channel="U1", text=f"prompt {n}", metadata=meta))
    dm = posted[0]["channel"]

    with_meta = client.conversations_history(channel=dm, include_all_metadata=True, limit=2)
    assert [m["text"] for m in with_meta["messages"]] == ["prompt 2", "prompt 1"]  # newest first
    assert with_meta["messages"][0]["metadata"]["event_payload"] == {"delivery_id": 2}
    assert with_meta["has_more"] is True
    without = client.conversations_history(channel=dm)
    assert all("metadata" not in m for m in without["messages"])
    newer = client.conversations_history(channel=dm, oldest=posted[0]["ts"])
    assert [m["text"] for m in newer["messages"]] == ["prompt 2", "prompt 1"]
    fake.assert_no_problems()


def test_update_and_delete_change_history(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_channel("C1", members=["U1"])
    ts = client.chat_postMessage(channel="C1", text="draft")["ts"]
    updated = client.chat_update(channel="C1", ts=ts, text="final", blocks=[SECTION])
    assert updated["message"]["text"] == "final"
    assert client.conversations_history(channel="C1")["messages"][0]["text"] == "final"
    client.chat_delete(channel="C1", ts=ts)
    assert client.conversations_history(channel="C1")["messages"] == []
    with pytest.raises(SlackApiError) as raised:
        client.chat_delete(channel="C1", ts=ts)
    assert raised.value.response["error"] == "message_not_found"
    fake.assert_no_problems()


def test_ephemeral_needs_a_channel_member(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_user("U1")
    fake.add_user("U2")
    fake.add_channel("C1", members=["U1"])
    assert client.chat_postEphemeral(channel="C1", user="U1", text="only you")["message_ts"]
    with pytest.raises(SlackApiError) as raised:
        client.chat_postEphemeral(channel="C1", user="U2", text="not a member")
    assert raised.value.response["error"] == "user_not_in_channel"
    assert fake.messages("C1") == []  # ephemeral messages never reach history


def test_views_open_update_publish(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_user("U1")
    modal = {
        "type": "modal",
        "callback_id": "answer",
        "title": {"type": "plain_text", "text": "Answer"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            {
                "type": "input",
                "block_id": "answer",
                "label": {"type": "plain_text", "text": "Answer"},
                "element": {"type": "plain_text_input", "action_id": "text", "multiline": True},
            }
        ],
        "private_metadata": '{"delivery_id": 1}',
    }
    opened = client.views_open(trigger_id="T-trig-1", view=modal)["view"]
    assert opened["id"].startswith("V") and opened["callback_id"] == "answer"
    assert opened["private_metadata"] == '{"delivery_id": 1}'
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal)["view"]
    assert updated["id"] == opened["id"]
    with pytest.raises(SlackApiError) as raised:
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal)  # stale hash
    assert raised.value.response["error"] == "hash_conflict"
    client.views_publish(user_id="U1", view={"type": "home", "blocks": [SECTION]})
    assert fake.home_views["U1"]["blocks"] == [SECTION]
    fake.assert_no_problems()


def test_files_upload_v2_records_the_bytes(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_channel("C1", members=["U1"])
    content = "person,answered\nU1,3\n"
    result = client.files_upload_v2(
        content=content, filename="week.csv", title="Week 47", channel="C1", initial_comment="CSV export"
    )
    upload = fake.uploaded_files[result["file"]["id"]]
    assert upload.data == content.encode()
    assert (upload.completed, upload.title, upload.channel_id) == (True, "Week 47", "C1")
    assert upload.initial_comment == "CSV export"
    fake.assert_no_problems()


def test_response_url_posts_are_recorded(fake: FakeSlackAPI) -> None:
    url = fake.response_url("cmd-1")
    request = urllib.request.Request(
        url,
        data=json.dumps({"text": "Saved", "response_type": "ephemeral"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert json.loads(answer.read()) == {"ok": True}
    call = fake.wait_for("response_url")[0]
    assert call.params == {"text": "Saved", "response_type": "ephemeral", "_key": "cmd-1"}


def test_wrong_token_is_invalid_auth(fake: FakeSlackAPI) -> None:
    with pytest.raises(SlackApiError) as raised:
        WebClient(token="xoxb-wrong", base_url=fake.base_url).auth_test()
    assert raised.value.response["error"] == "invalid_auth"


def test_auth_test_identifies_the_bot(client: WebClient, fake: FakeSlackAPI) -> None:
    answer = client.auth_test()
    assert (answer["user_id"], answer["bot_id"], answer["team_id"]) == ("UBOT", "BBOT", fake.team_id)


def test_unknown_parameter_is_a_problem(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_channel("C1")
    client.chat_postMessage(channel="C1", text="hi", colour="red")
    assert any("'colour'" in p and "chat.postMessage" in p for p in fake.problems)
    with pytest.raises(AssertionError, match="colour"):
        fake.assert_no_problems()


def test_missing_required_parameter_and_unknown_method_are_problems(fake: FakeSlackAPI, client: WebClient) -> None:
    with pytest.raises(SlackApiError):
        client.api_call("chat.postEphemeral", json={"channel": "C1", "text": "x"})  # no `user`
    with pytest.raises(SlackApiError) as raised:
        client.api_call("chat.fly")
    assert raised.value.response["error"] == "unknown_method"
    assert any("required parameter 'user'" in p for p in fake.problems)
    assert any("chat.fly" in p for p in fake.problems)


def test_invalid_blocks_are_problems(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_channel("C1")
    too_long = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    client.chat_postMessage(channel="C1", text="fallback", blocks=[too_long])
    assert any("3000" in p for p in fake.problems), fake.problems

    fake.problems.clear()
    client.chat_postMessage(channel="C1", text="fallback", blocks=[SECTION] * 51)
    client.chat_postMessage(channel="C1", blocks=[SECTION])  # no text fallback
    client.chat_postMessage(channel="C1", text="x", blocks=json.dumps([{"type": "no_such_block"}]))
    assert any("51 blocks" in p for p in fake.problems)
    assert any("fallback" in p for p in fake.problems)
    assert any("no_such_block" in p for p in fake.problems)


def test_invalid_views_are_problems(fake: FakeSlackAPI, client: WebClient) -> None:
    client.views_open(
        trigger_id="t",
        view={"type": "modal", "title": {"type": "plain_text", "text": "x" * 25}, "blocks": [SECTION]},
    )
    client.views_open(
        trigger_id="t",
        view={"type": "modal", "title": {"type": "plain_text", "text": "Hi"}, "blocks": [SECTION] * 101},
    )
    input_block = {
        "type": "input",
        "label": {"type": "plain_text", "text": "A"},
        "element": {"type": "plain_text_input", "action_id": "a"},
    }
    client.views_open(
        trigger_id="t",
        view={"type": "modal", "title": {"type": "plain_text", "text": "Hi"}, "blocks": [input_block]},
    )
    problems = "\n".join(fake.problems)
    assert "title" in problems and "101 blocks" in problems and "submit" in problems


def test_broadcast_mentions_are_problems(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_channel("C1")
    client.chat_postMessage(channel="C1", text="hey <!channel> look")
    assert any("<!channel>" in p for p in fake.problems)


def test_rate_limit_is_retried_by_the_sdk_handler(fake: FakeSlackAPI) -> None:
    fake.add_channel("C1")
    fake.fail_next("chat.postMessage", status=429, retry_after=1)
    client = WebClient(
        token=fake.expected_token,
        base_url=fake.base_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )
    started = time.monotonic()

    answer = client.chat_postMessage(channel="C1", text="hi")

    assert answer["ok"] is True
    calls = fake.calls_to("chat.postMessage")
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0 and time.monotonic() - started >= 1.0  # Retry-After honoured
    assert len(fake.messages("C1")) == 1


def test_fail_next_with_error_and_500(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_user("U1")
    fake.fail_next("users.info", error="user_not_visible")
    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="U1")
    assert (raised.value.response.status_code, raised.value.response["error"]) == (200, "user_not_visible")
    fake.fail_next("users.info", status=500, times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as raised:
            client.users_info(user="U1")
        assert raised.value.response.status_code == 500
    assert client.users_info(user="U1")["ok"] is True


def test_latency_delays_answers(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.latency = 0.3
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started >= 0.3


def test_wait_for_times_out_with_a_listing(fake: FakeSlackAPI, client: WebClient) -> None:
    client.auth_test()
    with pytest.raises(AssertionError, match=r"(?s)chat\.postMessage.*auth\.test"):
        fake.wait_for("chat.postMessage", timeout=0.1)


def test_form_encoded_calls_are_decoded(fake: FakeSlackAPI, client: WebClient) -> None:
    fake.add_channel("C1")
    client.api_call("chat.postMessage", params={"channel": "C1", "text": "hi", "blocks": json.dumps([SECTION])})
    assert fake.wait_for("chat.postMessage")[0].params["blocks"] == [SECTION]
    fake.assert_no_problems()


def test_allowlist_entries_are_really_missing_from_the_spec() -> None:
    """An allowlisted parameter the spec already knows would be a stale, misleading entry."""
    spec = SlackSpec.load(OPENAPI_PATH)
    for method, params in PARAM_ALLOWLIST.items():
        for name, reason in params.items():
            assert name not in spec.params.get(method, set()), f"{method}.{name} is in the spec; drop it"
            assert reason.strip(), f"{method}.{name} needs a reason"


# ---------------------------------------------------------------------------- signed requests


class _Capture(BaseHTTPRequestHandler):
    """Records raw requests so signatures and bodies can be checked exactly as sent."""

    received: list[tuple[dict[str, str], bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.received.append((dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def capture() -> Iterator[tuple[SlackRequests, list[tuple[dict[str, str], bytes]]]]:
    received: list[tuple[dict[str, str], bytes]] = []
    handler = type("Handler", (_Capture,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield SlackRequests(f"http://127.0.0.1:{server.server_address[1]}", SECRET), received
    finally:
        server.shutdown()
        server.server_close()


def test_signatures_verify(capture: tuple[SlackRequests, list[tuple[dict[str, str], bytes]]]) -> None:
    requests, received = capture
    verifier = SignatureVerifier(SECRET)
    requests.command("/reflect", "hi", user_id="U1", channel_id="C1", response_url="http://x/r")
    requests.block_action(user_id="U1", action_id="answer", value="1", channel_id="D1", message_ts="1.2")
    requests.view_submission(user_id="U1", callback_id="answer", values={"answer": {"text": "It went well"}})
    requests.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}, retry_num=1)
    requests.url_verification("challenge-xyz")
    requests.command("/reflect", user_id="U1", channel_id="C1", response_url="u", timestamp=int(time.time()) - 600)
    requests.command("/reflect", user_id="U1", channel_id="C1", response_url="u", signature="v0=forged")

    results = [verifier.is_valid_request(body, headers) for headers, body in received]
    assert results == [True] * 5 + [False, False]
    event_headers = received[3][0]
    assert (event_headers["X-Slack-Retry-Num"], event_headers["X-Slack-Retry-Reason"]) == (
        "1",
        "http_timeout",
    )


def test_payload_shapes(capture: tuple[SlackRequests, list[tuple[dict[str, str], bytes]]]) -> None:
    requests, received = capture
    requests.command("/feedback", "<@U2> great call", user_id="U1", channel_id="C1", response_url="http://x/r")
    requests.block_action(user_id="U1", action_id="share", channel_id="C1", message_ts="1.2", is_ephemeral=True)
    requests.event({"type": "member_joined_channel", "user": "U3", "channel": "C1", "channel_type": "C"})

    form = dict(urllib.parse.parse_qsl(received[0][1].decode()))
    assert list(form) == [
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    ]
    assert form["text"] == "<@U2> great call"
    action = json.loads(dict(urllib.parse.parse_qsl(received[1][1].decode()))["payload"])
    assert action["type"] == "block_actions" and action["container"]["is_ephemeral"] is True
    assert "message" not in action and action["actions"][0]["action_id"] == "share"
    wrapper = json.loads((SPEC_DIR / "events-api-common-event-wrapper-schema.json").read_text())
    envelope = json.loads(received[2][1])
    jsonschema.validate(envelope, wrapper)
    assert envelope["authorizations"][0]["user_id"] == "UBOT"


class _QuietWSGIHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def bolt(fake: FakeSlackAPI) -> Iterator[tuple[App, SlackRequests]]:
    """A minimal Bolt app served over real HTTP, as the bot is in HTTP mode."""
    app = App(
        client=WebClient(token=fake.expected_token, base_url=fake.base_url),
        signing_secret=SECRET,
        token_verification_enabled=False,
    )
    server: WSGIServer = make_server("127.0.0.1", 0, SlackRequestHandler(app), handler_class=_QuietWSGIHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield app, SlackRequests(f"http://127.0.0.1:{server.server_port}", SECRET)
    finally:
        server.shutdown()
        server.server_close()


def test_command_reaches_a_bolt_listener(fake: FakeSlackAPI, bolt: tuple[App, SlackRequests]) -> None:
    app, requests = bolt
    seen: list[dict[str, Any]] = []

    @app.command("/reflect")
    def reflect(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        ack()
        seen.append(command)
        respond(text="Saved your reflection")

    answer = requests.command(
        "/reflect",
        "I listened first",
        user_id="U1",
        channel_id="C1",
        response_url=fake.response_url("r1"),
        user_name="ada",
    )

    assert answer.status == 200
    assert seen and seen[0]["text"] == "I listened first"
    assert (seen[0]["user_id"], seen[0]["channel_id"], seen[0]["user_name"]) == ("U1", "C1", "ada")
    assert (seen[0]["team_id"], seen[0]["trigger_id"]) == ("T0TEST", "T-trig-1")
    response = fake.wait_for("response_url")[0]
    assert response.params["text"] == "Saved your reflection" and response.params["_key"] == "r1"

    stale = requests.command(
        "/reflect",
        user_id="U1",
        channel_id="C1",
        response_url=fake.response_url(),
        timestamp=int(time.time()) - 600,
    )
    forged = requests.command(
        "/reflect",
        user_id="U1",
        channel_id="C1",
        response_url=fake.response_url(),
        signature="v0=" + "0" * 64,
    )
    assert (stale.status, forged.status) == (401, 401)
    assert len(seen) == 1


def test_interactivity_and_events_reach_bolt_listeners(fake: FakeSlackAPI, bolt: tuple[App, SlackRequests]) -> None:
    app, requests = bolt
    seen: dict[str, Any] = {}

    @app.action("answer_prompt")
    def on_action(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        seen["action"] = (action["value"], body["container"]["message_ts"], body["channel"]["id"])

    @app.view("answer_modal")
    def on_view(ack: Ack, view: dict[str, Any]) -> None:
        seen["view"] = (view["state"]["values"]["answer"]["text"]["value"], view["private_metadata"])
        ack(response_action="errors", errors={"answer": "Too short"})

    @app.event("app_home_opened")
    def on_home(event: dict[str, Any]) -> None:
        seen["event"] = event["user"]

    assert (
        requests.block_action(
            user_id="U1",
            action_id="answer_prompt",
            value="42",
            channel_id="D1",
            message_ts="1700000000.000100",
        ).status
        == 200
    )
    submitted = requests.view_submission(
        user_id="U1",
        callback_id="answer_modal",
        private_metadata="m",
        values={"answer": {"text": {"type": "plain_text_input", "value": "ok"}}},
    )
    assert submitted.json() == {"response_action": "errors", "errors": {"answer": "Too short"}}
    assert requests.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}).status == 200
    assert requests.url_verification("abc").json() == {"challenge": "abc"}

    deadline = time.monotonic() + 5
    while "event" not in seen and time.monotonic() < deadline:
        time.sleep(0.01)
    assert seen == {"action": ("42", "1700000000.000100", "D1"), "view": ("ok", "m"), "event": "U1"}
    fake.assert_no_problems()


def test_slacks_specs_ship_inside_the_repository() -> None:
    """A user's clone has nothing beside it: the specs the fakes read are part of the repository."""
    repo_root = Path(__file__).resolve().parents[2]
    assert SPEC_DIR.resolve().is_relative_to(repo_root)
    assert (SPEC_DIR / "web-api-openapi-v2.json").exists()
    assert (SPEC_DIR / "SOURCE.md").exists()


# ---------------------------------------------------------------------------- fake_slack without the tests' checks


def test_fake_slacks_own_fake_answers_without_checking_and_tells_on_call_in_order() -> None:
    """The demo and the benchmarks run fake_slack's fake as it is: what Slack would refuse is answered all the
    same (the checks are the tests'), and `on_call` sees each call as it is recorded."""
    told: list[str] = []
    with web_api.FakeSlackAPI(on_call=lambda call: told.append(call.method)) as unchecked:
        unchecked.add_channel("C1")
        client = WebClient(token=unchecked.expected_token, base_url=unchecked.base_url, timeout=5)
        client.chat_postMessage(channel="C1", text="hi", colour="red", blocks=[{"type": "no_such_block"}])
        with pytest.raises(SlackApiError):
            client.api_call("chat.fly")
        assert told == ["chat.postMessage", "chat.fly"]
        assert unchecked.problems == ["chat.fly: not implemented by the fake (answered unknown_method)"]


def test_the_tests_fake_checks_through_its_checker(fake: FakeSlackAPI) -> None:
    assert isinstance(fake, web_api.FakeSlackAPI) and isinstance(fake.checker, SpecChecks)
    assert fake.checker.unknown_method("chat.fly") == "chat.fly: unknown Slack Web API method"
    assert fake.checker.response_url("r1", {"text": "<!here> hi"}) == [
        "response_url: message contains the broadcast mention <!here>"
    ]


def test_requests_can_go_out_through_any_send() -> None:
    sent: list[tuple[str, str, dict[str, str]]] = []

    def send(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        sent.append((method, url, headers))
        assert SignatureVerifier(SECRET).is_valid_request(body or b"", headers)
        return Response(200, "")

    requests = SlackRequests("http://bot.invalid", SECRET, send=send)
    assert requests.command("/reflect", "hi", user_id="U1", channel_id="C1", response_url="u").status == 200
    assert [(method, url) for method, url, _headers in sent] == [("POST", "http://bot.invalid/slack/events")]
