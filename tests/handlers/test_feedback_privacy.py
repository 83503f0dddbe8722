"""Anonymous feedback stays anonymous: nothing the recipient, the team channel or a lead is sent ever
carries the giver's id or name, through the whole round trip (feedback, thanks, plan, follow-up)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from adapters import ids
from tests.fakes.slack_api import FakeSlackAPI
from tests.feedback_helpers import click, mention, modal_opened_by, open_form, reply_to, submit_form, wait_dm
from tests.harness import LEAD, TEAM_CHANNEL, Bot, text_of
from tests.privacy import assert_never_reveals

GIVER, GIVER_NAMES = "UGIVER", ("gwendolyn", "moss")
RECIPIENT = "UREC"  # in Kolkata: a week later, 09:00 there is 03:30 UTC
AUDIENCE = (RECIPIENT, TEAM_CHANNEL, LEAD)


@pytest.fixture
def five(bot: Bot, slack: FakeSlackAPI) -> Bot:
    slack.add_user(GIVER, name="gwendolyn.moss", tz="Europe/Dublin")
    slack.add_user(RECIPIENT, name="ravi", tz="Asia/Kolkata")
    slack.add_user("UA", name="ann", tz="Europe/Dublin")
    slack.add_user("UB", name="ben", tz="Europe/Dublin")
    slack.add_channel(TEAM_CHANNEL, members=(LEAD, GIVER, RECIPIENT, "UA", "UB", "UBOT"))
    assert "5 members" in bot.ask("/practice", "start", user=LEAD)
    return bot


def give_anonymously(bot: Bot, owners: dict[str, str], text: str = "", **values: str) -> None:
    form = open_form(bot, GIVER, text)
    trigger = bot.slack.calls_to("views.open")[-1].params["trigger_id"]
    owners.update({trigger: GIVER, trigger.removeprefix("trig-"): GIVER})
    assert submit_form(bot, GIVER, form, recipient=RECIPIENT, anonymous=True, **values).status == 200


def answer(bot: Bot, user: str, key: str, values: dict) -> None:
    form = modal_opened_by(bot, key)
    bot.requests.view_submission(
        user_id=user, callback_id=form["callback_id"], values=values, private_metadata=form["private_metadata"]
    )


def test_an_anonymous_giver_is_never_revealed_to_the_recipient_the_channel_or_a_lead(five: Bot) -> None:
    owners: dict[str, str] = {}
    five.clock.set(datetime(2026, 11, 23, 3, 30, tzinfo=UTC))
    give_anonymously(
        five, owners, skill="empathy", keep="You named the feeling first.", change="Say what happens next, <!here>."
    )
    first = wait_dm(five, RECIPIENT, "feedback from a teammate")
    give_anonymously(five, owners, mention(RECIPIENT, "ravi"), skill="listening", keep="You let them finish.")
    wait_dm(five, RECIPIENT, "feedback from a teammate", count=2)

    assert "Thanks sent" in reply_to(five, click(five, RECIPIENT, first, ids.FEEDBACK_THANKS))
    wait_dm(five, GIVER, "said thank you")
    answer(
        five,
        RECIPIENT,
        click(five, RECIPIENT, first, ids.FEEDBACK_TRY),
        {ids.FEEDBACK_TRY_BLOCK: {ids.FEEDBACK_TEXT_INPUT: "Say the next step out loud"}},
    )
    wait_dm(five, RECIPIENT, "In a week")

    five.clock.set(datetime(2026, 11, 30, 3, 45, tzinfo=UTC))
    five.tick()
    (followup,) = five.sent_to(RECIPIENT, "followup")
    answer(
        five,
        RECIPIENT,
        click(five, RECIPIENT, followup.call, ids.FEEDBACK_FOLLOWUP),
        {
            ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: "It calmed two callers down."},
            ids.VISIBILITY_BLOCK: {
                ids.VISIBILITY_INPUT: {"type": "radio_buttons", "selected_option": {"value": "lead"}}
            },
        },
    )
    wait_dm(five, RECIPIENT, "that counts as practising")

    checked = assert_never_reveals(five.slack, GIVER, GIVER_NAMES, AUDIENCE, owners=owners)
    assert checked >= 8  # two feedback DMs, thanks answer, plan form and note, follow-up, its form and note


def test_the_privacy_check_catches_a_giver_who_signs_their_feedback(five: Bot) -> None:
    five.ask("/feedback", f"{mention(RECIPIENT)} Lovely work.", user=GIVER)
    assert "<@UGIVER>" in text_of(wait_dm(five, RECIPIENT, "feedback from"))
    with pytest.raises(AssertionError, match="reveals"):
        assert_never_reveals(five.slack, GIVER, GIVER_NAMES, AUDIENCE)
