"""Peer feedback: `/feedback`, its form, and the buttons on feedback received (thanks, What I'll try, the follow-up)."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from adapters import ids
from adapters.blocks.common import plain
from adapters.replies import DATABASE_DOWN, SLACK_UNREACHABLE, Reply, by_dm, responder, told_on_failure
from deps import Deps
from domain import feedback as rules
from domain.answers import answer_problem, visibility_of
from domain.command_text import ParseError
from handlers import payload
from usecases import feedback

OUT_OF_DATE = "That button is out of date. `/feedback @person` gives feedback; your DMs have the latest."


def _gift(giver_id: str, view: dict) -> feedback.Gift:
    values = payload.values(view)
    recipient = values.get(ids.FEEDBACK_RECIPIENT_BLOCK, {}).get(ids.FEEDBACK_RECIPIENT_INPUT, {})
    chosen_skill = values.get(ids.FEEDBACK_SKILL_BLOCK, {}).get(ids.FEEDBACK_SKILL_INPUT, {}).get("selected_option")
    ticked = values.get(ids.FEEDBACK_ANONYMOUS_BLOCK, {}).get(ids.FEEDBACK_ANONYMOUS_INPUT, {})
    return feedback.Gift(
        giver_id=giver_id,
        recipient_id=recipient.get("selected_user") or "",
        skill=(chosen_skill or {}).get("value"),
        keep_doing=payload.text_input(view, ids.FEEDBACK_KEEP_BLOCK, ids.FEEDBACK_TEXT_INPUT),
        do_differently=payload.text_input(view, ids.FEEDBACK_CHANGE_BLOCK, ids.FEEDBACK_TEXT_INPUT),
        anonymous=any(o.get("value") == "anonymous" for o in ticked.get("selected_options") or []),
    )


def _dm(deps: Deps, client: WebClient, user_id: str) -> Reply:
    return by_dm(deps.logger, client, user_id)


def _open_or_explain(reply: Reply, client: WebClient, trigger_id: str, form: dict | str) -> None:
    """A button opens its form, or says why it can't (gone, someone else's, out of date)."""
    if isinstance(form, str):
        reply(plain(form))
    else:
        client.views_open(trigger_id=trigger_id, view=form)


def register(app: App, deps: Deps) -> None:
    @app.command("/feedback")
    def feedback_command(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = responder(respond)
        giver = command["user_id"]
        with told_on_failure(deps.logger, reply, "/feedback"):
            request = rules.parse_request(command.get("text") or "")
            if isinstance(request, ParseError):
                reply(plain(request.message))
            elif request.recipient_id == giver:
                reply(plain(rules.NOT_YOURSELF))
            elif request.inline and request.recipient_id:
                reply(feedback.give_inline(deps, giver, request.recipient_id, request.text))
            else:
                opened = client.views_open(
                    trigger_id=command["trigger_id"], view=feedback.opening_form(request.recipient_id)
                )
                form, problem = feedback.form_for(deps, giver, request.recipient_id)
                client.views_update(view_id=opened["view"]["id"], view=form)
                if problem:
                    reply(plain(problem))

    @app.view(ids.FEEDBACK_MODAL)
    def feedback_submitted(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        gift = _gift(body["user"]["id"], view)
        try:
            errors, shared = feedback.form_errors(deps, gift)
        except SQLAlchemyError:
            errors, shared = {ids.FEEDBACK_RECIPIENT_BLOCK: DATABASE_DOWN}, []
        except (SlackApiError, OSError):
            errors, shared = {ids.FEEDBACK_RECIPIENT_BLOCK: SLACK_UNREACHABLE}, []
        if errors:
            ack(response_action="errors", errors=errors)
            return
        ack()
        _dm(deps, client, gift.giver_id)(feedback.give(deps, gift, shared))

    @app.action(ids.FEEDBACK_THANKS)
    def thanks(ack: Ack, body: dict, respond: Respond) -> None:
        ack()
        reply = responder(respond)
        with told_on_failure(deps.logger, reply, "thank-you button"):
            feedback_id = payload.button_id(body)
            reply(feedback.thank(deps, body["user"]["id"], feedback_id) if feedback_id else plain(OUT_OF_DATE))

    @app.action(ids.FEEDBACK_TRY)
    def try_open(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = responder(respond)
        with told_on_failure(deps.logger, reply, "what-I'll-try button"):
            feedback_id = payload.button_id(body)
            form = feedback.try_form(deps, body["user"]["id"], feedback_id) if feedback_id else OUT_OF_DATE
            _open_or_explain(reply, client, body["trigger_id"], form)

    @app.view(ids.FEEDBACK_TRY_MODAL)
    def try_submitted(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        text = payload.text_input(view, ids.FEEDBACK_TRY_BLOCK, ids.FEEDBACK_TEXT_INPUT)
        if problem := rules.try_problem(text):
            ack(response_action="errors", errors={ids.FEEDBACK_TRY_BLOCK: problem})
            return
        ack()
        user_id = body["user"]["id"]
        reply = _dm(deps, client, user_id)
        feedback_id = payload.metadata_id(view, "feedback_id")
        with told_on_failure(deps.logger, reply, "what-I'll-try form"):
            reply(feedback.save_try(deps, user_id, feedback_id, text) if feedback_id else plain(OUT_OF_DATE))

    @app.action(ids.FEEDBACK_FOLLOWUP)
    def followup_open(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = responder(respond)
        with told_on_failure(deps.logger, reply, "follow-up button"):
            delivery_id = payload.button_id(body)
            opened = feedback.followup_for(deps, body["user"]["id"], delivery_id) if delivery_id else OUT_OF_DATE
            form = opened if isinstance(opened, str) else feedback.followup_form(deps, opened)
            _open_or_explain(reply, client, body["trigger_id"], form)

    @app.view(ids.FEEDBACK_FOLLOWUP_MODAL)
    def followup_submitted(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        text = payload.text_input(view, ids.ANSWER_BLOCK, ids.ANSWER_INPUT)
        if problem := answer_problem(text):
            ack(response_action="errors", errors={ids.ANSWER_BLOCK: problem})
            return
        ack()
        user_id = body["user"]["id"]
        reply = _dm(deps, client, user_id)
        choice = payload.values(view).get(ids.VISIBILITY_BLOCK, {}).get(ids.VISIBILITY_INPUT, {}).get("selected_option")
        delivery_id = payload.metadata_id(view, "delivery_id")
        with told_on_failure(deps.logger, reply, "follow-up form"):
            opened = feedback.followup_for(deps, user_id, delivery_id) if delivery_id else OUT_OF_DATE
            if isinstance(opened, str):
                reply(plain(opened))
            else:
                reply(feedback.save_followup(deps, opened, user_id, text, visibility_of((choice or {}).get("value"))))
