"""Members in New York, Dublin and Kolkata mark an answer worth remembering: it comes back to each of them 3,
10 and 30 days later, just after their practice DM at their own prompt time, each return once and never on a
day with a reminder; Yes counts as practice of its skill, and Stop these (or `/practice lessons off`) ends them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from adapters import ids
from domain.skills import skill
from storage import data_rights
from storage.db import transaction
from storage.models import Answer, LessonReply, Person
from tests.handlers.test_home import open_home
from tests.handlers.test_reflect import answer_values, button_value, click
from tests.harness import LEAD, Bot, Sent, eventually, text_of
from tests.usecases.test_drill_days import ZONES

MONDAY_EVENING = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)  # every member's Monday prompt is out
MEMBERS = ("UNY", "UDUB", "UIN")
LESSON = "Letting the caller finish first meant I heard the real problem."


def answer_remembering(bot: Bot, user: str, text: str = LESSON) -> None:
    prompt = bot.sent_to(user, "prompt")[-1]
    view = click(bot, user, ids.ANSWER_OPEN, button_value(prompt.call, ids.ANSWER_OPEN))
    values = answer_values(f"{text} ({user})") | {
        ids.ANSWER_REMEMBER_BLOCK: {
            ids.ANSWER_REMEMBER_INPUT: {"type": "checkboxes", "selected_options": [{"value": "remember"}]}
        }
    }
    response = bot.requests.view_submission(
        user_id=user, callback_id=view["callback_id"], values=values, private_metadata=view["private_metadata"]
    )
    assert response.status == 200
    eventually(lambda: any(a.user_id == user and a.remember for a in answers(bot)))


def answers(bot: Bot) -> list[Answer]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(Answer)))


def lessons_to(bot: Bot, user: str) -> list[Sent]:
    return bot.sent_to(user, "lesson")


def local(sent: Sent, user: str) -> datetime:
    return sent.at.astimezone(ZoneInfo(ZONES[user]))


def test_a_remembered_answer_comes_back_3_10_and_30_days_later_in_each_time_zone_once(team: Bot) -> None:
    team.run_by_schedule(MONDAY_EVENING)
    for user in MEMBERS:
        answer_remembering(team, user)
    team.run_by_schedule(datetime(2026, 12, 25, tzinfo=UTC))
    for user in MEMBERS:
        back = lessons_to(team, user)
        assert [local(s, user).date() for s in back] == [date(2026, 11, 26), date(2026, 12, 3), date(2026, 12, 23)]
        prompts = {local(s, user).date(): s for s in team.sent_to(user, "prompt")}
        for sent in back:
            when = local(sent, user)
            assert (when.hour, when.minute) >= (9, 30) and when.hour < 11, (user, when)
            assert prompts[when.date()].at <= sent.at  # never instead of the day's prompt: after it
            assert f"{LESSON} ({user})" in text_of(sent.call) and "On 23 Nov you wrote" in text_of(sent.call)
        reminded = {local(s, user).date() for s in team.sent_to(user, "reminder")}
        assert reminded and not reminded & {local(s, user).date() for s in back}  # a lesson day has no reminder
    assert lessons_to(team, LEAD) == []  # the lead remembered nothing


def test_yes_counts_as_practice_and_stop_these_ends_them_until_lessons_are_on_again(team: Bot) -> None:
    team.run_by_schedule(MONDAY_EVENING)
    answer_remembering(team, "UDUB")
    team.run_by_schedule(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    (first,) = lessons_to(team, "UDUB")
    (remembered,) = [a for a in answers(team) if a.user_id == "UDUB"]
    name = skill(remembered.skill).name
    practised = {a.skill for a in answers(team) if a.user_id == "UDUB"}
    assert practised == {remembered.skill} and f"{name}\\n*1*" in str(open_home(team, "UDUB"))
    key = "lesson-yes"
    team.requests.block_action(
        user_id="UDUB",
        action_id=ids.LESSON_USED,
        value=button_value(first.call, ids.LESSON_USED),
        channel_id="DUDUB",
        message_ts="1.1",
        response_url=team.slack.response_url(key),
    )
    (thanks,) = team.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)
    assert thanks.params["replace_original"] is True and "counts as" in text_of(thanks)
    with team.deps.sessions() as session:
        (reply,) = session.exec(select(LessonReply)).all()
    assert reply.response == "used" and reply.user_id == "UDUB"
    assert f"{name}\\n*2*" in str(open_home(team, "UDUB"))  # the answer, and using what it taught
    team.requests.block_action(
        user_id="UDUB",
        action_id=ids.LESSON_STOP,
        value=button_value(first.call, ids.LESSON_STOP),
        channel_id="DUDUB",
        message_ts="1.1",
        response_url=team.slack.response_url("lesson-stop"),
    )
    (stopped,) = team.slack.wait_for("response_url", lambda c: c.params.get("_key") == "lesson-stop")
    assert "No more lessons" in text_of(stopped)
    team.run_by_schedule(datetime(2026, 12, 4, tzinfo=UTC))
    assert len(lessons_to(team, "UDUB")) == 1  # day 10 passed with lessons off
    assert "Lessons are on" in team.ask("/practice", "lessons on", user="UDUB", channel="DUDUB")
    team.run_by_schedule(datetime(2026, 12, 24, tzinfo=UTC))
    back = [local(s, "UDUB").date() for s in lessons_to(team, "UDUB")]
    assert back == [date(2026, 11, 26), date(2026, 12, 4), date(2026, 12, 23)]  # the missed one, on the next day


def test_the_tick_on_an_answer_s_confirmation_marks_it_and_away_days_skip_a_stage_not_repeat_it(team: Bot) -> None:
    team.run_by_schedule(MONDAY_EVENING)
    assert "Saved your answer" in team.ask("/reflect", "Asking 'what did you expect?' found it.", user="UIN")
    (confirmation,) = team.slack.wait_for("response_url", lambda c: "Saved your answer" in text_of(c))
    (block,) = [b for b in confirmation.params["blocks"] if str(b.get("block_id", "")).startswith("answer_remember")]
    team.requests.block_action(
        user_id="UIN",
        action_id=ids.ANSWER_REMEMBER,
        block_id=block["block_id"],
        selected_options=[{"value": "remember"}],
        channel_id="DUIN",
        message_ts="1.1",
        response_url=team.slack.response_url("remember-tick"),
    )
    eventually(lambda: any(a.user_id == "UIN" and a.remember for a in answers(team)))
    assert "time off" in team.ask("/practice", "away until 2026-12-04", user="UIN", channel="DUIN")
    team.run_by_schedule(datetime(2026, 12, 10, tzinfo=UTC))
    back = [local(s, "UIN").date() for s in lessons_to(team, "UIN")]
    assert back == [date(2026, 12, 7)]  # days 3 and 10 passed while away: one return, the second stage's
    with team.deps.sessions() as session:
        assert session.get(Person, "UIN").lessons is True


def test_export_has_what_was_worth_remembering_and_the_replies_and_forget_me_deletes_them(team: Bot) -> None:
    team.run_by_schedule(MONDAY_EVENING)
    answer_remembering(team, "UDUB")
    team.run_by_schedule(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    (back,) = lessons_to(team, "UDUB")
    team.requests.block_action(
        user_id="UDUB",
        action_id=ids.LESSON_NOT_YET,
        value=button_value(back.call, ids.LESSON_NOT_YET),
        channel_id="DUDUB",
        message_ts="1.1",
        response_url=team.slack.response_url("not-yet"),
    )
    team.slack.wait_for("response_url", lambda c: c.params.get("_key") == "not-yet")
    team.ask("/practice", "lessons off", user="UDUB", channel="DUDUB")
    team.ask("/practice", "export", user="UDUB", channel="DUDUB")
    (upload,) = team.slack.uploaded_files.values()
    data = json.loads(upload.data)
    assert [a["worth_remembering"] for a in data["answers"]] == [True]
    assert [r["response"] for r in data["lessons_brought_back"]] == ["not_yet"]
    assert data["settings"]["lessons"] is False
    with transaction(team.deps.sessions) as session:
        assert data_rights.forget(session, user_id="UDUB")["lessons_brought_back"] == 1
    with team.deps.sessions() as session:
        assert session.exec(select(LessonReply)).all() == []
