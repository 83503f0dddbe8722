"""What a person's App Home shows, gathered by the home use case and drawn by its Block Kit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.content import Prompt


@dataclass(frozen=True)
class FeedbackSeen:
    """Feedback as its recipient may see it: `giver_id` is None when it was sent anonymously, so the
    giver never leaves storage for the Home."""

    skill: str | None
    keep_doing: str | None
    do_differently: str | None
    giver_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class PeerCounts:
    total: int
    keep_doing: int
    do_differently: int


@dataclass(frozen=True)
class LedTeam:
    team_id: int
    channel_id: str
    status: str
    members: int


@dataclass(frozen=True)
class HomeData:
    """Everything a person's App Home shows; anonymous feedback arrives here already without its giver."""

    user_id: str
    in_team: bool
    open_prompt: Prompt | None = None
    open_delivery_id: int | None = None
    streak: int = 0
    skills: dict[str, int] = field(default_factory=dict)
    feedback: list[FeedbackSeen] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=dict)
    peers: dict[str, PeerCounts] = field(default_factory=dict)
    paused: bool = False
    teams: list[LedTeam] = field(default_factory=list)
    more_teams: int = 0
