"""Peer review of a written drill: the reviewer's "Review it" button and the review form."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from adapters import ids, web_api
from adapters.blocks.common import plain
from adapters.replies import by_dm, open_or_tell, reply_for, told_on_failure
from deps import Deps
from handlers import payload
from usecases import peer_review

ONE_OF_TWO = "Write what to keep doing or what to do differently: one of the two is enough."


def register(app: App, deps: Deps) -> None:
    @app.action(ids.REVIEW_OPEN)
    def open_review(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "review button"):
            request_id = payload.button_id(body)
            form = peer_review.form_for(deps, body["user"]["id"], request_id) if request_id else None
            open_or_tell(client, body["trigger_id"], reply, form or peer_review.GONE)

    @app.view(ids.REVIEW_MODAL)
    def review_sent(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        keep = payload.text_input(view, ids.REVIEW_KEEP_BLOCK, ids.FEEDBACK_TEXT_INPUT).strip()
        change = payload.text_input(view, ids.REVIEW_CHANGE_BLOCK, ids.FEEDBACK_TEXT_INPUT).strip()
        if not keep and not change:
            ack(response_action="errors", errors={ids.REVIEW_KEEP_BLOCK: ONE_OF_TWO})
            return
        ack()
        reviewer = body["user"]["id"]
        ticks = [int(v) for v in payload.checked(view, ids.REVIEW_TICKS_BLOCK, ids.DRILL_TICKS_INPUT) if v.isdigit()]
        signed = "sign" in payload.checked(view, ids.REVIEW_SIGN_BLOCK, ids.REVIEW_SIGN_INPUT)
        with told_on_failure(deps.logger, by_dm(deps.logger, client, reviewer), "peer review"):
            request_id = payload.metadata_id(view, "request_id")
            done = (
                peer_review.submit(deps, reviewer, request_id, ticks, keep or None, change or None, signed=signed)
                if request_id
                else plain(peer_review.GONE)
            )
            web_api.post(client, reviewer, done)
