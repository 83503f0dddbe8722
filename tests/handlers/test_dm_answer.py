"""A member answers today's prompt by just typing in the DM with the bot: the message is saved as their answer
(for them alone), confirmed with Edit and who may read it; editing or deleting the message edits or deletes the
answer. Bots, the bot itself, retries and messages with no prompt to answer never make it reply twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from adapters import ids
from storage.models import Answer
from tests.harness import Bot, Sent, eventually, text_of

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Dublin's prompt went out at 09:30
ANSWER = "I let a caller finish before I spoke, and the real problem was the second thing she said."
_ts = iter(range(100, 10_000))


def todays_prompt(bot: Bot, user: str = "UDUB") -> Sent:
    return bot.sent_to(user, "prompt")[-1]


def dm(user: str) -> str:
    return f"D{user}"


def typed(bot: Bot, user: str, text: str, *, thread_ts: str | None = None, retry: int | None = None, **extra) -> str:
    """The person types a message in the DM with the bot; returns its ts."""
    ts = str(extra.pop("ts", None) or f"1764000000.{next(_ts):06d}")
    event = {"type": "message", "channel": dm(user), "channel_type": "im", "user": user, "text": text, "ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    assert bot.requests.event({**event, **extra}, retry_num=retry).status == 200
    return ts


def edited(bot: Bot, user: str, ts: str, text: str) -> None:
    event = {
        "type": "message",
        "subtype": "message_changed",
        "channel": dm(user),
        "channel_type": "im",
        "ts": f"{ts}1",
        "message": {"type": "message", "user": user, "text": text, "ts": ts, "edited": {"user": user, "ts": ts}},
        "previous_message": {"type": "message", "user": user, "text": ANSWER, "ts": ts},
    }
    assert bot.requests.event(event).status == 200


def deleted(bot: Bot, user: str, ts: str) -> None:
    event = {
        "type": "message",
        "subtype": "message_deleted",
        "channel": dm(user),
        "channel_type": "im",
        "ts": f"{ts}2",
        "deleted_ts": ts,
        "previous_message": {"type": "message", "user": user, "text": ANSWER, "ts": ts},
    }
    assert bot.requests.event(event).status == 200


def answers(bot: Bot) -> list[Answer]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(Answer).order_by(Answer.id)))


def replies_to(bot: Bot, user: str, words: str) -> list:
    return [c for c in bot.slack.calls_to("chat.postMessage") if c.params["channel"] == user and words in text_of(c)]


def confirmation(bot: Bot, user: str = "UDUB"):
    (found,) = bot.slack.wait_for(
        "chat.postMessage", lambda c: c.params["channel"] == user and "Saved your message as your answer" in text_of(c)
    )
    return found


@pytest.fixture
def morning(team: Bot) -> Bot:
    team.run_until(MONDAY)
    return team


def test_a_message_typed_in_the_dm_is_saved_as_the_answer_to_today_s_prompt_for_them_alone(morning: Bot) -> None:
    prompt = todays_prompt(morning)
    ts = typed(morning, "UDUB", ANSWER)
    sent = confirmation(morning)
    (saved,) = answers(morning)
    assert saved.text == ANSWER and saved.visibility == "private" and saved.message_ts == ts
    assert saved.delivery_id == prompt.call.params["metadata"]["event_payload"]["delivery_id"]
    assert "Only you can see it." in text_of(sent) and ANSWER not in str(sent.params["blocks"])
    buttons = {e["action_id"]: e for b in sent.params["blocks"] for e in b.get("elements", []) if "action_id" in e}
    visibility = {f"{ids.ANSWER_VISIBILITY}{v}" for v in ("private", "lead", "team")}
    assert set(buttons) == {ids.ANSWER_EDIT, ids.ANSWER_REMEMBER, *visibility}
    key = "share-with-team"
    morning.requests.block_action(
        user_id="UDUB",
        action_id=f"{ids.ANSWER_VISIBILITY}team",
        value=buttons[f"{ids.ANSWER_VISIBILITY}team"]["value"],
        channel_id=dm("UDUB"),
        message_ts="1.1",
        response_url=morning.slack.response_url(key),
    )
    (changed,) = morning.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)
    assert changed.params["replace_original"] is True and "Your team can see it." in text_of(changed)
    assert answers(morning)[0].visibility == "team"
    assert "Your team can see it" not in str(morning.slack.calls_to("chat.postMessage")[-1].params)  # edited in place


def test_editing_the_message_edits_the_answer_and_deleting_it_deletes_the_answer(morning: Bot) -> None:
    ts = typed(morning, "UDUB", ANSWER)
    confirmation(morning)
    edited(morning, "UDUB", ts, ANSWER + " I asked her one more question.")
    eventually(lambda: answers(morning)[0].text.endswith("one more question."))
    edited(morning, "UDUB", ts, "   ")
    (refused,) = morning.slack.wait_for("chat.postMessage", lambda c: "kept your saved answer" in text_of(c))
    assert answers(morning)[0].text.endswith("one more question.") and refused.params["channel"] == "UDUB"
    deleted(morning, "UDUB", ts)
    morning.slack.wait_for("chat.postMessage", lambda c: "deleted the answer it gave" in text_of(c))
    assert answers(morning) == []
    typed(morning, "UDUB", "A second go: " + ANSWER)  # the prompt is open again
    morning.slack.wait_for("chat.postMessage", lambda c: "Saved your message" in text_of(c), count=2)
    assert [a.text for a in answers(morning)] == ["A second go: " + ANSWER]


def test_a_retried_event_is_saved_and_confirmed_once(morning: Bot) -> None:
    ts = typed(morning, "UDUB", ANSWER)
    confirmation(morning)
    typed(morning, "UDUB", ANSWER, ts=ts, retry=1)
    typed(morning, "UDUB", ANSWER, ts=ts, retry=2)
    typed(morning, "UIN", "a handled message, after the retries")
    morning.slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "UIN" and "Saved" in text_of(c))
    assert len([a for a in answers(morning) if a.user_id == "UDUB"]) == 1
    assert len(replies_to(morning, "UDUB", "Saved your message")) == 1


def test_the_bot_s_own_messages_other_bots_and_other_subtypes_are_ignored(morning: Bot) -> None:
    before = len(morning.slack.calls_to("chat.postMessage"))
    typed(morning, "UDUB", ANSWER, bot_id="B0OTHER")
    typed(morning, "UDUB", ANSWER, subtype="bot_message", bot_id="B0OTHER")
    typed(morning, "UBOT", ANSWER, bot_id="BPRACTICE")
    typed(morning, "UDUB", ANSWER, subtype="channel_join")
    typed(morning, "UDUB", ANSWER, subtype="me_message")
    typed(morning, "UIN", "a message that is handled, after the ignored ones")
    morning.slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "UIN" and "Saved" in text_of(c))
    assert [a.user_id for a in answers(morning)] == ["UIN"]
    assert len(morning.slack.calls_to("chat.postMessage")) == before + 1


def test_with_no_open_prompt_the_bot_says_what_it_can_do_once_a_day_never_in_a_loop(morning: Bot) -> None:
    typed(morning, "UDUB", ANSWER)
    confirmation(morning)
    for text in ("thanks!", "one more thing", "hello?"):
        typed(morning, "UDUB", text)
    morning.slack.wait_for("chat.postMessage", lambda c: "you don't have one right now" in text_of(c))
    typed(morning, "UIN", "a handled message, after the others")
    morning.slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "UIN" and "Saved" in text_of(c))
    assert len(replies_to(morning, "UDUB", "you don't have one right now")) == 1
    assert len([a for a in answers(morning) if a.user_id == "UDUB"]) == 1
    morning.clock.advance(timedelta(days=1))
    typed(morning, "UDUB", "next day, still nothing open")
    morning.slack.wait_for("chat.postMessage", lambda c: "you don't have one right now" in text_of(c), count=2)


def test_someone_outside_any_team_is_told_once_how_to_join(morning: Bot) -> None:
    typed(morning, "USTRANGER", "hi, what is this?")
    typed(morning, "USTRANGER", "hello?")
    morning.slack.wait_for("chat.postMessage", lambda c: "/practice start" in text_of(c))
    assert len(replies_to(morning, "USTRANGER", "/practice start")) == 1


def test_a_reply_in_an_older_prompt_s_thread_answers_that_prompt(team: Bot) -> None:
    team.run_by_schedule(MONDAY + timedelta(days=1))  # Monday's and Tuesday's prompts, both open
    monday, tuesday = team.sent_to("UDUB", "prompt")[-2:]
    typed(team, "UDUB", ANSWER, thread_ts=monday.call.response["ts"])
    confirmation(team)
    (saved,) = answers(team)
    assert saved.delivery_id == monday.call.params["metadata"]["event_payload"]["delivery_id"]
    typed(team, "UDUB", "Again on Monday's", thread_ts=monday.call.response["ts"])
    team.slack.wait_for("chat.postMessage", lambda c: "already answered that prompt" in text_of(c))
    typed(team, "UDUB", "Tuesday's answer, typed plainly")
    team.slack.wait_for("chat.postMessage", lambda c: "Saved your message" in text_of(c), count=2)
    tuesday_id = tuesday.call.params["metadata"]["event_payload"]["delivery_id"]
    assert {a.delivery_id for a in answers(team)} == {saved.delivery_id, tuesday_id}


def test_an_answered_dm_prompt_gets_no_reminder(morning: Bot) -> None:
    typed(morning, "UDUB", ANSWER)
    confirmation(morning)
    morning.run_by_schedule(datetime(2026, 11, 23, 23, 0, tzinfo=UTC))
    assert not [s for s in morning.sent_to("UDUB", "reminder")]
    assert morning.sent_to("UIN", "reminder")


def test_a_message_too_long_to_be_an_answer_is_not_saved_and_not_echoed_back(morning: Bot) -> None:
    typed(morning, "UDUB", "x" * 3001)
    (refused,) = morning.slack.wait_for("chat.postMessage", lambda c: "couldn't take that message" in text_of(c))
    assert "3,001 characters" in text_of(refused) and "x" * 100 not in text_of(refused)
    assert answers(morning) == []


def test_a_reply_in_the_thread_of_another_message_answers_nothing(morning: Bot) -> None:
    typed(morning, "UDUB", "Thanks, that feedback helped.", thread_ts="1764000000.000001")
    morning.slack.wait_for("chat.postMessage", lambda c: "a reply in this thread isn't saved" in text_of(c))
    assert answers(morning) == []
    typed(morning, "UDUB", ANSWER)  # typed plainly, it still answers the open prompt
    confirmation(morning)
