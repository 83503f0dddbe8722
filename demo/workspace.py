"""The demo's Slack: fake_slack's Web API on loopback (the one the tests and benchmarks use), on the demo's
virtual clock, so the demo runs the bot's real slack_sdk and Bolt code.

The fake records every call; this layer turns those that show something to someone into `Seen` records, in
the order the bot made them, stamped with the virtual time: chat.postMessage is a message, chat.postEphemeral
and a response_url answer are ephemeral, views.open/push/update a form, views.publish the person's Home tab,
and a completed file upload a file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from demo.script import Person
from fake_slack.web_api import Call, FakeSlackAPI
from fake_slack.workspace import BOT_USER_ID

TOKEN = "xoxb-demo-token"
TEAM_ID = "TDEMO"


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
        self._responders: dict[str, str] = {}  # response_url key -> the person its answers are shown to
        self._viewers: dict[str, str] = {}  # view id -> the person it was opened for
        self.fake = FakeSlackAPI(
            expected_token=TOKEN,
            team_id=TEAM_ID,
            team_name="Demo",
            clock=lambda: now().timestamp(),
            on_call=self._saw,
        )
        self.fake.add_user(BOT_USER_ID, name="practice-coach", is_bot=True)
        for person in people:
            self.fake.add_user(person.user_id, name=person.name, real_name=person.display, tz=person.tz)
        self.fake.add_channel(channel_id, name=channel_name, members=[*self.people, BOT_USER_ID])

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Workspace:
        self.fake.start()
        return self

    def stop(self) -> None:
        self.fake.stop()

    @property
    def root_url(self) -> str:
        return self.fake.root_url

    @property
    def api_url(self) -> str:
        return self.fake.base_url

    def response_url(self, user_id: str) -> str:
        """A response_url whose answers are shown to this person only, as Slack's ephemeral answers are."""
        with self._lock:
            self._counter += 1
            key = f"r{self._counter}"
            self._responders[key] = user_id
        return self.fake.response_url(key)

    def new_records(self) -> list[Seen]:
        """What was shown since the last call, in the order the bot sent it."""
        with self._lock:
            fresh = self._seen[self._read :]
            self._read = len(self._seen)
        return fresh

    # ------------------------------------------------------------------ from the fake's calls (server threads)

    def _target(self, channel: str) -> str:
        """A DM id `D<user>` or a user id both mean that person; anything else is a channel."""
        if channel.startswith("D") and channel[1:] in self.people:
            return channel[1:]
        return channel

    def _saw(self, call: Call) -> None:
        """Called by the fake as it records each call, before answering it; what was refused showed nothing."""
        if call.status != 200 or not (call.response or {}).get("ok"):
            return
        params, answer = call.params, call.response or {}
        text, blocks = str(params.get("text") or ""), list(params.get("blocks") or [])
        seen: list[Seen] = []
        if call.method == "chat.postMessage":
            seen.append(self._seen_now("message", self._target(str(params.get("channel") or "")), text, blocks))
        elif call.method == "chat.postEphemeral":
            seen.append(self._seen_now("ephemeral", str(params.get("user") or ""), text, blocks))
        elif call.method == "response_url":
            with self._lock:
                user_id = self._responders.get(str(params.get("_key")), "?")
            seen.append(self._seen_now("ephemeral", user_id, text, blocks))
        elif call.method in ("views.open", "views.push", "views.update"):
            view = answer["view"]
            with self._lock:
                if call.method == "views.update":
                    user_id = self._viewers.get(view["id"], "?")
                else:  # the demo's trigger ids name the person who clicked or typed: "<user id>:<n>"
                    user_id = self._viewers[view["id"]] = str(params.get("trigger_id") or "").partition(":")[0]
            seen.append(self._seen_now("form", user_id, view=view))
        elif call.method == "views.publish":
            seen.append(self._seen_now("home", str(params.get("user_id") or ""), view=answer["view"]))
        elif call.method == "files.completeUploadExternal":
            for item in params.get("files") or []:
                upload = self.fake.uploaded_files[str(item.get("id"))]
                seen.append(
                    self._seen_now(
                        "file",
                        self._target(upload.channel_id or ""),
                        upload.title or upload.filename,
                        filename=upload.filename,
                        data=upload.data,
                    )
                )
        with self._lock:
            self._seen.extend(seen)

    def _seen_now(self, kind: str, to: str, text: str = "", blocks: list[dict] | None = None, **more: Any) -> Seen:
        return Seen(self._now(), kind, to, text, blocks or [], **more)
