"""The schedule's next moments: plan the teams whose settings changed, find what has come due, and move each
occurrence on once it is settled. A quiet minute reads one index range, whatever the number of people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from deps import Deps
from domain.ledger import DeliveryKind
from domain.schedule import DAILY_KINDS, Due, NextSend, TeamPlan, due_now, next_sends, next_weekly, zone
from storage import queries
from storage import schedule_queries as sq
from storage.db import transaction

WEEKLY_KINDS = (DeliveryKind.SUMMARY, DeliveryKind.PAIRING)


def planned(deps: Deps, plan: TeamPlan, now: datetime) -> list[NextSend]:
    """A team's moments: its daily sends while it runs, its leads' summary while it runs or is paused, and its
    partners while it runs with them on."""
    weekly = [_weekly(deps, plan, kind, now, None) for kind in WEEKLY_KINDS]
    return [*next_sends(plan, now, deps.settings.catch_up), *(send for send in weekly if send is not None)]


#: Teams planned per transaction: a first start with thousands of teams holds no write lock for long (on
#: SQLite, commands wait for it), and a failure costs one batch.
REPLAN_BATCH = 100


def replan(deps: Deps, now: datetime) -> list[int]:
    """Plan again every team whose settings, members or members' preferences changed since the last tick;
    returns the ids of any whose stored settings could not be read (they are left unplanned)."""
    with deps.sessions() as session:
        if not sq.any_to_replan(session):
            return []
    unreadable: list[int] = []
    while True:
        with transaction(deps.sessions) as session:
            team_ids = sq.take_teams_to_replan(session, limit=REPLAN_BATCH)
            if not team_ids:
                return unreadable
            read = queries.read_plans(session, team_ids=team_ids, include_paused=True)
            sends = [send for plan in read.plans for send in planned(deps, plan, now)]
            sq.replace_sends(session, team_ids=team_ids, sends=sends)
        unreadable.extend(read.unreadable)


@dataclass(frozen=True)
class Come:
    """What the tick found due: the daily sends due_now names, the teams whose summary or partners' time has
    come, and the occurrences they came from, to settle afterwards."""

    daily: list[Due]
    summary_teams: list[int]
    pairing_teams: list[int]
    occurrences: list[NextSend]


def come_due(deps: Deps, now: datetime) -> Come:
    """The occurrences whose moment has come, checked by due_now against their teams' plans: the table says
    when to look, the domain still decides what is due."""
    with deps.sessions() as session:
        occurrences = sq.due_sends(session, now=now)
        live = [o for o in occurrences if o.until > now]
        daily_live = [o for o in live if o.kind in DAILY_KINDS]
        wanted = {(o.kind, o.team_id, o.recipient) for o in daily_live}
        members = {(o.team_id, o.recipient) for o in daily_live}
        plans = queries.load_plans(session, team_ids={o.team_id for o in daily_live}) if daily_live else []
    narrowed = [
        TeamPlan(p.team_id, p.channel_id, p.schedule, tuple(m for m in p.members if (p.team_id, m.user_id) in members))
        for p in plans
    ]
    daily = [d for d in due_now(now, narrowed, deps.settings.catch_up) if (d.kind, d.team_id, d.recipient) in wanted]
    summary_teams = sorted({o.team_id for o in live if o.kind == DeliveryKind.SUMMARY})
    pairing_teams = sorted({o.team_id for o in live if o.kind == DeliveryKind.PAIRING})
    return Come(daily, summary_teams, pairing_teams, occurrences)


def settle(deps: Deps, now: datetime, occurrences: Sequence[NextSend], *, weekly_left: set[tuple[str, int]]) -> int:
    """Move on every occurrence that is done: its send confirmed in the ledger, a reminder whose prompt was
    answered, a weekly send with nothing left to do (`weekly_left` holds (kind, team) pairs that still had),
    or a window that has ended. The rest stay due and are tried again next minute, as the ledger's failed
    rows are. Returns how many moved on."""
    if not occurrences:
        return 0
    with deps.sessions() as session:
        daily = [o for o in occurrences if o.kind in DAILY_KINDS]
        sent = queries.sent_keys(session, keys=[(o.recipient, o.kind, o.local_date) for o in daily]) if daily else set()
        reminders = [(o.recipient, o.local_date) for o in daily if o.kind == DeliveryKind.REMINDER]
        answered = (
            queries.answered_days(session, keys=reminders) | queries.lesson_days(session, keys=reminders)
            if reminders
            else set()
        )

        def done(o: NextSend) -> bool:
            if o.until <= now:
                return True
            if o.kind in WEEKLY_KINDS:
                return (o.kind, o.team_id) not in weekly_left
            if o.kind == DeliveryKind.REMINDER and (o.recipient, o.local_date) in answered:  # or a lesson came
                return True
            return (o.recipient, o.kind, o.local_date) in sent

        finished = [o for o in occurrences if done(o)]
        if not finished:
            return 0
        teams = {o.team_id for o in finished}
        plans = {p.team_id: p for p in queries.load_plans(session, team_ids=teams, include_paused=True)}
    moves = [(o, _following(deps, o, plans.get(o.team_id), now)) for o in finished]
    with transaction(deps.sessions) as session:
        sq.move_on(session, moves=moves)
    return len(finished)


def _weekly(deps: Deps, plan: TeamPlan, kind: DeliveryKind, now: datetime, after: date | None) -> NextSend | None:
    """The summary (on holidays, the week's first working day) or the partners (Monday, from the prompt time,
    only while the team runs with them on)."""
    schedule = plan.schedule
    tz = zone(schedule.timezone, deps.settings.default_timezone)
    if kind == DeliveryKind.SUMMARY:
        return next_weekly(
            kind, plan.team_id, plan.channel_id, tz, schedule.summary_time, schedule.holidays, now, after
        )
    if not (schedule.partners and schedule.active):
        return None
    return next_weekly(kind, plan.team_id, plan.channel_id, tz, schedule.prompt_time, (), now, after)


def _following(deps: Deps, done: NextSend, plan: TeamPlan | None, now: datetime) -> NextSend | None:
    """The occurrence after a settled one; None (the row goes) when its team or member no longer has one."""
    if plan is None:
        return None
    if done.kind in WEEKLY_KINDS:
        return _weekly(deps, plan, done.kind, now, done.local_date)
    member = tuple(m for m in plan.members if m.user_id == done.recipient)
    narrowed = TeamPlan(plan.team_id, plan.channel_id, plan.schedule, member)
    after = {(done.kind, done.recipient): done.local_date}
    following = next_sends(narrowed, now, deps.settings.catch_up, after)
    return next((s for s in following if (s.kind, s.recipient) == (done.kind, done.recipient)), None)
