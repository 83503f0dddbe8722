"""Feedback partners: weekly Donut-style pairs for teams whose lead turned them on."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from datetime import date, time

from adapters.blocks import pairing as blocks
from deps import Deps
from domain.ledger import DeliveryKind
from domain.pairing import Group, make_groups
from domain.schedule import Due, PersonPrefs, local_now, zone
from storage import pairing_queries, queries
from storage.db import transaction
from storage.models import Team
from usecases.ledger import send_once
from usecases.parts import Part, team_by_team


def run_weekly(deps: Deps, team_ids: Iterable[int], left: set[int]) -> Counter[str]:
    """For the teams whose partners' moment has come (NextSend): on Monday from the team's prompt time (team
    time zone) until the day ends, make this week's pairs once and tell each person once. `left` keeps the
    teams that still had someone to tell, whose moment stays due."""
    now = deps.clock.now()
    with deps.sessions() as session:
        teams = pairing_queries.teams_with_partners(session, team_ids=team_ids)
    left.intersection_update(team.id for team in teams)  # partners turned off, or the team stopped
    mondays = [(team, local_now(now, zone(team.timezone, deps.settings.default_timezone))) for team in teams]
    due = [
        (team, local.date()) for team, local in mondays if local.weekday() == 0 and local.time() >= _prompt_time(team)
    ]

    def tell(team: Team, monday: date) -> Counter[str]:
        outcome = announce(deps, team, monday)
        if not outcome:
            left.discard(team.id)
        return outcome

    return team_by_team(deps, Part.PAIRINGS, due, lambda item: item[0].id, lambda item: tell(*item))


def _prompt_time(team: Team) -> time:
    """A prompt time written badly by hand keeps that team's partners back, nobody else's."""
    try:
        return time.fromisoformat(team.prompt_time)
    except ValueError:
        return time.max


def _available(prefs: PersonPrefs, monday: date) -> bool:
    return not prefs.paused and not (prefs.away_until is not None and prefs.away_until >= monday)


def groups_of_week(deps: Deps, team: Team, monday: date) -> list[Group]:
    """The stored groups, or new ones; when two schedulers race, the first insert wins and both read it."""
    with deps.sessions() as session:
        stored = pairing_queries.groups_for(session, team_id=team.id, week=monday)
        if stored:
            return stored
        plan = queries.plan_for(session, team_id=team.id)
        past = pairing_queries.history(session, team_id=team.id, before=monday)
    members = [m.user_id for m in plan.members if _available(m.prefs, monday)] if plan else []
    groups = make_groups(members, past, random.Random(team.id))
    if not groups:
        return []
    with transaction(deps.sessions) as session:
        pairing_queries.save_groups(session, team_id=team.id, week=monday, groups=groups, now=deps.clock.now())
    with deps.sessions() as session:
        return pairing_queries.groups_for(session, team_id=team.id, week=monday)


def announce(deps: Deps, team: Team, monday: date) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    groups = groups_of_week(deps, team, monday)
    with deps.sessions() as session:
        told = pairing_queries.announced(session, team_id=team.id, week=monday)
    for group in groups:
        for person in group:
            if person in told:
                continue
            partners = [p for p in group if p != person]
            outcome = send_once(
                deps,
                Due(DeliveryKind.PAIRING, team.id, person, monday),
                lambda _row, partners=partners: blocks.partners_message(partners, monday),
                slot=team.id,
            )
            outcomes[f"pairing:{outcome}"] += 1
    return outcomes
