"""Turning a failure inside a listener into a friendly answer instead of silence or a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from adapters import web_api
from adapters.blocks.common import Message, plain

Reply = Callable[[Message], None]

DATABASE_DOWN = "I couldn't reach my database just now, so nothing was changed. Please try again in a minute."
SLACK_REFUSED = "Slack didn't accept my request just now ({error}). Please try again in a minute."
SLACK_UNREACHABLE = "I couldn't reach Slack just now. Please try again in a minute."


@contextmanager
def told_on_failure(logger: logging.Logger, reply: Reply, what: str) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as error:
        logger.error("%s failed: database error %s", what, type(error).__name__)
        reply(plain(DATABASE_DOWN))
    except SlackApiError as error:
        code = str(error.response.get("error", "unknown"))
        logger.error("%s failed: Slack error %s", what, code)
        reply(plain(SLACK_REFUSED.format(error=code)))
    except OSError as error:
        logger.error("%s failed: network error %s", what, type(error).__name__)
        reply(plain(SLACK_UNREACHABLE))


def by_dm(logger: logging.Logger, client: WebClient, user_id: str) -> Reply:
    """For what has no response_url (modal submissions, the Home): the answer goes to the person by DM,
    and is only logged if Slack cannot take it either."""

    def reply(message: Message) -> None:
        try:
            web_api.post(client, user_id, message)
        except (SlackApiError, OSError) as error:
            logger.error("a reply by DM failed: %s", web_api.error_code(error))

    return reply


def reply_for(logger: logging.Logger, body: dict, respond: Callable[..., object], client: WebClient) -> Reply:
    """A button in a message answers ephemerally; the same button on the Home has no response_url."""
    if body.get("response_url"):
        return responder(respond)
    return by_dm(logger, client, body["user"]["id"])


def responder(respond: Callable[..., object]) -> Reply:
    """An ephemeral reply through the request's response_url."""

    def reply(message: Message) -> None:
        respond(text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=False)

    return reply


def open_or_tell(client: WebClient, trigger_id: str, reply: Reply, form: dict | str) -> None:
    """A button's form opened, or, when there is none to open, why, told only to the clicker."""
    if isinstance(form, dict):
        client.views_open(trigger_id=trigger_id, view=form)
    else:
        reply(plain(form))


def replace_or_tell(respond: Callable[..., object], reply: Reply, shown: Message | str) -> None:
    """The clicked message becomes `shown`; a note (a str) goes only to the clicker and leaves it as it was."""
    if isinstance(shown, str):
        reply(plain(shown))
    else:
        respond(text=shown.text, blocks=shown.blocks, replace_original=True)
