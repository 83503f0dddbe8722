"""Listeners for home (issue 3); each registers its own commands, actions, views and events."""

from __future__ import annotations

from slack_bolt import App

from deps import Deps


def register(app: App, deps: Deps) -> None:
    """Nothing registered yet."""
