"""Weekly summaries for leads: `/summary`, sharing with the team, the CSV, the chart, the Monday DM and the Home
button, driven through signed requests against the fake Slack Web API."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from adapters import ids, summary_chart
from domain.skills import SKILLS
from domain.summary import CSV_HEADER
from storage import migrate, queries
from storage import summary_queries as sq
from storage.db import SessionFactory, make_engine, session_factory, transaction
from storage.models import Answer, Delivery, Feedback, Team, TeamMember
from tests.harness import LEAD, TEAM_CHANNEL, Bot, eventually, text_of

WEDNESDAY = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)  # 2026-W49; "last week" is W48, Mon 23 - Sun 29 Nov
W48 = [date(2026, 11, 23) + timedelta(days=n) for n in range(5)]
W47 = [date(2026, 11, 16) + timedelta(days=n) for n in range(5)]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SHARED_WITH_LEAD = "<!channel> I let them finish & it helped"
SHARED_WITH_TEAM = "Asked what they had tried before answering"
PRIVATE = "A private worry about my manager"


def team_id(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return queries.team_by_channel(session, channel_id=TEAM_CHANNEL).id


def seed_prompt(
    bot: Bot, user: str, day: date, skill: str | None = None, *, text: str = "An answer.", visibility: str = "private"
) -> None:
    """A prompt delivered to `user` on `day` (their local date), answered on `skill` unless skill is None."""
    at = datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)
    with transaction(bot.deps.sessions) as session:
        row = Delivery(
            team_id=team_id(bot),
            recipient=user,
            kind="prompt",
            local_date=day,
            status="sent",
            item_id=f"{skill or 'listening'}-01",
            skill=skill or "listening",
            claimed_at=at,
            sent_at=at,
        )
        session.add(row)
        session.flush()
        if skill is not None:
            session.add(
                Answer(
                    delivery_id=row.id,
                    team_id=row.team_id,
                    user_id=user,
                    prompt_id=row.item_id,
                    skill=skill,
                    text=text,
                    visibility=visibility,
                    created_at=at,
                    updated_at=at,
                )
            )


def seed_feedback(bot: Bot, giver: str, recipient: str, day: date, *, anonymous: bool = False) -> None:
    at = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
    with transaction(bot.deps.sessions) as session:
        session.add(
            Feedback(
                team_id=team_id(bot),
                giver_id=giver,
                recipient_id=recipient,
                skill="listening",
                keep_doing="Keep listening.",
                anonymous=anonymous,
                created_at=at,
            )
        )


def seed_quote(bot: Bot, day: date, index: int) -> None:
    at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    with transaction(bot.deps.sessions) as session:
        session.add(
            Delivery(
                team_id=team_id(bot),
                recipient=TEAM_CHANNEL,
                kind="quote",
                local_date=day,
                status="sent",
                item_id=bot.deps.quotes[index].id,
                claimed_at=at,
                sent_at=at,
            )
        )


@pytest.fixture
def seeded(team: Bot) -> Bot:
    """Week 2026-W48 with known numbers (and W47 before it), then the clock on Wednesday of W49.

    W48: lead 5/5, Dara 3/5, Nia 0/5, Ishan 2/4 (away one day): 10 of 19 answered. W47: lead 5/5, Dara 0/5.
    Feedback in W48: Dara -> Nia, the lead -> Dara, Ishan -> Nia anonymously.
    """
    for day, skill in zip(W47, ["listening"] * 5, strict=True):
        seed_prompt(team, LEAD, day, skill)
        seed_prompt(team, "UDUB", day)
    for day, skill in zip(W48, ["listening", "listening", "empathy", "integrity", "questioning"], strict=True):
        seed_prompt(team, LEAD, day, skill)
    seed_prompt(team, "UDUB", W48[0])
    seed_prompt(team, "UDUB", W48[1])
    seed_prompt(team, "UDUB", W48[2], "listening", text=SHARED_WITH_LEAD, visibility="lead")
    seed_prompt(team, "UDUB", W48[3], "empathy", text=SHARED_WITH_TEAM, visibility="team")
    seed_prompt(team, "UDUB", W48[4], "value")
    for day in W48:
        seed_prompt(team, "UNY", day)
    seed_prompt(team, "UIN", W48[0], "journey", text=PRIVATE)
    seed_prompt(team, "UIN", W48[1])
    seed_prompt(team, "UIN", W48[2])
    seed_prompt(team, "UIN", W48[4], "feedback")
    seed_feedback(team, "UDUB", "UNY", W48[1])
    seed_feedback(team, "UIN", "UNY", W48[2], anonymous=True)
    seed_feedback(team, LEAD, "UDUB", W48[3])
    seed_quote(team, W48[0], 0)
    seed_quote(team, W48[1], 1)
    team.clock.set(WEDNESDAY)
    return team


@pytest.fixture(scope="module", autouse=True)
def chart_process_ready() -> None:
    """Charts are waited for with short timeouts here: the chart process must have finished starting."""
    summary_chart.start().result(timeout=120)


def reply_call(bot: Bot, command: str, text: str, user: str = LEAD, channel: str = TEAM_CHANNEL, *, chart: bool = True):
    """The ephemeral answer; when it promises a chart, also wait for the chart so no upload outlives the test."""
    charts = len(bot.slack.calls_to("files.completeUploadExternal"))
    key = bot.command(command, text, user=user, channel=channel).removeprefix("trig-")
    # Generous bounds: a loaded CI machine can take seconds over a summary of 1,000 prompts and its chart.
    (reply,) = bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == key, timeout=30)
    if chart and "chart of the last 8 weeks" in text_of(reply):
        bot.slack.wait_for("files.completeUploadExternal", count=charts + 1, timeout=30)
    return reply


def lines_of(call) -> list[str]:
    return text_of(call).splitlines()


def uploads(bot: Bot, suffix: str, count: int = 1) -> list:
    """The chart is drawn in a process of its own, so it may come well after the answer, as in `ask` above."""
    bot.slack.wait_for(
        "files.completeUploadExternal", lambda c: c.params["files"][0]["title"] and True, count=count, timeout=30
    )
    return [f for f in bot.slack.uploaded_files.values() if f.completed and f.filename.endswith(suffix)]


# ---- the lead's summary -------------------------------------------------------------------------


def test_a_lead_sees_last_weeks_numbers(seeded: Bot) -> None:
    reply = reply_call(seeded, "/summary", "last")
    shown = text_of(reply)
    assert reply.params["response_type"] == "ephemeral"
    assert "Weekly summary · 2026-W48" in shown
    assert "10 of 19 prompts answered (53%) · 3 of 4 people practised" in shown
    assert "*Week over week:* +5 answers, +2.6 points (week before: 5 of 10, 50%)" in shown
    assert (
        "*Skills practised:* Integrity 1 · Service as value 1 · Understanding the customer 1 · "
        "Self-awareness 0 · Listening 3 · Questioning 1 · Empathy 2 · Responsiveness 0 · "
        "Receiving feedback 1"
    ) in shown
    people = [line for line in lines_of(reply) if line.startswith("<@") and "answered" in line]
    assert people == [
        "<@UDUB> 3/5 answered (60%) · feedback 1 given, 1 received · streak 3",
        "<@UIN> 2/4 answered (50%) · feedback 0 given, 0 received · streak 1",
        "<@ULEAD> 5/5 answered (100%) · feedback 1 given, 0 received · streak 10",
        "<@UNY> 0/5 answered (0%) · feedback 0 given, 2 received · streak 0",
    ]


def test_the_quotes_and_shared_answers_of_the_week_are_shown_escaped_and_private_ones_never(seeded: Bot) -> None:
    shown = text_of(reply_call(seeded, "/summary", "2026-W48"))
    for quote in seeded.deps.quotes[:2]:
        assert quote.text.splitlines()[0][:40].replace("&", "&amp;") in shown
    assert "*Answers shared with you* (2)" in shown
    assert "&lt;!channel&gt; I let them finish &amp; it helped" in shown and "<!channel>" not in shown
    assert SHARED_WITH_TEAM in shown and "shared with the team" in shown
    assert PRIVATE not in shown and "An answer." not in shown


def test_only_the_lead_sees_who_may_need_a_nudge(seeded: Bot) -> None:
    shown = text_of(reply_call(seeded, "/summary", "last"))
    assert "*May need a nudge* (only you see this)" in shown
    assert "• <@UIN>: no feedback given or received in 28 days" in shown  # gave feedback, but anonymously
    assert "• <@UNY>: no answers this week" in shown
    assert "• <@UDUB>" not in shown and "• <@ULEAD>" not in shown


def test_this_week_so_far_is_the_default(seeded: Bot) -> None:
    seed_prompt(seeded, "UDUB", date(2026, 11, 30), "empathy")
    seed_prompt(seeded, "UNY", date(2026, 11, 30))
    shown = text_of(reply_call(seeded, "/summary", ""))
    assert "Weekly summary · 2026-W49" in shown and "so far" in shown
    assert "1 of 2 prompts answered (50%)" in shown
    assert "*Week over week:* -9 answers, -2.6 points (week before: 10 of 19, 53%)" in shown
    # Dara answered Wed-Fri and today; Tuesday brought no prompt, so it doesn't break the streak.
    assert "<@UDUB> 1/1 answered (100%) · feedback 0 given, 0 received · streak 4" in shown


def test_a_member_who_is_not_a_lead_is_refused(seeded: Bot) -> None:
    shown = text_of(reply_call(seeded, "/summary", "last", user="UNY"))
    assert "Only a team lead" in shown and "Weekly summary" not in shown


def test_a_channel_that_is_not_a_team_and_a_dm_are_refused(seeded: Bot) -> None:
    for channel in ("CRANDOM", "DULEAD"):
        shown = text_of(reply_call(seeded, "/summary", "last", channel=channel))
        assert "isn't a practice team" in shown and "Weekly summary" not in shown


def test_bad_weeks_get_a_clear_answer_with_an_example(seeded: Bot) -> None:
    assert "2026 has no week 60" in text_of(reply_call(seeded, "/summary", "2026-W60"))
    shown = text_of(reply_call(seeded, "/summary", "yesterday"))
    assert "can't read “yesterday” as a week" in shown and "`/summary 2026-W47`" in shown
    assert "hasn't started yet" in text_of(reply_call(seeded, "/summary", "2027-W10"))


# ---- sharing with the team ----------------------------------------------------------------------


def share_value(call) -> str:
    for block in call.params["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == ids.SUMMARY_SHARE:
                return element["value"]
    raise AssertionError("no share button")


def click_share(bot: Bot, user: str, value: str, key: str) -> str:
    response = bot.requests.block_action(
        user_id=user,
        action_id=ids.SUMMARY_SHARE,
        value=value,
        channel_id=TEAM_CHANNEL,
        is_ephemeral=True,
        response_url=bot.slack.response_url(key),
    )
    assert response.status == 200
    (reply,) = bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)
    return text_of(reply)


def test_sharing_posts_totals_skills_and_quotes_to_the_channel_and_nothing_private(seeded: Bot) -> None:
    value = share_value(reply_call(seeded, "/summary", "last"))
    assert "Shared the 2026-W48 summary" in click_share(seeded, LEAD, value, "share1")

    (post,) = seeded.sent_to(TEAM_CHANNEL, "summary")
    shown = text_of(post.call)
    assert "Together we answered 10 of 19 prompts (53%)" in shown and "3 people practised" in shown
    assert "3 pieces of feedback exchanged" in shown and "Listening 3" in shown
    assert seeded.deps.quotes[0].author in shown
    everything = json.dumps(post.call.params)
    for secret in ("finish", SHARED_WITH_TEAM, PRIVATE, "An answer.", "nudge", "UNY", "UIN", "UDUB", LEAD):
        assert secret not in everything, secret


def test_a_first_week_says_there_is_nothing_to_compare_with_rather_than_0_of_0(seeded: Bot) -> None:
    """W47 is the seeded team's first week of prompts: no "+5 answers (week before: 0 of 0, –)"."""
    reply = reply_call(seeded, "/summary", "2026-W47")
    shown = text_of(reply)
    assert "5 of 10 prompts answered (50%)" in shown
    assert (
        "*Week over week:* nothing to compare with yet: no prompts went out the week before "
        "(a first week, or a paused one)."
    ) in shown
    assert "0 of 0" not in shown and "week before: " not in shown

    assert "Shared the 2026-W47 summary" in click_share(seeded, LEAD, share_value(reply), "share-first")
    (post,) = seeded.sent_to(TEAM_CHANNEL, "summary")
    channel = text_of(post.call)
    assert "Nothing to compare with yet: no prompts went out the week before" in channel
    assert "on the week before" not in channel


def test_sharing_twice_the_same_day_posts_once_and_a_member_cannot_share(seeded: Bot) -> None:
    value = share_value(reply_call(seeded, "/summary", "last"))
    assert "Only a team lead" in click_share(seeded, "UNY", value, "sneaky")
    assert seeded.sent_to(TEAM_CHANNEL, "summary") == []
    click_share(seeded, LEAD, value, "share1")
    assert "already in" in click_share(seeded, LEAD, value, "share2")
    assert len(seeded.sent_to(TEAM_CHANNEL, "summary")) == 1


# ---- CSV and chart ------------------------------------------------------------------------------


def test_the_csv_of_a_week_reaches_the_leads_dm(seeded: Bot) -> None:
    assert "The CSV for 2026-W48 is in our DM" in text_of(reply_call(seeded, "/summary", "last csv"))
    (upload,) = uploads(seeded, ".csv")
    assert upload.filename == "practice-2026-W48.csv" and upload.channel_id == "DULEAD"
    rows = list(csv.reader(io.StringIO(upload.data.decode())))
    assert rows == [
        list(CSV_HEADER),
        ["UDUB", "2026-W48", "5", "3", "0.60", "1", "1", "3", "0", "0", "0", "0", "0"],
        ["UIN", "2026-W48", "4", "2", "0.50", "0", "0", "1", "0", "0", "0", "0", "0"],
        ["ULEAD", "2026-W48", "5", "5", "1.00", "1", "0", "10", "0", "0", "0", "0", "0"],
        ["UNY", "2026-W48", "5", "0", "0.00", "0", "2", "0", "0", "0", "0", "0", "0"],
    ]
    assert SHARED_WITH_LEAD not in upload.data.decode()


def test_a_chart_of_eight_weeks_follows_the_summary_by_dm(seeded: Bot) -> None:
    shown = text_of(reply_call(seeded, "/summary", "last"))
    assert "chart of the last 8 weeks is on its way" in shown
    (chart,) = uploads(seeded, ".png")
    assert chart.data.startswith(PNG_MAGIC) and chart.channel_id == "DULEAD" and chart.alt_txt


def test_a_chart_that_fails_never_stops_the_summary(seeded: Bot, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    seeded.slack.fail_next("files.getUploadURLExternal", error="internal_error")
    assert "10 of 19 prompts answered" in text_of(reply_call(seeded, "/summary", "last", chart=False))

    def broken(_points: object) -> bytes:
        raise ValueError("no fonts today")

    monkeypatch.setattr(summary_chart, "png", broken)
    assert "10 of 19 prompts answered" in text_of(reply_call(seeded, "/summary", "last", chart=False))
    eventually(lambda: caplog.text.count("summary chart failed") == 2)
    assert not any(f.completed for f in seeded.slack.uploaded_files.values())
    assert "summary chart failed" in caplog.text


# ---- the Monday DM ------------------------------------------------------------------------------


def test_leads_get_last_weeks_summary_on_monday_once_across_a_restart(seeded: Bot, slack, database_url) -> None:
    seeded.clock.set(datetime(2026, 11, 29, 23, 0, tzinfo=UTC))  # Sunday night in Dublin
    seeded.run_until(datetime(2026, 11, 30, 8, 15, tzinfo=UTC), step=timedelta(minutes=15))
    assert seeded.sent_to(LEAD, "summary") == []
    seeded.run_until(datetime(2026, 11, 30, 8, 30, tzinfo=UTC), step=timedelta(minutes=15))
    (dm,) = seeded.sent_to(LEAD, "summary")
    assert "Weekly summary · 2026-W48" in text_of(dm.call) and "10 of 19 prompts answered" in text_of(dm.call)
    assert "May need a nudge" in text_of(dm.call)
    (chart,) = uploads(seeded, ".png")
    assert chart.data.startswith(PNG_MAGIC) and chart.channel_id == "DULEAD"
    seeded.close()

    restarted = Bot(slack, database_url, seeded.clock)
    try:
        restarted.run_until(datetime(2026, 12, 1, 12, 0, tzinfo=UTC), step=timedelta(minutes=30))
        assert restarted.sent_to(LEAD, "summary") == []
        assert [s.kind for s in restarted.sent_to(LEAD)].count("summary") == 0
    finally:
        restarted.close()
    assert len([c for c in slack.calls_to("chat.postMessage") if "Weekly summary" in text_of(c)]) == 1


def test_a_stopped_team_gets_no_monday_summary_and_no_other_day_brings_one(team: Bot) -> None:
    assert "Stopped" in team.ask("/practice", "stop", user=LEAD)
    team.run_until(datetime(2026, 11, 24, 0, 0, tzinfo=UTC), step=timedelta(minutes=30))  # all of Monday
    assert "back on" in team.ask("/practice", "start", user=LEAD)
    team.run_until(datetime(2026, 11, 29, 23, 45, tzinfo=UTC), step=timedelta(hours=1))
    assert team.sent_to(LEAD, "summary") == []


def test_a_paused_team_still_gets_its_monday_summary_but_an_empty_week_brings_none(seeded: Bot) -> None:
    seeded.clock.set(datetime(2026, 11, 29, 23, 0, tzinfo=UTC))
    assert "paused" in seeded.ask("/practice", "pause", user=LEAD)
    seeded.run_until(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), step=timedelta(minutes=30))
    (dm,) = seeded.sent_to(LEAD, "summary")
    assert "Weekly summary · 2026-W48" in text_of(dm.call)
    uploads(seeded, ".png")
    # Paused all week: no prompts went out in W49, so the next Monday brings nothing to read.
    seeded.run_until(datetime(2026, 12, 7, 12, 0, tzinfo=UTC), step=timedelta(hours=2))
    assert len(seeded.sent_to(LEAD, "summary")) == 1


def test_a_monday_holiday_moves_the_summary_to_tuesday(seeded: Bot) -> None:
    seeded.clock.set(datetime(2026, 11, 29, 12, 0, tzinfo=UTC))
    assert "team holiday" in seeded.ask("/practice", "holiday 2026-11-30", user=LEAD)
    seeded.run_until(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), step=timedelta(minutes=30))
    assert seeded.sent_to(LEAD, "summary") == []
    seeded.run_until(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), step=timedelta(minutes=15))
    (dm,) = seeded.sent_to(LEAD, "summary")
    assert dm.at == datetime(2026, 12, 1, 8, 30, tzinfo=UTC) and "2026-W48" in text_of(dm.call)
    uploads(seeded, ".png")


# ---- the App Home's button ----------------------------------------------------------------------


def click_home_summary(bot: Bot, user: str, value: str) -> None:
    response = bot.requests.block_action(
        user_id=user, action_id=ids.HOME_SUMMARY, value=value, view={"id": "VHOME", "type": "home", "blocks": []}
    )
    assert response.status == 200


def test_the_homes_summary_button_dms_a_lead_this_weeks_summary_and_refuses_others(seeded: Bot) -> None:
    click_home_summary(seeded, LEAD, str(team_id(seeded)))
    (dm,) = seeded.slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == LEAD)
    assert "Weekly summary · 2026-W49" in text_of(dm)
    uploads(seeded, ".png")

    click_home_summary(seeded, "UNY", str(team_id(seeded)))
    (refusal,) = seeded.slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "UNY")
    assert "Only a team lead" in text_of(refusal) and "Weekly summary" not in text_of(refusal)


# ---- streaks (storage.summary_queries.streaks, on both databases) --------------------------------

SINCE, AS_OF = date(2026, 11, 2), date(2026, 11, 29)  # a lookback of four weeks, to Sunday of W48


@dataclass(frozen=True)
class Sent:
    """One ledger row for the streak tests: a prompt to `user` on `day`, answered or not."""

    user: str
    day: date
    answered: bool = True
    slot: int = 0
    status: str = "sent"
    team: int = 1  # 1: the team asked about; 2: the person's other team


@pytest.fixture
def ledger(database_url: str) -> Iterator[SessionFactory]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    try:
        yield session_factory(engine)
    finally:
        engine.dispose()


def streaks_of(
    sessions: SessionFactory, rows: Iterable[Sent], members: Iterable[str] = (), inactive: Iterable[str] = ()
) -> dict[str, tuple[int, date | None, date | None]]:
    """Team 1's streaks over [SINCE, AS_OF] after writing `rows` (members: their users, plus `members`)."""
    rows = list(rows)
    at = datetime(2026, 10, 1, tzinfo=UTC)
    with transaction(sessions) as session:
        teams = [Team(channel_id=f"CSTREAK{n}", created_by=LEAD, created_at=at) for n in (1, 2)]
        session.add_all(teams)
        session.flush()
        users = {r.user for r in rows if r.team == 1} | set(members)
        session.add_all(TeamMember(team_id=teams[0].id, user_id=u) for u in sorted(users))
        session.add_all(TeamMember(team_id=teams[0].id, user_id=u, active=False) for u in inactive)
        for r in rows:
            row = Delivery(
                team_id=teams[r.team - 1].id,
                recipient=r.user,
                kind="prompt",
                local_date=r.day,
                slot=r.slot,
                status=r.status,
                item_id="listening-01",
                skill="listening",
                claimed_at=at,
            )
            session.add(row)
            session.flush()
            if r.answered:
                session.add(
                    Answer(
                        delivery_id=row.id,
                        team_id=row.team_id,
                        user_id=r.user,
                        prompt_id="listening-01",
                        skill="listening",
                        text="An answer.",
                        created_at=at,
                        updated_at=at,
                    )
                )
        team_id = teams[0].id
    with sessions() as session:
        return sq.streaks(session, team_id=team_id, since=SINCE, as_of=AS_OF)


def expected_streaks(rows: Iterable[Sent], members: Iterable[str]) -> dict[str, tuple[int, date | None, date | None]]:
    """The rule, row by row: the last unanswered scheduled prompt (slot 0) before AS_OF is the miss; the streak
    is the distinct days after it with an answered prompt; a person's prompts from every team count."""
    found = {}
    for user in members:
        mine = [r for r in rows if r.user == user and r.status == "sent" and SINCE <= r.day <= AS_OF]
        missed = max((r.day for r in mine if r.slot == 0 and not r.answered and r.day < AS_OF), default=None)
        days = {r.day for r in mine if r.answered and (missed is None or r.day > missed)}
        found[user] = (len(days), missed, min((r.day for r in mine), default=None))
    return found


def weekdays(first: date, last: date) -> list[date]:
    every = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in every if day.weekday() < 5]


def test_a_streak_counts_answered_days_back_to_the_last_missed_prompt(ledger: SessionFactory) -> None:
    w48 = weekdays(date(2026, 11, 23), date(2026, 11, 27))
    rows = [Sent("UMISS", day, answered=day != w48[1]) for day in w48]  # missed Tuesday
    rows += [Sent("UFULL", day) for day in weekdays(SINCE, AS_OF)]  # every prompt answered: no miss in sight
    rows += [Sent("UOLD", date(2026, 11, 1), answered=False), Sent("UOLD", w48[4])]  # a miss before SINCE
    found = streaks_of(ledger, rows, members=["UNONE"])
    assert found["UMISS"] == (3, w48[1], w48[0])
    assert found["UFULL"] == (20, None, SINCE)
    assert found["UOLD"] == (1, None, w48[4])
    assert found["UNONE"] == (0, None, None)


def test_days_without_a_prompt_and_unanswered_bonus_prompts_do_not_break_a_streak(ledger: SessionFactory) -> None:
    friday, saturday, monday, tuesday = date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 23), date(2026, 11, 24)
    rows = [
        Sent("UDUB", friday),
        Sent("UDUB", monday),
        Sent("UDUB", tuesday),  # the weekend brought no prompt
        Sent("UDUB", monday, answered=False, slot=1),  # an extra prompt from /reflect, left open
        Sent("UDUB", tuesday, slot=1),  # two answers on Tuesday: one day
        Sent("UDUB", saturday, slot=1),  # a bonus answer on a day off counts as a day
    ]
    assert streaks_of(ledger, rows)["UDUB"] == (4, None, friday)


def test_a_bonus_answer_on_the_missed_day_does_not_count(ledger: SessionFactory) -> None:
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    rows = [Sent("UDUB", monday, answered=False), Sent("UDUB", monday, slot=1), Sent("UDUB", tuesday)]
    assert streaks_of(ledger, rows)["UDUB"] == (1, monday, monday)


def test_the_last_days_open_prompt_is_not_a_miss_yet_and_counts_once_answered(ledger: SessionFactory) -> None:
    friday = date(2026, 11, 27)
    rows = [
        Sent("UOPEN", friday),
        Sent("UOPEN", AS_OF, answered=False),
        Sent("UDONE", friday),
        Sent("UDONE", AS_OF),
        Sent("ULATER", date(2026, 11, 30), answered=False),
    ]
    found = streaks_of(ledger, rows)
    assert found["UOPEN"] == (1, None, friday)
    assert found["UDONE"] == (2, None, friday)
    assert found["ULATER"] == (0, None, None)  # after AS_OF: not seen at all


def test_prompts_never_sent_are_ignored_and_other_teams_prompts_count(ledger: SessionFactory) -> None:
    monday, tuesday, wednesday = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)
    rows = [
        Sent("UDUB", monday),
        Sent("UDUB", tuesday, answered=False, status="failed"),
        Sent("UDUB", wednesday, answered=False, status="claimed"),
        Sent("UIN", monday),
        Sent("UIN", tuesday, team=2),
        Sent("UIN", wednesday, answered=False, team=2),
    ]
    found = streaks_of(ledger, rows, inactive=["UGONE"])
    assert found["UDUB"] == (1, None, monday)
    assert found["UIN"] == (0, wednesday, monday)
    assert "UGONE" not in found


@pytest.mark.parametrize("seed", range(3))
def test_streaks_follow_the_rule_on_random_ledgers(ledger: SessionFactory, seed: int) -> None:
    rng = random.Random(seed)
    users = [f"UR{n}" for n in range(8)]
    rows = []
    for user in users:
        answer_rate = rng.choice((0.5, 0.9, 1.0))
        for day in (date(2026, 10, 30) + timedelta(days=n) for n in range(32)):  # from before SINCE to after AS_OF
            for slot in rng.choice(((), (0,), (0,), (0,), (0, 1), (1,))):
                rows.append(
                    Sent(
                        user,
                        day,
                        answered=rng.random() < answer_rate,
                        slot=slot,
                        status=rng.choice(("sent",) * 8 + ("failed", "claimed")),
                        team=rng.choice((1, 1, 2)),
                    )
                )
    rows += [Sent(user, SINCE, slot=5) for user in users]  # every user is a member of team 1
    assert streaks_of(ledger, rows) == expected_streaks(rows, users)


def test_shared_answers_are_the_first_by_person_then_day_counted_in_full(ledger: SessionFactory) -> None:
    monday, tuesday, wednesday = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)
    at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with transaction(ledger) as session:
        team = Team(channel_id="CSHARED", created_by=LEAD, created_at=at)
        session.add(team)
        session.flush()
        for user, day, visibility in [
            ("UB", monday, "team"),
            ("UA", wednesday, "lead"),
            ("UA", tuesday, "team"),
            ("UA", monday, "private"),
            ("UC", monday, "lead"),
            ("UC", date(2026, 11, 30), "team"),
        ]:  # the week after
            row = Delivery(
                team_id=team.id,
                recipient=user,
                kind="prompt",
                local_date=day,
                status="sent",
                item_id="listening-01",
                skill="listening",
                claimed_at=at,
            )
            session.add(row)
            session.flush()
            session.add(
                Answer(
                    delivery_id=row.id,
                    team_id=team.id,
                    user_id=user,
                    prompt_id="listening-01",
                    skill="listening",
                    text=f"{user} on {day:%a}",
                    visibility=visibility,
                    created_at=at,
                    updated_at=at,
                )
            )
        team_id = team.id
    with ledger() as session:
        week = dict(team_id=team_id, start=monday, end=date(2026, 11, 30))
        shown, total = sq.shared_answers(session, **week, limit=3)
        nothing_shown = sq.shared_answers(session, **week, limit=0)
    assert [(user, text, day) for user, _skill, _visibility, text, day, _prompt in shown] == [
        ("UA", "UA on Tue", tuesday),
        ("UA", "UA on Wed", wednesday),
        ("UB", "UB on Mon", monday),
    ]
    assert total == 4
    assert nothing_shown == ([], 4)


# ---- a big team ---------------------------------------------------------------------------------


def test_a_team_of_200_gets_a_summary_within_block_kit_limits(bot: Bot, slack) -> None:
    people = [f"UP{n:04d}" for n in range(200)]
    for user in people:
        slack.add_user(user, name=f"person{user[2:]}", tz="Europe/Dublin")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, *people))
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)
    tid = team_id(bot)
    long_text = "<@U0> " + "Listening well takes patience. " * 120
    with transaction(bot.deps.sessions) as session:
        session.execute(
            insert(Delivery),
            [
                dict(
                    team_id=tid,
                    recipient=u,
                    kind="prompt",
                    local_date=day,
                    status="sent",
                    item_id="x",
                    skill=SKILLS[n % 9].key,
                    claimed_at=datetime(2026, 11, 23, tzinfo=UTC),
                    attempts=1,
                    slot=0,
                )
                for n, u in enumerate(people)
                for day in W48
            ],
        )
        rows = session.execute(Delivery.__table__.select().where(Delivery.team_id == tid)).all()
        session.execute(
            insert(Answer),
            [
                dict(
                    delivery_id=r.id,
                    team_id=tid,
                    user_id=r.recipient,
                    prompt_id="x",
                    skill=r.skill,
                    text=long_text,
                    visibility="team" if n % 3 else "private",
                    created_at=datetime(2026, 11, 23, tzinfo=UTC),
                    updated_at=datetime(2026, 11, 23, tzinfo=UTC),
                )
                for n, r in enumerate(rows)
                if n % 2
            ],
        )
    bot.clock.set(WEDNESDAY)
    reply = reply_call(bot, "/summary", "last")
    blocks = reply.params["blocks"]
    assert len(blocks) <= 50
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    shown = text_of(reply)
    assert "500 of 1000 prompts answered (50%)" in shown
    assert "<@UP0000>" in shown and "<@UP0199>" in shown  # everyone fits
    assert "more shared answers" in shown and "<@U0>" not in shown
    assert reply.status == 200 and (reply.response or {}).get("ok")
