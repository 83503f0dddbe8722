"""Signed requests to the bot, shaped like the ones Slack sends: the one signer of the tests, the demo and
the benchmarks.

Why: Bolt verifies `X-Slack-Signature` against the signing secret and real time, and parses each payload
kind differently (form fields for commands, a `payload=` JSON form field for interactivity, a JSON body
for events). Sending byte-for-byte realistic, correctly signed requests tests that whole path, including
the failure modes (stale timestamps, forged signatures, malformed bodies, event retries). They go to the
bot's HTTP endpoint with urllib, or to any `send` given (the demo hands them to its Bolt app in-process).

Shapes follow Slack's documentation of slash command, block_actions and view_submission payloads and the
Events API wrapper in `tests/fakes/slack_spec/events-api-common-event-wrapper-schema.json`.
"""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.signature import SignatureVerifier

from fake_slack.workspace import APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID

VERIFICATION_TOKEN = "verification-token-test"  # Slack's deprecated per-app token; Bolt ignores it by default

_event_ids = itertools.count(1)


@dataclass
class Response:
    """What the bot answered: status, body text and headers (header names as sent by the server)."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON; None for the empty body of a plain `ack()`."""
        return json.loads(self.body) if self.body.strip() else None


#: How a request goes out: (HTTP method, URL, body, headers) -> the answer.
Send = Callable[[str, str, bytes | None, dict[str, str]], Response]


class SlackRequests:
    """Builds, signs and POSTs Slack-shaped requests to `{base_url}/slack/events`, with urllib unless `send`
    is given."""

    def __init__(
        self,
        base_url: str,
        signing_secret: str,
        *,
        team_id: str = TEAM_ID,
        team_domain: str = TEAM_DOMAIN,
        path: str = "/slack/events",
        timeout: float = 10.0,
        send: Send | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.team_domain = team_domain
        self.path = path
        self.timeout = timeout
        self._verifier = SignatureVerifier(signing_secret)
        self._transport: Send = send or self._urlopen

    @property
    def url(self) -> str:
        """The endpoint every request goes to."""
        return f"{self.base_url}{self.path}"

    # ------------------------------------------------------------------ payload kinds

    def command(
        self,
        command: str,
        text: str = "",
        *,
        user_id: str,
        channel_id: str,
        response_url: str,
        trigger_id: str = "T-trig-1",
        user_name: str | None = None,
        channel_name: str = "team",
        timestamp: int | None = None,
        signature: str | None = None,
    ) -> Response:
        """A slash command: form-encoded fields in the order Slack sends them."""
        fields = [
            ("token", VERIFICATION_TOKEN),
            ("team_id", self.team_id),
            ("team_domain", self.team_domain),
            ("channel_id", channel_id),
            ("channel_name", channel_name),
            ("user_id", user_id),
            ("user_name", user_name or user_id.lower()),
            ("command", command),
            ("text", text),
            ("api_app_id", APP_ID),
            ("is_enterprise_install", "false"),
            ("response_url", response_url),
            ("trigger_id", trigger_id),
        ]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        return self._signed_post(body, "application/x-www-form-urlencoded", timestamp=timestamp, signature=signature)

    def block_action(
        self,
        *,
        user_id: str,
        action_id: str,
        value: str | None = None,
        block_id: str = "b",
        channel_id: str | None = None,
        message_ts: str | None = None,
        response_url: str | None = None,
        trigger_id: str = "T-trig-2",
        view: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
        is_ephemeral: bool = False,
        timestamp: int | None = None,
        signature: str | None = None,
        selected_options: list[dict[str, Any]] | None = None,
    ) -> Response:
        """A button click (block_actions) in a message, an ephemeral message, a modal or the App Home; with
        `selected_options`, a checkbox ticked or unticked in the message instead (the options ticked after it).

        `message` overrides the minimal bot message echoed back for `message_ts` (Slack sends the whole
        message, blocks and metadata included); ephemeral messages come without a `message` object.
        `view` (a view as views.open returned it) makes the container a view.
        """
        action_ts = f"{time.time():.6f}"
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user(user_id),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": trigger_id,
            "team": {"id": self.team_id, "domain": self.team_domain},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if view is not None:
            payload["container"] = {"type": "view", "view_id": view.get("id", "V1")}
            payload["view"] = view
        elif message_ts is not None:
            payload["container"] = {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel_id,
                "is_ephemeral": is_ephemeral,
            }
        else:
            payload["container"] = {"type": "message", "channel_id": channel_id, "is_ephemeral": is_ephemeral}
        if channel_id is not None:
            payload["channel"] = {
                "id": channel_id,
                "name": "directmessage" if channel_id[0] == "D" else "team",
            }
        if message_ts is not None and not is_ephemeral:
            payload["message"] = message or {
                "type": "message",
                "subtype": "bot_message",
                "ts": message_ts,
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "app_id": APP_ID,
                "text": "",
                "blocks": [],
            }
        payload["state"] = {"values": {}}
        if response_url is not None:
            payload["response_url"] = response_url
        action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "action_ts": action_ts}
        if selected_options is not None:
            action |= {"type": "checkboxes", "selected_options": selected_options}
        else:
            action |= {"type": "button", "text": {"type": "plain_text", "text": "Button", "emoji": True}}
        if value is not None and selected_options is None:
            action["value"] = value
        payload["actions"] = [action]
        return self._interactive(payload, timestamp=timestamp, signature=signature)

    def view_submission(
        self,
        *,
        user_id: str,
        callback_id: str,
        values: Mapping[str, Mapping[str, Any]],
        private_metadata: str = "",
        view_id: str = "V1",
        trigger_id: str = "T-trig-3",
        blocks: list[dict[str, Any]] | None = None,
        view: dict[str, Any] | None = None,
        timestamp: int | None = None,
        signature: str | None = None,
    ) -> Response:
        """A modal submission; `values` in Slack's state shape (a bare string means a plain_text_input).
        `view` (a view as views.open returned it) is sent back whole, as Slack does, with `values` as its state."""
        state: dict[str, dict[str, Any]] = {}
        for block, actions in values.items():
            state[block] = {
                action: ({"type": "plain_text_input", "value": entry} if isinstance(entry, str) else dict(entry))
                for action, entry in actions.items()
            }
        submitted: dict[str, Any] = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": blocks or [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": state},
            "hash": "1700000000.abcdef12",
            "title": {"type": "plain_text", "text": "Practice Coach", "emoji": True},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
            "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": APP_ID,
            "external_id": "",
            "app_installed_team_id": self.team_id,
            "bot_id": BOT_ID,
        }
        if view is not None:
            submitted.update(view, state={"values": state})
        payload = {
            "type": "view_submission",
            "team": {"id": self.team_id, "domain": self.team_domain},
            "user": self._user(user_id),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": trigger_id,
            "view": submitted,
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return self._interactive(payload, timestamp=timestamp, signature=signature)

    def event(
        self,
        event: dict[str, Any],
        *,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        event_id: str | None = None,
        timestamp: int | None = None,
        signature: str | None = None,
    ) -> Response:
        """An Events API `event_callback`; pass `retry_num` to imitate Slack redelivering it."""
        now = time.time()
        inner = dict(event)
        inner.setdefault("event_ts", f"{now:.6f}")  # required by the wrapper schema
        envelope = self.event_envelope(inner, event_id=event_id, event_time=int(now))
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason
        body = json.dumps(envelope).encode("utf-8")
        return self._signed_post(body, "application/json", headers, timestamp=timestamp, signature=signature)

    def event_envelope(
        self, event: dict[str, Any], *, event_id: str | None = None, event_time: int | None = None
    ) -> dict[str, Any]:
        """The JSON wrapper Slack puts around an event (exposed so tests can check it against the schema)."""
        return {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):08d}",
            "event_time": event_time if event_time is not None else int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            # Deprecated by Slack but still in its published wrapper schema (where it is required).
            "authed_users": [BOT_USER_ID],
            "is_ext_shared_channel": False,
            "event_context": "4-test",
        }

    def url_verification(
        self, challenge: str, *, timestamp: int | None = None, signature: str | None = None
    ) -> Response:
        """The handshake Slack sends when a Request URL is saved; the app must echo the challenge."""
        body = json.dumps({"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"})
        return self._signed_post(body.encode("utf-8"), "application/json", timestamp=timestamp, signature=signature)

    def raw(self, body: bytes, headers: Mapping[str, str]) -> Response:
        """POST exactly these bytes and headers, unsigned unless they sign it: for malformed requests."""
        return self._send("POST", self.url, body, dict(headers))

    def get(self, path: str) -> Response:
        """A plain GET on the bot's server, e.g. `/healthz`."""
        return self._send("GET", f"{self.base_url}{path}", None, {})

    # ------------------------------------------------------------------ signing and transport

    def sign(self, body: bytes, timestamp: int | None = None) -> dict[str, str]:
        """The two headers Slack adds: request timestamp (real time, as Bolt checks it) and v0 signature."""
        ts = str(timestamp if timestamp is not None else int(time.time()))
        signature = self._verifier.generate_signature(timestamp=ts, body=body.decode("utf-8"))
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature or ""}

    def _user(self, user_id: str) -> dict[str, str]:
        return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": self.team_id}

    def _interactive(self, payload: dict[str, Any], *, timestamp: int | None, signature: str | None) -> Response:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode("utf-8")
        return self._signed_post(body, "application/x-www-form-urlencoded", timestamp=timestamp, signature=signature)

    def _signed_post(
        self,
        body: bytes,
        content_type: str,
        extra_headers: Mapping[str, str] | None = None,
        *,
        timestamp: int | None,
        signature: str | None,
    ) -> Response:
        headers = {"Content-Type": content_type, **self.sign(body, timestamp)}
        if signature is not None:
            headers["X-Slack-Signature"] = signature
        headers.update(extra_headers or {})
        return self._send("POST", self.url, body, headers)

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        return self._transport(method, url, body, headers)

    def _urlopen(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return Response(answer.status, answer.read().decode("utf-8", "replace"), dict(answer.headers))
        except urllib.error.HTTPError as error:  # 4xx/5xx are answers too (e.g. 401 for a bad signature)
            text = error.read().decode("utf-8", "replace")
            return Response(error.code, text, dict(error.headers or {}))
