"""Slack's side of the conversation: signed slash commands, button clicks and form submissions, dispatched
into the bot's own Bolt app so its real listeners run.

Bolt answers at the ack and finishes the listener on its worker pool; the demo waits for that pool to go
idle after each request, so what the bot sends is printed in order, right after what caused it.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.signature import SignatureVerifier

from demo.workspace import BOT_ID, BOT_USER_ID, TEAM_ID, Workspace

WORK_TIMEOUT = 30.0


class DemoError(RuntimeError):
    """The bot did not behave as the script expected; the message says what happened instead."""


class _CountingExecutor(Executor):
    """Bolt's listener pool, counting unfinished work so the demo can wait for the bot to be done."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=5, thread_name_prefix="demo-listener")
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        with self._idle:
            self._pending += 1
        future = self._pool.submit(fn, *args, **kwargs)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _future: Future) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float) -> None:
        with self._idle:
            if not self._idle.wait_for(lambda: self._pending == 0, timeout):
                raise DemoError(f"the bot was still busy after {timeout:.0f} seconds")

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


class Driver:
    def __init__(self, app: App, workspace: Workspace, signing_secret: str) -> None:
        self.app = app
        self.workspace = workspace
        self._verifier = SignatureVerifier(signing_secret)
        self._pool = _CountingExecutor()
        app.listener_runner.listener_executor = self._pool
        self._triggers = itertools.count(1)

    def close(self) -> None:
        self._pool.shutdown()

    def command(self, user_id: str, command: str, text: str, *, channel_id: str) -> BoltResponse:
        fields = {
            "team_id": TEAM_ID,
            "team_domain": "demo",
            "channel_id": channel_id,
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": "ADEMO",
            "response_url": self.workspace.response_url(user_id),
            "trigger_id": self._trigger(user_id),
        }
        return self._dispatch(urllib.parse.urlencode(fields))

    def click(self, user_id: str, action_id: str, value: str, *, channel_id: str) -> BoltResponse:
        payload = {
            "type": "block_actions",
            "user": self._user(user_id),
            "api_app_id": "ADEMO",
            "trigger_id": self._trigger(user_id),
            "team": {"id": TEAM_ID, "domain": "demo"},
            "container": {"type": "message", "message_ts": "1.1", "channel_id": channel_id, "is_ephemeral": False},
            "channel": {"id": channel_id, "name": "directmessage" if channel_id.startswith("D") else "team"},
            "message": {"type": "message", "ts": "1.1", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": ""},
            "response_url": self.workspace.response_url(user_id),
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b",
                    "type": "button",
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
            "state": {"values": {}},
        }
        return self._interactive(payload)

    def submit(self, user_id: str, view: dict, values: dict[str, dict[str, Any]]) -> BoltResponse:
        """Submit a form as Slack would: the view as opened, with the person's inputs in its state."""
        submitted = {**view, "state": {"values": values}, "team_id": TEAM_ID}
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "demo"},
            "user": self._user(user_id),
            "api_app_id": "ADEMO",
            "trigger_id": self._trigger(user_id),
            "view": submitted,
            "response_urls": [],
        }
        return self._interactive(payload)

    def home_opened(self, user_id: str) -> BoltResponse:
        """The person opens the app's Home tab: Slack sends the app_home_opened event."""
        number = next(self._triggers)
        payload = {
            "token": "demo",
            "team_id": TEAM_ID,
            "api_app_id": "ADEMO",
            "type": "event_callback",
            "event_id": f"Ev{number:08d}",
            "event_time": int(time.time()),
            "event": {
                "type": "app_home_opened",
                "user": user_id,
                "channel": f"D{user_id}",
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            },
        }
        return self._dispatch(json.dumps(payload), content_type="application/json")

    def _trigger(self, user_id: str) -> str:
        """The stand-in Web API reads the person back from the trigger id when a form opens."""
        return f"{user_id}:{next(self._triggers)}"

    @staticmethod
    def _user(user_id: str) -> dict[str, str]:
        return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": TEAM_ID}

    def _interactive(self, payload: dict[str, Any]) -> BoltResponse:
        return self._dispatch(urllib.parse.urlencode({"payload": json.dumps(payload)}))

    def _dispatch(self, body: str, content_type: str = "application/x-www-form-urlencoded") -> BoltResponse:
        """Signed like Slack signs (Bolt checks it against real time), then wait until the listener is done."""
        timestamp = str(int(time.time()))
        headers = {
            "content-type": content_type,
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": self._verifier.generate_signature(timestamp=timestamp, body=body) or "",
        }
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        self._pool.wait_idle(WORK_TIMEOUT)
        if response.status != 200:
            raise DemoError(f"the bot answered HTTP {response.status}: {response.body[:200]}")
        return response
