"""Button and form ids are a contract with messages already sent: they live in people's DMs for months. Every
id the bot has ever put on a button or a form is listed here, and each is still answered by its own listener,
never by the catch-all for buttons the bot does not know."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from adapters import ids
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import Bot, eventually

ROOT = Path(__file__).resolve().parents[2]

#: Every action_id the bot has sent on a button, and every callback_id on a form. Add to these; never remove.
BUTTONS_SENT = (
    "answer_open",
    "answer_edit",
    "feedback_thanks",
    "feedback_try",
    "feedback_followup",
    "summary_share",
    "home_summary",
    "home_pause",
    "forget_confirm",
    "forget_cancel",
    "drill_choose_0",
    "drill_choose_1",
    "drill_choose_2",
    "drill_choose_3",
    "drill_sure_sure",
    "drill_sure_think_so",
    "drill_sure_guessing",
    "answer_visibility_private",
    "answer_visibility_lead",
    "answer_visibility_team",
    "answer_remember",
    "lesson_used",
    "lesson_not_yet",
    "lesson_stop",
    "drill_review_open",
    "calibration_open",
    "drill_write_open",
    "focus_pick",
    "focus_none",
    "focus_outcome_open",
)
FORMS_SENT = (
    "answer_modal",
    "feedback_modal",
    "feedback_try_modal",
    "feedback_followup_modal",
    "drill_write_modal",
    "drill_self_review_modal",
    "drill_review_modal",
    "calibration_modal",
    "focus_outcome_modal",
)
#: Inputs inside a form: their values arrive with the form's submission, never as a request of their own.
FORM_INPUTS = {
    ids.ANSWER_INPUT,
    ids.VISIBILITY_INPUT,
    ids.RATING_INPUT,
    ids.FEEDBACK_RECIPIENT_INPUT,
    ids.FEEDBACK_SKILL_INPUT,
    ids.FEEDBACK_TEXT_INPUT,
    ids.FEEDBACK_ANONYMOUS_INPUT,
    ids.DRILL_REPLY_INPUT,
    ids.DRILL_TICKS_INPUT,
    ids.DRILL_OFFER_INPUT,
    ids.REVIEW_SIGN_INPUT,
    ids.CALIBRATE_OVERALL_INPUT,
    ids.ANSWER_REMEMBER_INPUT,
    ids.FOCUS_OUTCOME_INPUT,
}


def ids_in_blocks(kind: str) -> set[str]:
    """The ids the Block Kit code puts on what it builds today (`action_id=ids.X` or `callback_id=ids.X`)."""
    found = set()
    for module in (ROOT / "adapters" / "blocks").glob("*.py"):
        for name in re.findall(rf"{kind}=ids\.(\w+)", module.read_text(encoding="utf-8")):
            found.add(getattr(ids, name))
    return found


def test_every_id_the_block_kit_code_sends_is_in_the_contract() -> None:
    assert ids_in_blocks("action_id") - FORM_INPUTS <= set(BUTTONS_SENT)
    assert ids_in_blocks("callback_id") <= set(FORMS_SENT)


def handled_by_own_listener(caplog: pytest.LogCaptureFixture, name: str) -> bool:
    eventually(lambda: any(f"name={name} " in r.getMessage() for r in caplog.records))
    return not any("the bot does not know" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("action_id", BUTTONS_SENT)
def test_a_button_from_any_message_ever_sent_reaches_its_own_listener(
    bot: Bot, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture, action_id: str
) -> None:
    caplog.set_level(logging.INFO)
    response = bot.requests.block_action(
        user_id="ULEAD",
        action_id=action_id,
        value="999999",
        channel_id="DLEAD",
        message_ts="1700000000.000100",
        response_url=slack.response_url(f"contract-{action_id}"),
    )
    assert response.status == 200
    assert handled_by_own_listener(caplog, action_id)


@pytest.mark.parametrize("callback_id", FORMS_SENT)
def test_a_form_from_any_message_ever_sent_reaches_its_own_listener(
    bot: Bot, caplog: pytest.LogCaptureFixture, callback_id: str
) -> None:
    caplog.set_level(logging.INFO)
    response = bot.requests.view_submission(
        user_id="ULEAD",
        callback_id=callback_id,
        values={},
        private_metadata='{"delivery_id": 999999, "feedback_id": 999999}',
    )
    assert response.status == 200
    assert handled_by_own_listener(caplog, callback_id)
