"""Modal submissions: validate inside the modal, close it, then save and confirm by DM."""

from __future__ import annotations

import json

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from deps import Deps
from domain.answers import answer_problem, visibility_of
from domain.self_rating import parse_rating
from handlers import blocks, ids, reflect, slack_io


def _delivery_id(view: dict) -> int | None:
    try:
        value = json.loads(view.get("private_metadata") or "{}").get("delivery_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None


def register(app: App, deps: Deps) -> None:
    @app.view(ids.ANSWER_MODAL)
    def answer_submitted(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        values = view.get("state", {}).get("values", {})
        text = values.get(ids.ANSWER_BLOCK, {}).get(ids.ANSWER_INPUT, {}).get("value") or ""
        problem = answer_problem(text)
        if problem:
            ack(response_action="errors", errors={ids.ANSWER_BLOCK: problem})
            return
        ack()
        user_id = body["user"]["id"]
        choice = values.get(ids.VISIBILITY_BLOCK, {}).get(ids.VISIBILITY_INPUT, {}).get("selected_option") or {}
        rated = values.get(ids.RATING_BLOCK, {}).get(ids.RATING_INPUT, {}).get("selected_option") or {}
        delivery_id = _delivery_id(view)
        try:
            opened = reflect.prompt_for(deps, user_id, delivery_id) if delivery_id else "That form is out of date."
            if isinstance(opened, str):
                reply = blocks.answer_not_saved(text, reason=opened)
            else:
                reply = reflect.save(
                    deps,
                    opened,
                    user_id,
                    text,
                    visibility_of(choice.get("value")),
                    rating=parse_rating(rated.get("value")),
                )
        except SQLAlchemyError as error:
            deps.logger.error("saving an answer failed: database error %s", type(error).__name__)
            reply = blocks.answer_not_saved(text)
        try:
            slack_io.post(client, user_id, reply)
        except SlackApiError as error:
            deps.logger.error("answer confirmation failed: Slack error %s", error.response.get("error"))
