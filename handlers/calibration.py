"""Calibration rounds: the "Rate it" button on the sample and the rating form."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from adapters import ids, web_api
from adapters.blocks.common import plain
from adapters.replies import by_dm, open_or_tell, reply_for, told_on_failure
from deps import Deps
from domain.calibration import OVERALL
from handlers import payload
from usecases import calibration

PICK_OVERALL = "Pick an overall rating from 1 to 5."


def register(app: App, deps: Deps) -> None:
    @app.action(ids.CALIBRATE_OPEN)
    def open_rating(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        ack()
        reply = reply_for(deps.logger, body, respond, client)
        with told_on_failure(deps.logger, reply, "calibration button"):
            round_id = payload.button_id(body)
            form = calibration.form_for(deps, body["user"]["id"], round_id) if round_id else calibration.GONE
            open_or_tell(client, body["trigger_id"], reply, form)

    @app.view(ids.CALIBRATE_MODAL)
    def rated(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        chosen = payload.selected_option(view, ids.CALIBRATE_OVERALL_BLOCK, ids.CALIBRATE_OVERALL_INPUT)
        overall = int(chosen["value"]) if str(chosen.get("value", "")).isdigit() else None
        if overall not in OVERALL:
            ack(response_action="errors", errors={ids.CALIBRATE_OVERALL_BLOCK: PICK_OVERALL})
            return
        ack()
        user_id = body["user"]["id"]
        ticks = [int(v) for v in payload.checked(view, ids.CALIBRATE_TICKS_BLOCK, ids.DRILL_TICKS_INPUT) if v.isdigit()]
        with told_on_failure(deps.logger, by_dm(deps.logger, client, user_id), "calibration rating"):
            round_id = payload.metadata_id(view, "round_id")
            done = calibration.rate(deps, user_id, round_id, ticks, overall) if round_id else plain(calibration.GONE)
            web_api.post(client, user_id, done)
