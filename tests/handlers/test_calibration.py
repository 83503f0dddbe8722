"""A lead starts a calibration round: everyone rates the same sample reply against its drill's checks, nothing
is shown until five have rated (or the round closes after three practice days), and then each rater sees the
spread, the bank's reference and their own ticks, and the lead the agreement per check, never who rated what."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select, update

from adapters import ids
from domain.ledger import DeliveryKind
from domain.schedule import Due
from domain.skills import skill
from storage import data_rights
from storage.models import CalibrationRating, CalibrationRound, Delivery, Team
from tests.fakes.slack_api import Call, FakeSlackAPI
from tests.handlers.test_home import open_home
from tests.handlers.test_reflect import click
from tests.harness import LEAD, TEAM_CHANNEL, Bot, eventually, text_of
from usecases import calibration, recovery

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
MEMBERS = (LEAD, "UNY", "UDUB", "UIN", "UMAY", "UARJ")


def team_of_six(bot: Bot, slack: FakeSlackAPI) -> Bot:
    for user, tz in (("UNY", "America/New_York"), ("UDUB", "Europe/Dublin"), ("UIN", "Asia/Kolkata")):
        slack.add_user(user, name=user.lower(), tz=tz)
    slack.add_user("UMAY", name="maya", tz="America/New_York")
    slack.add_user("UARJ", name="arjun", tz="Asia/Kolkata")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(*MEMBERS, "UBOT"))
    assert "practice team" in bot.ask("/practice", "start", user=LEAD)
    bot.clock.set(MONDAY_MORNING)
    return bot


def invitations(bot: Bot) -> dict[str, Call]:
    sent = bot.slack.calls_to("chat.postMessage")
    return {c.params["channel"]: c for c in sent if "Calibration round" in text_of(c) and "Rate it" in str(c.params)}


def results(bot: Bot) -> dict[str, Call]:
    return {
        c.params["channel"]: c for c in bot.slack.calls_to("chat.postMessage") if "Calibration results" in text_of(c)
    }


def rate(bot: Bot, user: str, ticks: list[int], overall: int = 3) -> None:
    invite = invitations(bot)[user]
    value = next(
        e["value"] for b in invite.params["blocks"] for e in b.get("elements", []) if e.get("type") == "button"
    )
    form = click(bot, user, ids.CALIBRATE_OPEN, value)
    values = {
        ids.CALIBRATE_TICKS_BLOCK: {
            ids.DRILL_TICKS_INPUT: {"type": "checkboxes", "selected_options": [{"value": str(t)} for t in ticks]}
        },
        ids.CALIBRATE_OVERALL_BLOCK: {
            ids.CALIBRATE_OVERALL_INPUT: {"type": "radio_buttons", "selected_option": {"value": str(overall)}}
        },
    }
    response = bot.requests.view_submission(
        user_id=user, callback_id=form["callback_id"], values=values, private_metadata=form["private_metadata"]
    )
    assert response.status == 200
    bot.slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == user and "rating is in" in text_of(c))


def ratings(bot: Bot) -> list[CalibrationRating]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(CalibrationRating)))


def test_a_team_of_fewer_than_five_cannot_start_a_round_and_is_told_why(team: Bot) -> None:
    reply = team.ask("/practice", "calibrate", user=LEAD)
    assert "needs at least 5 people" in reply and "this team has 4" in reply
    assert "Only a team lead" in team.ask("/practice", "calibrate", user="UDUB") or "lead" in team.ask(
        "/practice", "calibrate", user="UDUB"
    )


def test_nothing_shows_until_the_fifth_rating_then_each_rater_sees_the_spread_and_the_lead_the_agreement(
    bot: Bot, slack: FakeSlackAPI
) -> None:
    team = team_of_six(bot, slack)
    assert "Calibration round started: 6 people" in team.ask("/practice", "calibrate", user=LEAD)
    assert set(invitations(team)) == set(MEMBERS)
    assert "already has a calibration round open" in team.ask("/practice", "calibrate", user=LEAD)
    for user, ticks in (("UNY", [0]), ("UDUB", [0, 1]), ("UIN", []), (LEAD, [0])):
        rate(team, user, ticks)
    assert results(team) == {}
    rate(team, "UNY", [0, 1])  # a second rating replaces the first, and still counts once
    assert results(team) == {} and len(ratings(team)) == 4
    rate(team, "UMAY", [1], overall=4)
    eventually(lambda: len(results(team)) == 5)
    shown = results(team)
    assert set(shown) == {"UNY", "UDUB", "UIN", LEAD, "UMAY"}  # UARJ did not rate: nothing for them
    with team.deps.sessions() as session:
        row = session.exec(select(CalibrationRound)).one()
    drill = team.deps.drill(row.drill_id)
    first = drill.strong_reply[0]
    assert f"*{first}*: 3 of 5 ticked it" in text_of(shown["UDUB"])  # UNY's second rating replaced the first
    assert "you ticked it" in text_of(shown["UDUB"]) and "you left it" in text_of(shown["UIN"])
    lead_view = [
        c
        for c in team.slack.calls_to("chat.postMessage")
        if c.params["channel"] == LEAD and "Calibration round closed" in text_of(c)
    ]
    (agreement,) = lead_view
    assert "agree with the bank" in text_of(agreement)
    assert not [u for u in MEMBERS if f"<@{u}>" in text_of(agreement) or u in str(agreement.params["blocks"])]
    assert "closed, so its rating form is gone" in rate_refused(team, "UARJ")
    summary = team.ask("/summary", user=LEAD)
    assert f"*Calibration round* · {skill(drill.skill).name} · 5 rated · " in summary
    assert "of ticks agreed with the bank" in summary
    assert "Calibration rounds you rated this month: 1" in str(open_home(team, "UDUB"))


def rate_refused(bot: Bot, user: str) -> str:
    invite = invitations(bot)[user]
    value = next(
        e["value"] for b in invite.params["blocks"] for e in b.get("elements", []) if e.get("type") == "button"
    )
    bot.requests.block_action(
        user_id=user,
        action_id=ids.CALIBRATE_OPEN,
        value=value,
        channel_id="D" + user,
        message_ts="1.1",
        response_url=bot.slack.response_url(f"late-{user}"),
    )
    (answer,) = bot.slack.wait_for("response_url", lambda c: c.params.get("_key") == f"late-{user}")
    return text_of(answer)


def test_a_round_closes_after_three_practice_days_and_shows_what_it_has(bot: Bot, slack: FakeSlackAPI) -> None:
    team = team_of_six(bot, slack)
    team.ask("/practice", "calibrate", user=LEAD)
    rate(team, "UNY", [0])
    rate(team, "UDUB", [])
    team.clock.set(MONDAY_MORNING + timedelta(days=3) - timedelta(minutes=5))
    team.tick()
    assert results(team) == {}
    team.clock.set(MONDAY_MORNING + timedelta(days=3, minutes=1))  # Thursday
    team.tick()
    eventually(lambda: set(results(team)) == {"UNY", "UDUB"})
    assert "2 rated" in text_of(results(team)["UNY"])
    team.tick()
    assert len([c for c in team.slack.calls_to("chat.postMessage") if "Calibration results" in text_of(c)]) == 2


def test_a_rater_s_export_has_their_ratings_and_forget_me_deletes_them(bot: Bot, slack: FakeSlackAPI) -> None:
    team = team_of_six(bot, slack)
    team.ask("/practice", "calibrate", user=LEAD)
    rate(team, "UNY", [0], overall=2)
    with team.deps.sessions() as session:
        (mine,) = data_rights.export(session, user_id="UNY")["calibration_ratings"]
        assert (mine["ticks"], mine["overall"]) == ("0", 2)
        assert data_rights.forget(session, user_id="UNY")["calibration_ratings"] == 1
        session.commit()
    assert ratings(team) == []


def calibration_rounds(bot: Bot) -> list[CalibrationRound]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(CalibrationRound).order_by(CalibrationRound.id)))


def test_a_weekly_round_starts_with_friday_s_quote_once_and_waits_out_a_holiday(bot: Bot, slack: FakeSlackAPI) -> None:
    team = team_of_six(bot, slack)
    assert "Every Friday at the quote time" in team.ask("/practice", "calibrate weekly fri", user=LEAD)
    assert "*Calibration:* a round every Friday" in team.ask("/practice", "schedule", user=LEAD)
    team.ask("/practice", "holiday 2026-11-27", user=LEAD)  # this Friday: no quote, so no round
    team.run_by_schedule(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    assert calibration_rounds(team) == []
    team.run_until(datetime(2026, 12, 4, 8, 0, tzinfo=UTC), step=timedelta(hours=2))
    assert calibration_rounds(team) == []
    team.run_until(datetime(2026, 12, 4, 12, 0, tzinfo=UTC), step=timedelta(minutes=10))
    (weekly,) = calibration_rounds(team)
    assert weekly.weekly_on == date(2026, 12, 4) and weekly.started_by == LEAD
    quote = next(s for s in team.sent if s.kind == "quote" and s.at.date() == date(2026, 12, 4))
    assert weekly.started_at >= quote.at.replace(tzinfo=weekly.started_at.tzinfo)
    assert set(invitations(team)) == set(MEMBERS)
    for user in ("UNY", "UDUB", "UIN", "UMAY", "UARJ"):
        rate(team, user, [0])
    eventually(lambda: [c for c in team.slack.calls_to("chat.postMessage") if "Calibration round closed" in text_of(c)])
    (agreement,) = [c for c in team.slack.calls_to("chat.postMessage") if "Calibration round closed" in text_of(c)]
    assert agreement.params["channel"] == LEAD  # the lead who set the weekly round


def test_two_schedulers_seeing_the_same_friday_start_one_round(bot: Bot, slack: FakeSlackAPI) -> None:
    team = team_of_six(bot, slack)
    team.ask("/practice", "calibrate weekly fri", user=LEAD)
    team.clock.set(datetime(2026, 11, 27, 9, 5, tzinfo=UTC))
    friday = [Due(DeliveryKind.QUOTE, team_id_of(team), TEAM_CHANNEL, date(2026, 11, 27))]
    assert calibration.start_weekly(team.deps, friday) == Counter({"calibration:started": 1, "calibration:sent": 6})
    again = calibration.start_weekly(team.deps, friday)  # asked again the same day: nothing more is sent
    assert again == Counter({"calibration:skipped": 6})
    with team.deps.sessions() as session:
        session.exec(update(CalibrationRound).values(revealed_at=datetime(2026, 11, 27, 9, 6, tzinfo=UTC)))
        session.commit()
    assert calibration.start_weekly(team.deps, friday) == Counter()  # the day's round exists, even closed
    assert len(calibration_rounds(team)) == 1
    assert len(invitations(team)) == 6


def test_a_round_s_invitations_cut_short_by_a_crash_are_finished_by_the_next_tick_once(
    bot: Bot, slack: FakeSlackAPI
) -> None:
    team = team_of_six(bot, slack)
    team.ask("/practice", "calibrate weekly fri", user=LEAD)
    team.clock.set(datetime(2026, 11, 27, 9, 5, tzinfo=UTC))
    friday = [Due(DeliveryKind.QUOTE, team_id_of(team), TEAM_CHANNEL, date(2026, 11, 27))]
    calibration.start_weekly(team.deps, friday)
    with team.deps.sessions() as session:  # as if the process had died before inviting these two
        for row in session.exec(
            select(Delivery).where(Delivery.kind == DeliveryKind.CALIBRATION, Delivery.recipient.in_(["UMAY", "UARJ"]))
        ):
            session.delete(row)
        session.commit()
    before = len(slack.calls_to("chat.postMessage"))
    assert calibration.start_weekly(team.deps, friday) == Counter({"calibration:sent": 2, "calibration:skipped": 4})
    again = [c.params["channel"] for c in slack.calls_to("chat.postMessage")[before:]]
    assert sorted(again) == ["UARJ", "UMAY"]  # the four confirmed are not invited twice
    assert len(calibration_rounds(team)) == 1


def team_id_of(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return session.exec(select(Team.id)).one()


def test_a_weekly_round_for_a_small_team_waits_until_it_has_five_and_can_be_turned_off(team: Bot) -> None:
    set_reply = team.ask("/practice", "calibrate weekly fri", user=LEAD)
    assert "The team has 4 people now, so rounds start once it has 5" in set_reply
    team.run_until(datetime(2026, 11, 27, 12, 0, tzinfo=UTC), step=timedelta(hours=1))
    assert calibration_rounds(team) == []
    assert "Weekly calibration rounds are off" in team.ask("/practice", "calibrate off", user=LEAD)
    assert "*Calibration:* a round when a lead starts one" in team.ask("/practice", "schedule", user=LEAD)
    assert "isn't one of the team's practice days" in team.ask("/practice", "calibrate weekly sun", user=LEAD)


def test_an_invitation_left_claimed_by_a_process_that_died_is_taken_over_once(bot: Bot, slack: FakeSlackAPI) -> None:
    team = team_of_six(bot, slack)
    team.ask("/practice", "calibrate weekly fri", user=LEAD)
    team.clock.set(datetime(2026, 11, 27, 9, 5, tzinfo=UTC))
    friday = [Due(DeliveryKind.QUOTE, team_id_of(team), TEAM_CHANNEL, date(2026, 11, 27))]
    calibration.start_weekly(team.deps, friday)

    def left_claimed(user: str, attempts: int) -> None:
        with team.deps.sessions() as session:
            row = session.exec(
                select(Delivery).where(Delivery.kind == DeliveryKind.CALIBRATION, Delivery.recipient == user)
            ).one()
            row.status, row.claimed_by, row.attempts, row.channel, row.ts = "claimed", "gone", attempts, None, None
            session.add(row)
            session.commit()

    left_claimed("UMAY", 1)  # it had posted before dying: found in the DM, confirmed, not posted again
    left_claimed("UARJ", 0)  # it died before posting: posted now
    before = len(slack.calls_to("chat.postMessage"))
    team.clock.advance(timedelta(minutes=2))  # the dead process's lease has lapsed
    assert recovery.recover(team.deps) == {"calibration:sent": 2}
    (resent,) = slack.calls_to("chat.postMessage")[before:]
    assert resent.params["channel"] == "UARJ" and "Rate it" in str(resent.params["blocks"])
    assert recovery.recover(team.deps) == {}
