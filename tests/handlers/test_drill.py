"""A member asks for a drill, reads the customer's message in their DM, picks a first reply, says how sure they
are, and sees the best reply and why, each step replacing the message in place; the drill then comes back on
its Leitner schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from adapters import ids
from domain.drills import Confidence, shuffled
from storage import data_rights
from storage.models import DrillCard, DrillRound
from tests.fakes.slack_api import Call
from tests.harness import Bot, text_of

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def drill_dm(bot: Bot, user: str, count: int = 1) -> Call:
    calls = bot.slack.wait_for(
        "chat.postMessage", lambda c: c.params.get("channel") == user and "drill" in text_of(c).lower(), count=count
    )
    return calls[-1]


def buttons(blocks: list[dict]) -> dict[str, str]:
    return {e["action_id"]: e["value"] for b in blocks for e in b.get("elements", []) if e.get("type") == "button"}


def click(bot: Bot, user: str, action_id: str, value: str) -> Call:
    key = f"drill-{action_id}-{value}"
    response = bot.requests.block_action(
        user_id=user,
        action_id=action_id,
        value=value,
        channel_id="D" + user,
        message_ts="1.1",
        response_url=bot.slack.response_url(key),
    )
    assert response.status == 200
    return bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)[0]


def rounds(bot: Bot) -> list[DrillRound]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(DrillRound).order_by(DrillRound.id)))


def the_card(bot: Bot, user: str) -> DrillCard:
    with bot.deps.sessions() as session:
        return session.exec(select(DrillCard).where(DrillCard.user_id == user)).one()


def ask_and_answer(team: Bot, user: str, pick_best: bool, confidence: Confidence, count: int = 1) -> Call:
    assert "drill is in our DM" in team.ask("/drill", user=user, channel="D" + user)
    message = drill_dm(team, user, count)
    row = rounds(team)[-1]
    drill = team.deps.drill(row.drill_id)
    choice = drill.best if pick_best else next(i for i in range(len(drill.options)) if i != drill.best)
    place = shuffled(drill, user).index(choice)
    asked = click(
        team, user, f"{ids.DRILL_CHOOSE}{place}", buttons(message.params["blocks"])[f"{ids.DRILL_CHOOSE}{place}"]
    )
    assert asked.params["replace_original"] is True
    sure = buttons(asked.params["blocks"])
    return click(team, user, f"{ids.DRILL_SURE}{confidence.value}", sure[f"{ids.DRILL_SURE}{confidence.value}"])


def test_a_member_answers_a_drill_and_sees_the_best_reply_and_why_in_place(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    assert "drill is in our DM" in team.ask("/drill", user="UDUB", channel="DUDUB")
    message = drill_dm(team, "UDUB")
    (row,) = rounds(team)
    drill = team.deps.drill(row.drill_id)
    text = text_of(message)
    assert "What would you send first?" in text and drill.context in text
    order = shuffled(drill, "UDUB")
    for place, index in enumerate(order):
        assert f"*{chr(65 + place)}.* {drill.options[index].text}" in text
    choices = buttons(message.params["blocks"])
    assert set(choices) == {f"{ids.DRILL_CHOOSE}{p}" for p in range(len(order))}
    assert not [o.why for o in drill.options if o.why in text], "nothing is revealed before they choose"

    wrong = next(i for i in order if i != drill.best)
    place = order.index(wrong)
    asked = click(team, "UDUB", f"{ids.DRILL_CHOOSE}{place}", choices[f"{ids.DRILL_CHOOSE}{place}"])
    assert asked.params["replace_original"] is True
    assert f"You picked *{chr(65 + place)}*. How sure are you?" in text_of(asked)
    assert not [o.why for o in drill.options if o.why in text_of(asked)]
    sure = buttons(asked.params["blocks"])
    assert set(sure) == {f"{ids.DRILL_SURE}{c.value}" for c in Confidence}

    revealed = click(team, "UDUB", f"{ids.DRILL_SURE}sure", sure[f"{ids.DRILL_SURE}sure"])
    shown = text_of(revealed)
    assert revealed.params["replace_original"] is True
    assert f"the best first reply was {chr(65 + order.index(drill.best))}" in shown
    assert drill.options[wrong].why in shown and drill.options[drill.best].why in shown
    assert buttons(revealed.params["blocks"]) == {}, "no second attempt on the same message"
    (answered,) = rounds(team)
    assert (answered.choice, answered.best, answered.confidence) == (wrong, False, "sure")
    card = the_card(team, "UDUB")
    assert (card.box, card.due_on) == (1, answered.local_date + timedelta(days=1))  # a miss comes back tomorrow


def test_a_second_click_on_an_answered_drill_is_refused_kindly_and_changes_nothing(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    ask_and_answer(team, "UDUB", pick_best=True, confidence=Confidence.SURE)
    (row,) = rounds(team)
    again = click(team, "UDUB", f"{ids.DRILL_SURE}guessing", f"{row.id}:{row.choice}")
    assert "already answered this drill" in text_of(again)
    assert again.params.get("replace_original") is not True
    assert the_card(team, "UDUB").box == 2


def test_someone_else_s_drill_cannot_be_answered(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    team.ask("/drill", user="UDUB", channel="DUDUB")
    (row,) = rounds(team)
    refused = click(team, "UNY", f"{ids.DRILL_SURE}sure", f"{row.id}:0")
    assert "sent to someone else" in text_of(refused)
    assert rounds(team)[0].answered_at is None


def test_a_drill_answered_right_and_sure_comes_back_three_days_later_as_a_review(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    ask_and_answer(team, "UDUB", pick_best=True, confidence=Confidence.SURE)
    first = rounds(team)[0]
    assert the_card(team, "UDUB").due_on == first.local_date + timedelta(days=3)
    team.clock.set(MONDAY_MORNING + timedelta(days=3))
    team.ask("/drill", user="UDUB", channel="DUDUB")
    again = rounds(team)[-1]
    assert (again.drill_id, again.review) == (first.drill_id, True)
    assert "Review" in text_of(drill_dm(team, "UDUB", 2))


def test_drill_help_and_a_skill_by_name(team: Bot) -> None:
    assert "`/drill listening`" in team.ask("/drill", "help", user="UDUB", channel="DUDUB")
    assert "isn't a skill" in team.ask("/drill", "charm", user="UDUB", channel="DUDUB")
    team.ask("/drill", "Receiving feedback", user="UDUB", channel="DUDUB")
    assert rounds(team)[-1].skill == "feedback"


def test_someone_outside_any_team_is_told_how_to_join(bot: Bot) -> None:
    assert "not in a practice team" in bot.ask("/drill", user="ULEAD", channel="DULEAD")


def test_a_person_s_export_has_their_drills_and_forget_me_deletes_them(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    ask_and_answer(team, "UDUB", pick_best=True, confidence=Confidence.THINK_SO)
    with team.deps.sessions() as session:
        exported = data_rights.export(session, user_id="UDUB")
    (card,) = exported["drill_cards"]
    assert card["box"] == 1 and card["retired"] is False
    (answered,) = exported["drills"]
    assert answered["best"] is True and answered["confidence"] == "think_so"
    with team.deps.sessions() as session:
        counts = data_rights.forget(session, user_id="UDUB")
        session.commit()
    assert counts["drills"] == 1 and counts["drill_cards"] == 1
    assert rounds(team) == []
