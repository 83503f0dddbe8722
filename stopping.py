"""A process's sends and whether it is shutting down, so SIGTERM can stop new work and wait for what is under way.

Every fan-out checks `requested` before it claims a batch and counts itself `busy` while it sends; shutdown sets
the request, then waits (with a deadline) for the count to reach zero before it gives up its lease.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Stopping:
    """Set once at shutdown; counts the sends still under way."""

    def __init__(self) -> None:
        self._requested = threading.Event()
        self._busy = 0
        self._idle = threading.Condition()

    @property
    def requested(self) -> bool:
        return self._requested.is_set()

    def request(self) -> None:
        self._requested.set()

    @contextmanager
    def busy(self) -> Iterator[None]:
        with self._idle:
            self._busy += 1
        try:
            yield
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """True once nothing is being sent; False when `timeout` seconds pass first."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
            return True
