"""Events: channel membership keeps teams current; uninstalling stops all sending. Safe to run twice."""

from __future__ import annotations

from slack_bolt import App

from deps import Deps
from handlers.delivery import refresh_profiles
from storage import queries
from storage.db import transaction


def register(app: App, deps: Deps) -> None:
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
