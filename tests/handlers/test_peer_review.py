"""A member offers their written reply for review: one teammate reviews it blind, ticking the strong-reply
checks and saying what to keep doing or do differently; the author gets the review by DM through the feedback
flow, and the reviewer's name only if they sign. An unanswered request moves once, then lapses kindly."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from adapters import ids
from storage.models import DrillReview, Feedback
from tests.fakes.slack_api import Call
from tests.handlers.test_drill_write import REPLY, open_write_form, submit_reply
from tests.handlers.test_home import open_home
from tests.handlers.test_reflect import click
from tests.handlers.test_summary import uploads
from tests.harness import Bot, eventually, text_of
from tests.privacy import assert_never_reveals

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
AUTHOR = "UDUB"


def saved_dms(bot: Bot, author: str) -> list[Call]:
    return [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if c.params["channel"] == author and "first reply" in text_of(c)
    ]


def write_and_offer(bot: Bot, author: str = AUTHOR, *, offer: bool = True) -> None:
    before = len(saved_dms(bot, author))
    body = submit_reply(bot, author, open_write_form(bot, author), REPLY)
    review = body["view"]
    values = {ids.DRILL_TICKS_BLOCK: {ids.DRILL_TICKS_INPUT: {"type": "checkboxes", "selected_options": []}}}
    if offer:
        values[ids.DRILL_OFFER_BLOCK] = {
            ids.DRILL_OFFER_INPUT: {"type": "checkboxes", "selected_options": [{"value": "offer"}]}
        }
    response = bot.requests.view_submission(
        user_id=author, callback_id=review["callback_id"], values=values, private_metadata=review["private_metadata"]
    )
    assert response.status == 200
    eventually(lambda: len(saved_dms(bot, author)) > before)


def requests(bot: Bot) -> list[DrillReview]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(DrillReview).order_by(DrillReview.id)))


def request_dm(bot: Bot, reviewer: str, count: int = 1) -> Call:
    return bot.slack.wait_for(
        "chat.postMessage",
        lambda c: c.params["channel"] == reviewer and "asks for your review" in text_of(c),
        count=count,
    )[-1]


def review(bot: Bot, reviewer: str, dm: Call, *, ticks: list[int], keep: str, signed: bool = False) -> None:
    value = next(e["value"] for b in dm.params["blocks"] for e in b.get("elements", []) if e.get("type") == "button")
    form = click(bot, reviewer, ids.REVIEW_OPEN, value)
    values = {
        ids.REVIEW_TICKS_BLOCK: {
            ids.DRILL_TICKS_INPUT: {"type": "checkboxes", "selected_options": [{"value": str(t)} for t in ticks]}
        },
        ids.REVIEW_KEEP_BLOCK: {ids.FEEDBACK_TEXT_INPUT: {"type": "plain_text_input", "value": keep}},
        ids.REVIEW_CHANGE_BLOCK: {ids.FEEDBACK_TEXT_INPUT: {"type": "plain_text_input", "value": ""}},
        ids.REVIEW_SIGN_BLOCK: {
            ids.REVIEW_SIGN_INPUT: {"type": "checkboxes", "selected_options": [{"value": "sign"}] if signed else []}
        },
    }
    response = bot.requests.view_submission(
        user_id=reviewer, callback_id=form["callback_id"], values=values, private_metadata=form["private_metadata"]
    )
    assert response.status == 200


def test_an_offered_reply_is_reviewed_blind_and_the_review_reaches_its_author_as_feedback(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    write_and_offer(team)
    (asked,) = requests(team)
    reviewer = asked.reviewer_id
    assert reviewer not in (AUTHOR, "UBOT")
    dm = request_dm(team, reviewer)
    assert REPLY in text_of(dm) and "You don't see who wrote it" in text_of(dm)
    review(team, reviewer, dm, ticks=[0], keep="You said when the money lands: keep that.")
    ticks = team.slack.wait_for(
        "chat.postMessage",
        lambda c: c.params["channel"] == AUTHOR and "A teammate reviewed your first reply" in text_of(c),
    )[0]
    assert "it meets 1 of" in text_of(ticks)
    gift = team.slack.wait_for(
        "chat.postMessage", lambda c: c.params["channel"] == AUTHOR and "keep that" in text_of(c)
    )[0]
    assert "a teammate" in text_of(gift).lower() and f"<@{reviewer}>" not in text_of(gift)
    assert ids.FEEDBACK_THANKS in str(gift.params["blocks"])
    thanks = team.slack.wait_for(
        "chat.postMessage", lambda c: c.params["channel"] == reviewer and "on its way" in text_of(c)
    )
    assert "without your name" in text_of(thanks[0])
    eventually(lambda: requests(team)[0].status == "done")
    with team.deps.sessions() as session:
        (row,) = session.exec(select(Feedback)).all()
    assert (row.recipient_id, row.anonymous, requests(team)[0].feedback_id) == (AUTHOR, True, row.id)
    checked = assert_never_reveals(team.slack, AUTHOR, ["dara"], [reviewer], owners={})
    assert checked > 0
    assert_never_reveals(team.slack, reviewer, ["nia", "ishan", "lena"], [AUTHOR], owners={})
    # The lead's summary and the author's Home count it, and show nobody's words.
    summary = team.ask("/summary", user="ULEAD")
    assert "1 peer review given" in summary and "keep that" not in summary
    home = str(open_home(team, AUTHOR))
    assert "Peer reviews this month: 0 given, 1 received" in home


def test_a_signed_review_names_its_reviewer(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    write_and_offer(team)
    reviewer = requests(team)[0].reviewer_id
    review(team, reviewer, request_dm(team, reviewer), ticks=[], keep="Clear and short.", signed=True)
    gift = team.slack.wait_for(
        "chat.postMessage", lambda c: c.params["channel"] == AUTHOR and "Clear and short." in text_of(c)
    )[0]
    assert f"<@{reviewer}>" in text_of(gift)
    eventually(lambda: requests(team)[0].status == "done")
    assert "CSV" in team.ask("/summary", "csv", user="ULEAD")
    (upload,) = [f for f in uploads(team, ".csv")]
    rows = {row[0]: row for row in csv.reader(io.StringIO(upload.data.decode().split("\n\n")[0]))}
    columns = rows["user_id"]
    assert rows[reviewer][columns.index("reviews_given")] == "1"
    assert rows[AUTHOR][columns.index("reviews_received")] == "1"
    assert rows[AUTHOR][columns.index("written_replies")] == "1"


def test_the_next_review_goes_to_someone_else_and_a_review_needs_words(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    write_and_offer(team)
    write_and_offer(team)
    first, second = requests(team)
    assert first.reviewer_id != second.reviewer_id  # never the same reviewer twice in a row
    dm = request_dm(team, second.reviewer_id)
    value = next(e["value"] for b in dm.params["blocks"] for e in b.get("elements", []) if e.get("type") == "button")
    team.requests.block_action(
        user_id=second.reviewer_id,
        action_id=ids.REVIEW_OPEN,
        value=value,
        channel_id="D" + second.reviewer_id,
        message_ts="1.1",
        response_url=team.slack.response_url("empty"),
    )
    form = team.slack.wait_for("views.open", lambda c: c.params["view"]["callback_id"] == ids.REVIEW_MODAL)[0]
    response = team.requests.view_submission(
        user_id=second.reviewer_id,
        callback_id=ids.REVIEW_MODAL,
        values={},
        private_metadata=form.params["view"]["private_metadata"],
    )
    assert response.json()["response_action"] == "errors"
    assert "one of the two is enough" in response.json()["errors"][ids.REVIEW_KEEP_BLOCK]


def test_an_unanswered_request_moves_once_after_two_practice_days_then_lapses_with_a_kind_note(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    write_and_offer(team)
    (first,) = requests(team)
    team.clock.set(MONDAY_MORNING + timedelta(days=2) - timedelta(minutes=5))
    team.tick()
    assert [r.status for r in requests(team)] == ["open"]
    team.clock.set(MONDAY_MORNING + timedelta(days=2, minutes=1))  # Wednesday: two practice days on
    team.tick()
    moved, second = requests(team)
    assert (moved.status, second.status, second.moved) == ("moved", "open", True)
    assert second.reviewer_id not in (first.reviewer_id, AUTHOR)
    request_dm(team, second.reviewer_id)
    team.clock.set(MONDAY_MORNING + timedelta(days=4, minutes=2))  # Friday
    team.tick()
    assert [r.status for r in requests(team)] == ["moved", "lapsed"]
    note = team.slack.wait_for(
        "chat.postMessage", lambda c: c.params["channel"] == AUTHOR and "didn't get a review" in text_of(c)
    )
    assert len(note) == 1
    team.clock.set(MONDAY_MORNING + timedelta(days=8))
    team.tick()
    assert [r.status for r in requests(team)] == ["moved", "lapsed"]  # nothing more is sent, ever
    notes = [c for c in team.slack.calls_to("chat.postMessage") if "didn't get a review" in text_of(c)]
    assert len(notes) == 1
    clicked_late = team.requests.block_action(
        user_id=first.reviewer_id,
        action_id=ids.REVIEW_OPEN,
        value=str(first.id),
        channel_id="D" + first.reviewer_id,
        message_ts="1.1",
        response_url=team.slack.response_url("late"),
    )
    assert clicked_late.status == 200
    (late,) = team.slack.wait_for("response_url", lambda c: c.params.get("_key") == "late")
    assert "isn't waiting for you any more" in text_of(late)
