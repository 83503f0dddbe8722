"""Calibration rounds: a lead starts one, everyone in the team rates the same sample reply against its drill's
checks, and the spread is revealed once five have rated or the round closes after three practice days. Each
rater sees the counts, the bank's reference and their own ticks; the lead sees the agreement per check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from slack_sdk.errors import SlackApiError

from adapters import web_api
from adapters.blocks import calibration as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain.calibration import CLOSE_AFTER_DAYS, MIN_RATERS, agreement, ready, spread
from domain.clock import as_utc
from domain.drills import practice_days_after
from domain.ledger import DeliveryKind
from domain.schedule import Due, local_now, zone
from storage import calibration_queries as calq
from storage import queries
from storage import summary_queries as sq
from storage.db import transaction
from storage.models import Team
from usecases import ledger
from usecases.parts import Part, guarded, team_by_team

GONE = "That calibration round is no longer there."
NOT_IN_TEAM = "That calibration round belongs to a team you're not in."


def set_weekly(deps: Deps, team: Team, lead: str, day: int | None) -> Message:
    """The weekday a round starts on its own; its agreement goes to the lead who set it."""
    with transaction(deps.sessions) as session:
        calq.set_weekly(session, team_id=team.id, day=day, lead=lead)
        members = len(sq.members(session, team_id=team.id))
    return blocks.weekly_set(day, members, queries.team_schedule(team).days)


def start_weekly(deps: Deps, quotes: Sequence[Due]) -> Counter[str]:
    """On a team's calibration day its round starts with the quote of the day, so holidays, pauses and the
    team's practice days hold it as they hold the quote; only the teams whose quote is due now are read."""
    with deps.sessions() as session:
        teams = {t.id: t for t in calq.weekly_teams(session, team_ids=[q.team_id for q in quotes])}
    due = [
        (teams[q.team_id], q.local_date)
        for q in quotes
        if q.team_id in teams and teams[q.team_id].calibration_day == q.local_date.weekday()
    ]

    def begin(team: Team, day: date) -> Counter[str]:
        opened = _open(deps, team, team.calibration_by or "", weekly_on=day)
        return opened.sent if isinstance(opened, _Opened) else Counter()

    return team_by_team(deps, Part.CALIBRATION, due, lambda item: item[0].id, lambda item: begin(*item))


@dataclass(frozen=True)
class _Opened:
    members: int
    closes: str
    sent: Counter[str]


def start(deps: Deps, team: Team, lead: str) -> Message:
    opened = _open(deps, team, lead)
    return blocks.started(opened.members, opened.closes) if isinstance(opened, _Opened) else opened


def _open(deps: Deps, team: Team, lead: str, *, weekly_on: date | None = None) -> _Opened | Message:
    """A round for the team, its sample sent to everyone by DM through the ledger. A weekly one starts once per
    team and day; asked again that day (a tick after a crash, another replica) it sends only the invitations
    not yet confirmed."""
    now = deps.clock.now()
    tz = zone(team.timezone, deps.settings.default_timezone)
    today = local_now(now, tz).date()
    with transaction(deps.sessions) as session:
        members = sq.members(session, team_id=team.id)
        if len(members) < MIN_RATERS:
            return blocks.too_small(len(members))
        row = calq.weekly_round(session, team_id=team.id, day=weekly_on) if weekly_on else None
        started = row is None
        if row is None:
            if calq.open_round(session, team_id=team.id) is not None:
                return blocks.already_open()
            candidates = [d for d in deps.drills if d.sample_replies and d.strong_reply]
            if not candidates:
                return plain(blocks.NO_SAMPLE)
            seen = calq.calibrated_drills(session, team_id=team.id)
            drill = min(candidates, key=lambda d: (d.id in seen, seen.get(d.id, now), d.id))
            schedule = queries.team_schedule(team, queries.holidays(session, team_id=team.id))
            closes_on = practice_days_after(today, CLOSE_AFTER_DAYS, schedule.days, schedule.holidays)
            round_id = calq.start(
                session,
                team_id=team.id,
                drill_id=drill.id,
                sample=0,
                started_by=lead,
                now=now,
                closes_at=now + timedelta(days=(closes_on - today).days),
                weekly_on=weekly_on,
            )
            row = calq.get_round(session, round_id=round_id) if round_id is not None else None
            if row is None and weekly_on is not None:  # another process started today's round first
                row, started = calq.weekly_round(session, team_id=team.id, day=weekly_on), False
        if row is None or row.revealed_at is not None:
            return blocks.already_open()
        round_id, drill_id, sample, closes_at = row.id, row.drill_id, row.sample, row.closes_at
    drill = deps.drill(drill_id)
    if drill is None or round_id is None:
        return plain(blocks.NO_SAMPLE)
    message = blocks.invitation(drill, sample, round_id, closes_at, tz)
    closes = f"{as_utc(closes_at).astimezone(tz):%a %-d %b}"
    sent = ledger.send_in_batches(
        deps,
        DeliveryKind.CALIBRATION,
        members,
        round_id,
        lambda _session, batch: [
            (Due(DeliveryKind.CALIBRATION, team.id, m, today), str(round_id), drill.skill) for m in batch
        ],
        lambda _row: message,
    )
    if started:
        sent["calibration:started"] += 1
    deps.logger.info(
        "calibration round invitations round=%s team=%s members=%s weekly=%s started=%s",
        round_id,
        team.id,
        len(members),
        weekly_on is not None,
        started,
    )
    return _Opened(len(members), closes, sent)


def form_for(deps: Deps, user_id: str, round_id: int) -> dict | str:
    with deps.sessions() as session:
        row = calq.get_round(session, round_id=round_id)
        if row is None:
            return GONE
        if row.revealed_at is not None:
            return blocks.NOT_OPEN
        if user_id not in sq.members(session, team_id=row.team_id):
            return NOT_IN_TEAM
    drill = deps.drill(row.drill_id)
    return blocks.rating_modal(drill, row.sample, row.id) if drill else GONE


def rate(deps: Deps, user_id: str, round_id: int, ticks: list[int], overall: int) -> Message:
    """Saved (a second rating replaces the first); the round reveals itself at the fifth rating."""
    with transaction(deps.sessions) as session:
        row = calq.round_to_reveal(session, round_id=round_id)
        if row is None:
            return plain(GONE)
        if row.revealed_at is not None:
            return plain(blocks.NOT_OPEN)
        if user_id not in sq.members(session, team_id=row.team_id):
            return plain(NOT_IN_TEAM)
        drill = deps.drill(row.drill_id)
        if drill is None:
            return plain(GONE)
        kept = [t for t in ticks if 0 <= t < len(drill.strong_reply)]
        calq.rate(session, round_id=round_id, user_id=user_id, ticks=kept, overall=overall, now=deps.clock.now())
        closes = f"{row.closes_at:%a %-d %b}"
    _reveal(deps, round_id, closing=False)
    return blocks.rated(closes)


def close_due(deps: Deps) -> Counter[str]:
    """Rounds whose three practice days are over reveal what they have, read from an index."""
    with deps.sessions() as session:
        due = calq.to_close(session, now=deps.clock.now())
    for round_id in due:
        guarded(deps, Part.CALIBRATION, lambda r=round_id: _reveal(deps, r, closing=True), None)
    return Counter({"calibration:closed": len(due)}) if due else Counter()


def _reveal(deps: Deps, round_id: int, *, closing: bool) -> None:
    with transaction(deps.sessions) as session:
        row = calq.round_to_reveal(session, round_id=round_id)
        if row is None or row.revealed_at is not None:
            return
        rated = calq.ratings(session, round_id=round_id)
        if not ready(len(rated), closed=closing) and not closing:
            return
        row.revealed_at = deps.clock.now()
        session.add(row)
        lead, drill_id, sample = row.started_by, row.drill_id, row.sample
    drill = deps.drill(drill_id)
    if drill is None:
        return
    ticks = [[int(t) for t in r.ticks.split(",") if t] for r in rated]
    counts = spread(ticks, len(drill.strong_reply))
    overall = [r.overall for r in rated]
    for rating, own in zip(rated, ticks, strict=True):
        _post(deps, rating.user_id, blocks.revealed(drill, sample, counts, len(rated), own, overall))
    agree = agreement(ticks, drill.sample_replies[sample].meets, len(drill.strong_reply))
    if lead:
        _post(deps, lead, blocks.agreement_for_lead(drill, agree, len(rated)))
    deps.logger.info("calibration round revealed round=%s raters=%s closing=%s", round_id, len(rated), closing)


def _post(deps: Deps, user_id: str, message: Message) -> None:
    try:
        web_api.post(deps.client, user_id, message)
    except (SlackApiError, OSError) as error:
        deps.logger.warning("calibration result DM failed error=%s", web_api.error_code(error))
