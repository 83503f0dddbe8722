"""A stand-in for Slack's Web API on loopback, so the demo runs the bot's real slack_sdk and Bolt code.

Why a tiny HTTP server rather than a WebClient subclass: Bolt builds a fresh WebClient per request from the
base URL, `respond()` posts to a response_url, and files_upload_v2 uploads to a URL it is handed. Only a
server behind SLACK_API_URL sees all three. It answers the methods the bot uses and records, in order, what
each person or channel would see. Tests have their own, stricter fake (tests/fakes/slack_api.py).
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

from demo.script import Person

TOKEN = "xoxb-demo-token"
TEAM_ID = "TDEMO"
BOT_USER_ID = "UCOACH"
BOT_ID = "BCOACH"
_JSON_PARAMS = ("blocks", "view", "metadata", "files")


@dataclass(frozen=True)
class Seen:
    """Something the bot showed someone: a message, an ephemeral answer, a form or a file."""

    at: datetime
    kind: str  # "message", "ephemeral", "form", "home" (the person's App Home as published) or "file"
    to: str  # a user id (DMs, ephemerals, forms, files) or a channel id
    text: str = ""
    blocks: list[dict] = field(default_factory=list)
    view: dict | None = None
    filename: str | None = None
    data: bytes | None = None


class Workspace:
    """Users, one team channel, and a record of everything the bot sent, stamped with the virtual time."""

    def __init__(
        self, people: tuple[Person, ...], channel_id: str, channel_name: str, now: Callable[[], datetime]
    ) -> None:
        self.people = {p.user_id: p for p in people}
        self.channel_id = channel_id
        self.channel_name = channel_name
        self._now = now
        self._lock = threading.Lock()
        self._seen: list[Seen] = []
        self._read = 0
        self._counter = 0
        self._responders: dict[str, str] = {}
        self._uploads: dict[str, dict[str, Any]] = {}
        self.unanswered: list[str] = []  # methods the bot called that this stand-in does not know
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Workspace:
        workspace = self

        class Handler(_Handler):
            owner = workspace

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name="demo-slack"
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def root_url(self) -> str:
        assert self._server is not None, "start() the workspace first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.root_url}/api/"

    def response_url(self, user_id: str) -> str:
        """A response_url whose answers are shown to this person only, as Slack's ephemeral answers are."""
        with self._lock:
            self._counter += 1
            key = f"r{self._counter}"
            self._responders[key] = user_id
        return f"{self.root_url}/response/{key}"

    def new_records(self) -> list[Seen]:
        """What was shown since the last call, in the order the bot sent it."""
        with self._lock:
            fresh = self._seen[self._read :]
            self._read = len(self._seen)
        return fresh

    # ------------------------------------------------------------------ answering (server threads)

    def _record(self, seen: Seen) -> None:
        self._seen.append(seen)

    def _next(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter:06d}"

    def _ts(self) -> str:
        self._counter += 1
        return f"{self._now().timestamp():.0f}.{self._counter:06d}"

    def _target(self, channel: str) -> str:
        """A DM id `D<user>` or a user id both mean that person; anything else is a channel."""
        if channel.startswith("D") and channel[1:] in self.people:
            return channel[1:]
        return channel

    def answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if token != TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            self.unanswered.append(method)
            return {"ok": False, "error": "unknown_method"}
        with self._lock:
            return handler(params)

    def respond(self, key: str, body: dict[str, Any]) -> None:
        with self._lock:
            user_id = self._responders.get(key, "?")
            self._record(
                Seen(self._now(), "ephemeral", user_id, str(body.get("text") or ""), list(body.get("blocks") or []))
            )

    def upload(self, file_id: str, data: bytes) -> bool:
        with self._lock:
            if file_id not in self._uploads:
                return False
            self._uploads[file_id]["data"] = data
            return True

    def _user(self, person: Person) -> dict[str, Any]:
        offset = self._now().astimezone(ZoneInfo(person.tz)).utcoffset()
        return {
            "id": person.user_id,
            "team_id": TEAM_ID,
            "name": person.name,
            "real_name": person.display,
            "tz": person.tz,
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "is_bot": False,
            "deleted": False,
            "profile": {"display_name": person.name, "real_name": person.display},
        }

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://demo.slack.com/",
            "team": "Demo",
            "user": "practice-coach",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = str(params.get("user"))
        if user_id == BOT_USER_ID:
            return {"ok": True, "user": {"id": BOT_USER_ID, "name": "practice-coach", "is_bot": True, "deleted": False}}
        person = self.people.get(user_id)
        return {"ok": True, "user": self._user(person)} if person else {"ok": False, "error": "user_not_found"}

    def _users_list(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "members": [self._user(p) for p in self.people.values()],
            "response_metadata": {"next_cursor": ""},
        }

    def _conversations_members(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("channel") != self.channel_id:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "members": [*self.people, BOT_USER_ID], "response_metadata": {"next_cursor": ""}}

    def _conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = str(params.get("users") or "")
        if user_id not in self.people:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "channel": {"id": f"D{user_id}"}}

    def _conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "messages": [], "has_more": False}

    def _chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        to = self._target(str(params.get("channel") or ""))
        if to not in self.people and to != self.channel_id:
            return {"ok": False, "error": "channel_not_found"}
        self._record(Seen(self._now(), "message", to, str(params.get("text") or ""), list(params.get("blocks") or [])))
        channel = f"D{to}" if to in self.people else to
        return {"ok": True, "channel": channel, "ts": self._ts(), "message": {"text": params.get("text") or ""}}

    def _chat_postEphemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        self._record(
            Seen(
                self._now(),
                "ephemeral",
                str(params.get("user") or ""),
                str(params.get("text") or ""),
                list(params.get("blocks") or []),
            )
        )
        return {"ok": True, "message_ts": self._ts()}

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts"), "text": params.get("text")}

    def _views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        view = dict(params.get("view") or {})
        view.update(id=self._next("V"), hash=self._next("h"), state={"values": {}})
        user_id = str(params.get("trigger_id") or "").partition(":")[0]
        self._record(Seen(self._now(), "form", user_id, view=view))
        return {"ok": True, "view": view}

    def _views_update(self, params: dict[str, Any]) -> dict[str, Any]:
        view = dict(params.get("view") or {})
        view.update(id=params.get("view_id") or self._next("V"), hash=self._next("h"), state={"values": {}})
        return {"ok": True, "view": view}

    def _views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        view = dict(params.get("view") or {})
        view.update(id=self._next("V"), hash=self._next("h"))
        user_id = str(params.get("user_id") or "")
        if user_id not in self.people:
            return {"ok": False, "error": "user_not_found"}
        self._record(Seen(self._now(), "home", user_id, view=view))
        return {"ok": True, "view": view}

    def _files_getUploadURLExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = self._next("F")
        self._uploads[file_id] = {"filename": str(params.get("filename") or "file"), "data": None}
        return {"ok": True, "upload_url": f"{self.root_url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        done = []
        for item in params.get("files") or []:
            upload = self._uploads.get(str(item.get("id")))
            if upload is None or upload["data"] is None:
                return {"ok": False, "error": "file_not_found"}
            to = self._target(str(params.get("channel_id") or params.get("channels") or ""))
            self._record(
                Seen(
                    self._now(),
                    "file",
                    to,
                    str(item.get("title") or upload["filename"]),
                    filename=upload["filename"],
                    data=upload["data"],
                )
            )
            done.append({"id": item.get("id"), "title": item.get("title")})
        return {"ok": True, "files": done}


def _decoded(params: dict[str, Any]) -> dict[str, Any]:
    """Form posts carry blocks and views as JSON strings."""
    for key in _JSON_PARAMS:
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except json.JSONDecodeError:
                pass
    return params


class _Handler(BaseHTTPRequestHandler):
    """Routes /api/<method>, /response/<key> and /upload/<file id> to the owning Workspace."""

    owner: Workspace
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the demo prints what people see, not HTTP lines."""

    def do_POST(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        kind, _, rest = parsed.path.strip("/").partition("/")
        if kind == "upload":
            ok = self.owner.upload(rest, raw)
            self._reply(200 if ok else 404, {"ok": ok})
        elif kind == "response":
            self.owner.respond(rest, json.loads(raw or b"{}"))
            self._reply(200, {"ok": True})
        elif kind == "api":
            params: dict[str, Any] = dict(urllib.parse.parse_qsl(parsed.query))
            if (self.headers.get("Content-Type") or "").startswith("application/json"):
                params.update(json.loads(raw or b"{}"))
            else:
                params.update(urllib.parse.parse_qsl(raw.decode("utf-8")))
            auth = self.headers.get("Authorization") or ""
            token = auth.removeprefix("Bearer ").strip() or params.get("token")
            self._reply(200, self.owner.answer(rest, _decoded(params), token))
        else:
            self._reply(404, {"ok": False, "error": "not_found"})

    do_GET = do_POST

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
