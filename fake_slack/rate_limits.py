"""Slack's published Web API rate limits, for the fake Web API to enforce with HTTP 429 and Retry-After.

Why: a bot that is fast against an unlimited fake can still crawl (or lose work) against Slack, where
users.list takes about 20 calls a minute. With these limits on, the fake answers exactly as Slack documents
(`429`, `{"ok": false, "error": "ratelimited"}`, `Retry-After: <seconds>`), so slack_sdk's real retry
handler does the waiting, and a benchmark can compare its wall time with the floor the limits allow.

Each limit is a rolling window: at most `calls` accepted calls in any `window` seconds, per method (and per
channel for chat.postMessage: every DM is its own channel). Rejected calls do not count. `time_scale`
divides every window so a long run can be replayed faster; Retry-After stays whole seconds, as Slack sends.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """At most `calls` calls in any rolling `window` seconds, counted separately per value of `per`."""

    calls: int
    window: float
    per: str | None = None


#: api.slack.com/apis/rate-limits: Tier 2 is 20+ per minute, Tier 3 50+, Tier 4 100+.
TIER_2 = Limit(20, 60.0)
TIER_3 = Limit(50, 60.0)
TIER_4 = Limit(100, 60.0)
#: chat.postMessage: "generally one message per second per channel", with short bursts allowed.
POST_MESSAGE = Limit(3, 3.0, per="channel")

#: The methods the bot calls in bulk, with the tier Slack's method pages list for each.
PUBLISHED: Mapping[str, Limit] = {
    "users.list": TIER_2,
    "users.info": TIER_4,
    "conversations.members": TIER_4,
    "conversations.open": TIER_3,
    "conversations.history": TIER_3,
    "chat.postMessage": POST_MESSAGE,
}


class RateLimits:
    """Thread-safe rolling-window counters; `admit` answers None (go ahead) or the Retry-After in seconds."""

    def __init__(
        self,
        limits: Mapping[str, Limit] = PUBLISHED,
        *,
        time_scale: float = 1.0,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.limits = dict(limits)
        self.time_scale = time_scale
        self._now = now
        self._lock = threading.Lock()
        self._accepted: dict[tuple[str, str], deque[float]] = {}
        #: Calls answered 429, per method.
        self.rejected: Counter[str] = Counter()
        #: Calls let through, per method (only methods with a limit).
        self.admitted: Counter[str] = Counter()

    def window(self, limit: Limit) -> float:
        """The limit's window in this run's (scaled) seconds."""
        return limit.window / self.time_scale

    def admit(self, method: str, key: str = "") -> int | None:
        """Record a call if the limit allows it now; otherwise the whole seconds to wait, as Slack's header."""
        limit = self.limits.get(method)
        if limit is None:
            return None
        window = self.window(limit)
        with self._lock:
            now = self._now()
            accepted = self._accepted.setdefault((method, key if limit.per else ""), deque())
            while accepted and accepted[0] <= now - window:
                accepted.popleft()
            if len(accepted) < limit.calls:
                accepted.append(now)
                self.admitted[method] += 1
                return None
            self.rejected[method] += 1
            return max(1, math.ceil(accepted[0] + window - now))

    def floor_seconds(self, calls: Iterable[tuple[str, str]]) -> float:
        """The least wall time any client could need for these (method, key) calls under the limits.

        A bucket of k calls with n allowed per window w needs at least floor((k - 1) / n) * w; buckets are
        independent, so the floor of the whole set is the largest bucket floor."""
        counts: Counter[tuple[str, str]] = Counter()
        for method, key in calls:
            limit = self.limits.get(method)
            if limit is not None:
                counts[(method, key if limit.per else "")] += 1
        floors = [
            (count - 1) // self.limits[method].calls * self.window(self.limits[method])
            for (method, _key), count in counts.items()
        ]
        return max(floors, default=0.0)
