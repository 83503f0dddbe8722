"""Drills: `/drill`, and the buttons on a drill's message (pick a reply, say how sure), each answer replacing
the message in place."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from adapters import ids, web_api
from adapters.blocks.common import notice_modal, plain
from adapters.replies import by_dm, open_or_tell, reply_for, responder, told_on_failure
from deps import Deps
from domain.drills import Confidence, written_problem
from handlers import payload
from usecases import drill
from usecases.drill import Form, Update

OUT_OF_DATE = "That button is out of date. `/drill` gives you a fresh drill."
SAVE_FAILED = "I couldn't save it just now. Your reply is still here: please press Next again in a minute."
CHOOSE = re.compile(rf"{ids.DRILL_CHOOSE}\d")
SURE = re.compile(rf"{ids.DRILL_SURE}({'|'.join(c.value for c in Confidence)})")


def register(app: App, deps: Deps) -> None:
    @app.command("/drill")
    def drill_command(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = responder(respond)
        with told_on_failure(deps.logger, reply, "/drill"):
            answer = drill.ask(deps, command["user_id"], command.get("text") or "")
            if isinstance(answer, Form):
                client.views_open(trigger_id=command["trigger_id"], view=answer.view)
            else:
                reply(answer)

    @app.action(ids.DRILL_WRITE_OPEN)
    def write_opened(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "written drill button"):
            form = drill.form_for_round(deps, body["user"]["id"], payload.button_id(body))
            open_or_tell(client, body["trigger_id"], reply, form.view if isinstance(form, Form) else form)

    @app.view(ids.DRILL_WRITE_MODAL)
    def reply_written(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        text = payload.text_input(view, ids.DRILL_REPLY_BLOCK, ids.DRILL_REPLY_INPUT).strip()
        if problem := written_problem(text):
            ack(response_action="errors", errors={ids.DRILL_REPLY_BLOCK: problem})
            return
        user_id = body["user"]["id"]
        try:
            drill_id, round_id = payload.metadata_text(view, "drill_id"), payload.metadata_id(view, "round_id")
            saved = drill.wrote(deps, user_id, drill_id, text, round_id)
        except SQLAlchemyError as error:
            deps.logger.error("saving a written drill failed: database error %s", type(error).__name__)
            ack(response_action="errors", errors={ids.DRILL_REPLY_BLOCK: SAVE_FAILED})
            return
        if isinstance(saved, str):
            ack(response_action="update", view=notice_modal("Out of date", saved))
            return
        ack(response_action="update", view=saved.view)

    @app.view(ids.DRILL_SELF_MODAL)
    def self_reviewed(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]
        ticks = [int(v) for v in payload.checked(view, ids.DRILL_TICKS_BLOCK, ids.DRILL_TICKS_INPUT) if v.isdigit()]
        offered = "offer" in payload.checked(view, ids.DRILL_OFFER_BLOCK, ids.DRILL_OFFER_INPUT)
        with told_on_failure(deps.logger, by_dm(deps.logger, client, user_id), "self-review"):
            writing_id = payload.metadata_id(view, "writing_id")
            done = drill.self_reviewed(deps, user_id, writing_id, ticks, offered=offered)
            web_api.post(client, user_id, done)

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
