"""Every listener's work after its ack goes behind the requests Slack is still waiting on (foreground.py), in
HTTP and Socket Mode alike, with no listener having to ask for it.

Measured (docs/benchmarks.md, "Acks first"): without it, a burst of commands has each ack wait for the
interpreter behind earlier commands' work (ack p50 1.75x a bare Bolt app's at 8 at once, 2.11x at 32; with it
1.18x and 1.42x), and 16 listener threads instead of Bolt's default bring each answer ~2 s sooner.

Two ways a listener gets acked, so two places to step aside: a listener that calls `ack()` itself (buttons,
forms) waits inside that call, once Slack's answer is set; one already acked when Bolt hands it to a worker
(a command, acked by the middleware; an event, acked by Bolt) waits before it starts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, BoltContext, BoltResponse

from foreground import Foreground

LISTENER_THREADS = 16
_request = threading.local()


class StepAsideAck(Ack):
    """Bolt's ack; called from a listener's worker thread, it then steps aside before the listener goes on."""

    def __init__(self, foreground: Foreground) -> None:
        super().__init__()
        self._foreground = foreground
        self._request_thread = threading.get_ident()
        self.acked_at: float | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> BoltResponse:
        response = super().__call__(*args, **kwargs)
        if self.acked_at is None:
            self.acked_at = time.monotonic()
        if threading.get_ident() != self._request_thread:
            self._foreground.step_aside(self.acked_at)
        return response


def install(context: BoltContext, foreground: Foreground) -> StepAsideAck:
    """In a global middleware, before any listener: this request's ack becomes one that steps aside."""
    ack = StepAsideAck(foreground)
    context["ack"] = ack
    _request.ack = ack
    return ack


class StepAsideExecutor(ThreadPoolExecutor):
    """Bolt's listener pool (`App(listener_executor=...)`): a listener already acked when it is handed over
    steps aside before it starts; Bolt hands it over on the thread that ran the middleware."""

    def __init__(self, foreground: Foreground, max_workers: int = LISTENER_THREADS) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="listener")
        self._foreground = foreground

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        ack: StepAsideAck | None = getattr(_request, "ack", None)
        _request.ack = None
        if ack is not None and ack.acked_at is not None:
            return super().submit(self._after_stepping_aside, ack.acked_at, fn, *args, **kwargs)
        return super().submit(fn, *args, **kwargs)

    def _after_stepping_aside(self, acked_at: float, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self._foreground.step_aside(acked_at)
        return fn(*args, **kwargs)
