"""`/practice`: team set-up for leads, and each member's own settings."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from adapters.replies import responder, told_on_failure
from deps import Deps
from domain.command_text import parse_practice
from usecases import practice


def register(app: App, deps: Deps) -> None:
    @app.command("/practice")
    def practice_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()
        reply = responder(respond)
        caller = practice.Caller(command["user_id"], command.get("channel_id", ""), command.get("team_id", ""))
        with told_on_failure(deps.logger, reply, "/practice"):
            reply(practice.run(deps, caller, parse_practice(command.get("text") or "")))
