"""The scheduler: one minute-tick job, safe across misfires and failures; profiles refreshed daily."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.db import make_engine, session_factory
from tests.harness import LEAD, Bot
from usecases import tick


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
