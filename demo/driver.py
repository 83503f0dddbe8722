"""Slack's side of the conversation: slash commands, button clicks, form submissions and Home tab visits,
built and signed by fake_slack's SlackRequests (the tests' and benchmarks' signer) and dispatched into the
bot's own Bolt app, so its real listeners run.

Bolt answers at the ack and finishes the listener on its worker pool; the demo waits for that pool to go
idle after each request, so what the bot sends is printed in order, right after what caused it.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest

from demo.workspace import TEAM_ID, Workspace
from fake_slack.requests import Response, SlackRequests

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
        self._pool = _CountingExecutor()
        app.listener_runner.listener_executor = self._pool
        self._triggers = itertools.count(1)
        self._slack = SlackRequests(
            workspace.root_url, signing_secret, team_id=TEAM_ID, team_domain="demo", send=self._dispatch
        )

    def close(self) -> None:
        self._pool.shutdown()

    def command(self, user_id: str, command: str, text: str, *, channel_id: str) -> Response:
        return self._slack.command(
            command,
            text,
            user_id=user_id,
            channel_id=channel_id,
            channel_name="directmessage" if channel_id.startswith("D") else self.workspace.channel_name,
            response_url=self.workspace.response_url(user_id),
            trigger_id=self._trigger(user_id),
        )

    def click(self, user_id: str, action_id: str, value: str, *, channel_id: str) -> Response:
        return self._slack.block_action(
            user_id=user_id,
            action_id=action_id,
            value=value,
            channel_id=channel_id,
            message_ts="1.1",
            response_url=self.workspace.response_url(user_id),
            trigger_id=self._trigger(user_id),
        )

    def submit(self, user_id: str, view: dict, values: dict[str, dict[str, Any]]) -> Response:
        """Submit a form as Slack would: the view as opened, with the person's inputs in its state."""
        return self._slack.view_submission(
            user_id=user_id,
            callback_id=str(view.get("callback_id") or ""),
            values=values,
            view=view,
            trigger_id=self._trigger(user_id),
        )

    def home_opened(self, user_id: str) -> Response:
        """The person opens the app's Home tab: Slack sends the app_home_opened event."""
        return self._slack.event({"type": "app_home_opened", "user": user_id, "channel": f"D{user_id}", "tab": "home"})

    def thread_reply(self, user_id: str, channel_id: str, thread_ts: str, ts: str, text: str) -> Response:
        """The person replies in a message's thread: Slack sends a message event with the parent's ts."""
        event = {
            "type": "message",
            "channel": channel_id,
            "channel_type": "channel",
            "user": user_id,
            "text": text,
            "ts": ts,
            "thread_ts": thread_ts,
        }
        return self._slack.event(event)

    def typed(self, user_id: str, ts: str, text: str) -> Response:
        """The person types a message in the DM with the bot: Slack sends a message event from the DM."""
        event = {"type": "message", "channel": f"D{user_id}", "channel_type": "im", "user": user_id, "text": text}
        return self._slack.event({**event, "ts": ts})

    def _trigger(self, user_id: str) -> str:
        """The demo's workspace reads the person back from the trigger id when a form opens."""
        return f"{user_id}:{next(self._triggers)}"

    def _dispatch(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        """Signed like Slack signs (Bolt checks it against real time), then wait until the listener is done."""
        response = self.app.dispatch(BoltRequest(body=(body or b"").decode("utf-8"), headers=headers))
        self._pool.wait_idle(WORK_TIMEOUT)
        if response.status != 200:
            raise DemoError(f"the bot answered HTTP {response.status}: {response.body[:200]}")
        return Response(response.status, response.body, {k: ", ".join(v) for k, v in response.headers.items()})
