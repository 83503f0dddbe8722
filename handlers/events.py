"""Events: channel membership keeps teams current; uninstalling stops all sending. Safe to run twice."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from slack_bolt import App, BoltResponse

from deps import Deps
from handlers.delivery import refresh_profiles
from storage import queries
from storage.db import transaction


class RecentEvents:
    """Event ids this process has taken, the newest few thousand: Slack redelivers an event (X-Slack-Retry-Num)
    when an answer was slow or lost, and Bolt does not deduplicate. Another replica may still get a retry, which
    is why every handler below is also safe to run twice."""

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
    def once_per_event(body: dict, next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        """Runs after Bolt's signature check: a redelivered event is acked and dropped."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and not recent.first_time(event_id):
            deps.logger.info("event %s redelivered: already taken, ignored", event_id)
            return BoltResponse(status=200, body="")
        next()
        return None

    @app.event("member_joined_channel")
    def member_joined(event: dict) -> None:
        _membership(deps, event, active=True)

    @app.event("member_left_channel")
    def member_left(event: dict) -> None:
        _membership(deps, event, active=False)

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    def uninstalled(event: dict) -> None:
        with transaction(deps.sessions) as session:
            queries.stop_all_teams(session)
        deps.logger.warning("app uninstalled or tokens revoked: all teams stopped, data kept")


def _membership(deps: Deps, event: dict, *, active: bool) -> None:
    channel_id, user_id = event.get("channel", ""), event.get("user", "")
    with transaction(deps.sessions) as session:
        team = queries.team_by_channel(session, channel_id=channel_id)
        if team is None or not user_id:
            return
        queries.set_member_active(session, team_id=team.id, user_id=user_id, active=active)
        known = queries.find_person(session, user_id=user_id) is not None
    if active and not known:
        refresh_profiles(deps, [user_id], deps.clock.now())
