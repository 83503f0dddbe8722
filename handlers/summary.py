"""Weekly summaries: `/summary`, "Share with the team", and the App Home's summary button."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from adapters import ids, web_api
from adapters.blocks.common import Message
from adapters.replies import responder, told_on_failure
from deps import Deps
from handlers import payload
from usecases import summary


def register(app: App, deps: Deps) -> None:
    @app.command("/summary")
    def summary_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()
        reply = responder(respond)
        with told_on_failure(deps.logger, reply, "/summary"):
            summary.answer_command(
                deps, command["user_id"], command.get("channel_id", ""), command.get("text") or "", reply
            )

    @app.action(ids.SUMMARY_SHARE)
    def share_button(ack: Ack, body: dict, respond: Respond) -> None:
        ack()
        reply = responder(respond)
        with told_on_failure(deps.logger, reply, "summary share"):
            reply(summary.share(deps, body["user"]["id"], payload.button_value(body)))

    @app.action(ids.HOME_SUMMARY)
    def home_summary_button(ack: Ack, body: dict) -> None:
        ack()
        user_id = body["user"]["id"]

        def reply(message: Message) -> None:
            web_api.post(deps.client, user_id, message)

        with told_on_failure(deps.logger, reply, "home summary"):
            summary.dm_home_summary(deps, user_id, payload.button_value(body))
