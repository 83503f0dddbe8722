"""A lead makes Monday, Wednesday and Friday drill days: each member still gets one practice DM a day at their
own local time, a drill on those days and a reflection on the others, with the same reminder rule; an answered
drill counts as practice in the lead's summary and on the member's Home."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from adapters import ids
from domain.drills import shuffled
from domain.skills import skill
from domain.summary import DRILL_CSV_HEADER
from storage.models import Delivery, DrillRound
from tests.handlers.test_drill import buttons, click
from tests.handlers.test_home import open_home
from tests.handlers.test_summary import uploads
from tests.harness import LEAD, Bot, Sent, text_of

MONDAY = datetime(2026, 11, 23, tzinfo=UTC)
SATURDAY = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
ZONES = {"UNY": "America/New_York", "UDUB": "Europe/Dublin", "UIN": "Asia/Kolkata", LEAD: "Europe/Dublin"}


def practice_dms(bot: Bot, user: str) -> list[Sent]:
    return bot.sent_to(user, "prompt")


def item_of(bot: Bot, sent: Sent) -> str:
    delivery_id = sent.call.params["metadata"]["event_payload"]["delivery_id"]
    with bot.deps.sessions() as session:
        return session.get(Delivery, delivery_id).item_id


def test_each_member_gets_one_practice_dm_a_day_at_their_own_time_and_drills_on_drill_days(team: Bot) -> None:
    assert "Drills instead of reflections on Mon, Wed, Fri" in team.ask(
        "/practice", "schedule drills mon,wed,fri", user=LEAD
    )
    team.run_by_schedule(SATURDAY)
    for user, zone in ZONES.items():
        sent = practice_dms(team, user)
        local = [s.at.astimezone(ZoneInfo(zone)) for s in sent]
        assert [m.date().weekday() for m in local] == [0, 1, 2, 3, 4], user  # one a day, Monday to Friday
        assert all((m.hour, m.minute) >= (9, 30) and m.hour < 10 for m in local), (user, local)
        kinds = ["drill" if item_of(team, s).startswith("drill-") else "prompt" for s in sent]
        assert kinds == ["drill", "prompt", "drill", "prompt", "drill"], user
        for s, kind in zip(sent, kinds, strict=True):
            assert ("What would you send first?" in text_of(s.call)) == (kind == "drill")


def test_an_unanswered_drill_gets_the_one_reminder_and_an_answered_one_none(team: Bot) -> None:
    team.ask("/practice", "schedule drills mon,wed,fri", user=LEAD)
    team.run_until(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    (drill_dm,) = practice_dms(team, "UDUB")
    answer_the_drill(team, "UDUB", drill_dm)
    team.run_until(datetime(2026, 11, 23, 23, 0, tzinfo=UTC))
    reminded = {s.call.params["channel"] for s in team.sent if s.kind == "reminder"}
    assert "UDUB" not in reminded and {"UIN", LEAD} <= reminded
    (nudge,) = [s for s in team.sent if s.kind == "reminder" and s.call.params["channel"] == LEAD]
    assert "drill is still waiting" in text_of(nudge.call)


def answer_the_drill(team: Bot, user: str, sent: Sent, *, best: bool = True) -> DrillRound:
    with team.deps.sessions() as session:
        delivery_id = sent.call.params["metadata"]["event_payload"]["delivery_id"]
        row = session.exec(select(DrillRound).where(DrillRound.delivery_id == delivery_id)).one()
    drill = team.deps.drill(row.drill_id)
    choice = drill.best if best else next(i for i in range(len(drill.options)) if i != drill.best)
    place = shuffled(drill, user).index(choice)
    action = f"{ids.DRILL_CHOOSE}{place}"
    asked = click(team, user, action, buttons(sent.call.params["blocks"])[action])
    click(team, user, f"{ids.DRILL_SURE}sure", buttons(asked.params["blocks"])[f"{ids.DRILL_SURE}sure"])
    return row


def test_answered_drills_count_in_the_lead_s_summary_and_on_the_home(team: Bot) -> None:
    team.ask("/practice", "schedule drills mon,wed,fri", user=LEAD)
    team.run_until(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    right = answer_the_drill(team, "UDUB", practice_dms(team, "UDUB")[0], best=True)
    wrong = answer_the_drill(team, LEAD, practice_dms(team, LEAD)[0], best=False)
    summary = team.ask("/summary", user=LEAD)
    assert "*Drills:* 2 done, 50% right first try" in summary
    for row in (right, wrong):
        assert skill(row.skill).name in summary.split("*First tries by skill:*", 1)[1]
    assert "<@UDUB> 1/1 answered" in summary and "<@ULEAD> 1/1 answered" in summary  # a drill is practice
    by_person = [line for line in summary.splitlines() if line.startswith("<@")]
    assert not [line for line in by_person if "right" in line or "drill" in line.lower()]  # never who missed
    home = str(open_home(team, "UDUB"))
    assert "1 drill this month" in home and "1/1 right first try (100%)" in home
    assert "CSV" in team.ask("/summary", "csv", user=LEAD)
    (upload,) = [f for f in uploads(team, ".csv") if f.filename.endswith(".csv")]
    table = upload.data.decode().split("\n\n", 1)[1].splitlines()
    assert table[0] == ",".join(DRILL_CSV_HEADER)
    assert sum(int(line.split(",")[2]) for line in table[1:]) == 2


def test_a_team_holiday_and_a_paused_member_get_no_drill_on_a_drill_day(team: Bot) -> None:
    team.ask("/practice", "schedule drills mon,wed,fri", user=LEAD)
    team.ask("/practice", "holiday 2026-11-25", user=LEAD)  # Wednesday
    team.ask("/practice", "pause me", user="UNY", channel="DUNY")
    team.run_by_schedule(datetime(2026, 11, 26, 23, 0, tzinfo=UTC))
    assert practice_dms(team, "UNY") == []
    for user in ("UDUB", "UIN", LEAD):
        days = [s.at.astimezone(ZoneInfo(ZONES[user])).date().weekday() for s in practice_dms(team, user)]
        assert days == [0, 1, 3], user  # Monday's drill, Tuesday's prompt, no Wednesday, Thursday's prompt
