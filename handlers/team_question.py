"""Messages in a team channel: a reply in a team question's thread counts as practice, and deleting it takes it
back. Every other message is acked and left alone, without a query: a busy channel costs nothing."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from adapters import web_api
from deps import Deps
from usecases import team_question

#: Channel types whose threads can hold a team question (a team is a public or private channel).
TEAM_CHANNELS = ("channel", "group")
#: A reply that is also sent to the channel is still a reply.
REPLY_SUBTYPES = (None, "thread_broadcast")


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def message(event: dict, client: WebClient) -> None:
        if event.get("channel_type") not in TEAM_CHANNELS:
            return
        subtype = event.get("subtype")
        if subtype == "message_deleted":
            gone = event.get("previous_message") or {}
            if _is_reply(gone):
                team_question.reply_deleted(deps, event["channel"], gone["ts"], gone["thread_ts"])
            return
        if subtype not in REPLY_SUBTYPES or event.get("bot_id") or not _is_reply(event) or not event.get("user"):
            return
        channel, user_id, thread_ts = event["channel"], event["user"], event["thread_ts"]
        thanks = team_question.replied(deps, channel, user_id, event["ts"], thread_ts)
        if thanks is not None:
            try:
                web_api.whisper_in_thread(client, channel, user_id, thread_ts, thanks)
            except (SlackApiError, OSError) as error:
                deps.logger.warning("could not thank a team question reply: %s", web_api.error_code(error))


def _is_reply(message: dict) -> bool:
    """In a thread and not its parent: Slack gives the parent a thread_ts equal to its own ts."""
    return bool(message.get("thread_ts")) and bool(message.get("ts")) and message["thread_ts"] != message["ts"]
