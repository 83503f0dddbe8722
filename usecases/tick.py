"""The scheduled surface: one job ticking every minute in UTC; the domain decides what is due."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from deps import Deps
from domain.feedback import FOLLOWUP_AFTER
from domain.ledger import DeliveryKind
from domain.schedule import Due, NextSend
from storage import jobs_queries
from usecases import (
    calibration,
    data_rights,
    feedback,
    focus,
    ledger,
    lessons,
    pairing,
    peer_review,
    schedule,
    summary,
)
from usecases.parts import Part, counted, guarded, team_by_team

JOB_ID = "practice-tick"


DAILY_PARTS = {
    Part.QUOTES: DeliveryKind.QUOTE,
    Part.PROMPTS: DeliveryKind.PROMPT,
    Part.REMINDERS: DeliveryKind.REMINDER,
}


def _per_team(deps: Deps, part: Part, dues: list[Due]) -> Counter[str]:
    """All of a part's sends in shared batches; when that fails, once more team by team, so that a failure
    tied to one team (its data, its channel) holds back no other."""
    try:
        return ledger.deliver_all(deps, dues)
    except Exception as error:  # noqa: BLE001 - retried per team below; logged with its type
        deps.logger.warning("tick part %s failed as a whole (%s); sending team by team", part, type(error).__name__)
    by_team: dict[int, list[Due]] = {}
    for due in dues:
        by_team.setdefault(due.team_id, []).append(due)
    return team_by_team(
        deps, part, sorted(by_team.items()), lambda team: team[0], lambda team: ledger.deliver_all(deps, team[1])
    )


def run_tick(deps: Deps) -> Counter[str]:
    """Everything time-driven, in independent parts: the directory, planning changed teams, the day's quotes,
    prompts and reminders (and, for the people prompted, their focus offers and lessons brought back; for the
    teams whose quote came, a weekly calibration round), the weekly and follow-up work, then moving settled
    occurrences on.

    Only what has come due is read: the next moments (NextSend), and one cheap read saying whether
    follow-ups and retention could have anything to do."""
    now = deps.clock.now()
    outcome = counted(deps, Part.DIRECTORY, lambda: _directory(deps, now))
    outcome.update(counted(deps, Part.PLAN, lambda: _plan(deps, now)))
    come = guarded(deps, Part.PLAN, lambda: schedule.come_due(deps, now), schedule.Come([], [], [], []))
    for part, kind in DAILY_PARTS.items():
        dues = [d for d in come.daily if d.kind == kind]
        if dues:
            outcome.update(counted(deps, part, lambda part=part, dues=dues: _per_team(deps, part, dues)))
    if prompts := [d for d in come.daily if d.kind == DeliveryKind.PROMPT]:
        outcome.update(counted(deps, Part.FOCUS, lambda: focus.offer_due(deps, prompts)))
        outcome.update(counted(deps, Part.LESSONS, lambda: lessons.bring_back(deps, prompts)))
    if quotes := [d for d in come.daily if d.kind == DeliveryKind.QUOTE]:
        outcome.update(counted(deps, Part.CALIBRATION, lambda: calibration.start_weekly(deps, quotes)))
    summaries_left, pairings_left = set(come.summary_teams), set(come.pairing_teams)
    if come.summary_teams:
        outcome.update(counted(deps, Part.SUMMARIES, lambda: _summaries(deps, come.summary_teams, summaries_left)))
    if come.pairing_teams:
        outcome.update(
            counted(deps, Part.PAIRINGS, lambda: pairing.run_weekly(deps, come.pairing_teams, pairings_left))
        )
    everything = jobs_queries.Waiting(followups=True, retention=True)
    waiting = guarded(deps, Part.FOLLOWUPS, lambda: _waiting(deps, now), everything)
    if waiting.followups:
        outcome.update(counted(deps, Part.FOLLOWUPS, lambda: feedback.send_followups(deps)))
    if waiting.retention:
        outcome.update(counted(deps, Part.RETENTION, lambda: data_rights.apply_retention(deps, now)))
    outcome.update(counted(deps, Part.REVIEWS, lambda: peer_review.move_on(deps)))
    outcome.update(counted(deps, Part.CALIBRATION, lambda: calibration.close_due(deps)))
    weekly_left = {(DeliveryKind.SUMMARY, t) for t in summaries_left} | {
        (DeliveryKind.PAIRING, t) for t in pairings_left
    }
    outcome.update(counted(deps, Part.SETTLE, lambda: _settle(deps, now, come.occurrences, weekly_left)))
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


def _settle(deps: Deps, now: datetime, occurrences: list[NextSend], weekly_left: set[tuple[str, int]]) -> Counter[str]:
    schedule.settle(deps, now, occurrences, weekly_left=weekly_left)
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
