"""The database locked by someone else, or unreachable, while people use the bot: every request is still
acknowledged at once, the person is told to try again, nothing is half-written, and the next try works."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, event, select, text
from sqlmodel import SQLModel

from adapters import ids
from storage.db import make_engine, session_factory
from tests.fakes.slack_api import Call, FakeSlackAPI
from tests.feedback_helpers import form_values, mention
from tests.harness import LEAD, Bot, text_of

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Dublin's prompt is out, open and unanswered
GIVE_UP_MS = 300  # how long the bot waits on a lock in these tests (production: 10 s on SQLite)
ACK_LIMIT = 3.0  # seconds: Slack's limit for answering a request
TRY_AGAIN = "try again"


def everything_stored(bot: Bot) -> dict[str, list[tuple[Any, ...]]]:
    with bot.deps.engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table))), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


def give_up_on_locks_quickly(bot: Bot, url: str) -> None:
    """The bot's own engine, told to wait only briefly for a lock (new connections only, hence the dispose)."""

    @event.listens_for(bot.deps.engine, "connect")
    def _short_wait(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        if url.startswith("sqlite"):
            cursor.execute(f"PRAGMA busy_timeout={GIVE_UP_MS}")
        else:
            cursor.execute(f"SET lock_timeout = '{GIVE_UP_MS}ms'")
            dbapi_connection.commit()  # or the pool's rollback would undo the SET
        cursor.close()

    bot.deps.engine.dispose()


@contextmanager
def locked_for_writing(url: str) -> Iterator[None]:
    """Another process holds a write lock on every table; plain reads still work (SQLite's WAL, and
    PostgreSQL's EXCLUSIVE mode)."""
    if url.startswith("sqlite"):
        holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
            connection.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))
            try:
                yield
            finally:
                connection.rollback()
    finally:
        engine.dispose()


# --- what people do ---------------------------------------------------------------------------------------


def open_prompt_id(bot: Bot) -> int:
    """From the prompt as Slack holds it (asking the database would wait on the lock)."""
    (prompt,) = [c for c in dms(bot, "UDUB") if c.params.get("metadata")]
    return prompt.params["metadata"]["event_payload"]["delivery_id"]


def reflect_inline(bot: Bot) -> tuple[int, Callable[[], str]]:
    key = bot.command("/reflect", "I let them finish before I answered.", user="UDUB", channel="DUDUB")
    return 200, lambda: reply_to(bot, key)


def feedback_inline(bot: Bot) -> tuple[int, Callable[[], str]]:
    key = bot.command("/feedback", f"{mention('UNY')} You stayed calm with a hard caller.", user="UDUB")
    return 200, lambda: reply_to(bot, key)


def summary(bot: Bot) -> tuple[int, Callable[[], str]]:
    key = bot.command("/summary", "", user=LEAD)
    return 200, lambda: reply_to(bot, key)


def answer_form(bot: Bot) -> tuple[int, Callable[[], str]]:
    values = {
        ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: "I asked what they had tried."},
        ids.VISIBILITY_BLOCK: {
            ids.VISIBILITY_INPUT: {"type": "radio_buttons", "selected_option": {"value": "private"}}
        },
    }
    before = len(dms(bot, "UDUB"))
    response = bot.requests.view_submission(
        user_id="UDUB",
        callback_id=ids.ANSWER_MODAL,
        values=values,
        private_metadata=json.dumps({"delivery_id": open_prompt_id(bot)}),
    )
    return response.status, lambda: text_of(wait_dm(bot, "UDUB", before))


def feedback_form(bot: Bot) -> tuple[int, Callable[[], str]]:
    before = len(dms(bot, "UDUB"))
    response = bot.requests.view_submission(
        user_id="UDUB", callback_id=ids.FEEDBACK_MODAL, values=form_values(recipient="UNY", keep="You stayed calm.")
    )
    errors = " ".join((response.json() or {}).get("errors", {}).values())
    return response.status, lambda: errors or text_of(wait_dm(bot, "UDUB", before))


def reply_to(bot: Bot, trigger: str) -> str:
    key = trigger.removeprefix("trig-")
    (reply,) = bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == key, timeout=10)
    return text_of(reply)


def dms(bot: Bot, user_id: str) -> list[Call]:
    return [c for c in bot.slack.calls_to("chat.postMessage") if c.params.get("channel") == user_id]


def wait_dm(bot: Bot, user_id: str, seen: int) -> Call:
    bot.slack.wait_for("chat.postMessage", lambda c: c.params.get("channel") == user_id, count=seen + 1, timeout=10)
    return dms(bot, user_id)[seen]


WRITES: dict[str, Callable[[Bot], tuple[int, Callable[[], str]]]] = {
    "/reflect some text": reflect_inline,
    "/feedback @person some text": feedback_inline,
    "the answer form": answer_form,
    "the feedback form": feedback_form,
}
EVERYTHING = {**WRITES, "/summary": summary}


@pytest.fixture
def practising(team: Bot) -> Bot:
    team.clock.set(MONDAY_MORNING)
    team.tick()
    assert team.sent_to("UDUB", "prompt")
    return team


def acked_quickly(action: Callable[[Bot], tuple[int, Callable[[], str]]], bot: Bot) -> Callable[[], str]:
    started = time.monotonic()
    status, answer = action(bot)
    assert status == 200 and time.monotonic() - started < ACK_LIMIT
    return answer


@pytest.mark.parametrize("what", list(WRITES))
def test_a_locked_database_gets_a_try_again_answer_and_nothing_half_written(
    practising: Bot, database_url: str, what: str
) -> None:
    give_up_on_locks_quickly(practising, database_url)
    before = everything_stored(practising)
    with locked_for_writing(database_url):
        answer = acked_quickly(WRITES[what], practising)
        assert TRY_AGAIN in answer().lower()
    assert everything_stored(practising) == before
    assert TRY_AGAIN not in acked_quickly(WRITES[what], practising)().lower()  # and once the lock is gone
    assert everything_stored(practising) != before


@pytest.mark.parametrize("what", list(EVERYTHING))
def test_an_unreachable_database_gets_a_try_again_answer(
    practising: Bot, slack: FakeSlackAPI, tmp_path, what: str
) -> None:
    working = practising.deps.sessions
    before = everything_stored(practising)
    practising.deps.sessions = session_factory(make_engine(f"sqlite:///{tmp_path}/no/such/dir/x.db"))
    answer = acked_quickly(EVERYTHING[what], practising)
    assert TRY_AGAIN in answer().lower()
    practising.deps.sessions = working
    assert everything_stored(practising) == before
