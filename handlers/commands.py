"""Slash command listeners: ack, parse, call the use case, answer ephemerally."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from deps import Deps
from domain.answers import answer_problem
from domain.command_text import parse_practice
from handlers import after_ack, practice, reflect
from handlers.blocks import plain
from handlers.replies import responder, told_on_failure


def register(app: App, deps: Deps) -> None:
    @app.command("/practice")
    def practice_command(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        after_ack.step_aside(deps, context)
        reply = responder(respond)
        caller = practice.Caller(command["user_id"], command.get("channel_id", ""), command.get("team_id", ""))
        with told_on_failure(deps.logger, reply, "/practice"):
            reply(practice.run(deps, caller, parse_practice(command.get("text") or "")))

    @app.command("/reflect")
    def reflect_command(ack: Ack, command: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
        ack()
        after_ack.step_aside(deps, context)
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
