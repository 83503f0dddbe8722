"""A fake Slack Web API on loopback, so the bot's real `slack_sdk.WebClient` runs end to end without Slack.

Why a real HTTP server rather than mocks: the bot's retry handlers, pagination, JSON/form encoding and
timeouts all live inside slack_sdk, and Bolt builds a fresh WebClient per request from the base URL,
`respond()` posts to a response_url and files_upload_v2 uploads to a URL it is handed: only a server behind
SLACK_API_URL sees all of them. The fake keeps a workspace's state (users, channels, messages, views, files),
records every call, and can fail, hang or rate-limit calls as Slack does.

It answers like Slack but does not judge what it is asked: a `checker` can (tests plug in Slack's OpenAPI
spec and Block Kit validators, tests/fakes/spec_checks.py). What the fake itself or its checker notices is
collected in `problems` (a server thread cannot raise into a test), so tests end with `assert_no_problems()`.
Tests, the demo (`python bot.py demo`) and the benchmarks all use this one fake.

Typical use::

    with FakeSlackAPI() as fake:
        fake.add_user("U1", tz="Europe/Paris")
        client = WebClient(token=fake.expected_token, base_url=fake.base_url)
        client.chat_postMessage(channel="U1", text="hi")
        fake.wait_for("chat.postMessage")
        fake.assert_no_problems()
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

from fake_slack.rate_limits import RateLimits
from fake_slack.workspace import APP_ID, APP_TOKEN, BOT_ID, BOT_TOKEN, BOT_USER_ID, TEAM_ID, TEAM_NAME

#: Parameters whose form-encoded values are JSON strings; decoded so tests and checks see structures.
JSON_PARAMS = frozenset({"blocks", "attachments", "view", "metadata", "files"})

MAX_RESPONSE_URL_USES = 5  # Slack: a response_url takes 5 answers within 30 minutes

#: (HTTP status, JSON body, extra response headers)
_Answer = tuple[int, dict[str, Any], dict[str, str]]


@dataclass
class Call:
    """One request the fake received; `params` are decoded (JSON strings in forms become structures)."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    response: dict[str, Any] | None = None


@dataclass
class UploadedFile:
    """A file uploaded through files.getUploadURLExternal -> upload URL -> files.completeUploadExternal."""

    file_id: str
    filename: str
    length: int
    alt_txt: str | None = None
    snippet_type: str | None = None
    data: bytes | None = None
    completed: bool = False
    title: str | None = None
    channel_id: str | None = None
    initial_comment: str | None = None
    thread_ts: str | None = None


class Checker:
    """Rules the fake holds each call to before answering it (from its server threads): this base checks
    nothing; a subclass returns the problems it finds (tests/fakes/spec_checks.py: Slack's spec, Block Kit)."""

    def api_call(self, method: str, params: dict[str, Any]) -> list[str]:
        """Problems with a Web API call (params decoded: JSON strings in forms are structures)."""
        return []

    def response_url(self, key: str, body: dict[str, Any]) -> list[str]:
        """Problems with a message posted to a response_url."""
        return []

    def unknown_method(self, method: str) -> str:
        """The problem to report for a method the fake does not answer (it answers unknown_method)."""
        return f"{method}: not implemented by the fake (answered unknown_method)"


@dataclass
class _Fault:
    status: int  # 0: answer as usual (a hang alone)
    error: str | None
    retry_after: int
    times: int
    after_effect: bool = False  # do the work first (a post is stored), then answer with the fault
    hang: float = 0.0  # hold the answer back this long (past the client's timeout: a timeout)


@dataclass
class _User:
    user_id: str
    name: str
    real_name: str
    tz: str
    is_bot: bool
    deleted: bool
    team_id: str


@dataclass
class _Channel:
    channel_id: str
    name: str
    is_private: bool
    members: list[str] = field(default_factory=list)


def _encode_cursor(kind: str, offset: int) -> str:
    return base64.b64encode(f"{kind}:{offset}".encode()).decode()


def _decode_cursor(kind: str, cursor: str) -> int | None:
    """Offset encoded in a cursor of this kind, or None when the cursor is not one the fake issued."""
    try:
        prefix, _, number = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        return int(number) if prefix == kind else None
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def truthy(value: Any) -> bool:
    """Slack booleans arrive as JSON true/false or form strings "1"/"true"/"0"/"false"."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _as_int(value: Any, default: int) -> int | None:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class FakeSlackAPI:
    """A Slack Web API lookalike (plus response_url and file-upload endpoints) on 127.0.0.1."""

    def __init__(
        self,
        *,
        expected_token: str = BOT_TOKEN,
        expected_app_token: str = APP_TOKEN,
        team_id: str = TEAM_ID,
        team_name: str = TEAM_NAME,
        clock: Callable[[], float] | None = None,
        latency: float = 0.0,
        rate_limits: RateLimits | None = None,
        checker: Checker | None = None,
        on_call: Callable[[Call], None] | None = None,
    ) -> None:
        self.expected_token = expected_token
        #: The app-level token apps.connections.open takes (Socket Mode), and the WebSocket URL it hands out.
        self.expected_app_token = expected_app_token
        self.socket_url = "ws://127.0.0.1:9/link"
        #: Issues each apps.connections.open's URL instead, when set: a fake Socket Mode server hands out its own
        #: (fake_slack/socket_mode.py), a fresh ticket each time, as Slack does.
        self.socket_url_issuer: Callable[[], str] | None = None
        #: Holds every call against Slack's rules (into `problems`) before it is answered. None checks nothing:
        #: the benchmarks' CPU goes to the bot, not to validators (real Slack checks on its own).
        self.checker: Checker = checker or Checker()
        #: Told of every call as it is recorded (under the fake's lock, before the answer goes out): the demo
        #: turns calls into what people see as they happen.
        self.on_call = on_call
        self.team_id = team_id
        self.team_name = team_name
        #: Epoch seconds for message ts values and users' tz_offset; pass the tests' clock to line them up.
        self.clock: Callable[[], float] = clock or time.time
        #: Seconds added before every answer; settable at any time (e.g. to test the 3-second ack).
        self.latency: float = latency
        #: Slack's published rate limits (429 + Retry-After when exceeded); None answers every call.
        self.rate_limits = rate_limits
        self.problems: list[str] = []
        self.uploaded_files: dict[str, UploadedFile] = {}
        #: View id -> the view as Slack would return it (views.open/push/update).
        self.views: dict[str, dict[str, Any]] = {}
        #: User id -> the App Home view last published with views.publish.
        self.home_views: dict[str, dict[str, Any]] = {}
        #: Scopes the token has, sent like Slack in the `x-oauth-scopes` header of every answer; None: no header.
        self.granted_scopes: tuple[str, ...] | None = None
        self._lock = threading.RLock()
        self._calls: list[Call] = []
        self._faults: dict[str, list[_Fault]] = {}
        self._held_back = threading.local()  # seconds the current server thread holds its answer (hang_next)
        self._users: dict[str, _User] = {}
        self._channels: dict[str, _Channel] = {}
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._response_url_uses: dict[str, int] = {}
        self._last_ts = 0.0
        self._counter = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "apps.connections.open": self._apps_connections_open,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "conversations.members": self._conversations_members,
            "conversations.info": self._conversations_info,
            "conversations.open": self._conversations_open,
            "conversations.history": self._conversations_history,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlackAPI:
        """Bind an ephemeral loopback port and serve from a daemon thread (never blocks test teardown)."""
        if self._server is not None:
            return self
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-slack-api",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSlackAPI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        """`http://127.0.0.1:PORT` of the running server."""
        if self._server is None:
            raise RuntimeError("FakeSlackAPI is not started; call start() or use it as a context manager")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """What to pass as `WebClient(base_url=...)` (WebClient appends the method name)."""
        return f"{self.root_url}/api/"

    def response_url(self, key: str = "r1") -> str:
        """A response_url on this server; POSTs to it are recorded as method "response_url"."""
        return response_url_at(self.root_url, key)

    # ------------------------------------------------------------------ workspace state

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        tz: str = "America/New_York",
        is_bot: bool = False,
        deleted: bool = False,
        team_id: str | None = None,
    ) -> None:
        """Add (or replace) a user; another `team_id` makes them an outsider (absent from users.list)."""
        ZoneInfo(tz)  # fail fast on a typo in a test, not deep inside a request
        login = name or user_id.lower()
        with self._lock:
            self._users[user_id] = _User(
                user_id=user_id,
                name=login,
                real_name=real_name if real_name is not None else login.replace(".", " ").title(),
                tz=tz,
                is_bot=is_bot,
                deleted=deleted,
                team_id=team_id or self.team_id,
            )

    def add_channel(
        self, channel_id: str, *, name: str = "team", members: Iterable[str] = (), is_private: bool = False
    ) -> None:
        """Add (or replace) a public or private channel with its member ids."""
        with self._lock:
            self._channels[channel_id] = _Channel(channel_id, name, is_private, list(members))
            self._messages.setdefault(channel_id, [])

    def set_members(self, channel_id: str, members: Iterable[str]) -> None:
        """Replace a channel's members (e.g. someone joined or left)."""
        with self._lock:
            if channel_id not in self._channels:
                raise KeyError(f"unknown channel {channel_id}; add_channel() it first")
            self._channels[channel_id].members = list(members)

    def dm_channel_id(self, user_id: str) -> str:
        """The stable DM id conversations.open and chat.postMessage(channel=<user id>) use for this user."""
        return f"D{user_id}"

    def add_message(self, channel_id: str, *, text: str, user: str, **fields: Any) -> str:
        """Seed a message (e.g. one a person typed) into a channel's history; returns its ts."""
        with self._lock:
            ts = self._next_ts()
            message: dict[str, Any] = {"type": "message", "ts": ts, "user": user, "text": text, **fields}
            self._messages.setdefault(channel_id, []).append(message)
            return ts

    def messages(self, channel_id: str) -> list[dict[str, Any]]:
        """Messages currently in a channel or DM, oldest first (copies, including metadata)."""
        with self._lock:
            return [json.loads(json.dumps(m)) for m in self._messages.get(channel_id, [])]

    def dm_messages_of_type(self, people: Iterable[str], event_type: str) -> Counter[str]:
        """How many messages in each person's DM carry metadata of this event type: the way the tests and the
        benchmarks count what a fan-out delivered (a duplicate shows as 2)."""
        counts: Counter[str] = Counter()
        for user_id in people:
            for message in self.messages(self.dm_channel_id(user_id)):
                if (message.get("metadata") or {}).get("event_type") == event_type:
                    counts[user_id] += 1
        return counts

    # ------------------------------------------------------------------ recording

    @property
    def calls(self) -> list[Call]:
        """A snapshot of every call so far, in arrival order."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """Calls to one method (or "response_url" / "upload")."""
        with self._lock:
            return [c for c in self._calls if c.method == method]

    def reset_calls(self) -> None:
        """Forget recorded calls (state such as users, messages and views is kept)."""
        with self._lock:
            self._calls.clear()

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 5.0,
    ) -> list[Call]:
        """Poll until `count` matching calls arrived; the bot calls Slack from other threads. Each poll looks
        at the calls that arrived since the last one only: with thousands recorded, scanning them all every
        10 ms under the lock would slow the fake's own answers."""
        deadline = time.monotonic() + timeout
        matching: list[Call] = []
        scanned = 0
        while True:
            with self._lock:
                if len(self._calls) < scanned:  # reset_calls() since the last poll
                    matching, scanned = [], 0
                arrived = self._calls[scanned:]
                scanned += len(arrived)
            matching.extend(c for c in arrived if c.method == method and (predicate is None or predicate(c)))
            if len(matching) >= count:
                return matching
            if time.monotonic() >= deadline:
                seen = "\n".join(f"  {c.method} {_short(c.params)}" for c in self.calls) or "  (no calls)"
                raise AssertionError(
                    f"waited {timeout}s for {count} call(s) to {method}"
                    f"{' matching the predicate' if predicate else ''}, got {len(matching)}."
                    f" Calls seen:\n{seen}"
                )
            time.sleep(0.01)

    def assert_no_problems(self) -> None:
        """Raise listing every problem the fake or its checker noticed (spec, Block Kit, usage)."""
        problems = list(self.problems)
        if problems:
            raise AssertionError("fake Slack API saw problems:\n" + "\n".join(f"  - {p}" for p in problems))

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        error: str | None = None,
        retry_after: int = 1,
        times: int = 1,
        after_effect: bool = False,
    ) -> None:
        """Make the next `times` calls to `method` fail.

        No arguments: HTTP 429 with Retry-After and `ratelimited`. `error="..."` alone: HTTP 200
        `{"ok": false, "error": ...}` like Slack's ordinary errors. `status=500` (or any): that HTTP status.
        `after_effect=True`: the call takes effect first (a message is posted), then fails, as when Slack
        posts but its answer is lost. `method` may also be "response_url" or "upload".
        """
        if status is None:
            status = 200 if error is not None else 429
        with self._lock:
            self._faults.setdefault(method, []).append(_Fault(status, error, retry_after, times, after_effect))

    def clear_faults(self) -> None:
        """Every injected fault not yet met is dropped: Slack answers normally again."""
        with self._lock:
            self._faults.clear()

    def hang_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next `times` calls to a Web API `method` take effect and are recorded at once, but their answer
        is held back `seconds`: longer than the client's timeout, it is a timeout after the work was done."""
        with self._lock:
            self._faults.setdefault(method, []).append(_Fault(0, None, 0, times, after_effect=True, hang=seconds))

    def faults_pending(self, method: str) -> int:
        """How many injected faults for `method` have not met their call yet."""
        with self._lock:
            return sum(fault.times for fault in self._faults.get(method, []))

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            queue = self._faults.get(method)
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    # ------------------------------------------------------------------ request dispatch (server threads)

    def _problem(self, message: str) -> None:
        self.problems.append(message)

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            if self.on_call is not None:
                self.on_call(call)

    def _handle_api(self, method: str, params: dict[str, Any], token: str | None) -> _Answer:
        """Check, fault-inject, authenticate, answer; returns (HTTP status, JSON body, extra headers)."""
        at = time.monotonic()
        self.problems.extend(self.checker.api_call(method, params))
        status, body, headers = self._rate_limited(method, params) or self._answer(method, params, token)
        self._record(Call(method=method, params=params, at=at, status=status, response=body))
        return status, body, headers

    def _rate_limited(self, method: str, params: dict[str, Any]) -> _Answer | None:
        """Slack's 429 when the method's limit is used up; per-channel limits see a user id as its DM."""
        if self.rate_limits is None:
            return None
        limit = self.rate_limits.limits.get(method)
        key = str(params.get(limit.per) or "") if limit is not None and limit.per else ""
        if key[:1] in ("U", "W"):
            key = self.dm_channel_id(key)
        retry_after = self.rate_limits.admit(method, key)
        if retry_after is None:
            return None
        return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> _Answer:
        fault = self._take_fault(method)
        if fault is not None:
            self._held_back.seconds = fault.hang
            if not fault.after_effect:
                return _fault_answer(fault)
        if token != (self.expected_app_token if method == "apps.connections.open" else self.expected_token):
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        handler = self._handlers.get(method)
        if handler is None:
            self._problem(self.checker.unknown_method(method))
            return 200, {"ok": False, "error": "unknown_method"}, {}
        with self._lock:
            body = handler(params)
        if fault is not None and fault.status:
            return _fault_answer(fault)
        scopes = {"x-oauth-scopes": ",".join(self.granted_scopes)} if self.granted_scopes is not None else {}
        return 200, body, scopes

    def _handle_response_url(self, key: str, body: dict[str, Any]) -> _Answer:
        at = time.monotonic()
        with self._lock:
            uses = self._response_url_uses[key] = self._response_url_uses.get(key, 0) + 1
        if uses > MAX_RESPONSE_URL_USES:
            self._problem(
                f"response_url {key!r} used {uses} times; Slack accepts {MAX_RESPONSE_URL_USES} in 30 minutes"
            )
        self.problems.extend(self.checker.response_url(key, body))
        fault = self._take_fault("response_url")
        status, answer, headers = _fault_answer(fault) if fault else (200, {"ok": True}, {})
        self._record(Call("response_url", {**body, "_key": key}, at, status, answer))
        return status, answer, headers

    def _handle_upload(self, file_id: str, data: bytes) -> _Answer:
        at = time.monotonic()
        fault = self._take_fault("upload")
        if fault is not None:
            status, answer, headers = _fault_answer(fault)
        else:
            with self._lock:
                upload = self.uploaded_files.get(file_id)
                if upload is None:
                    status, answer, headers = 404, {"ok": False, "error": "file_not_found"}, {}
                else:
                    if len(data) != upload.length:
                        self._problem(
                            f"upload {file_id}: {len(data)} bytes sent but files.getUploadURLExternal "
                            f"declared length={upload.length}"
                        )
                    upload.data = data
                    status, answer, headers = 200, {"ok": True}, {}
        self._record(Call("upload", {"file_id": file_id, "size": len(data)}, at, status, answer))
        return status, answer, headers

    # ------------------------------------------------------------------ helpers for method handlers

    def _next_ts(self) -> str:
        """Unique, increasing Slack-style ts from the fake's clock."""
        now = max(self.clock(), self._last_ts + 0.000001)
        self._last_ts = round(now, 6)
        return f"{self._last_ts:.6f}"

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter:08d}"

    def _user_object(self, user: _User) -> dict[str, Any]:
        zone = ZoneInfo(user.tz)
        now = datetime.fromtimestamp(self.clock(), zone)
        offset = now.utcoffset()
        profile: dict[str, Any] = {
            "display_name": user.name,
            "display_name_normalized": user.name,
            "real_name": user.real_name,
            "real_name_normalized": user.real_name,
            "team": user.team_id,
        }
        if user.is_bot:
            profile["bot_id"] = f"B{user.user_id[1:]}"
        return {
            "id": user.user_id,
            "team_id": user.team_id,
            "name": user.name,
            "deleted": user.deleted,
            "real_name": user.real_name,
            "tz": user.tz,
            "tz_label": now.tzname(),
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": user.is_bot,
            "is_app_user": False,
            "updated": 1700000000,
            "profile": profile,
        }

    def _resolve_channel(self, channel: str) -> tuple[str | None, str | None]:
        """Map a channel argument to a conversation id: (id, None) or (None, Slack error)."""
        if not channel:
            return None, "channel_not_found"
        if channel[0] in "UW":
            user = self._users.get(channel)
            if user is None:
                return None, "channel_not_found"
            if user.is_bot:
                return None, "cannot_dm_bot"
            if user.deleted:
                return None, "user_disabled"
            dm = self.dm_channel_id(channel)
            self._messages.setdefault(dm, [])
            return dm, None
        if channel.startswith("D"):
            self._messages.setdefault(channel, [])  # any DM id: commands can come from DMs with the bot
            return channel, None
        if channel in self._channels:
            return channel, None
        return None, "channel_not_found"

    def _page(self, kind: str, items: list[Any], params: dict[str, Any], default: int) -> tuple[list[Any], str] | str:
        """Cursor pagination for users.list and conversations.members; a Slack error string on bad input."""
        limit = _as_int(params.get("limit"), default)
        if limit is None or limit < 0:
            return "invalid_limit"
        limit = min(limit or default, 1000)
        cursor = params.get("cursor") or ""
        start = 0
        if cursor:
            decoded = _decode_cursor(kind, str(cursor))
            if decoded is None:
                return "invalid_cursor"
            start = decoded
        chunk = items[start : start + limit]
        next_cursor = _encode_cursor(kind, start + limit) if start + limit < len(items) else ""
        return chunk, next_cursor

    def _message_from(self, params: dict[str, Any], ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "subtype": "bot_message",
            "ts": ts,
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": self.team_id,
            "text": params.get("text") or "",
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if params.get(key) is not None:
                message[key] = params[key]
        return message

    # ------------------------------------------------------------------ method handlers (run under the lock)

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://test-team.slack.com/",
            "team": self.team_name,
            "user": "practice-coach",
            "team_id": self.team_id,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _apps_connections_open(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.socket_url_issuer() if self.socket_url_issuer else self.socket_url}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self._users.get(str(params.get("user") or ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": self._user_object(user)}

    def _users_list(self, params: dict[str, Any]) -> dict[str, Any]:
        members = [u for u in self._users.values() if u.team_id == self.team_id]
        page = self._page("users", members, params, default=200)
        if isinstance(page, str):
            return {"ok": False, "error": page}
        chunk, next_cursor = page
        return {
            "ok": True,
            "members": [self._user_object(u) for u in chunk],
            "cache_ts": int(self.clock()),
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _conversations_members(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._channels.get(str(params.get("channel") or ""))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        page = self._page(f"members-{channel.channel_id}", channel.members, params, default=100)
        if isinstance(page, str):
            return {"ok": False, "error": page}
        chunk, next_cursor = page
        return {"ok": True, "members": list(chunk), "response_metadata": {"next_cursor": next_cursor}}

    def _conversations_info(self, params: dict[str, Any]) -> dict[str, Any]:
        channel_id = str(params.get("channel") or "")
        if channel_id.startswith("D"):
            user = channel_id[1:]
            im = {"id": channel_id, "is_im": True, "user": user, "is_open": True, "created": 1700000000}
            return {"ok": True, "channel": im}
        channel = self._channels.get(channel_id)
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        info: dict[str, Any] = {
            "id": channel.channel_id,
            "name": channel.name,
            "name_normalized": channel.name,
            "is_channel": not channel.is_private,
            "is_group": channel.is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": channel.is_private,
            "is_archived": False,
            "is_general": False,
            "is_member": BOT_USER_ID in channel.members,
            "created": 1700000000,
            "creator": channel.members[0] if channel.members else "",
            "context_team_id": self.team_id,
        }
        if truthy(params.get("include_num_members")):
            info["num_members"] = len(channel.members)
        return {"ok": True, "channel": info}

    def _conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        users_param = params.get("users")
        if isinstance(users_param, list):
            user_ids = [str(u) for u in users_param]
        else:
            user_ids = [u.strip() for u in str(users_param or "").split(",") if u.strip()]
        if params.get("channel"):
            channel_id, error = self._resolve_channel(str(params["channel"]))
            if error or channel_id is None or not channel_id.startswith("D"):
                return {"ok": False, "error": error or "method_not_supported_for_channel_type"}
            return {"ok": True, "channel": {"id": channel_id}}
        if not user_ids:
            return {"ok": False, "error": "users_list_not_supplied"}
        for user_id in user_ids:
            user = self._users.get(user_id)
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            if user.deleted:
                return {"ok": False, "error": "user_disabled"}
        if len(user_ids) > 1:
            channel_id = "G" + "".join(sorted(u[1:] for u in user_ids))
        else:
            channel_id = self.dm_channel_id(user_ids[0])
        already_open = channel_id in self._messages
        self._messages.setdefault(channel_id, [])
        channel: dict[str, Any] = {"id": channel_id}
        if truthy(params.get("return_im")) and len(user_ids) == 1:
            channel.update({"is_im": True, "user": user_ids[0], "is_open": True, "created": 1700000000})
        answer: dict[str, Any] = {"ok": True, "channel": channel}
        if already_open:
            answer.update({"no_op": True, "already_open": True})
        return answer

    def _conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        channel_id = str(params.get("channel") or "")
        if channel_id not in self._messages and channel_id not in self._channels:
            if not channel_id.startswith("D"):
                return {"ok": False, "error": "channel_not_found"}
        limit = _as_int(params.get("limit"), 100)
        if limit is None or limit < 0:
            return {"ok": False, "error": "invalid_limit"}
        limit = min(limit or 100, 999)
        try:
            oldest = float(params.get("oldest") or 0)
        except ValueError:
            return {"ok": False, "error": "invalid_ts_oldest"}
        try:
            latest = float(params.get("latest")) if params.get("latest") else None
        except ValueError:
            return {"ok": False, "error": "invalid_ts_latest"}
        inclusive = truthy(params.get("inclusive"))
        with_metadata = truthy(params.get("include_all_metadata"))

        def in_range(message: dict[str, Any]) -> bool:
            ts = float(message["ts"])
            after = ts >= oldest if inclusive else ts > oldest
            before = latest is None or (ts <= latest if inclusive else ts < latest)
            return after and before

        in_window = [m for m in self._messages.get(channel_id, []) if in_range(m)]
        newest_first = sorted(in_window, key=lambda m: float(m["ts"]), reverse=True)
        cursor = params.get("cursor") or ""
        start = 0
        if cursor:
            decoded = _decode_cursor(f"history-{channel_id}", str(cursor))
            if decoded is None:
                return {"ok": False, "error": "invalid_cursor"}
            start = decoded
        chunk = newest_first[start : start + limit]
        has_more = start + limit < len(newest_first)
        messages = []
        for stored in chunk:
            message = json.loads(json.dumps(stored))
            if not with_metadata:
                message.pop("metadata", None)
            messages.append(message)
        answer: dict[str, Any] = {"ok": True, "messages": messages, "has_more": has_more, "pin_count": 0}
        if has_more:
            next_cursor = _encode_cursor(f"history-{channel_id}", start + limit)
            answer["response_metadata"] = {"next_cursor": next_cursor}
        return answer

    def _check_message_body(self, params: dict[str, Any]) -> str | None:
        if not any(params.get(k) for k in ("text", "blocks", "attachments", "markdown_text")):
            return "no_text"
        if len(str(params.get("text") or "")) > 40000:
            return "msg_too_long"
        return None

    def _postable(self, params: dict[str, Any]) -> tuple[str | None, str | None]:
        """Where a message would go, or Slack's error: an unknown channel first, then a bad body."""
        channel_id, error = self._resolve_channel(str(params.get("channel") or ""))
        if error or channel_id is None:
            return None, error or "channel_not_found"
        return channel_id, self._check_message_body(params)

    def _chat_post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        channel_id, error = self._postable(params)
        if error or channel_id is None:
            return {"ok": False, "error": error}
        ts = self._next_ts()
        message = self._message_from(params, ts)
        self._messages[channel_id].append(message)
        return {"ok": True, "channel": channel_id, "ts": ts, "message": json.loads(json.dumps(message))}

    def _chat_post_ephemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        channel_id, error = self._postable(params)
        if error or channel_id is None:
            return {"ok": False, "error": error}
        user_id = str(params.get("user") or "")
        if user_id not in self._users:
            return {"ok": False, "error": "user_not_found"}
        channel = self._channels.get(channel_id)
        if channel is not None and user_id not in channel.members:
            return {"ok": False, "error": "user_not_in_channel"}
        return {"ok": True, "message_ts": self._next_ts()}  # ephemeral: never in history

    def _find_message(self, params: dict[str, Any]) -> tuple[str, dict[str, Any]] | str:
        channel_id, error = self._resolve_channel(str(params.get("channel") or ""))
        if error or channel_id is None:
            return error or "channel_not_found"
        ts = str(params.get("ts") or "")
        for message in self._messages.get(channel_id, []):
            if message["ts"] == ts:
                return channel_id, message
        return "message_not_found"

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self._find_message(params)
        if isinstance(found, str):
            return {"ok": False, "error": found}
        channel_id, message = found
        if message.get("bot_id") != BOT_ID:
            return {"ok": False, "error": "cant_update_message"}
        for key in ("text", "blocks", "attachments", "metadata"):
            if key in params:
                message[key] = params[key]
        message["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        return {
            "ok": True,
            "channel": channel_id,
            "ts": message["ts"],
            "text": message.get("text", ""),
            "message": json.loads(json.dumps(message)),
        }

    def _chat_delete(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self._find_message(params)
        if isinstance(found, str):
            return {"ok": False, "error": found}
        channel_id, message = found
        if message.get("bot_id") != BOT_ID:
            return {"ok": False, "error": "cant_delete_message"}
        self._messages[channel_id].remove(message)
        return {"ok": True, "channel": channel_id, "ts": message["ts"]}

    def _stored_view(self, view: Any, *, view_id: str, previous: str | None = None) -> dict[str, Any] | None:
        if isinstance(view, str):
            try:
                view = json.loads(view)
            except json.JSONDecodeError:
                return None
        if not isinstance(view, dict):
            return None
        stored = {
            "id": view_id,
            "team_id": self.team_id,
            "type": view.get("type"),
            "title": view.get("title"),
            "blocks": view.get("blocks", []),
            "close": view.get("close"),
            "submit": view.get("submit"),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "external_id": view.get("external_id", ""),
            "state": {"values": {}},
            "hash": f"{int(self.clock())}.{self._next_id('')}",
            "clear_on_close": view.get("clear_on_close", False),
            "notify_on_close": view.get("notify_on_close", False),
            "previous_view_id": previous,
            "root_view_id": view_id,
            "app_id": APP_ID,
            "app_installed_team_id": self.team_id,
            "bot_id": BOT_ID,
        }
        return stored

    def _views_open(self, params: dict[str, Any], previous: str | None = None) -> dict[str, Any]:
        if not params.get("trigger_id") and not params.get("interactivity_pointer"):
            return {"ok": False, "error": "invalid_arguments"}
        stored = self._stored_view(params.get("view"), view_id=self._next_id("V"), previous=previous)
        if stored is None:
            return {"ok": False, "error": "invalid_arguments"}
        self.views[stored["id"]] = stored
        return {"ok": True, "view": json.loads(json.dumps(stored))}

    def _views_push(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._views_open(params, previous=None)

    def _views_update(self, params: dict[str, Any]) -> dict[str, Any]:
        view_id = params.get("view_id")
        external_id = params.get("external_id")
        current = None
        if view_id:
            current = self.views.get(str(view_id))
        elif external_id:
            current = next((v for v in self.views.values() if v.get("external_id") == external_id), None)
        else:
            return {"ok": False, "error": "invalid_arguments"}
        if current is None:
            return {"ok": False, "error": "not_found"}
        if params.get("hash") and params["hash"] != current["hash"]:
            return {"ok": False, "error": "hash_conflict"}
        previous = current.get("previous_view_id")
        stored = self._stored_view(params.get("view"), view_id=current["id"], previous=previous)
        if stored is None:
            return {"ok": False, "error": "invalid_arguments"}
        stored["root_view_id"] = current.get("root_view_id", current["id"])
        self.views[current["id"]] = stored
        return {"ok": True, "view": json.loads(json.dumps(stored))}

    def _views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = str(params.get("user_id") or "")
        if user_id not in self._users:
            return {"ok": False, "error": "user_not_found"}
        current = self.home_views.get(user_id)
        if current is not None and params.get("hash") and params["hash"] != current["hash"]:
            return {"ok": False, "error": "hash_conflict"}
        view_id = current["id"] if current else self._next_id("V")
        stored = self._stored_view(params.get("view"), view_id=view_id)
        if stored is None:
            return {"ok": False, "error": "invalid_arguments"}
        self.home_views[user_id] = stored
        return {"ok": True, "view": json.loads(json.dumps(stored))}

    def _files_get_upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        length = _as_int(params.get("length"), -1)
        if not params.get("filename") or length is None or length < 0:
            return {"ok": False, "error": "invalid_arguments"}
        file_id = self._next_id("F")
        self.uploaded_files[file_id] = UploadedFile(
            file_id=file_id,
            filename=str(params["filename"]),
            length=length,
            alt_txt=params.get("alt_txt"),
            snippet_type=params.get("snippet_type"),
        )
        return {"ok": True, "upload_url": f"{self.root_url}/upload/{file_id}", "file_id": file_id}

    def _files_complete_upload(self, params: dict[str, Any]) -> dict[str, Any]:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        channel_id = params.get("channel_id")
        if channel_id:
            resolved, error = self._resolve_channel(str(channel_id))
            if error:
                return {"ok": False, "error": error}
            channel_id = resolved
        answered = []
        for item in files:
            upload = self.uploaded_files.get(str(item.get("id") if isinstance(item, dict) else ""))
            if upload is None or upload.data is None:
                return {"ok": False, "error": "file_not_found"}
            upload.completed = True
            upload.title = item.get("title") or upload.filename
            upload.channel_id = channel_id
            upload.initial_comment = params.get("initial_comment")
            upload.thread_ts = params.get("thread_ts")
            answered.append({"id": upload.file_id, "title": upload.title})
        return {"ok": True, "files": answered}


def _fault_answer(fault: _Fault) -> _Answer:
    if fault.status == 429:
        headers = {"Retry-After": str(fault.retry_after)}
        return 429, {"ok": False, "error": fault.error or "ratelimited"}, headers
    return fault.status, {"ok": False, "error": fault.error or "fatal_error"}, {}


def _short(params: dict[str, Any], limit: int = 200) -> str:
    text = json.dumps({k: v for k, v in params.items() if k != "token"}, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _decode_json_params(params: dict[str, Any]) -> dict[str, Any]:
    """Form values such as `blocks` arrive as JSON strings; decode them so tests see structures."""
    for key in JSON_PARAMS & set(params):
        value = params[key]
        if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError:
                pass  # left as a string; a checker reports it
    return params


def response_url_at(root_url: str, key: str) -> str:
    """FakeSlackAPI.response_url for a process that has only the fake's root URL (a benchmark's load generator)."""
    return f"{root_url}/response/{urllib.parse.quote(key, safe='')}"


class _Server(ThreadingHTTPServer):
    """Slack takes any number of connections at once; socketserver's listen backlog of 5 drops the rest of a
    burst of concurrent sends, and each dropped SYN costs the client a 1 s retransmit."""

    request_queue_size = 128
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    """Routes /api/<method>, /response/<key> and /upload/<file id> to the owning FakeSlackAPI."""

    owner: FakeSlackAPI
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle on, the body waits for the client's delayed ACK
    # (up to 40 ms on Linux), a stall real Slack does not have.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging; failures show up in `problems` and assertions instead."""

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        owner = self.owner
        parts = parsed.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "upload":
            self._reply(*owner._handle_upload(parts[1], raw))
            return
        if len(parts) == 2 and parts[0] == "response":
            try:
                body = json.loads(raw.decode("utf-8") or "{}")
            except (UnicodeDecodeError, json.JSONDecodeError):
                owner._problem(f"response_url {parts[1]!r}: body is not JSON")
                body = {"_raw": raw.decode("utf-8", "replace")}
            if not isinstance(body, dict):
                body = {"_raw": body}
            self._reply(*owner._handle_response_url(urllib.parse.unquote(parts[1]), body))
            return
        if len(parts) == 2 and parts[0] == "api":
            params, error = self._params(parsed.query, raw)
            if error:
                self._reply(200, {"ok": False, "error": error}, {})
                return
            token = self._token(params)
            self._reply(*owner._handle_api(parts[1], _decode_json_params(params), token))
            return
        self._reply(404, {"ok": False, "error": "not_found"}, {})

    def _params(self, query: str, raw: bytes) -> tuple[dict[str, Any], str | None]:
        params: dict[str, Any] = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if not raw:
            return params, None
        if content_type == "application/json":
            try:
                body = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                return params, "invalid_json"
            if not isinstance(body, dict):
                return params, "json_not_object"
            params.update(body)
        elif content_type == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        else:
            self.owner._problem(
                f"{self.path}: unsupported Content-Type {content_type!r} (multipart files.upload is retired; "
                "use files_upload_v2)"
            )
            return params, "invalid_form_data"
        return params, None

    def _token(self, params: dict[str, Any]) -> str | None:
        auth = self.headers.get("Authorization") or ""
        if auth.startswith("Bearer "):
            return auth[len("Bearer ") :].strip()
        token = params.get("token")
        return str(token) if token else None

    def _reply(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
        held_back = getattr(self.owner._held_back, "seconds", 0.0)
        self.owner._held_back.seconds = 0.0
        if self.owner.latency + held_back > 0:
            time.sleep(self.owner.latency + held_back)
        payload = json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its timeout fired during injected latency)
