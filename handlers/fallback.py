"""Buttons and forms the bot does not know, such as one in a message an older version sent months ago: acked
with 200 and answered kindly, instead of Bolt's 404, which Slack shows the person as an error. Registered last,
so every other listener is tried first."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from adapters.blocks.common import notice_modal, plain
from adapters.replies import reply_for
from deps import Deps

ANY = re.compile(".*")
BUTTON_OUT_OF_DATE = (
    "That button is out of date: it comes from an older message. "
    "`/reflect` opens your current prompt, and `/practice help` shows everything I can do."
)
FORM_OUT_OF_DATE = (
    "This form is out of date, so nothing was saved. Please open it again from a new message; "
    "`/practice help` shows everything I can do."
)


def register(app: App, deps: Deps) -> None:
    @app.action(ANY)
    def unknown_button(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        deps.logger.info("a button the bot does not know was clicked: %s", _action_id(body))
        reply_for(deps.logger, body, respond, client)(plain(BUTTON_OUT_OF_DATE))

    @app.view_submission(ANY)
    def unknown_form(ack: Ack, body: dict) -> None:
        deps.logger.info("a form the bot does not know was sent: %s", (body.get("view") or {}).get("callback_id"))
        ack(response_action="update", view=notice_modal("Out of date", FORM_OUT_OF_DATE))

    @app.view_closed(ANY)
    def unknown_form_closed(ack: Ack) -> None:
        ack()


def _action_id(body: dict) -> str:
    return str(((body.get("actions") or [{}])[0] or {}).get("action_id", "-"))
