"""Lessons brought back: the "worth remembering" checkbox on an answer's confirmation, and the Yes / Not yet /
Stop these buttons on a returned lesson, whose message then becomes the answer to them."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from adapters import ids
from adapters.blocks.common import plain
from adapters.replies import replace_or_tell, reply_for, told_on_failure
from deps import Deps
from domain.lessons import LessonResponse
from handlers import payload
from usecases import lessons


def register(app: App, deps: Deps) -> None:
    @app.action(ids.ANSWER_REMEMBER)
    def remember_ticked(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "worth remembering"):
            block = str(action.get("block_id") or "")
            delivery = block.removeprefix(f"{ids.ANSWER_REMEMBER_BLOCK}:")
            ticked = bool(action.get("selected_options"))
            problem = lessons.remember(deps, body["user"]["id"], int(delivery) if delivery.isdigit() else None, ticked)
            if problem is not None:
                reply(plain(problem))

    def answer(response: LessonResponse) -> Callable[..., None]:
        def lesson_button(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
            ack()
            reply = reply_for(deps.logger, body, respond, client)
            with told_on_failure(deps.logger, reply, "lesson button"):
                shown = lessons.replied(deps, body["user"]["id"], payload.button_id(body), response)
                replace_or_tell(respond, reply, shown)

        return lesson_button

    app.action(ids.LESSON_USED)(answer(LessonResponse.USED))
    app.action(ids.LESSON_NOT_YET)(answer(LessonResponse.NOT_YET))
    app.action(ids.LESSON_STOP)(answer(LessonResponse.STOP))
