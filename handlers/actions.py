"""Button listeners: the Answer and Edit buttons open the answer modal."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from deps import Deps
from handlers import ids, reflect
from handlers.blocks import plain
from handlers.replies import responder, told_on_failure


def register(app: App, deps: Deps) -> None:
    def open_answer(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = responder(respond)
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
