"""Reflection: `/reflect`, the Answer and Edit buttons on a prompt, the answer form, and answering by just
replying in the DM with the bot (a message, its edit and its deletion)."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from adapters import ids, web_api
from adapters.blocks import reflect as blocks
from adapters.blocks.common import Message, plain
from adapters.replies import by_dm, replace_or_tell, reply_for, responder, told_on_failure
from deps import Deps
from domain.answers import answer_problem, visibility_of
from domain.self_rating import parse_rating
from handlers import payload
from usecases import reflect
from usecases.reflect import Typed

#: Message subtypes that are someone typing: a plain message, or a thread reply also sent to the conversation.
TYPED = (None, "thread_broadcast")
VISIBILITY = re.compile(rf"{ids.ANSWER_VISIBILITY}(private|lead|team)")


def _in_dm(event: dict) -> bool:
    """Only the DM with the bot; channel messages go on to the team question's listener."""
    return event.get("channel_type") == "im"


def _by_a_person(message: dict) -> bool:
    return bool(message.get("user")) and not message.get("bot_id") and message.get("subtype") != "bot_message"


def register(app: App, deps: Deps) -> None:
    @app.command("/reflect")
    def reflect_command(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = responder(respond)
        user_id = command["user_id"]
        text = (command.get("text") or "").strip()
        with told_on_failure(deps.logger, reply, "/reflect"):
            if text and (problem := answer_problem(text)):
                reply(plain(problem))
                return
            opened = reflect.current_prompt(deps, user_id)
            if isinstance(opened, str):
                reply(plain(opened))
            elif not text:
                client.views_open(trigger_id=command["trigger_id"], view=reflect.modal_for(opened))
            else:
                reply(reflect.save(deps, opened, user_id, text, "private"))

    def open_answer(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "answer button"):
            delivery_id = payload.button_id(body)
            if delivery_id is None:
                reply(plain("That button is out of date. `/reflect` opens your current prompt."))
                return
            opened = reflect.prompt_for(deps, body["user"]["id"], delivery_id)
            if isinstance(opened, str):
                reply(plain(opened))
                return
            client.views_open(trigger_id=body["trigger_id"], view=reflect.modal_for(opened))

    app.action(ids.ANSWER_OPEN)(open_answer)
    app.action(ids.ANSWER_EDIT)(open_answer)

    @app.event("message", matchers=[_in_dm])
    def dm_message(event: dict, client: WebClient) -> None:
        """Only outcomes and delivery ids are logged, never the words: a failure is logged by its type."""
        subtype = event.get("subtype")
        changed = event.get("message") or {}
        gone = event.get("previous_message") or {}
        if subtype == "message_changed" and _by_a_person(changed) and changed.get("ts"):
            user_id = changed["user"]
            with told_on_failure(deps.logger, by_dm(deps.logger, client, user_id), "DM answer edit"):
                _tell(client, user_id, reflect.reply_edited(deps, user_id, changed["ts"], changed.get("text") or ""))
        elif subtype == "message_deleted" and _by_a_person(gone) and (ts := event.get("deleted_ts") or gone.get("ts")):
            user_id = gone["user"]
            with told_on_failure(deps.logger, by_dm(deps.logger, client, user_id), "DM answer delete"):
                _tell(client, user_id, reflect.reply_deleted(deps, user_id, ts))
        elif subtype in TYPED and _by_a_person(event) and event.get("ts"):
            typed = Typed(event["user"], event["channel"], event["ts"], event.get("text") or "", event.get("thread_ts"))
            with told_on_failure(deps.logger, by_dm(deps.logger, client, typed.user_id), "DM answer"):
                _tell(client, typed.user_id, reflect.replied(deps, typed))

    def _tell(client: WebClient, user_id: str, message: Message | None) -> None:
        if message is not None:
            by_dm(deps.logger, client, user_id)(message)

    @app.action(VISIBILITY)
    def visibility_chosen(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "answer visibility"):
            value = str(action["action_id"]).removeprefix(ids.ANSWER_VISIBILITY)
            shown = reflect.visibility_chosen(deps, body["user"]["id"], payload.button_id(body), value)
            replace_or_tell(respond, reply, shown)

    @app.view(ids.ANSWER_MODAL)
    def answer_submitted(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        text = payload.text_input(view, ids.ANSWER_BLOCK, ids.ANSWER_INPUT)
        problem = answer_problem(text)
        if problem:
            ack(response_action="errors", errors={ids.ANSWER_BLOCK: problem})
            return
        ack()
        user_id = body["user"]["id"]
        choice = payload.selected_option(view, ids.VISIBILITY_BLOCK, ids.VISIBILITY_INPUT)
        rated = payload.selected_option(view, ids.RATING_BLOCK, ids.RATING_INPUT)
        delivery_id = payload.metadata_id(view, "delivery_id")
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
                    remember="remember" in payload.checked(view, ids.ANSWER_REMEMBER_BLOCK, ids.ANSWER_REMEMBER_INPUT),
                )
        except SQLAlchemyError as error:
            deps.logger.error("saving an answer failed: database error %s", type(error).__name__)
            reply = blocks.answer_not_saved(text)
        try:
            web_api.post(client, user_id, reply)
        except SlackApiError as error:
            deps.logger.error("answer confirmation failed: Slack error %s", error.response.get("error"))
