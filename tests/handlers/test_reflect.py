"""Members answer their prompt through the Answer button, the modal, or `/reflect`, and can edit it later."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlmodel import select

from adapters import ids
from storage.models import Answer, Delivery
from tests.harness import Bot, text_of

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def answer_values(text: str, visibility: str = "private") -> dict:
    return {
        ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": text}},
        ids.VISIBILITY_BLOCK: {
            ids.VISIBILITY_INPUT: {"type": "radio_buttons", "selected_option": {"value": visibility}}
        },
    }


def button_value(call, action_id: str) -> str:
    for block in call.params["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element["value"]
    raise AssertionError(f"no {action_id} button in {call.params['blocks']}")


def click(bot: Bot, user: str, action_id: str, value: str) -> dict:
    """Click a button and return the modal it opens."""
    before = len(bot.slack.calls_to("views.open"))
    response = bot.requests.block_action(
        user_id=user,
        action_id=action_id,
        value=value,
        channel_id="D" + user,
        message_ts="1.1",
        response_url=bot.slack.response_url(f"click-{value}"),
    )
    assert response.status == 200
    return bot.slack.wait_for("views.open", count=before + 1)[-1].params["view"]


def submit(bot: Bot, user: str, view: dict, text: str, visibility: str = "private"):
    return bot.requests.view_submission(
        user_id=user,
        callback_id=view["callback_id"],
        values=answer_values(text, visibility),
        private_metadata=view["private_metadata"],
    )


def todays_prompt(team: Bot, user: str):
    team.run_until(MONDAY_MORNING)
    (sent,) = team.sent_to(user, "prompt")
    return sent.call


def answers(bot: Bot) -> list[Answer]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(Answer)))


def test_a_member_answers_through_the_button_and_sees_it_saved(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    view = click(team, "UDUB", ids.ANSWER_OPEN, button_value(prompt, ids.ANSWER_OPEN))
    assert prompt.params["blocks"][1]["text"]["text"] in text_of_view(view)

    response = submit(team, "UDUB", view, "I asked what they had already tried.", "lead")
    assert response.status == 200 and response.body == ""
    confirmation = team.slack.wait_for("chat.postMessage", lambda c: "Saved your answer" in text_of(c))[0]
    assert confirmation.params["channel"] == "UDUB"
    assert "your team lead can see it" in text_of(confirmation)
    (saved,) = answers(team)
    assert (saved.user_id, saved.visibility, saved.text) == ("UDUB", "lead", "I asked what they had already tried.")


def text_of_view(view: dict) -> str:
    return json.dumps(view)


def test_an_empty_or_overlong_answer_is_refused_inside_the_modal(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    view = click(team, "UDUB", ids.ANSWER_OPEN, button_value(prompt, ids.ANSWER_OPEN))
    for text, hint in (("", "Write a sentence"), ("   \n ", "Write a sentence"), ("x" * 3001, "3,001 characters")):
        response = submit(team, "UDUB", view, text)
        body = response.json()
        assert body["response_action"] == "errors"
        assert hint in body["errors"][ids.ANSWER_BLOCK]
    assert answers(team) == []


def test_an_answer_can_be_edited_from_the_confirmation(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    view = click(team, "UDUB", ids.ANSWER_OPEN, button_value(prompt, ids.ANSWER_OPEN))
    submit(team, "UDUB", view, "First thoughts.", "team")
    confirmation = team.slack.wait_for("chat.postMessage", lambda c: "Saved your answer" in text_of(c))[0]

    edit_view = click(team, "UDUB", ids.ANSWER_EDIT, button_value(confirmation, ids.ANSWER_EDIT))
    assert "First thoughts." in json.dumps(edit_view)
    (chosen,) = [b for b in edit_view["blocks"] if b.get("block_id") == ids.VISIBILITY_BLOCK]
    assert chosen["element"]["initial_option"]["value"] == "team"
    submit(team, "UDUB", edit_view, "Better thoughts.", "private")
    team.slack.wait_for("chat.postMessage", lambda c: "Updated your answer" in text_of(c))
    (saved,) = answers(team)
    assert (saved.text, saved.visibility) == ("Better thoughts.", "private")


def test_reflect_opens_the_modal_for_the_open_prompt(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    trigger = team.command("/reflect", user="UDUB", channel="DUDUB")
    (opened,) = team.slack.wait_for("views.open", lambda c: c.params["trigger_id"] == trigger)
    metadata = json.loads(opened.params["view"]["private_metadata"])
    assert str(metadata["delivery_id"]) == button_value(prompt, ids.ANSWER_OPEN)


def test_reflect_before_the_prompt_time_gives_todays_prompt_and_no_dm_follows(team: Bot) -> None:
    team.run_until(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    team.command("/reflect", user="UDUB", channel="DUDUB")
    team.slack.wait_for("views.open")
    team.run_until(MONDAY_MORNING)
    assert team.sent_to("UDUB", "prompt") == []
    assert len(team.sent_to("UNY", "prompt")) == 0 and len(team.sent_to("UIN", "prompt")) == 1


def test_reflect_with_text_answers_inline_privately_with_an_edit_button(team: Bot) -> None:
    todays_prompt(team, "UDUB")
    reply = team.ask("/reflect", "Slowed down and let them finish.", user="UDUB", channel="DUDUB")
    assert "Saved your answer" in reply and "Only you can see it" in reply
    reply_call = team.slack.calls_to("response_url")[-1]
    assert button_value(reply_call, ids.ANSWER_EDIT)
    (saved,) = answers(team)
    assert saved.visibility == "private"


def test_user_text_echoed_back_can_never_ping_anyone(team: Bot) -> None:
    todays_prompt(team, "UDUB")
    reply = team.ask("/reflect", "<!channel> thanks <@UNY> & co", user="UDUB", channel="DUDUB")
    assert "<!channel>" not in reply and "<@UNY>" not in reply
    assert "&lt;!channel&gt;" in reply


def test_after_answering_reflect_offers_a_bonus_prompt(team: Bot) -> None:
    todays_prompt(team, "UDUB")
    team.ask("/reflect", "Answer one.", user="UDUB", channel="DUDUB")
    team.ask("/reflect", "Answer two.", user="UDUB", channel="DUDUB")
    with team.deps.sessions() as session:
        rows = session.exec(select(Delivery).where(Delivery.recipient == "UDUB")).all()
    assert sorted(r.slot for r in rows) == [0, 1]
    assert len({r.item_id for r in rows}) == 2
    assert len(answers(team)) == 2


def test_someone_outside_any_team_is_told_how_to_join(bot: Bot) -> None:
    assert "not in a practice team" in bot.ask("/reflect", "hello", user="ULEAD", channel="DULEAD")


def test_a_prompt_cannot_be_opened_by_someone_else(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    team.requests.block_action(
        user_id="UNY",
        action_id=ids.ANSWER_OPEN,
        value=button_value(prompt, ids.ANSWER_OPEN),
        channel_id="DUNY",
        message_ts="1.1",
        response_url=team.slack.response_url("other"),
    )
    (reply,) = team.slack.wait_for("response_url", lambda c: c.params.get("_key") == "other")
    assert "someone else" in text_of(reply)
    assert team.slack.calls_to("views.open") == []


def test_a_reminder_leads_to_the_same_prompt(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    team.run_until(datetime(2026, 11, 23, 15, 15, tzinfo=UTC))
    (reminder,) = team.sent_to("UDUB", "reminder")
    assert button_value(reminder.call, ids.ANSWER_OPEN) == button_value(prompt, ids.ANSWER_OPEN)


def test_a_modal_that_cannot_be_saved_gives_the_words_back_by_dm(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    view = click(team, "UDUB", ids.ANSWER_OPEN, button_value(prompt, ids.ANSWER_OPEN))
    response = submit(team, "UNY", view, "Words worth keeping.")
    assert response.status == 200
    (dm,) = team.slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "UNY")
    assert "someone else" in text_of(dm) and "Words worth keeping." in text_of(dm)
    assert answers(team) == []
