"""All SQL. Keyword-only functions taking a session, so the domain and handlers never build queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, delete, exists, func, not_, or_, true, update
from sqlalchemy import insert as sa_insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from domain import schedule as sched
from domain.ledger import DeliveryKind, DeliveryStatus, Missing
from domain.people import Profile
from domain.schedule import TeamStatus
from storage import lease_queries, schedule_queries
from storage.chunks import chunks
from storage.lease_queries import Liveness, claim_held
from storage.models import Answer, Delivery, DrillRound, Person, Team, TeamHoliday, TeamLead, TeamMember

# ---- encoding helpers ---------------------------------------------------------------------------


def days_to_text(days: Iterable[int]) -> str:
    return ",".join(str(d) for d in sorted(set(days)))


def days_from_text(text: str | None) -> frozenset[int] | None:
    if text is None:
        return None
    return frozenset(int(d) for d in text.split(",") if d != "")


def time_to_text(value: time) -> str:
    return value.strftime("%H:%M")


def time_from_text(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


# ---- teams ----------------------------------------------------------------------------------------


def team_by_channel(session: Session, *, channel_id: str) -> Team | None:
    return session.exec(select(Team).where(Team.channel_id == channel_id)).first()


def team_by_id(session: Session, *, team_id: int) -> Team | None:
    return session.get(Team, team_id)


def start_team(
    session: Session, *, channel_id: str, workspace_id: str, lead_id: str, timezone: str, now: datetime
) -> tuple[Team, bool]:
    """Create the team, or reactivate a stopped one keeping its schedule; returns (team, created)."""
    team = team_by_channel(session, channel_id=channel_id)
    created = team is None
    if team is None:
        team = Team(
            channel_id=channel_id,
            workspace_id=workspace_id,
            created_by=lead_id,
            timezone=timezone,
            created_at=now,
        )
        session.add(team)
        session.flush()
    else:
        team.status = TeamStatus.ACTIVE
        team.replan = True
    if session.get(TeamLead, (team.id, lead_id)) is None:
        session.add(TeamLead(team_id=team.id, user_id=lead_id, added_by=lead_id))
    return team, created


def set_team_status(session: Session, *, team_id: int, status: str) -> None:
    session.exec(update(Team).where(Team.id == team_id).values(status=status, replan=True))


def update_schedule(
    session: Session,
    *,
    team_id: int,
    days: frozenset[int] | None = None,
    prompt_time: time | None = None,
    quote_time: time | None = None,
    reminder_time: time | None = None,
    timezone: str | None = None,
    drill_days: frozenset[int] | None = None,
    write_day: frozenset[int] | None = None,
) -> Team:
    team = session.get(Team, team_id)
    assert team is not None
    if drill_days is not None:
        team.drill_days = days_to_text(drill_days) if drill_days else None
    if write_day is not None:
        team.write_day = min(write_day, default=None)
    if days is not None:
        team.days = days_to_text(days)
    if prompt_time is not None:
        team.prompt_time = time_to_text(prompt_time)
    if quote_time is not None:
        team.quote_time = time_to_text(quote_time)
    if reminder_time is not None:
        team.reminder_time = time_to_text(reminder_time)
    if timezone is not None:
        team.timezone = timezone
    team.replan = True
    return team


def drill_days_of(session: Session, *, team_ids: Iterable[int]) -> dict[int, sched.DrillDays]:
    """The teams (of these) with drill days or a written-drill day on, and those days."""
    found: dict[int, sched.DrillDays] = {}
    for batch in chunks(sorted(set(team_ids))):
        rows = session.exec(
            select(Team.id, Team.drill_days, Team.write_day).where(
                Team.id.in_(batch), or_(Team.drill_days.is_not(None), Team.write_day.is_not(None))
            )
        )
        found.update(
            {team_id: sched.DrillDays(days_from_text(days) or frozenset(), write) for team_id, days, write in rows}
        )
    return found


def team_schedule(team: Team, holidays: Iterable[date] = ()) -> sched.TeamSchedule:
    return sched.TeamSchedule(
        days=days_from_text(team.days) or frozenset(),
        prompt_time=time.fromisoformat(team.prompt_time),
        quote_time=time.fromisoformat(team.quote_time),
        reminder_time=time.fromisoformat(team.reminder_time),
        timezone=team.timezone,
        holidays=frozenset(holidays),
        active=team.status == TeamStatus.ACTIVE,
        summary_time=summary_time_of(team),
        partners=team.pairing_enabled,
        drill_days=days_from_text(team.drill_days) or frozenset(),
        write_day=team.write_day,
    )


def summary_time_of(team: Team) -> time:
    """The Monday summary's time; one written badly by hand falls back to the default rather than stopping it."""
    try:
        return time.fromisoformat(team.summary_time)
    except ValueError:
        return sched.TeamSchedule.summary_time


def teams_of_user(session: Session, *, user_id: str) -> list[Team]:
    return list(
        session.exec(
            select(Team)
            .join(TeamMember, TeamMember.team_id == Team.id)
            .where(TeamMember.user_id == user_id, TeamMember.active, Team.status != TeamStatus.STOPPED)
            .order_by(Team.id)
        )
    )


# ---- members, leads, holidays -------------------------------------------------------------------


def sync_members(session: Session, *, team_id: int, user_ids: Iterable[str], now: datetime) -> list[str]:
    """Make the team's members exactly `user_ids`; returns the ids that are new or came back. New members go in
    with one executemany: a team of 5,000 is not 5,000 ORM objects."""
    wanted = set(user_ids)
    rows = {m.user_id: m for m in session.exec(select(TeamMember).where(TeamMember.team_id == team_id))}
    new = sorted(wanted - rows.keys())
    if new:
        session.exec(sa_insert(TeamMember), params=[{"team_id": team_id, "user_id": u, "active": True} for u in new])
    joined = list(new)
    for user_id in sorted(wanted & rows.keys()):
        if not rows[user_id].active:
            rows[user_id].active = True
            joined.append(user_id)
    for user_id, row in rows.items():
        if user_id not in wanted and row.active:
            row.active = False
    team = session.get(Team, team_id)
    if team is not None:
        team.members_synced_at = now
        team.replan = True  # also once a day: the moments are rebuilt from scratch at least that often
    return sorted(joined)


def set_member_active(session: Session, *, team_id: int, user_id: str, active: bool) -> None:
    row = session.get(TeamMember, (team_id, user_id))
    if row is None:
        if active:
            session.add(TeamMember(team_id=team_id, user_id=user_id))
    else:
        row.active = active
    schedule_queries.replan_team(session, team_id=team_id)


def team_lead_ids(session: Session, *, team_id: int) -> list[str]:
    return list(session.exec(select(TeamLead.user_id).where(TeamLead.team_id == team_id).order_by(TeamLead.user_id)))


def is_team_lead(session: Session, *, team_id: int, user_id: str) -> bool:
    return session.get(TeamLead, (team_id, user_id)) is not None


def add_lead(session: Session, *, team_id: int, user_id: str, added_by: str) -> bool:
    if session.get(TeamLead, (team_id, user_id)) is not None:
        return False
    session.add(TeamLead(team_id=team_id, user_id=user_id, added_by=added_by))
    return True


def remove_lead(session: Session, *, team_id: int, user_id: str) -> bool:
    result = session.exec(delete(TeamLead).where(TeamLead.team_id == team_id, TeamLead.user_id == user_id))
    return result.rowcount > 0


def add_holiday(session: Session, *, team_id: int, day: date) -> bool:
    if session.get(TeamHoliday, (team_id, day)) is not None:
        return False
    session.add(TeamHoliday(team_id=team_id, day=day))
    schedule_queries.replan_team(session, team_id=team_id)
    return True


def remove_holiday(session: Session, *, team_id: int, day: date) -> bool:
    result = session.exec(delete(TeamHoliday).where(TeamHoliday.team_id == team_id, TeamHoliday.day == day))
    schedule_queries.replan_team(session, team_id=team_id)
    return result.rowcount > 0


def holidays(session: Session, *, team_id: int, since: date | None = None) -> list[date]:
    query = select(TeamHoliday.day).where(TeamHoliday.team_id == team_id)
    if since is not None:
        query = query.where(TeamHoliday.day >= since)
    return list(session.exec(query.order_by(TeamHoliday.day)))


# ---- people ---------------------------------------------------------------------------------------


def find_person(session: Session, *, user_id: str) -> Person | None:
    return session.get(Person, user_id)


def person(session: Session, *, user_id: str) -> Person:
    """The person's row, created with defaults on first use (not yet flushed)."""
    row = session.get(Person, user_id)
    if row is None:
        row = Person(user_id=user_id)
        session.add(row)
    return row


def save_profiles(session: Session, *, profiles: Iterable[Profile], now: datetime) -> None:
    """One read for everyone already known, then one executemany each for the new and the known: a team of
    5,000 is not 5,000 round trips."""
    latest = {p.user_id: p for p in profiles}
    wanted = sorted(latest)
    known: dict[str, Profile] = {}
    for users in chunks(wanted):
        for user_id, timezone, is_bot, deleted in session.exec(
            select(Person.user_id, Person.timezone, Person.is_bot, Person.deleted).where(Person.user_id.in_(users))
        ):
            known[user_id] = Profile(user_id, timezone, is_bot, deleted)
    # A new person, or a changed time zone or account, moves their sends: their teams are planned again.
    schedule_queries.replan_people(session, user_ids=[u for u in wanted if known.get(u) != latest[u]])
    fields = [
        {
            "user_id": p.user_id,
            "timezone": p.timezone,
            "is_bot": p.is_bot,
            "deleted": p.deleted,
            "profile_refreshed_at": now,
        }
        for p in latest.values()
    ]
    new = [f for f in fields if f["user_id"] not in known]  # the columns' own defaults fill in the rest
    if new:
        session.exec(sa_insert(Person), params=new)
    refreshed = [f for f in fields if f["user_id"] in known]
    if refreshed:
        session.exec(update(Person), params=refreshed)


def stale_profiles(session: Session, *, team_id: int, before: datetime) -> list[str]:
    """The team's active members whose cached profile is missing or older than `before`."""
    query = (
        select(TeamMember.user_id)
        .outerjoin(Person, Person.user_id == TeamMember.user_id)
        .where(TeamMember.team_id == team_id, TeamMember.active)
        .where(
            or_(Person.user_id.is_(None), Person.profile_refreshed_at.is_(None), Person.profile_refreshed_at < before)
        )
    )
    return sorted(session.exec(query))


#: Teams whose members are synced in one tick at most: the rest wait a minute, so a deployment's first day
#: (every team due at once) spreads over minutes instead of one long tick.
RESYNC_PAGE = 100


def teams_to_resync(session: Session, *, before: datetime) -> list[Team]:
    """Running teams never synced, or last synced before `before`, oldest first: two reads of the
    members_synced_at index (an OR of both would have PostgreSQL scan the table)."""
    running = Team.status != TeamStatus.STOPPED
    never = list(
        session.exec(
            select(Team)
            .where(running, Team.members_synced_at.is_(None))
            .order_by(Team.members_synced_at)
            .limit(RESYNC_PAGE)
        )
    )
    stale = session.exec(
        select(Team)
        .where(running, Team.members_synced_at < before)
        .order_by(Team.members_synced_at)
        .limit(RESYNC_PAGE - len(never))
    )
    return [*never, *stale]


def prefs_of(row: Person | None) -> sched.PersonPrefs:
    if row is None:
        return sched.PersonPrefs()
    return sched.PersonPrefs(
        timezone=row.timezone,
        own_time=time_from_text(row.own_time),
        own_days=days_from_text(row.own_days),
        away_until=row.away_until,
        paused=row.paused,
        reminders=row.reminders,
    )


@dataclass(frozen=True)
class Plans:
    """Teams as the scheduler sees them, and the ids of any with stored settings that could not be read (a
    bad time or day list written by hand): a team whose own schedule is unreadable is left out, a member
    whose preferences are is left out of their team, so one team's bad data stops no one else."""

    plans: list[sched.TeamPlan]
    unreadable: list[int]


def read_plans(session: Session, *, team_ids: Iterable[int] | None = None, include_paused: bool = False) -> Plans:
    """Running teams (all, or those of `team_ids`) with their members and preferences: three queries per few
    hundred teams whatever their size."""
    statuses = (TeamStatus.ACTIVE, TeamStatus.PAUSED) if include_paused else (TeamStatus.ACTIVE,)
    if team_ids is None:
        teams = list(session.exec(select(Team).where(Team.status.in_(statuses)).order_by(Team.id)))
    else:
        teams = []
        for ids in chunks(sorted(set(team_ids))):
            teams.extend(session.exec(select(Team).where(Team.id.in_(ids), Team.status.in_(statuses))))
        teams.sort(key=lambda t: t.id)
    found = Plans([], [])
    for batch in chunks(teams):
        ids = [t.id for t in batch]
        members = session.exec(
            select(TeamMember.team_id, TeamMember.user_id, Person)
            .outerjoin(Person, Person.user_id == TeamMember.user_id)
            .where(TeamMember.team_id.in_(ids), TeamMember.active)
            .order_by(TeamMember.team_id, TeamMember.user_id)
        ).all()
        by_team: dict[int, list[sched.Member]] = {t.id: [] for t in batch}
        unreadable: set[int] = set()
        for team_id, user_id, row in members:
            if row is not None and (row.is_bot or row.deleted):
                continue
            try:
                by_team[team_id].append(sched.Member(user_id, prefs_of(row)))
            except ValueError:
                unreadable.add(team_id)
        days_off: dict[int, list[date]] = {t.id: [] for t in batch}
        for team_id, day in session.exec(
            select(TeamHoliday.team_id, TeamHoliday.day).where(TeamHoliday.team_id.in_(ids))
        ):
            days_off[team_id].append(day)
        for team in batch:
            try:
                schedule = team_schedule(team, days_off[team.id])
            except ValueError:
                unreadable.add(team.id)
            else:
                found.plans.append(sched.TeamPlan(team.id, team.channel_id, schedule, tuple(by_team[team.id])))
        found.unreadable.extend(sorted(unreadable))
    return found


def load_plans(
    session: Session, *, team_ids: Iterable[int] | None = None, include_paused: bool = False
) -> list[sched.TeamPlan]:
    return read_plans(session, team_ids=team_ids, include_paused=include_paused).plans


def plan_for(session: Session, *, team_id: int, include_paused: bool = False) -> sched.TeamPlan | None:
    plans = load_plans(session, team_ids=[team_id], include_paused=include_paused)
    return plans[0] if plans else None


# ---- the delivery ledger --------------------------------------------------------------------------


def _keys_where(
    session: Session, *, keys: Iterable[tuple[str, str, date]], condition: ColumnElement[bool]
) -> set[tuple[str, str, date]]:
    """The ledger keys (recipient, kind, local date; slot 0) among `keys` whose row meets `condition`: a few
    hundred recipients per query, with the handful of kinds and dates in play, the exact keys kept in Python."""
    wanted = set(keys)
    dates = sorted({d for _r, _k, d in wanted})
    kinds = sorted({k for _r, k, _d in wanted})
    found: set[tuple[str, str, date]] = set()
    for recipients in chunks(sorted({r for r, _k, _d in wanted})):
        rows = session.exec(
            select(Delivery.recipient, Delivery.kind, Delivery.local_date).where(
                Delivery.recipient.in_(recipients),
                Delivery.kind.in_(kinds),
                Delivery.local_date.in_(dates),
                Delivery.slot == 0,
                condition,
            )
        )
        found.update(key for key in rows if key in wanted)
    return found


def settled_keys(session: Session, *, dues: Sequence[sched.Due], live: Liveness) -> set[tuple[str, str, date]]:
    """Keys among `dues` already sent or in flight in a living process, so a tick skips them without trying to
    claim."""
    return _keys_where(
        session,
        keys=[(d.recipient, d.kind, d.local_date) for d in dues],
        condition=or_(Delivery.status == DeliveryStatus.SENT, claim_held(live)),
    )


def sent_keys(session: Session, *, keys: Iterable[tuple[str, str, date]]) -> set[tuple[str, str, date]]:
    """Keys among `keys` whose send is confirmed."""
    return _keys_where(session, keys=keys, condition=Delivery.status == DeliveryStatus.SENT)


def claim(
    session: Session,
    *,
    due: sched.Due,
    item_id: str | None,
    skill: str | None,
    now: datetime,
    slot: int = 0,
    max_attempts: int = 5,
    claimed_by: str | None = None,
    live: Liveness | None = None,
) -> Delivery | None:
    """Insert the ledger row in the name of `claimed_by` (a Worker lease), or take back a failed one or one
    whose claimer is gone (`live` says who still counts; without it, any unconfirmed claim is taken); None means
    someone else owns this send."""
    (row,) = claim_all(
        session,
        claims=[(due, item_id, skill)],
        now=now,
        slot=slot,
        max_attempts=max_attempts,
        claimed_by=claimed_by,
        live=live,
    )
    return row


#: A send to claim: what is due, and the item and skill chosen for it.
Claim = tuple[sched.Due, str | None, str | None]


def claim_all(
    session: Session,
    *,
    claims: Sequence[Claim],
    now: datetime,
    slot: int = 0,
    max_attempts: int = 5,
    claimed_by: str | None = None,
    live: Liveness | None = None,
) -> list[Delivery | None]:
    """`claim` for many sends at once, in the order given: new rows in one INSERT .. ON CONFLICT DO NOTHING,
    then only the rows that already existed are looked at one by one. Claiming renews the claimer's lease."""
    if not claims:
        return []
    if claimed_by is not None:
        lease_queries.touch(session, worker_id=claimed_by, now=now)
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = (
        insert(Delivery)
        .on_conflict_do_nothing(index_elements=["recipient", "kind", "local_date", "slot"])
        .returning(Delivery)
    )
    values = [
        {
            "team_id": due.team_id,
            "recipient": due.recipient,
            "kind": due.kind,
            "local_date": due.local_date,
            "slot": slot,
            "status": DeliveryStatus.CLAIMED,
            "item_id": item_id,
            "skill": skill,
            "claimed_at": now,
            "claimed_by": claimed_by,
            "attempts": 1,
        }
        for due, item_id, skill in claims
    ]
    inserted = {(row.recipient, row.kind, row.local_date): row for row in session.scalars(statement, values)}
    return [
        inserted.get((due.recipient, due.kind, due.local_date))
        or _take_back(
            session,
            due=due,
            slot=slot,
            now=now,
            max_attempts=max_attempts,
            claimed_by=claimed_by,
            live=live or Liveness(lease_after=now, claimed_after=now),
        )
        for due, _item, _skill in claims
    ]


def _take_back(
    session: Session,
    *,
    due: sched.Due,
    slot: int,
    now: datetime,
    max_attempts: int,
    claimed_by: str | None,
    live: Liveness,
) -> Delivery | None:
    key = (
        Delivery.recipient == due.recipient,
        Delivery.kind == due.kind,
        Delivery.local_date == due.local_date,
        Delivery.slot == slot,
    )
    result = session.exec(
        update(Delivery)
        .where(
            *key,
            Delivery.attempts < max_attempts,
            or_(
                Delivery.status == DeliveryStatus.FAILED,
                and_(Delivery.status == DeliveryStatus.CLAIMED, not_(claim_held(live))),
            ),
        )
        .values(status=DeliveryStatus.CLAIMED, claimed_at=now, claimed_by=claimed_by, attempts=Delivery.attempts + 1)
    )
    if result.rowcount != 1:
        return None
    return session.exec(select(Delivery).where(*key).execution_options(populate_existing=True)).one()


def mark_sent(session: Session, *, delivery_id: int, channel: str | None, ts: str | None, now: datetime) -> None:
    mark_all_sent(session, sent=[(delivery_id, channel, ts)], now=now)


def mark_all_sent(session: Session, *, sent: Sequence[tuple[int, str | None, str | None]], now: datetime) -> None:
    """Confirm many sends in one executemany: (delivery id, channel, message ts) each."""
    if sent:
        session.exec(
            update(Delivery),
            params=[
                {
                    "id": delivery_id,
                    "status": DeliveryStatus.SENT,
                    "channel": channel,
                    "ts": ts,
                    "sent_at": now,
                    "error": None,
                }
                for delivery_id, channel, ts in sent
            ],
        )


def mark_all_failed(session: Session, *, failed: Sequence[tuple[int, str]]) -> None:
    if failed:
        session.exec(
            update(Delivery),
            params=[
                {"id": delivery_id, "status": DeliveryStatus.FAILED, "error": error[:200]}
                for delivery_id, error in failed
            ],
        )


def delivery(session: Session, *, delivery_id: int) -> Delivery | None:
    return session.get(Delivery, delivery_id)


def own_delivery(session: Session, *, delivery_id: int, kind: DeliveryKind, user_id: str) -> Delivery | Missing:
    """A delivery of this kind sent to this person; otherwise why not (Missing), for the caller to word."""
    found = session.get(Delivery, delivery_id)
    if found is None or found.kind != kind:
        return Missing.GONE
    return found if found.recipient == user_id else Missing.NOT_YOURS


def delivery_for(session: Session, *, recipient: str, kind: str, local_date: date, slot: int = 0) -> Delivery | None:
    return session.exec(
        select(Delivery).where(
            Delivery.recipient == recipient,
            Delivery.kind == kind,
            Delivery.local_date == local_date,
            Delivery.slot == slot,
        )
    ).first()


def deliveries_for(
    session: Session, *, keys: Iterable[tuple[str, date]], kind: str, slot: int = 0
) -> dict[tuple[str, date], Delivery]:
    """`delivery_for` for many (recipient, local date) pairs: one query per few hundred recipients."""
    wanted = set(keys)
    dates = sorted({d for _r, d in wanted})
    found: dict[tuple[str, date], Delivery] = {}
    for recipients in chunks(sorted({r for r, _d in wanted})):
        rows = session.exec(
            select(Delivery).where(
                Delivery.recipient.in_(recipients),
                Delivery.kind == kind,
                Delivery.local_date.in_(dates),
                Delivery.slot == slot,
            )
        )
        found.update(
            {(row.recipient, row.local_date): row for row in rows if (row.recipient, row.local_date) in wanted}
        )
    return found


def next_slot(session: Session, *, recipient: str, local_date: date) -> int:
    top = session.exec(
        select(func.max(Delivery.slot)).where(
            Delivery.recipient == recipient, Delivery.kind == DeliveryKind.PROMPT, Delivery.local_date == local_date
        )
    ).one()
    return 0 if top is None else top + 1


def _item_histories(session: Session, *, recipients: Sequence[str], kind: str) -> dict[str, list[str]]:
    """What was sent to each recipient, oldest first: the input to rotation. One query per few hundred."""
    found: dict[str, list[str]] = {r: [] for r in recipients}
    for batch in chunks(sorted(found)):
        rows = session.exec(
            select(Delivery.recipient, Delivery.item_id)
            .where(Delivery.recipient.in_(batch), Delivery.kind == kind, Delivery.item_id.is_not(None))
            .order_by(Delivery.recipient, Delivery.local_date, Delivery.slot, Delivery.id)
        )
        for recipient, item_id in rows:
            found[recipient].append(item_id)
    return found


def prompt_histories(session: Session, *, user_ids: Sequence[str]) -> dict[str, list[str]]:
    return _item_histories(session, recipients=user_ids, kind=DeliveryKind.PROMPT)


@dataclass(frozen=True)
class Practised:
    """What rotation knows of a person's practice: when each skill was last prompted or answered, and how many
    answers they have given in each."""

    last: dict[str, datetime] = field(default_factory=dict)
    answered: dict[str, int] = field(default_factory=dict)


def practised_by(session: Session, *, user_ids: Sequence[str]) -> dict[str, Practised]:
    found: dict[str, Practised] = {u: Practised() for u in user_ids}
    for batch in chunks(sorted(found)):
        prompted = session.exec(
            select(Delivery.recipient, Delivery.skill, func.max(Delivery.claimed_at))
            .where(Delivery.recipient.in_(batch), Delivery.kind == DeliveryKind.PROMPT, Delivery.skill.is_not(None))
            .group_by(Delivery.recipient, Delivery.skill)
        ).all()
        answered = session.exec(
            select(Answer.user_id, Answer.skill, func.max(Answer.created_at), func.count(Answer.id))
            .where(Answer.user_id.in_(batch))
            .group_by(Answer.user_id, Answer.skill)
        ).all()
        for user_id, skill, moment, count in [*((u, s, m, 0) for u, s, m in prompted), *answered]:
            practice = found[user_id]
            if count:
                practice.answered[skill] = int(count)
            if moment is not None:
                practice.last[skill] = max(practice.last.get(skill, moment), moment)
    return found


def quote_history(session: Session, *, channel_id: str) -> list[str]:
    return _item_histories(session, recipients=[channel_id], kind=DeliveryKind.QUOTE)[channel_id]


def open_prompt(session: Session, *, user_id: str, since: date) -> Delivery | None:
    """The person's most recent prompt since `since` that they have not answered yet."""
    return session.exec(
        select(Delivery)
        .outerjoin(Answer, Answer.delivery_id == Delivery.id)
        .where(
            Delivery.recipient == user_id,
            Delivery.kind == DeliveryKind.PROMPT,
            Delivery.status == DeliveryStatus.SENT,
            Delivery.local_date >= since,
            Answer.id.is_(None),
            ~exists().where(DrillRound.delivery_id == Delivery.id),  # a drill day's drill is not a prompt to reflect on
        )
        .order_by(Delivery.local_date.desc(), Delivery.slot.desc())
    ).first()


def _prompt_days(
    session: Session, *, keys: Iterable[tuple[str, date]], answered: bool, condition: ColumnElement[bool] | None = None
) -> set[tuple[str, date]]:
    """Of (person, local date) pairs, those whose day's scheduled prompt (slot 0) meets `condition` and is,
    or is not, `answered` (with an answer, or on a drill day with its drill answered): a few hundred people
    per query, the exact pairs kept in Python (one OR per pair would outgrow SQLite's expression limit)."""
    wanted = set(keys)
    dates = sorted({d for _u, d in wanted})
    drilled = exists().where(DrillRound.delivery_id == Delivery.id, DrillRound.answered_at.is_not(None))
    found: set[tuple[str, date]] = set()
    for users in chunks(sorted({u for u, _d in wanted})):
        rows = session.exec(
            select(Delivery.recipient, Delivery.local_date)
            .outerjoin(Answer, Answer.delivery_id == Delivery.id)
            .where(
                Delivery.recipient.in_(users),
                Delivery.local_date.in_(dates),
                Delivery.kind == DeliveryKind.PROMPT,
                Delivery.slot == 0,
                condition if condition is not None else true(),
                or_(Answer.id.is_not(None), drilled) if answered else and_(Answer.id.is_(None), ~drilled),
            )
        )
        found.update(pair for pair in rows if pair in wanted)
    return found


def unanswered_prompts(
    session: Session, *, keys: Iterable[tuple[str, date]], sent_before: datetime
) -> set[tuple[str, date]]:
    """Of (user, local date) pairs, those whose scheduled prompt went out before `sent_before` and has
    no answer yet."""
    condition = and_(Delivery.status == DeliveryStatus.SENT, Delivery.sent_at <= sent_before)
    return _prompt_days(session, keys=keys, answered=False, condition=condition)


def lesson_days(session: Session, *, keys: Iterable[tuple[str, date]]) -> set[tuple[str, date]]:
    """(person, local date) pairs on which a lesson came back: never a reminder the same day."""
    sent = sent_keys(session, keys=[(user, DeliveryKind.LESSON, day) for user, day in keys])
    return {(user, day) for user, _kind, day in sent}


def answered_days(session: Session, *, keys: Iterable[tuple[str, date]]) -> set[tuple[str, date]]:
    """(person, local date) pairs whose day's prompt has an answer: no reminder is owed for them."""
    return _prompt_days(session, keys=keys, answered=True)


# ---- answers --------------------------------------------------------------------------------------


def answer_for(session: Session, *, delivery_id: int) -> Answer | None:
    return session.exec(select(Answer).where(Answer.delivery_id == delivery_id)).first()


def save_answer(
    session: Session,
    *,
    delivery: Delivery,
    user_id: str,
    text: str,
    visibility: str,
    now: datetime,
    message_ts: str | None = None,
) -> tuple[Answer, bool]:
    """Store or replace the answer to a delivered prompt; returns (answer, was_edit)."""
    existing = answer_for(session, delivery_id=delivery.id)
    if existing is not None:
        existing.text = text
        existing.visibility = visibility
        existing.updated_at = now
        return existing, True
    answer = Answer(
        delivery_id=delivery.id,
        team_id=delivery.team_id,
        user_id=user_id,
        prompt_id=delivery.item_id or "",
        skill=delivery.skill or "",
        text=text,
        visibility=visibility,
        created_at=now,
        updated_at=now,
        message_ts=message_ts,
    )
    session.add(answer)
    return answer, False


def answer_by_message(session: Session, *, user_id: str, message_ts: str) -> Answer | None:
    """The answer typed as this DM message, locked on PostgreSQL: an edit and a delete arriving together apply
    in turn."""
    return session.exec(
        select(Answer).where(Answer.user_id == user_id, Answer.message_ts == message_ts).with_for_update()
    ).first()


def take_dm_hint(session: Session, *, user_id: str, now: datetime, every: timedelta) -> bool:
    """Whether this message may have the no-prompt note: true for one of any number arriving together, and
    then not again for `every` (a compare-and-set, so concurrent messages cannot all pass)."""
    person(session, user_id=user_id)
    session.flush()
    taken = session.exec(
        update(Person)
        .where(
            Person.user_id == user_id,
            or_(Person.dm_hint_at.is_(None), Person.dm_hint_at <= now - every),
        )
        .values(dm_hint_at=now)
    )
    return taken.rowcount == 1


def delete_answer(session: Session, *, answer: Answer) -> None:
    session.delete(answer)


def prompt_posted_as(session: Session, *, user_id: str, channel: str, ts: str) -> Delivery | None:
    """The person's prompt posted as this DM message: a reply in its thread answers that prompt."""
    return session.exec(
        select(Delivery).where(
            Delivery.channel == channel,
            Delivery.ts == ts,
            Delivery.recipient == user_id,
            Delivery.kind == DeliveryKind.PROMPT,
        )
    ).first()


def recent_window(today: date) -> date:
    """How far back an unanswered prompt still counts as open."""
    return today - timedelta(days=6)


def stop_all_teams(session: Session) -> None:
    session.exec(update(Team).values(status=TeamStatus.STOPPED, replan=True))


def set_retention(session: Session, *, team_id: int, days: int | None) -> None:
    session.exec(update(Team).where(Team.id == team_id).values(retention_days=days))


def retention_periods(session: Session) -> list[tuple[int, int]]:
    rows = session.exec(select(Team.id, Team.retention_days).where(Team.retention_days.is_not(None)))
    return [(team_id, days) for team_id, days in rows]
