"""Who is in a team follows the channel: people who join get prompts, people who leave stop; uninstalling the
app stops every team. Each is safe to run twice, since Slack redelivers events."""

from __future__ import annotations

from deps import Deps
from storage import queries
from storage.db import transaction
from usecases.ledger import refresh_profiles


def channel_membership(deps: Deps, channel_id: str, user_id: str, *, active: bool) -> None:
    with transaction(deps.sessions) as session:
        team = queries.team_by_channel(session, channel_id=channel_id)
        if team is None or not user_id:
            return
        queries.set_member_active(session, team_id=team.id, user_id=user_id, active=active)
        known = queries.find_person(session, user_id=user_id) is not None
    if active and not known:
        refresh_profiles(deps, [user_id], deps.clock.now())


def uninstalled(deps: Deps) -> None:
    """Stop sending everywhere; the data is kept, per each team's retention setting."""
    with transaction(deps.sessions) as session:
        queries.stop_all_teams(session)
    deps.logger.warning("app uninstalled or tokens revoked: all teams stopped, data kept")
