"""The App Home: publish it when opened, and its pause/resume button."""

from __future__ import annotations

from slack_bolt import Ack, App

from adapters import ids
from adapters.blocks.common import Message
from adapters.replies import Reply, by_dm, told_on_failure
from deps import Deps
from handlers import payload
from usecases import home


def _by_dm(deps: Deps, user_id: str) -> Reply:
    return by_dm(deps.logger, deps.client, user_id)


def _unheard(_message: Message) -> None:
    """Opening a tab is not a request anyone waits on: failures are only logged."""


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        with told_on_failure(deps.logger, _unheard, "app home"):
            home.publish(deps, event["user"])

    @app.action(ids.HOME_PAUSE)
    def pause_clicked(ack: Ack, body: dict) -> None:
        ack()
        user_id = body["user"]["id"]
        with told_on_failure(deps.logger, _by_dm(deps, user_id), "home pause button"):
            home.set_paused(deps, user_id, payload.button_value(body) == "pause")
            home.publish(deps, user_id)
