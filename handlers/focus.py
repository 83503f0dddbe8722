"""Focus skills: each skill's "Focus on this" and "No focus this time" on an offer, and the end's "what
changed" button and form. The offer itself comes by DM from the tick, or with `/practice focus`."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from adapters import ids
from adapters.blocks.common import plain
from adapters.replies import by_dm, open_or_tell, reply_for, told_on_failure
from deps import Deps
from domain.focus import outcome_problem
from handlers import payload
from usecases import focus


def register(app: App, deps: Deps) -> None:
    @app.action(ids.FOCUS_PICK)
    def picked(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "focus button"):
            reply(focus.pick(deps, body["user"]["id"], payload.button_value(body)))

    @app.action(ids.FOCUS_NONE)
    def none_picked(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "no-focus button"):
            reply(focus.no_focus(deps, body["user"]["id"], payload.button_value(body)))

    @app.action(ids.FOCUS_OUTCOME_OPEN)
    def outcome_open(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "what-changed button"):
            focus_id = payload.button_id(body)
            form = focus.outcome_form(deps, body["user"]["id"], focus_id) if focus_id else focus.OUT_OF_DATE
            open_or_tell(client, body["trigger_id"], reply, form)

    @app.view(ids.FOCUS_OUTCOME_MODAL)
    def outcome_submitted(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        text = payload.text_input(view, ids.FOCUS_OUTCOME_BLOCK, ids.FOCUS_OUTCOME_INPUT)
        if problem := outcome_problem(text):
            ack(response_action="errors", errors={ids.FOCUS_OUTCOME_BLOCK: problem})
            return
        ack()
        user_id = body["user"]["id"]
        reply = by_dm(deps.logger, client, user_id)
        with told_on_failure(deps.logger, reply, "what-changed form"):
            focus_id = payload.metadata_id(view, "focus_id")
            reply(focus.save_outcome(deps, user_id, focus_id, text) if focus_id else plain(focus.OUT_OF_DATE))
