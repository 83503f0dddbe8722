"""What runs for every request, after Bolt's signature check and before any listener."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext, BoltResponse

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
    def ack_commands_at_once(
        body: dict, ack: Ack, context: BoltContext, next_: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """Bolt runs listeners (and so their ack()) on its worker threads: an ack queued behind slow work from
        earlier requests could miss Slack's 3 s (bench/ack_latency.py). Every command listener acks with no
        body, so commands are acked here, before waiting for a worker; the listener's own ack() is a no-op.
        Its time goes in the context, for after_ack.step_aside."""
        if body.get("command"):
            ack()
            after_ack.mark_acked(context)
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
