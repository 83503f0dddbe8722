"""Listeners for feedback (issue 3): the `/feedback` command and its buttons and modals."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from deps import Deps
from handlers.blocks import plain
from handlers.replies import responder


def register(app: App, deps: Deps) -> None:
    @app.command("/feedback")
    def not_yet(ack: Ack, respond: Respond) -> None:
        ack()
        responder(respond)(plain("`/feedback` is coming soon. `/practice help` shows what works today."))
