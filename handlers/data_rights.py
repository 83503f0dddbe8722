"""A person's own data: forget-me is confirmed or cancelled here (`/practice forget me` asks)."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from adapters import ids
from adapters.replies import responder, told_on_failure
from deps import Deps
from usecases import data_rights


def register(app: App, deps: Deps) -> None:
    @app.action(ids.FORGET_CONFIRM)
    def forget_confirmed(ack: Ack, body: dict, respond: Respond) -> None:
        """Only the person who asked sees the button (it is ephemeral), and it acts on the clicker alone."""
        ack()
        with told_on_failure(deps.logger, responder(respond), "forget-me"):
            done = data_rights.forget(deps, body["user"]["id"])
            respond(text=done.text, blocks=done.blocks, replace_original=True)

    @app.action(ids.FORGET_CANCEL)
    def forget_cancelled(ack: Ack, respond: Respond) -> None:
        ack()
        respond(text="Nothing was deleted.", replace_original=True)
