"""A member takes their data with them or has it forgotten; a lead sets how long answers are kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from adapters import ids
from storage.db import transaction
from storage.models import Answer, DrillWriting, Feedback
from tests.harness import LEAD, Bot, eventually, text_of

MONDAY_LATE_MORNING = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
WORDS = "I slowed down and asked what she had already tried."


def answered(team: Bot, user: str, text: str = WORDS) -> None:
    team.clock.set(MONDAY_LATE_MORNING)
    team.tick()
    assert "Saved your answer" in team.ask("/reflect", text, user=user, channel="D" + user)


def feedback(team: Bot, giver: str, recipient: str, *, anonymous: bool, text: str) -> None:
    with transaction(team.deps.sessions) as session:
        session.add(
            Feedback(
                team_id=1,
                giver_id=giver,
                recipient_id=recipient,
                skill="listening",
                keep_doing=text,
                anonymous=anonymous,
                created_at=team.clock.now(),
            )
        )


def rows(team: Bot, model: type) -> list:
    with team.deps.sessions() as session:
        return list(session.exec(select(model)))


def click(team: Bot, user: str, action_id: str, key: str) -> str:
    team.requests.block_action(
        user_id=user,
        action_id=action_id,
        value="x",
        channel_id="D" + user,
        message_ts="1.1",
        response_url=team.slack.response_url(key),
        is_ephemeral=True,
    )
    (reply,) = team.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)
    return text_of(reply)


def test_a_member_exports_their_data_as_a_file_in_their_dm(team: Bot) -> None:
    answered(team, "UDUB")
    feedback(team, "UNY", "UDUB", anonymous=True, text="You calmed that caller down beautifully.")
    feedback(team, "UDUB", "UIN", anonymous=False, text="Great recap at the end.")
    reply = team.ask("/practice", "export", user="UDUB", channel="DUDUB")
    assert "1 answers, 1 feedback received, 1 feedback given" in reply
    (upload,) = team.slack.uploaded_files.values()
    assert upload.completed and upload.channel_id == team.slack.dm_channel_id("UDUB")
    data = json.loads(upload.data)
    assert [a["text"] for a in data["answers"]] == [WORDS]
    assert data["feedback_received"][0]["keep_doing"] == "You calmed that caller down beautifully."
    assert "from" not in data["feedback_received"][0]  # anonymous stays anonymous, even in an export
    assert "UNY" not in upload.data.decode()
    assert data["feedback_given"][0]["to"] == "UIN"


def test_forget_me_asks_first_and_deletes_only_after_the_confirmation(team: Bot) -> None:
    answered(team, "UDUB")
    answered(team, "UIN", "Mine stays.")
    feedback(team, "UDUB", "UIN", anonymous=False, text="Signed feedback.")
    feedback(team, "UDUB", "UNY", anonymous=True, text="Anonymous feedback.")
    feedback(team, "UIN", "UDUB", anonymous=False, text="Feedback to them stays with them.")
    assert "cannot be undone" in team.ask("/practice", "forget-me", user="UDUB", channel="DUDUB")
    assert len(rows(team, Answer)) == 2

    assert "Nothing was deleted" in click(team, "UDUB", ids.FORGET_CANCEL, "cancel")
    assert len(rows(team, Answer)) == 2

    done = click(team, "UDUB", ids.FORGET_CONFIRM, "confirm")
    assert "I deleted 1 answer, 0 self-ratings and 1 piece of feedback" in done
    assert [a.user_id for a in rows(team, Answer)] == ["UIN"]
    kept = {f.keep_doing: f.giver_id for f in rows(team, Feedback)}
    assert kept == {"Anonymous feedback.": "forgotten", "Feedback to them stays with them.": "UIN"}


def test_a_lead_sets_a_retention_period_and_older_answers_are_deleted(team: Bot) -> None:
    answered(team, "UDUB", "An old answer.")
    assert "Only a team lead" in team.ask("/practice", "retention 30", user="UDUB")
    assert "kept until their authors delete them" in team.ask("/practice", "retention", user="UDUB")
    assert "deleted 30 days after" in team.ask("/practice", "retention 30", user=LEAD)
    old_reply = team.requests.view_submission(
        user_id="UDUB",
        callback_id=ids.DRILL_WRITE_MODAL,
        values={ids.DRILL_REPLY_BLOCK: {ids.DRILL_REPLY_INPUT: {"type": "plain_text_input", "value": "Old words."}}},
        private_metadata=json.dumps({"drill_id": team.deps.drills[0].id}),
    )
    assert old_reply.status == 200 and [w.text for w in rows(team, DrillWriting)] == ["Old words."]
    team.clock.advance(timedelta(days=29))
    assert "Saved your answer" in team.ask("/reflect", "A newer answer.", user="UIN", channel="DUIN")
    team.clock.advance(timedelta(days=1, minutes=1))
    team.tick()
    eventually(lambda: [a.text for a in rows(team, Answer)] == ["A newer answer."])
    assert rows(team, DrillWriting) == []  # a drill reply is someone's words too
    assert "kept until their authors" in team.ask("/practice", "retention off", user=LEAD)
