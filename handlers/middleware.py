"""What runs for every request, after Bolt's signature check and before any listener."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from slack_bolt import App, BoltContext, BoltResponse

from deps import Deps
from handlers import after_ack


class RecentEvents:
    """Event ids this process has taken, the newest few thousand: Slack redelivers an event (X-Slack-Retry-Num)
    when an answer was slow or lost, and Bolt does not deduplicate. Another replica may still get a retry, which
    is why every event's use case is also safe to run twice."""

    def __init__(self, keep: int = 10_000) -> None:
        self._keep = keep
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        with self._lock:
            if event_id in self._seen:
                return False
            self._seen[event_id] = None
            if len(self._seen) > self._keep:
                self._seen.popitem(last=False)
            return True


def register(app: App, deps: Deps) -> None:
    recent = RecentEvents()

    @app.middleware
    def ack_commands_at_once(context: BoltContext, body: dict, next_: Callable[[], BoltResponse]) -> BoltResponse:
        """Every request's ack steps aside once Slack has its answer (after_ack). Commands are acked right
        here, before waiting for a worker thread: an ack queued behind slow work from earlier requests could
        miss Slack's 3 s (bench/ack_latency.py). Every command listener acks with no body, so its own ack()
        changes nothing."""
        ack = after_ack.install(context, deps.foreground)
        if body.get("command"):
            ack()
        return next_()

    @app.middleware
    def once_per_event(body: dict, next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        """A redelivered event is acked and dropped."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and not recent.first_time(event_id):
            deps.logger.info("event %s redelivered: already taken, ignored", event_id)
            return BoltResponse(status=200, body="")
        next()
        return None

    @app.error
    def on_error(error: Exception, body: dict) -> BoltResponse | None:
        deps.logger.error("unhandled listener error: %s", type(error).__name__, exc_info=error)
        return None
