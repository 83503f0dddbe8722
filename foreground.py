"""Requests Slack is waiting on, so that work which runs after an ack can step aside for them.

Slack gives the bot 3 s to ack; the work a command does after its ack (database writes, Web API calls, the
answer by response_url) has no such deadline. Both run in one interpreter, so a burst of commands would
otherwise have each ack wait for the GIL behind the previous commands' work. Work that was acked steps aside
while requests are being answered, and until none has been for `quiet` seconds (in a burst the next request
is usually on its way), for at most `max_defer` seconds from its ack: under sustained load work is delayed
by that much and no more.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator

MAX_DEFER_SECONDS = 0.25
QUIET_SECONDS = 0.02


class Foreground:
    """Counts requests being answered; `step_aside` waits until there are none."""

    def __init__(
        self,
        max_defer: float = MAX_DEFER_SECONDS,
        quiet: float = QUIET_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_defer = max_defer
        self.quiet = quiet
        self._busy = 0
        self._last_answered = float("-inf")
        self._idle = threading.Condition()
        self._clock = clock

    @property
    def busy(self) -> int:
        return self._busy

    def enter(self) -> None:
        with self._idle:
            self._busy += 1

    def leave(self) -> None:
        with self._idle:
            self._busy -= 1
            self._last_answered = self._clock()
            if self._busy == 0:
                self._idle.notify_all()

    def answering(self, body: Iterable[bytes]) -> Iterable[bytes]:
        """A WSGI response body that leaves the foreground once the server has written it and closes it."""
        return _Answer(body, self)

    def step_aside(self, acked_at: float | None = None) -> None:
        """Wait until no request has been answered for `quiet` seconds and none is being answered, or until
        `max_defer` seconds after `acked_at` (now if None)."""
        deadline = (acked_at if acked_at is not None else self._clock()) + self.max_defer
        with self._idle:
            while (now := self._clock()) < deadline:
                if self._busy > 0:
                    self._idle.wait(deadline - now)
                    continue
                quiet_left = self._last_answered + self.quiet - now
                if quiet_left <= 0:
                    return
                self._idle.wait(min(quiet_left, deadline - now))


class _Answer:
    """Iterates the body; `close` (which every WSGI server calls) marks the request answered."""

    def __init__(self, body: Iterable[bytes], foreground: Foreground) -> None:
        self._body = body
        self._foreground = foreground
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._foreground.leave()
