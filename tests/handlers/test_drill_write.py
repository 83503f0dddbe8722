"""A member writes their own first reply to a drill's customer, then ticks the strong-reply checks it meets;
the reply and the ticks come back to them by DM, and nobody else sees either."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from adapters import ids
from storage import data_rights
from storage.models import DrillWriting
from tests.handlers.test_home import open_home
from tests.harness import LEAD, Bot, text_of

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
REPLY = "Hi Sam, I can see the two charges. I've refunded the second one now; it reaches your card in 3 to 5 days."


def open_write_form(bot: Bot, user: str, text: str = "write") -> dict:
    before = len(bot.slack.calls_to("views.open"))
    bot.command("/drill", text, user=user, channel="D" + user)
    return bot.slack.wait_for("views.open", count=before + 1)[-1].params["view"]


def submit_reply(bot: Bot, user: str, view: dict, text: str) -> dict:
    response = bot.requests.view_submission(
        user_id=user,
        callback_id=view["callback_id"],
        values={ids.DRILL_REPLY_BLOCK: {ids.DRILL_REPLY_INPUT: {"type": "plain_text_input", "value": text}}},
        private_metadata=view["private_metadata"],
    )
    assert response.status == 200
    return response.json() if response.body else {}


def submit_ticks(bot: Bot, user: str, view: dict, ticks: list[int]) -> None:
    selected = [{"value": str(t)} for t in ticks]
    response = bot.requests.view_submission(
        user_id=user,
        callback_id=view["callback_id"],
        values={ids.DRILL_TICKS_BLOCK: {ids.DRILL_TICKS_INPUT: {"type": "checkboxes", "selected_options": selected}}},
        private_metadata=view["private_metadata"],
    )
    assert response.status == 200


def writings(bot: Bot) -> list[DrillWriting]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(DrillWriting).order_by(DrillWriting.id)))


def text_of_view(view: dict) -> str:
    return str(view["blocks"])


def test_a_member_writes_a_first_reply_then_ticks_the_checks_it_meets(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    form = open_write_form(team, "UDUB")
    assert form["callback_id"] == ids.DRILL_WRITE_MODAL
    body = submit_reply(team, "UDUB", form, REPLY)
    assert body["response_action"] == "update"
    review = body["view"]
    (saved,) = writings(team)
    drill = team.deps.drill(saved.drill_id)
    assert drill.customer.splitlines()[0][:40] in text_of_view(form)
    assert saved.text == REPLY and saved.self_ticks is None  # saved before any tick: nothing typed is lost
    assert REPLY in text_of_view(review)
    ticks_block = next(b for b in review["blocks"] if b.get("block_id") == ids.DRILL_TICKS_BLOCK)
    assert [o["text"]["text"] for o in ticks_block["element"]["options"]] == list(drill.strong_reply)
    submit_ticks(team, "UDUB", review, [0, 2, 9])
    (dm,) = team.slack.wait_for("chat.postMessage", lambda c: "Saved your first reply" in text_of(c))
    assert dm.params["channel"] == "UDUB"
    shown = text_of(dm)
    kept = [0, 2] if len(drill.strong_reply) == 3 else [0]
    assert f"it meets {len(kept)} of {len(drill.strong_reply)}" in shown
    assert f"✅ {drill.strong_reply[0]}" in shown and f"▫️ {drill.strong_reply[1]}" in shown
    assert writings(team)[0].self_ticks == ",".join(map(str, kept))


def test_an_empty_or_overlong_reply_is_refused_inside_the_form(team: Bot) -> None:
    form = open_write_form(team, "UDUB")
    for text, hint in (("  ", "Write the first reply"), ("x" * 1501, "1,501 characters")):
        body = submit_reply(team, "UDUB", form, text)
        assert body["response_action"] == "errors" and hint in body["errors"][ids.DRILL_REPLY_BLOCK]
    assert writings(team) == []


def test_a_skill_can_be_named_and_nobody_else_can_review_your_reply(team: Bot) -> None:
    form = open_write_form(team, "UDUB", "write listening")
    body = submit_reply(team, "UDUB", form, REPLY)
    (saved,) = writings(team)
    assert saved.skill == "listening"
    submit_ticks(team, "UNY", body["view"], [0])
    (refused,) = team.slack.wait_for("chat.postMessage", lambda c: c.params.get("channel") == "UNY")
    assert "someone else" in text_of(refused)
    assert writings(team)[0].self_ticks is None


def test_the_next_reply_to_write_is_a_customer_not_yet_answered(team: Bot) -> None:
    seen = set()
    for _ in range(3):
        submit_reply(team, "UDUB", open_write_form(team, "UDUB"), REPLY)
        seen.add(writings(team)[-1].drill_id)
    assert len(seen) == 3


def test_a_person_s_export_has_their_written_replies_and_forget_me_deletes_them(team: Bot) -> None:
    submit_reply(team, "UDUB", open_write_form(team, "UDUB"), REPLY)
    with team.deps.sessions() as session:
        (written,) = data_rights.export(session, user_id="UDUB")["written_drills"]
        assert written["text"] == REPLY
        assert data_rights.forget(session, user_id="UDUB")["written_drills"] == 1
        session.commit()
    assert writings(team) == []


def test_written_replies_are_counted_on_the_home_and_in_the_lead_s_summary_never_shown(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    body = submit_reply(team, "UDUB", open_write_form(team, "UDUB"), REPLY)
    submit_ticks(team, "UDUB", body["view"], [0])
    submit_reply(team, "UNY", open_write_form(team, "UNY"), "Sorry about that, looking into it now.")
    team.slack.wait_for("chat.postMessage", lambda c: "Saved your first reply" in text_of(c))
    home = str(open_home(team, "UDUB"))
    assert "1 reply written this month, 1 checked against a strong reply" in home
    summary = team.ask("/summary", user=LEAD)
    assert "2 replies written, 1 checked by their authors" in summary
    assert REPLY not in summary and "looking into it" not in summary
