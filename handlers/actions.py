"""Button listeners: Answer and Edit open the answer modal; forget-me is confirmed or cancelled here."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from deps import Deps
from handlers import data_rights, ids, reflect
from handlers.blocks import plain
from handlers.replies import reply_for, responder, told_on_failure


def register(app: App, deps: Deps) -> None:
    def open_answer(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "answer button"):
            value = (body.get("actions") or [{}])[0].get("value", "")
            if not value.isdigit():
                reply(plain("That button is out of date. `/reflect` opens your current prompt."))
                return
            opened = reflect.prompt_for(deps, body["user"]["id"], int(value))
            if isinstance(opened, str):
                reply(plain(opened))
                return
            client.views_open(trigger_id=body["trigger_id"], view=reflect.modal_for(opened))

    app.action(ids.ANSWER_OPEN)(open_answer)
    app.action(ids.ANSWER_EDIT)(open_answer)

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
