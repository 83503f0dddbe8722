"""A member's data rights: export everything the bot keeps about them, forget them, and team retention."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from adapters import web_api
from adapters.blocks import data_rights as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from storage import data_rights, queries
from storage.db import transaction
from storage.models import Team
from usecases.parts import Part, team_by_team

EXPORT_FILENAME = "practice-coach-my-data.json"


def export(deps: Deps, user_id: str) -> Message:
    """The member's own data, as a JSON file in their DM with the bot; nobody else's words are in it."""
    with deps.sessions() as session:
        data = data_rights.export(session, user_id=user_id)
    data["exported_at"] = deps.clock.now().isoformat()
    web_api.upload_to_dm(
        deps.client,
        user_id,
        filename=EXPORT_FILENAME,
        content=json.dumps(data, indent=2, ensure_ascii=False),
        title="Your Practice Coach data",
    )
    return plain(
        f"I've sent everything I keep about you to our direct messages as `{EXPORT_FILENAME}`: "
        f"{len(data['answers'])} answers, {len(data['feedback_received'])} feedback received, "
        f"{len(data['feedback_given'])} feedback given, {len(data['self_ratings'])} self-ratings."
    )


def forget(deps: Deps, user_id: str) -> Message:
    with transaction(deps.sessions) as session:
        counts = data_rights.forget(session, user_id=user_id)
    deps.logger.info(
        "forget-me done answers=%s feedback=%s ratings=%s",
        counts["answers"],
        counts["feedback_given"],
        counts["self_ratings"],
    )
    return blocks.forgotten(counts)


def set_retention(deps: Deps, team: Team, days: int | None) -> Message:
    with transaction(deps.sessions) as session:
        queries.set_retention(session, team_id=team.id, days=days)
    if days is None:
        return plain("Answers in this team are now kept until their authors delete them (`/practice forget-me`).")
    return plain(
        f"Answers in this team are now deleted {days} days after they were written. "
        "Older ones go within the next few minutes."
    )


def show_retention(team: Team) -> Message:
    if team.retention_days is None:
        return plain(
            "Answers in this team are kept until their authors delete them. A lead can set a period "
            "with `/practice retention 365`."
        )
    return plain(f"Answers in this team are deleted {team.retention_days} days after they were written.")


def apply_retention(deps: Deps, now: datetime) -> Counter[str]:
    """Called by every tick: an indexed delete per team with a retention period, usually of nothing; each
    team in its own transaction, so one that fails holds back no other."""
    with deps.sessions() as session:
        periods = queries.retention_periods(session)

    def apply(team_id: int, days: int) -> Counter[str]:
        with transaction(deps.sessions) as session:
            deleted = data_rights.apply_retention(session, team_id=team_id, days=days, now=now)
        return Counter({"retention:deleted": deleted})

    return +team_by_team(deps, Part.RETENTION, periods, lambda period: period[0], lambda period: apply(*period))
