"""A member runs `/practice focus` (or gets the offer by DM every four weeks): their own signals per skill side by
side, the skill with the most room suggested, and a choice of it, another skill or none. The Home shows the focus
running, a lead's summary counts how many have one and on which skills, and export and forget-me cover it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from adapters import ids
from domain.drills import DrillMode
from domain.ledger import DeliveryKind
from domain.schedule import Due
from storage import data_rights
from storage.db import transaction
from storage.models import DrillRound, Feedback, Focus, SelfRating
from tests.fakes.slack_api import Call
from tests.handlers.test_home import open_home
from tests.harness import LEAD, TEAM_CHANNEL, Bot, text_of
from usecases import focus

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
_keys = iter(range(1, 1_000_000))


def rate(bot: Bot, user: str, skill: str, rating: int) -> None:
    with transaction(bot.deps.sessions) as session:
        session.add(SelfRating(user_id=user, skill=skill, rating=rating, created_at=bot.clock.now()))


def feedback(bot: Bot, recipient: str, skill: str, *, keep: int = 0, change: int = 0) -> None:
    with transaction(bot.deps.sessions) as session:
        for n in range(keep + change):
            session.add(
                Feedback(
                    team_id=1,
                    giver_id=LEAD,
                    recipient_id=recipient,
                    skill=skill,
                    keep_doing="Kept calm." if n < keep else None,
                    do_differently=None if n < keep else "Ask before you answer.",
                    created_at=bot.clock.now(),
                )
            )


def drilled(bot: Bot, user: str, skill: str, *, tries: int, best: int) -> None:
    drill = next(d for d in bot.deps.drills if d.skill == skill)
    with transaction(bot.deps.sessions) as session:
        for n in range(tries):
            session.add(
                DrillRound(
                    user_id=user,
                    team_id=1,
                    drill_id=drill.id,
                    skill=skill,
                    local_date=bot.clock.now().date(),
                    sent_at=bot.clock.now(),
                    mode=DrillMode.CHOOSE,
                    choice=drill.best if n < best else (drill.best + 1) % len(drill.options),
                    confidence="sure",
                    best=n < best,
                    answered_at=bot.clock.now(),
                )
            )


def view(bot: Bot, user: str, channel: str | None = None) -> Call:
    """`/practice focus` and the ephemeral answer, blocks and all."""
    key = bot.command("/practice", "focus", user=user, channel=channel or "D" + user).removeprefix("trig-")
    return bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)[0]


def values(call: Call, action_id: str) -> list[str]:
    found = []
    for block in call.params["blocks"]:
        for element in [block.get("accessory") or {}, *block.get("elements", [])]:
            if element.get("action_id") == action_id:
                found.append(element["value"])
    return found


def value_for(call: Call, skill: str) -> str:
    (value,) = [v for v in values(call, ids.FOCUS_PICK) if v.endswith(f":{skill}")]
    return value


def press(bot: Bot, user: str, action_id: str, value: str) -> str:
    key = f"focus-{next(_keys)}"
    response = bot.requests.block_action(
        user_id=user,
        action_id=action_id,
        value=value,
        channel_id="D" + user,
        message_ts="1.1",
        response_url=bot.slack.response_url(key),
    )
    assert response.status == 200
    return text_of(bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)[0])


def focuses(bot: Bot) -> list[Focus]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(Focus).order_by(Focus.id)))


def test_with_no_signal_nothing_is_suggested_and_the_view_says_what_would_give_one(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    shown = view(team, "UNY")
    text = text_of(shown)
    assert "No skill has a signal yet" in text and "`/feedback`" in text and "`/drill`" in text
    assert "the most room" not in text
    assert len(values(shown, ids.FOCUS_PICK)) == 9 and len(values(shown, ids.FOCUS_NONE)) == 1
    assert shown.params["response_type"] == "ephemeral"


def test_the_three_signals_show_side_by_side_and_the_largest_gap_is_suggested(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    rate(team, "UDUB", "listening", 4)  # room 1/4
    feedback(team, "UDUB", "empathy", keep=1, change=2)  # room 2/3
    drilled(team, "UDUB", "questioning", tries=2, best=0)  # room 1
    text = text_of(view(team, "UDUB", TEAM_CHANNEL))  # from the channel too, and still only to them
    assert "The most room: *Questioning*" in text
    assert "*Questioning* · _the most room_\nnot rated yet · peers: no feedback in 8 weeks · drills: 0/2 (0%)" in text
    assert "*Listening*\nyou rate yourself 4/5 · peers: no feedback in 8 weeks · drills: none yet" in text
    assert "*Empathy*\nnot rated yet · peers: 1 keep doing, 2 do differently · drills: none yet" in text


def test_a_member_picks_another_skill_sees_it_on_the_home_then_chooses_none(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    rate(team, "UDUB", "listening", 1)
    shown = view(team, "UDUB")
    assert "Your focus is *Empathy* until Sun 20 Dec" in press(
        team, "UDUB", ids.FOCUS_PICK, value_for(shown, "empathy")
    )
    assert "already your focus: 28 days left" in press(team, "UDUB", ids.FOCUS_PICK, value_for(shown, "empathy"))
    home = str(open_home(team, "UDUB"))
    assert "*Focus: Empathy* · 28 days left" in home and "0 answers on it so far" in home
    again = view(team, "UDUB")  # the running focus, offered to change
    assert "Your focus: Empathy" in text_of(again) and "_your focus now_" in text_of(again)
    assert values(again, ids.FOCUS_PICK) and not [v for v in values(again, ids.FOCUS_PICK) if v.endswith(":empathy")]
    assert "No focus this time" in press(team, "UDUB", ids.FOCUS_NONE, values(again, ids.FOCUS_NONE)[0])
    assert "*Focus skill:* none right now" in str(open_home(team, "UDUB"))
    (row,) = focuses(team)
    assert row.skill is None and row.chosen_at is not None and row.suggested == "listening"


def test_an_offer_made_to_someone_else_or_replaced_cannot_be_chosen_on(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    shown = view(team, "UDUB")
    assert "made to someone else" in press(team, "UIN", ids.FOCUS_PICK, value_for(shown, "listening"))
    press(team, "UDUB", ids.FOCUS_NONE, values(shown, ids.FOCUS_NONE)[0])
    team.clock.advance(timedelta(days=1))
    newer = view(team, "UDUB")
    assert values(newer, ids.FOCUS_NONE) != values(shown, ids.FOCUS_NONE)
    assert "A newer offer has replaced that one" in press(team, "UDUB", ids.FOCUS_PICK, value_for(shown, "empathy"))
    assert "out of date" in press(team, "UDUB", ids.FOCUS_PICK, "12:not-a-skill")


def test_someone_outside_any_team_is_told_a_focus_needs_one(bot: Bot) -> None:
    assert "needs a practice team" in bot.ask("/practice", "focus", user="ULEAD", channel="DULEAD")


def test_the_offer_comes_by_dm_with_the_first_prompt_only_to_those_with_a_signal_and_not_to_the_paused(
    team: Bot,
) -> None:
    rate(team, "UDUB", "listening", 2)
    rate(team, "UIN", "empathy", 2)
    team.ask("/practice", "pause me", user="UIN", channel="DUIN")
    team.run_until(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    (offer,) = team.sent_to("UDUB", "focus")
    assert (prompt := team.sent_to("UDUB", "prompt")) and prompt[0].at <= offer.at
    assert "The most room: *Listening*" in text_of(offer.call)
    assert team.sent_to("UIN") == [] and team.sent_to("UNY", "focus") == [] and team.sent_to(LEAD, "focus") == []
    team.run_until(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    assert len(team.sent_to("UDUB", "focus")) == 1  # an open offer is not made again the next day
    assert "Your focus is *Listening*" in press(team, "UDUB", ids.FOCUS_PICK, value_for(offer.call, "listening"))


def test_two_schedulers_seeing_the_same_prompt_due_make_one_offer(team: Bot) -> None:
    rate(team, "UDUB", "listening", 2)
    team.clock.set(datetime(2026, 11, 23, 9, 35, tzinfo=UTC))
    due = [Due(DeliveryKind.PROMPT, 1, "UDUB", date(2026, 11, 23))]
    assert focus.offer_due(team.deps, due)["focus:sent"] == 1
    assert focus.offer_due(team.deps, due)["focus:sent"] == 0
    assert len(focuses(team)) == 1 and len(team.sent_to("UDUB", "focus")) == 1


def test_a_lead_s_summary_counts_focuses_per_skill_never_who(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    for user, skill in (("UDUB", "listening"), ("UIN", "empathy"), ("UNY", "listening")):
        press(team, user, ids.FOCUS_PICK, value_for(view(team, user), skill))
    press(team, "UNY", ids.FOCUS_NONE, values(view(team, "UNY"), ids.FOCUS_NONE)[0])
    summary = team.ask("/summary", user=LEAD)
    (line,) = [line for line in summary.splitlines() if line.startswith("*Focus skills:*")]
    assert line == "*Focus skills:* 2 people have one running · Listening 1 · Empathy 1"
    assert "<@" not in line


def test_export_has_the_member_s_focus_and_what_changed_and_forget_me_deletes_it(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    press(team, "UDUB", ids.FOCUS_PICK, value_for(view(team, "UDUB"), "listening"))
    (row,) = focuses(team)
    with transaction(team.deps.sessions) as session:
        session.get(Focus, row.id).outcome = "I ask one more question first."
    team.ask("/practice", "export", user="UDUB", channel="DUDUB")
    (upload,) = team.slack.uploaded_files.values()
    (mine,) = json.loads(upload.data)["focus_skills"]
    assert (mine["skill"], mine["starts_on"], mine["ends_on"]) == ("listening", "2026-11-23", "2026-12-21")
    assert mine["what_changed"] == "I ask one more question first."
    with transaction(team.deps.sessions) as session:
        assert data_rights.forget(session, user_id="UDUB")["focus_skills"] == 1
    assert focuses(team) == []


def test_retention_clears_what_changed_once_it_is_older_than_the_team_s_period(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    press(team, "UDUB", ids.FOCUS_PICK, value_for(view(team, "UDUB"), "listening"))
    with transaction(team.deps.sessions) as session:
        session.exec(select(Focus)).one().outcome = "Words of mine."
    with transaction(team.deps.sessions) as session:
        assert data_rights.apply_retention(session, team_id=1, days=30, now=MONDAY_MORNING + timedelta(days=29)) == 0
        assert data_rights.apply_retention(session, team_id=1, days=30, now=MONDAY_MORNING + timedelta(days=31)) == 1
    (row,) = focuses(team)
    assert row.outcome is None and row.skill == "listening"
