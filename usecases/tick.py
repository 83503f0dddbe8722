"""The scheduled surface: one job ticking every minute in UTC; the domain decides what is due."""

from __future__ import annotations

from collections import Counter
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from deps import Deps
from domain.feedback import FOLLOWUP_AFTER
from storage import jobs_queries
from usecases import data_rights, feedback, ledger, pairing, summary

JOB_ID = "practice-tick"


def run_tick(deps: Deps) -> Counter[str]:
    """Everything time-driven, in one pass: daily sends, then the weekly and follow-up work.

    One read session first finds the Monday summaries due and which of follow-ups, partners and retention
    could have anything to do: most ticks of most workspaces have none, and each would otherwise cost a
    session of its own every minute."""
    outcome = ledger.tick(deps)
    with deps.sessions() as session:
        waiting = jobs_queries.work_waiting(session, tried_before=deps.clock.now() - FOLLOWUP_AFTER)
        summaries = summary.summaries_due(deps, session)
    if waiting.followups:
        outcome.update(feedback.send_followups(deps))
    outcome.update(summary.send_weekly(deps, summaries))
    if waiting.partners:
        outcome.update(pairing.run_weekly(deps))
    if waiting.retention:
        outcome.update(data_rights.apply_retention(deps, deps.clock.now()))
    return outcome


def safe_tick(deps: Deps) -> None:
    """A tick that fails (database down, Slack unreachable) is logged and retried next minute."""
    try:
        outcome = run_tick(deps)
    except Exception as error:  # noqa: BLE001 - the scheduler thread must survive anything; logged with its type
        deps.logger.error("tick failed: %s", type(error).__name__, exc_info=error)
        return
    if outcome:
        deps.logger.info("tick %s", dict(outcome))


def start_scheduler(deps: Deps) -> BackgroundScheduler:
    """In-memory job store: APScheduler 3 can't share one between processes, and the database holds what is due."""
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_job(
        safe_tick,
        trigger=CronTrigger(second=0, timezone=UTC),
        args=[deps],
        id=JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=55,
        next_run_time=deps.clock.now(),
    )
    scheduler.start()
    return scheduler
