"""The scheduled surface: one job ticking every minute in UTC; the domain decides what is due."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from deps import Deps
from domain.feedback import FOLLOWUP_AFTER
from domain.ledger import DeliveryKind
from domain.schedule import Due, NextSend
from storage import jobs_queries
from usecases import data_rights, feedback, ledger, pairing, schedule, summary

JOB_ID = "practice-tick"
T = TypeVar("T")


class Part(StrEnum):
    """The tick's independent parts: each succeeds or fails alone, so one failure delays nothing else."""

    DIRECTORY = "directory"
    PLAN = "plan"
    QUOTES = "quotes"
    PROMPTS = "prompts"
    REMINDERS = "reminders"
    FOLLOWUPS = "followups"
    SUMMARIES = "summaries"
    PAIRINGS = "pairings"
    RETENTION = "retention"
    SETTLE = "settle"


DAILY_PARTS = {
    Part.QUOTES: DeliveryKind.QUOTE,
    Part.PROMPTS: DeliveryKind.PROMPT,
    Part.REMINDERS: DeliveryKind.REMINDER,
}


def _guarded(deps: Deps, part: Part, work: Callable[[], T], failed: T) -> T:
    """Run one part; a failure is logged with its part and type (never a message's words), and the part is
    tried again next minute, as the ledger's failed rows are."""
    try:
        return work()
    except Exception as error:  # noqa: BLE001 - one part must not stop the others; logged with its type
        deps.logger.error("tick failed: %s part=%s", type(error).__name__, part, exc_info=error)
        return failed


def _part(deps: Deps, part: Part, work: Callable[[], Counter[str]]) -> Counter[str]:
    return _guarded(deps, part, work, Counter({f"{part}:failed": 1}))


def _per_team(deps: Deps, part: Part, dues: list[Due]) -> Counter[str]:
    """All of a part's sends in shared batches; when that fails, once more team by team, so that a failure
    tied to one team (its data, its channel) holds back no other."""
    try:
        return ledger.deliver_all(deps, dues)
    except Exception as error:  # noqa: BLE001 - retried per team below; logged with its type
        deps.logger.warning("tick part %s failed as a whole (%s); sending team by team", part, type(error).__name__)
    outcome: Counter[str] = Counter()
    for team_id in sorted({d.team_id for d in dues}):
        of_team = [d for d in dues if d.team_id == team_id]
        outcome.update(_part(deps, part, lambda of_team=of_team: ledger.deliver_all(deps, of_team)))
    return outcome


def run_tick(deps: Deps) -> Counter[str]:
    """Everything time-driven, in independent parts: the directory, planning changed teams, the day's quotes,
    prompts and reminders, the weekly and follow-up work, then moving settled occurrences on.

    Only what has come due is read: the next moments (NextSend), and one cheap read saying which of
    follow-ups, partners and retention could have anything to do."""
    now = deps.clock.now()
    outcome = _part(deps, Part.DIRECTORY, lambda: _directory(deps, now))
    outcome.update(_part(deps, Part.PLAN, lambda: _plan(deps, now)))
    come = _guarded(deps, Part.PLAN, lambda: schedule.come_due(deps, now), schedule.Come([], [], []))
    for part, kind in DAILY_PARTS.items():
        dues = [d for d in come.daily if d.kind == kind]
        if dues:
            outcome.update(_part(deps, part, lambda part=part, dues=dues: _per_team(deps, part, dues)))
    summaries_left = set(come.summary_teams)
    if come.summary_teams:
        outcome.update(_part(deps, Part.SUMMARIES, lambda: _summaries(deps, come.summary_teams, summaries_left)))
    everything = jobs_queries.Waiting(followups=True, partners=True, retention=True)
    waiting = _guarded(deps, Part.FOLLOWUPS, lambda: _waiting(deps, now), everything)
    if waiting.followups:
        outcome.update(_part(deps, Part.FOLLOWUPS, lambda: feedback.send_followups(deps)))
    if waiting.partners:
        outcome.update(_part(deps, Part.PAIRINGS, lambda: pairing.run_weekly(deps)))
    if waiting.retention:
        outcome.update(_part(deps, Part.RETENTION, lambda: data_rights.apply_retention(deps, now)))
    outcome.update(_part(deps, Part.SETTLE, lambda: _settle(deps, now, come.occurrences, summaries_left)))
    return +outcome


def _directory(deps: Deps, now: datetime) -> Counter[str]:
    ledger.refresh_directory(deps, now)
    return Counter()


def _plan(deps: Deps, now: datetime) -> Counter[str]:
    for team_id in schedule.replan(deps, now):
        deps.logger.warning("team settings unreadable team=%s: its sends are held until they are fixed", team_id)
    return Counter()


def _summaries(deps: Deps, team_ids: list[int], left: set[int]) -> Counter[str]:
    """The Monday summaries of the teams whose summary time has come; `left` keeps the teams that still had
    one to send, whose occurrence stays due."""
    with deps.sessions() as session:
        due = summary.summaries_due(deps, session, team_ids=team_ids)
    left.intersection_update(item.team.id for item in due)
    return summary.send_weekly(deps, due)


def _waiting(deps: Deps, now: datetime) -> jobs_queries.Waiting:
    with deps.sessions() as session:
        return jobs_queries.work_waiting(session, tried_before=now - FOLLOWUP_AFTER)


def _settle(deps: Deps, now: datetime, occurrences: list[NextSend], summaries_left: set[int]) -> Counter[str]:
    schedule.settle(deps, now, occurrences, summaries_left=summaries_left)
    return Counter()


def safe_tick(deps: Deps) -> None:
    """Each part of a tick is already kept apart; this guards the scheduler thread against anything else."""
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
