"""Channel membership and the app's installation: joins, leaves, uninstalling and revoked tokens."""

from __future__ import annotations

from slack_bolt import App

from deps import Deps
from usecases import membership


def register(app: App, deps: Deps) -> None:
    @app.event("member_joined_channel")
    def member_joined(event: dict) -> None:
        membership.channel_membership(deps, event.get("channel", ""), event.get("user", ""), active=True)

    @app.event("member_left_channel")
    def member_left(event: dict) -> None:
        membership.channel_membership(deps, event.get("channel", ""), event.get("user", ""), active=False)

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    def uninstalled() -> None:
        membership.uninstalled(deps)
