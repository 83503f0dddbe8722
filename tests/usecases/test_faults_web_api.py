"""Slack's Web API misbehaving: 429 with Retry-After on every method the bot uses, 500s, and answers that
never come (timeouts). Each is waited out or retried; nothing is lost and no prompt is posted twice."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from adapters import ids
from storage.models import Delivery, Person
from tests.delivered import ledgered_in_dms
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import LEAD, TEAM_CHANNEL, Bot, eventually

MONDAY_LATE_MORNING = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)  # prompts due in Dublin and Kolkata
MEMBERS = (LEAD, "UNY", "UDUB", "UIN")
DUE_NOW = (LEAD, "UDUB", "UIN")  # New York's 09:30 is still to come
ZONES = {"UNY": "America/New_York", "UIN": "Asia/Kolkata"}
CLIENT_TIMEOUT = 1  # seconds; production's 10 s is make_client's default, shortened for the test's client only


def add_team(slack: FakeSlackAPI, extra: int = 0) -> list[str]:
    people = ["UNY", "UDUB", "UIN", *(f"UX{n:03d}" for n in range(extra))]
    for user_id in people:
        slack.add_user(user_id, tz=ZONES.get(user_id, "Europe/Dublin"))
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, *people, "UBOT"))
    return [LEAD, *people]


def profiles_saved(bot: Bot) -> dict[str, str | None]:
    with bot.deps.sessions() as session:
        return {p.user_id: p.timezone for p in session.exec(select(Person))}


def prompts_posted(bot: Bot) -> Counter[str]:
    """Prompts as Slack holds them: each DM's messages carrying a delivery id (a duplicate shows as 2)."""
    return ledgered_in_dms(bot.slack, MEMBERS)


def ledger_statuses(bot: Bot) -> Counter[str]:
    with bot.deps.sessions() as session:
        return Counter(row.status for row in session.exec(select(Delivery)))


# --- the flows that use each method ----------------------------------------------------------------------


def start_a_team(bot: Bot, slack: FakeSlackAPI) -> None:
    """`/practice start`: conversations.members, then users.info for a few people."""
    people = add_team(slack)
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)
    saved = profiles_saved(bot)
    assert {u: saved.get(u) for u in people} == {
        LEAD: "Europe/Dublin",
        "UNY": "America/New_York",
        "UDUB": "Europe/Dublin",
        "UIN": "Asia/Kolkata",
    }


def start_a_big_team(bot: Bot, slack: FakeSlackAPI) -> None:
    """`/practice start` with 60 people: users.list pages instead of one users.info each."""
    people = add_team(slack, extra=56)
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)
    assert set(people) <= set(profiles_saved(bot))


def send_todays_prompts(bot: Bot, slack: FakeSlackAPI) -> None:
    """The tick: chat.postMessage per member."""
    start_team_quietly(bot, slack)
    bot.clock.set(MONDAY_LATE_MORNING)
    bot.tick()
    assert prompts_posted(bot) == {u: 1 for u in DUE_NOW}


def retry_a_failed_send(bot: Bot, slack: FakeSlackAPI) -> None:
    """A retried send first looks for an earlier post: conversations.open and conversations.history."""
    start_team_quietly(bot, slack)
    bot.clock.set(MONDAY_LATE_MORNING)
    slack.fail_next("chat.postMessage", error="internal_error", times=4)
    bot.tick()
    bot.clock.advance(timedelta(minutes=1))
    bot.tick()
    assert prompts_posted(bot) == {u: 1 for u in DUE_NOW}
    assert ledger_statuses(bot) == {"sent": 4}


def csv_to_the_leads_dm(bot: Bot, slack: FakeSlackAPI) -> None:
    """`/summary last csv`: conversations.open, then the file upload's three steps."""
    start_team_quietly(bot, slack)
    bot.clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    assert "The CSV for 2026-W48 is in our DM" in bot.ask("/summary", "last csv", user=LEAD)
    (upload,) = [f for f in slack.uploaded_files.values() if f.completed]
    assert upload.filename == "practice-2026-W48.csv" and upload.channel_id == "DULEAD" and upload.data


def open_the_answer_form(bot: Bot, slack: FakeSlackAPI) -> None:
    """`/reflect` with no text: views.open."""
    start_team_quietly(bot, slack)
    bot.command("/reflect", user="UDUB", channel="DUDUB")
    (opened,) = slack.wait_for("views.open", lambda c: (c.response or {}).get("ok"), timeout=10)
    assert opened.params["view"]["callback_id"] == ids.ANSWER_MODAL


def open_the_home_tab(bot: Bot, slack: FakeSlackAPI) -> None:
    """The App Home: views.publish."""
    start_team_quietly(bot, slack)
    event = {"type": "app_home_opened", "user": "UDUB", "channel": "DUDUB", "tab": "home"}
    assert bot.requests.event(event).status == 200
    eventually(lambda: "UDUB" in slack.home_views, timeout=10)


def start_team_quietly(bot: Bot, slack: FakeSlackAPI) -> None:
    """The team set up before the fault matters (the fault queued for a later method stays queued)."""
    add_team(slack)
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)


FLOWS: dict[str, Callable[[Bot, FakeSlackAPI], None]] = {
    "users.info": start_a_team,
    "users.list": start_a_big_team,
    "conversations.members": start_a_team,
    "conversations.open": csv_to_the_leads_dm,
    "conversations.history": retry_a_failed_send,
    "chat.postMessage": send_todays_prompts,
    "views.open": open_the_answer_form,
    "views.publish": open_the_home_tab,
    "files.getUploadURLExternal": csv_to_the_leads_dm,
    "upload": csv_to_the_leads_dm,
    "files.completeUploadExternal": csv_to_the_leads_dm,
}


@pytest.mark.parametrize("method", list(FLOWS))
def test_a_429_on_any_method_is_waited_out_and_the_work_is_done(bot: Bot, slack: FakeSlackAPI, method: str) -> None:
    slack.fail_next(method, status=429, retry_after=1)
    FLOWS[method](bot, slack)
    calls = slack.calls_to(method)
    limited = next(i for i, c in enumerate(calls) if c.status == 429)
    # The same request again: the next call to the same channel (other sends run alongside on other threads).
    channel = calls[limited].params.get("channel")
    retried = next(c for c in calls[limited + 1 :] if c.params.get("channel") == channel)
    assert retried.status == 200 and (retried.response or {}).get("ok")
    assert retried.at - calls[limited].at >= 1.0  # Retry-After: 1 was respected


# --- 500s and timeouts -----------------------------------------------------------------------------------


def test_a_500_on_a_lookup_is_retried_with_backoff(bot: Bot, slack: FakeSlackAPI) -> None:
    slack.fail_next("conversations.members", status=500)
    slack.fail_next("users.info", status=503, times=2)
    start_a_team(bot, slack)
    members = slack.calls_to("conversations.members")
    assert [c.status for c in members] == [500, 200]
    assert members[1].at - members[0].at >= 0.25  # slack_sdk's backoff: 0.5 s x jitter before the first retry
    assert [c.status for c in slack.calls_to("users.info")][:3] == [503, 503, 200]


@pytest.fixture
def due(team: Bot) -> Bot:
    team.clock.set(MONDAY_LATE_MORNING)
    return team


def test_a_500_after_slack_posted_the_prompt_never_posts_it_twice(due: Bot, slack: FakeSlackAPI) -> None:
    slack.fail_next("chat.postMessage", status=500, after_effect=True, times=3)
    first = due.tick()
    assert first["prompt:failed"] + first["quote:failed"] == 3
    due.clock.advance(timedelta(minutes=1))
    due.tick()
    assert prompts_posted(due) == {u: 1 for u in DUE_NOW}
    assert ledger_statuses(due) == {"sent": 4}


def test_a_send_that_keeps_failing_is_marked_failed_logged_and_retried_at_the_next_tick(
    due: Bot, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fail_next("chat.postMessage", status=500, times=4)  # a post is never retried inside the client
    outcome = due.tick()
    assert outcome["prompt:failed"] == 3 and outcome["quote:failed"] == 1
    assert ledger_statuses(due) == {"failed": 4}
    assert "outcome=failed" in caplog.text and "error=fatal_error" in caplog.text
    assert prompts_posted(due) == {}
    due.clock.advance(timedelta(minutes=1))
    due.tick()
    assert prompts_posted(due) == {u: 1 for u in DUE_NOW}
    assert ledger_statuses(due) == {"sent": 4}


def test_a_post_whose_answer_times_out_is_found_at_the_next_tick_not_sent_again(
    due: Bot, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="practice")
    due.deps.client.timeout = CLIENT_TIMEOUT
    slack.hang_next("chat.postMessage", CLIENT_TIMEOUT + 1)
    outcome = due.tick()
    assert outcome["quote:failed"] == 1  # the quote goes first; its answer never came
    assert "error=TimeoutError" in caplog.text
    assert len(slack.messages(TEAM_CHANNEL)) == 1  # but Slack has it
    due.clock.advance(timedelta(minutes=1))
    due.tick()
    assert len(slack.messages(TEAM_CHANNEL)) == 1
    assert prompts_posted(due) == {u: 1 for u in DUE_NOW}
    assert ledger_statuses(due) == {"sent": 4}
    assert "outcome=found" in caplog.text


def test_a_lookup_that_times_out_gets_a_try_again_answer_and_the_next_try_works(bot: Bot, slack: FakeSlackAPI) -> None:
    start_team_quietly(bot, slack)
    bot.deps.client.timeout = CLIENT_TIMEOUT
    slack.hang_next("conversations.members", CLIENT_TIMEOUT + 1)
    bot.ask("/practice", "stop", user=LEAD)
    reply = bot.ask("/practice", "start", user=LEAD)
    assert "couldn't reach Slack" in reply
    assert "back on in this channel* with 4 members" in bot.ask("/practice", "start", user=LEAD)
