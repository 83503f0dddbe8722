"""A lead makes Thursday the team's written-drill day: that day each member's practice DM is a customer's
message with "Write your reply", the reply written from it answers the day's practice (no reminder, answered in
the lead's summary), and it counts as a reply written, never as a drill picked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from adapters import ids
from domain.drills import DrillMode
from storage.models import DrillRound
from tests.handlers.test_drill_write import REPLY, submit_reply, submit_ticks, writings
from tests.handlers.test_home import open_home
from tests.handlers.test_reflect import click
from tests.harness import LEAD, Bot, Sent, eventually, text_of
from tests.usecases.test_drill_days import SATURDAY, ZONES, item_of, practice_dms

THURSDAY_EVENING = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)


def write_button(sent: Sent) -> str:
    (value,) = [
        e["value"]
        for b in sent.call.params["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id") == ids.DRILL_WRITE_OPEN
    ]
    return value


def rounds(bot: Bot) -> list[DrillRound]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(DrillRound).order_by(DrillRound.id)))


def thursday_dm(bot: Bot, user: str) -> Sent:
    (sent,) = [s for s in practice_dms(bot, user) if s.at.astimezone(ZoneInfo(ZONES[user])).weekday() == 3]
    return sent


def test_on_the_written_drill_day_each_member_s_practice_dm_asks_for_their_own_reply(team: Bot) -> None:
    shown = team.ask("/practice", "schedule write thu", user=LEAD)
    assert "A written reply instead on Thu" in shown
    team.run_by_schedule(SATURDAY)
    for user, zone in ZONES.items():
        sent = practice_dms(team, user)
        days = [s.at.astimezone(ZoneInfo(zone)).weekday() for s in sent]
        assert days == [0, 1, 2, 3, 4], user  # still one practice DM a day
        thursday = thursday_dm(team, user)
        assert "How would you reply first, in your own words?" in text_of(thursday.call)
        assert team.deps.drill(item_of(team, thursday)).strong_reply  # a drill with checks to review against
        others = [s for s in sent if s is not thursday]
        assert not [s for s in others if ids.DRILL_WRITE_OPEN in str(s.call.params["blocks"])]
    assert {r.mode for r in rounds(team)} == {DrillMode.WRITE}


def test_a_reply_written_from_the_dm_answers_the_day_and_counts_as_written_not_as_a_drill(team: Bot) -> None:
    team.ask("/practice", "schedule write thu", user=LEAD)
    team.run_by_schedule(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    dm = thursday_dm(team, "UDUB")
    form = click(team, "UDUB", ids.DRILL_WRITE_OPEN, write_button(dm))
    assert form["callback_id"] == ids.DRILL_WRITE_MODAL
    review = submit_reply(team, "UDUB", form, REPLY)["view"]
    (saved,) = writings(team)
    assert saved.drill_id == item_of(team, dm) and saved.text == REPLY
    submit_ticks(team, "UDUB", review, [0])
    team.slack.wait_for("chat.postMessage", lambda c: "Saved your first reply" in text_of(c))
    (answered,) = [r for r in rounds(team) if r.user_id == "UDUB"]
    assert answered.answered_at is not None and answered.best is None
    team.run_by_schedule(THURSDAY_EVENING)
    thursday = [s for s in team.sent if s.kind == "reminder" and s.at.date() == THURSDAY_EVENING.date()]
    reminded = {s.channel for s in thursday}
    assert "UDUB" not in reminded and LEAD in reminded
    (nudge,) = [s for s in thursday if s.channel == LEAD]
    assert "written drill is still waiting" in text_of(nudge.call)
    assert ids.DRILL_WRITE_OPEN in str(nudge.call.params["blocks"])  # the nudge carries the button again
    summary = team.ask("/summary", user=LEAD)
    assert "<@UDUB> 4/4 answered" not in summary  # Monday to Wednesday were reflections left open
    assert "<@UDUB> 1/4 answered" in summary
    assert "*Drills:* 0 done · 1 reply written, 1 checked by their authors" in summary  # written, not picked
    home = str(open_home(team, "UDUB"))
    assert "1 reply written this month" in home and "drill this month" not in home


def test_the_button_opens_nothing_for_anyone_else_and_a_second_reply_answers_the_day_once(team: Bot) -> None:
    team.ask("/practice", "schedule write thu", user=LEAD)
    team.run_by_schedule(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    value = write_button(thursday_dm(team, "UDUB"))
    before = len(team.slack.calls_to("views.open"))
    team.requests.block_action(
        user_id="UIN",
        action_id=ids.DRILL_WRITE_OPEN,
        value=value,
        channel_id="DUIN",
        message_ts="1.1",
        response_url=team.slack.response_url("not-theirs"),
    )
    (refused,) = team.slack.wait_for("response_url", lambda c: c.params.get("_key") == "not-theirs")
    assert "sent to someone else" in text_of(refused)
    assert len(team.slack.calls_to("views.open")) == before
    for text in (REPLY, "A second go: " + REPLY):
        submit_reply(team, "UDUB", click(team, "UDUB", ids.DRILL_WRITE_OPEN, value), text)
        team.clock.advance(timedelta(minutes=5))
    eventually(lambda: len(writings(team)) == 2)
    (answered,) = [r for r in rounds(team) if r.user_id == "UDUB"]
    first, second = writings(team)
    assert answered.answered_at == first.created_at < second.created_at


def test_the_written_drill_day_wins_over_a_drill_day_and_can_be_turned_off(team: Bot) -> None:
    team.ask("/practice", "schedule drills mon,thu write thu", user=LEAD)
    assert "Written drills: off" in team.ask("/practice", "schedule write off", user=LEAD)
    team.ask("/practice", "schedule write thu", user=LEAD)
    team.run_by_schedule(THURSDAY_EVENING)
    modes = {(r.user_id, r.local_date.weekday()): r.mode for r in rounds(team)}
    assert modes[("UDUB", 0)] == DrillMode.CHOOSE and modes[("UDUB", 3)] == DrillMode.WRITE


def test_a_lead_is_told_a_written_drill_day_is_one_day(team: Bot) -> None:
    assert "one day a week" in team.ask("/practice", "schedule write mon,thu", user=LEAD)
