"""Team members give each other feedback with `/feedback`; recipients thank them, plan what to try, and
are asked a week later how it went."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from adapters import ids
from domain.feedback import MAX_PART_CHARS
from storage.models import Answer, Delivery, Person
from tests.fakes.slack_api import FakeSlackAPI
from tests.feedback_helpers import (
    at,
    button,
    click,
    dms_to,
    feedback_rows,
    mention,
    modal_opened_by,
    open_form,
    reply_to,
    start_team,
    submit_form,
    wait_dm,
)
from tests.harness import LEAD, TEAM_CHANNEL, Bot, text_of

FIVE = {"UNY": "nia", "UDUB": "dara", "UIN": "ishan", "UFAY": "fay"}  # with the lead: five people


@pytest.fixture
def big_team(bot: Bot, slack: FakeSlackAPI) -> Bot:
    start_team(bot, slack, FIVE)
    return bot


def block_ids(view: dict) -> list[str]:
    return [b.get("block_id", "") for b in view["blocks"]]


def test_a_member_gives_feedback_in_one_line_and_the_recipient_gets_it_by_dm(team: Bot) -> None:
    reply = team.ask("/feedback", f"{mention('UNY', 'nia')} You stayed calm & kind with the angry caller.", user="UDUB")
    assert "on its way to <@UNY>" in reply

    dm = wait_dm(team, "UNY", "feedback from <@UDUB>")
    assert "*Keep doing*" in text_of(dm) and "You stayed calm &amp; kind with the angry caller." in text_of(dm)
    assert button(dm, ids.FEEDBACK_THANKS)["text"]["text"] == "Thank you"
    assert button(dm, ids.FEEDBACK_TRY)["text"]["text"] == "What I'll try"
    assert dm.params["unfurl_links"] is False
    (row,) = feedback_rows(team)
    assert (row.giver_id, row.recipient_id, row.keep_doing, row.anonymous) == (
        "UDUB",
        "UNY",
        "You stayed calm & kind with the angry caller.",
        False,
    )
    assert button(dm, ids.FEEDBACK_THANKS)["value"] == str(row.id)


def test_a_member_gives_feedback_through_the_form_opened_for_a_mention(team: Bot) -> None:
    form = open_form(team, "UDUB", mention("UNY", "nia"))
    recipient = form["blocks"][block_ids(form).index(ids.FEEDBACK_RECIPIENT_BLOCK)]
    assert recipient["element"]["initial_user"] == "UNY"
    skills = form["blocks"][block_ids(form).index(ids.FEEDBACK_SKILL_BLOCK)]["element"]["options"]
    assert len(skills) == 9
    for block_id in (ids.FEEDBACK_KEEP_BLOCK, ids.FEEDBACK_CHANGE_BLOCK):
        assert form["blocks"][block_ids(form).index(block_id)]["element"]["max_length"] == MAX_PART_CHARS

    response = submit_form(
        team,
        "UDUB",
        form,
        recipient="UNY",
        skill="listening",
        keep="You let the customer finish.",
        change="Summarise before you answer.",
    )
    assert response.status == 200 and response.body == ""
    dm = wait_dm(team, "UNY", "feedback from <@UDUB>")
    assert "Skill: *Listening*" in text_of(dm)
    assert "You let the customer finish." in text_of(dm) and "Summarise before you answer." in text_of(dm)
    confirmation = wait_dm(team, "UDUB", "on its way to <@UNY>")
    assert "Summarise before you answer." in text_of(confirmation)
    (row,) = feedback_rows(team)
    assert (row.skill, row.do_differently, row.anonymous) == ("listening", "Summarise before you answer.", False)


def test_the_form_opens_before_any_lookup_and_is_filled_in_after(team: Bot, slack: FakeSlackAPI) -> None:
    slack.add_user("UOUT", name="outsider")
    before = len(slack.calls)
    team.command("/feedback", mention("UOUT"), user="UDUB")
    team.slack.wait_for("views.update")
    methods = [c.method for c in slack.calls[before:] if c.method != "response_url"]
    assert methods == ["views.open", "users.info", "views.update"]


def test_in_a_team_of_four_the_form_offers_no_anonymity_and_says_why(team: Bot) -> None:
    form = open_form(team, "UDUB", mention("UNY"))
    assert ids.FEEDBACK_ANONYMOUS_BLOCK not in block_ids(form)
    assert "at least 5 people" in json.dumps(form)


def test_in_a_team_of_five_the_form_offers_anonymity(big_team: Bot) -> None:
    form = open_form(big_team, "UDUB", mention("UNY"))
    assert ids.FEEDBACK_ANONYMOUS_BLOCK in block_ids(form)
    assert "at least 5 people" not in json.dumps(form)


def test_anonymous_feedback_through_the_picker_names_no_one(big_team: Bot) -> None:
    form = open_form(big_team, "UDUB")
    recipient = form["blocks"][block_ids(form).index(ids.FEEDBACK_RECIPIENT_BLOCK)]
    assert "initial_user" not in recipient["element"]
    assert ids.FEEDBACK_ANONYMOUS_BLOCK in block_ids(form)

    submit_form(
        big_team, "UDUB", form, recipient="UNY", skill="empathy", keep="You named the feeling first.", anonymous=True
    )
    dm = wait_dm(big_team, "UNY", "feedback from a teammate")
    assert "UDUB" not in json.dumps(dm.params) and "dara" not in json.dumps(dm.params).lower()
    assert "anonymously" in text_of(wait_dm(big_team, "UDUB", "on its way"))
    (row,) = feedback_rows(big_team)
    assert row.anonymous and row.giver_id == "UDUB"


def test_anonymity_cannot_be_forced_in_a_small_team(team: Bot) -> None:
    form = open_form(team, "UDUB")
    body = submit_form(team, "UDUB", form, recipient="UNY", keep="Good call.", anonymous=True).json()
    assert body["response_action"] == "errors"
    assert "at least 5 people" in body["errors"][ids.FEEDBACK_ANONYMOUS_BLOCK]
    assert feedback_rows(team) == []


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("UDUB", "can't send it to yourself"),
        ("UBOT", "bot or an app"),
        ("UGONE", "deactivated"),
        ("UOUT", "don't share one"),
        ("UNOBODY", "can't find that person"),
    ],
)
def test_feedback_that_cannot_be_given_is_refused_and_nothing_is_stored(
    team: Bot, slack: FakeSlackAPI, who: str, expected: str
) -> None:
    slack.add_user("UGONE", name="gone", deleted=True)
    slack.add_user("UOUT", name="outsider")
    reply = team.ask("/feedback", f"{mention(who)} Great work today.", user="UDUB")
    assert expected in reply
    assert feedback_rows(team) == []
    assert dms_to(team, who) == []


def test_a_deactivated_teammate_known_to_the_bot_is_refused_too(bot: Bot, slack: FakeSlackAPI) -> None:
    slack.add_user("UDUB", name="dara")
    slack.add_user("UGONE", name="gone", deleted=True)
    slack.add_channel(TEAM_CHANNEL, members=(LEAD, "UDUB", "UGONE", "UBOT"))
    bot.ask("/practice", "start", user=LEAD)
    with bot.deps.sessions() as session:
        assert session.get(Person, "UGONE").deleted
    assert "deactivated" in bot.ask("/feedback", f"{mention('UGONE')} Thanks!", user="UDUB")
    assert feedback_rows(bot) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Great work", "isn't a person"),
        (f"{mention('UNY')} {'x' * (MAX_PART_CHARS + 1)}", f"can be up to {MAX_PART_CHARS:,}"),
    ],
)
def test_bad_command_text_gets_a_clear_answer(team: Bot, text: str, expected: str) -> None:
    assert expected in team.ask("/feedback", text, user="UDUB")
    assert feedback_rows(team) == []


def test_someone_outside_every_team_is_told_how_to_join(bot: Bot, slack: FakeSlackAPI) -> None:
    slack.add_user("UA", name="ann")
    slack.add_user("UB", name="ben")
    assert "not in a practice team yet" in bot.ask("/feedback", f"{mention('UB')} Nice one.", user="UA")


def test_a_form_opened_for_a_bot_says_why_and_cannot_be_sent(team: Bot) -> None:
    trigger = team.command("/feedback", mention("UBOT"), user="UDUB")
    key = trigger.removeprefix("trig-")
    assert "bot or an app" in reply_to(team, key)
    form = team.slack.wait_for("views.update")[-1].params["view"]
    assert "bot or an app" in json.dumps(form)
    body = submit_form(team, "UDUB", form, recipient="UBOT", keep="Beep.").json()
    assert "bot or an app" in body["errors"][ids.FEEDBACK_RECIPIENT_BLOCK]
    assert feedback_rows(team) == []


@pytest.mark.parametrize(
    ("values", "block", "expected"),
    [
        ({"keep": "", "change": "  "}, ids.FEEDBACK_KEEP_BLOCK, "at least one of the two"),
        ({"keep": "ok", "change": "x" * (MAX_PART_CHARS + 1)}, ids.FEEDBACK_CHANGE_BLOCK, "can be up to"),
        ({"keep": "ok", "skill": None}, ids.FEEDBACK_SKILL_BLOCK, "Pick the skill"),
        ({"keep": "ok", "recipient": None}, ids.FEEDBACK_RECIPIENT_BLOCK, "Pick who"),
        ({"keep": "ok", "recipient": "UBOT"}, ids.FEEDBACK_RECIPIENT_BLOCK, "bot or an app"),
        ({"keep": "ok", "recipient": "UDUB"}, ids.FEEDBACK_RECIPIENT_BLOCK, "yourself"),
    ],
)
def test_the_form_refuses_what_it_cannot_send_inside_the_modal(
    team: Bot, values: dict, block: str, expected: str
) -> None:
    form = open_form(team, "UDUB")
    body = submit_form(team, "UDUB", form, **{"recipient": "UNY", **values}).json()
    assert body["response_action"] == "errors"
    assert expected in body["errors"][block]
    assert feedback_rows(team) == []


def test_text_typed_to_ping_people_never_pings_anyone(team: Bot) -> None:
    team.ask("/feedback", f"{mention('UNY')} <!channel> <@UOTHER|other> &lt;!here&gt; well done", user="UDUB")
    dm = wait_dm(team, "UNY", "feedback from")
    form = open_form(team, "UDUB")
    submit_form(team, "UDUB", form, recipient="UNY", keep="<!channel> <@UOTHER> <!here>")
    second = wait_dm(team, "UNY", "feedback from", count=2)
    for call in (dm, second):
        shown = json.dumps(call.params)
        assert "<!channel>" not in shown and "<@UOTHER" not in shown and "<!here>" not in shown
    assert "&lt;!here&gt;" in text_of(dm) and "&lt;!channel&gt;" in text_of(second)


def test_thank_you_tells_the_giver_once(team: Bot) -> None:
    team.ask("/feedback", f"{mention('UNY')} Clear and kind.", user="UDUB")
    dm = wait_dm(team, "UNY", "feedback from")
    assert "Thanks sent" in reply_to(team, click(team, "UNY", dm, ids.FEEDBACK_THANKS))
    told = wait_dm(team, "UDUB", "said thank you")
    assert "<@UNY> said thank you for your feedback" in text_of(told)

    assert "already said thank you" in reply_to(team, click(team, "UNY", dm, ids.FEEDBACK_THANKS))
    assert len([c for c in dms_to(team, "UDUB") if "said thank you" in text_of(c)]) == 1
    (row,) = feedback_rows(team)
    assert row.thanked_at is not None


def test_only_the_recipient_can_use_the_buttons(team: Bot) -> None:
    team.ask("/feedback", f"{mention('UNY')} Clear and kind.", user="UDUB")
    dm = wait_dm(team, "UNY", "feedback from")
    assert "belongs to the person who received" in reply_to(team, click(team, "UIN", dm, ids.FEEDBACK_THANKS))
    assert "belongs to the person who received" in reply_to(team, click(team, "UIN", dm, ids.FEEDBACK_TRY))
    assert feedback_rows(team)[0].thanked_at is None


def test_what_i_will_try_is_followed_up_once_a_week_later_and_counts_as_practice(
    team: Bot, slack: FakeSlackAPI, database_url: str
) -> None:
    team.clock.set(at(23, 3))  # Sunday 22:00 in New York
    team.ask("/feedback", f"{mention('UNY')} Ask one more question before answering.", user="UDUB")
    dm = wait_dm(team, "UNY", "feedback from")
    form = modal_opened_by(team, click(team, "UNY", dm, ids.FEEDBACK_TRY))
    assert json.loads(form["private_metadata"]) == {"feedback_id": feedback_rows(team)[0].id}
    assert (
        team.requests.view_submission(
            user_id="UNY",
            callback_id=form["callback_id"],
            private_metadata=form["private_metadata"],
            values={ids.FEEDBACK_TRY_BLOCK: {ids.FEEDBACK_TEXT_INPUT: "Repeat the question back"}},
        ).status
        == 200
    )
    wait_dm(team, "UNY", "In a week I'll ask how it went")
    assert feedback_rows(team)[0].try_text == "Repeat the question back"

    # A week later it is Sunday 22:00 in New York: too late to ask; Monday 09:00 there is 14:00 UTC.
    team.run_until(at(29, 12), step=timedelta(hours=6))
    team.clock.set(at(30, 2, 45))
    team.run_until(at(30, 13, 45))
    assert team.sent_to("UNY", "followup") == []
    team.run_until(at(30, 14, 15))
    (followup,) = team.sent_to("UNY", "followup")
    assert "Repeat the question back" in text_of(followup.call) and "UDUB" not in json.dumps(followup.call.params)
    team.tick()
    team.tick()
    restarted = Bot(slack, database_url, team.clock)
    try:
        restarted.run_until(at(30, 16))
    finally:
        restarted.close()
    assert len(team.sent_to("UNY", "followup")) == 1

    answer_form = modal_opened_by(team, click(team, "UNY", followup.call, ids.FEEDBACK_FOLLOWUP))
    assert "Repeat the question back" in json.dumps(answer_form)
    team.requests.view_submission(
        user_id="UNY",
        callback_id=answer_form["callback_id"],
        private_metadata=answer_form["private_metadata"],
        values={
            ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: "Two customers said it helped."},
            ids.VISIBILITY_BLOCK: {
                ids.VISIBILITY_INPUT: {"type": "radio_buttons", "selected_option": {"value": "private"}}
            },
        },
    )
    wait_dm(team, "UNY", "that counts as practising")
    with team.deps.sessions() as session:
        (answer,) = session.exec(select(Answer)).all()
        delivery = session.get(Delivery, answer.delivery_id)
    assert (answer.user_id, answer.skill, answer.prompt_id, answer.visibility) == (
        "UNY",
        "feedback",
        "followup",
        "private",
    )
    assert (delivery.kind, delivery.status, delivery.slot) == ("followup", "sent", feedback_rows(team)[0].id)


def test_an_empty_plan_is_refused_inside_the_modal(team: Bot) -> None:
    team.ask("/feedback", f"{mention('UNY')} Nice.", user="UDUB")
    dm = wait_dm(team, "UNY", "feedback from")
    form = modal_opened_by(team, click(team, "UNY", dm, ids.FEEDBACK_TRY))
    body = team.requests.view_submission(
        user_id="UNY",
        callback_id=form["callback_id"],
        private_metadata=form["private_metadata"],
        values={ids.FEEDBACK_TRY_BLOCK: {ids.FEEDBACK_TEXT_INPUT: "  "}},
    ).json()
    assert "one thing you'll try" in body["errors"][ids.FEEDBACK_TRY_BLOCK]
    assert feedback_rows(team)[0].try_at is None


def test_a_failed_dm_keeps_nothing_and_gives_the_words_back(team: Bot) -> None:
    team.slack.fail_next("chat.postMessage", error="channel_not_found")
    reply = team.ask("/feedback", f"{mention('UNY')} Words worth keeping.", user="UDUB")
    assert "couldn't deliver" in reply and "Words worth keeping." in reply
    assert feedback_rows(team) == []
