"""Who leads a team: anyone in LEAD_USER_IDS, and whoever a lead added for their team. Every lead-only use
case asks here."""

from __future__ import annotations

from sqlmodel import Session

from deps import Deps
from storage import queries
from storage.models import Team

LEADS_ONLY = "Only a team lead can do that. Leads are set by your workspace admin or added by another lead."


def is_lead(deps: Deps, session: Session, team: Team | None, user_id: str) -> bool:
    if user_id in deps.settings.lead_user_ids:
        return True
    return team is not None and queries.is_team_lead(session, team_id=team.id, user_id=user_id)
