"""The scheduler: one minute-tick job, safe across misfires and failures; profiles refreshed daily."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage import jobs_queries, queries
from storage.db import make_engine, session_factory, transaction
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import LEAD, TEAM_CHANNEL, Bot
from usecases import data_rights, ledger, pairing, schedule, summary, tick


def test_one_tick_job_with_explicit_misfire_and_coalescing(bot: Bot) -> None:
    scheduler = tick.start_scheduler(bot.deps)
    try:
        (job,) = scheduler.get_jobs()
        assert job.id == tick.JOB_ID
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 55)
        assert str(job.trigger.timezone) == "UTC" and "second='0'" in str(job.trigger)
    finally:
        scheduler.shutdown(wait=True)


def test_a_tick_that_fails_is_logged_and_the_scheduler_carries_on(bot: Bot, caplog) -> None:
    bot.deps.sessions = session_factory(make_engine("sqlite:////nonexistent/dir/x.db"))
    tick.safe_tick(bot.deps)
    assert "tick failed: OperationalError" in caplog.text


def test_time_zones_are_cached_and_refreshed_once_a_day_not_per_message(team: Bot, slack) -> None:
    lookups_at_start = len(slack.calls_to("users.info"))
    team.run_until(datetime(2026, 11, 23, 22, 0, tzinfo=UTC))
    monday_lookups = len(slack.calls_to("users.info")) - lookups_at_start
    assert monday_lookups == 0  # refreshed at /practice start, less than a day ago

    slack.add_user("UDUB", name="dara", tz="Asia/Tokyo")  # Dara moved
    team.run_until(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    assert len(slack.calls_to("users.info")) - lookups_at_start == 10  # four people and the bot user, once a day
    tokyo = [s.at.astimezone(ZoneInfo("Asia/Tokyo")) for s in team.sent_to("UDUB", "prompt")]
    assert tokyo[-1].time() == time(9, 30) and tokyo[-1].date().isoformat() == "2026-11-25"


def test_a_database_outage_during_a_command_gets_a_try_again_answer(team: Bot) -> None:
    team.deps.sessions = session_factory(make_engine("sqlite:////nonexistent/dir/x.db"))
    assert "try again in a minute" in team.ask("/practice", "status", user=LEAD)
    assert "try again" in team.ask("/reflect", "An answer.", user="UDUB", channel="DUDUB")


def test_the_clock_only_moves_when_told(bot: Bot) -> None:
    before = bot.clock.now()
    bot.tick()
    assert bot.clock.now() == before
    assert bot.clock.advance(timedelta(days=7)) - before == timedelta(days=7)


# ---- each part of a tick fails alone ------------------------------------------------------------

MONDAY_PROMPT_TIME = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # 09:30 in Dublin: Dara's prompt is due


class Broken(RuntimeError):
    """The failure a test injects into one part of the tick."""


def breaks(*_args: object, **_kwargs: object) -> None:
    raise Broken("injected")


PARTS = {
    "directory": (ledger, "refresh_directory"),
    "plan": (schedule, "replan"),
    "quotes": (queries, "quote_history"),
    "reminders": (queries, "unanswered_prompts"),
    "summaries": (summary, "summaries_due"),
    "followups": (jobs_queries, "work_waiting"),
    "pairings": (pairing, "run_weekly"),
    "retention": (data_rights, "apply_retention"),
    "settle": (schedule, "settle"),
}


@pytest.mark.parametrize("part", PARTS, ids=PARTS.keys())
def test_a_failure_in_one_part_of_the_tick_delays_no_other_and_is_logged_with_its_part(
    team: Bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, part: str
) -> None:
    team.ask("/practice", "partners on", user=LEAD)
    team.ask("/practice", "retention 365", user=LEAD)
    team.tick()  # planned before anything breaks, so that breaking the planner leaves the plan in place
    module, name = PARTS[part]
    monkeypatch.setattr(module, name, breaks)
    team.clock.set(MONDAY_PROMPT_TIME)

    team.tick()

    assert f"tick failed: Broken part={part}" in caplog.text
    assert len(team.sent_to("UDUB", "prompt")) == 1  # Dara's prompt went out all the same
    if part != "quotes":
        assert len(team.sent_to(TEAM_CHANNEL, "quote")) == 1


def test_when_prompts_fail_the_quote_still_goes_out(team: Bot, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    team.tick()
    monkeypatch.setattr(queries, "prompt_histories", breaks)
    team.clock.set(MONDAY_PROMPT_TIME)

    team.tick()

    assert "tick failed: Broken part=prompts" in caplog.text
    assert not team.sent_to("UDUB", "prompt")
    assert len(team.sent_to(TEAM_CHANNEL, "quote")) == 1


def second_team(bot: Bot, slack: FakeSlackAPI) -> str:
    slack.add_user("UKE", name="kea", tz="Europe/Dublin")
    slack.add_channel("CSECOND", name="second-team", members=(LEAD, "UKE", "UBOT"))
    assert "practice team" in bot.ask("/practice", "start", user=LEAD, channel="CSECOND")
    return "CSECOND"


def test_one_teams_unreadable_settings_hold_back_only_that_team(team: Bot, slack: FakeSlackAPI, caplog) -> None:
    second_team(team, slack)
    with transaction(team.deps.sessions) as session:
        broken = queries.team_by_channel(session, channel_id=TEAM_CHANNEL)
        broken.prompt_time = "9h30"  # written by hand, past the command's checks
        broken.replan = True
    team.clock.set(MONDAY_PROMPT_TIME)

    team.tick()

    assert len(team.sent_to("UKE", "prompt")) == 1
    assert not team.sent_to("UDUB", "prompt")
    assert f"team settings unreadable team={broken.id}" in caplog.text


def test_a_failure_tied_to_one_team_is_retried_team_by_team(
    team: Bot, slack: FakeSlackAPI, monkeypatch, caplog
) -> None:
    other = second_team(team, slack)
    team.tick()
    real = queries.quote_history

    def refuses_the_first_channel(session, *, channel_id: str):  # type: ignore[no-untyped-def]
        if channel_id == TEAM_CHANNEL:
            raise Broken("this team's quotes")
        return real(session, channel_id=channel_id)

    monkeypatch.setattr(queries, "quote_history", refuses_the_first_channel)
    team.clock.set(MONDAY_PROMPT_TIME)

    team.tick()

    assert "tick part quotes failed as a whole (Broken); sending team by team" in caplog.text
    assert len(team.sent_to(other, "quote")) == 1
    assert not team.sent_to(TEAM_CHANNEL, "quote")


def test_slack_refusing_one_teams_channel_holds_back_no_other_team(team: Bot, slack: FakeSlackAPI) -> None:
    other = second_team(team, slack)
    team.tick()
    slack.add_channel(TEAM_CHANNEL, name="archived")  # the bot was removed: posting there is refused
    slack.set_members(TEAM_CHANNEL, [])
    team.clock.set(MONDAY_PROMPT_TIME)

    team.tick()

    assert len(team.sent_to(other, "quote")) == 1
    assert len(team.sent_to("UKE", "prompt")) == 1
