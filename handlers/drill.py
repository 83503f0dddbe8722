"""Drills: `/drill`, and the buttons on a drill's message (pick a reply, say how sure), each answer replacing
the message in place."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond

from adapters import ids
from adapters.blocks.common import plain
from adapters.replies import responder, told_on_failure
from deps import Deps
from domain.drills import Confidence
from handlers import payload
from usecases import drill
from usecases.drill import Update

OUT_OF_DATE = "That button is out of date. `/drill` gives you a fresh drill."
CHOOSE = re.compile(rf"{ids.DRILL_CHOOSE}\d")
SURE = re.compile(rf"{ids.DRILL_SURE}({'|'.join(c.value for c in Confidence)})")


def register(app: App, deps: Deps) -> None:
    @app.command("/drill")
    def drill_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()
        reply = responder(respond)
        with told_on_failure(deps.logger, reply, "/drill"):
            reply(drill.ask(deps, command["user_id"], command.get("text") or ""))

    @app.action(CHOOSE)
    def chose(ack: Ack, body: dict, respond: Respond) -> None:
        ack()
        with told_on_failure(deps.logger, responder(respond), "drill choice"):
            clicked = drill.parse_click(payload.button_value(body))
            answer(respond, drill.chose(deps, body["user"]["id"], clicked) if clicked else None)

    @app.action(SURE)
    def sure(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        with told_on_failure(deps.logger, responder(respond), "drill confidence"):
            clicked = drill.parse_click(payload.button_value(body))
            confidence = Confidence(str(action["action_id"]).removeprefix(ids.DRILL_SURE))
            answer(respond, drill.answered(deps, body["user"]["id"], clicked, confidence) if clicked else None)


def answer(respond: Respond, update: Update | None) -> None:
    """The drill's message replaced in place, or a note only the clicker sees, leaving the message as it was."""
    if update is None:
        update = Update(plain(OUT_OF_DATE), replace=False)
    if update.replace:
        respond(text=update.message.text, blocks=update.message.blocks, replace_original=True)
    else:
        responder(respond)(update.message)
