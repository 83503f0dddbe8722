"""What a person's App Home shows, gathered by the home use case and drawn by its Block Kit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.content import Prompt
from domain.focus import FocusWent


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
class DrillSkill:
    """One skill's drills for one person: how their first tries went and how many drills they retired."""

    first_tries: int = 0
    first_best: int = 0
    retired: int = 0
    in_bank: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.first_best / self.first_tries if self.first_tries else None


@dataclass(frozen=True)
class DrillHome:
    done_this_month: int = 0
    reviews_due: int = 0
    skills: dict[str, DrillSkill] = field(default_factory=dict)
    written_this_month: int = 0
    self_reviewed_this_month: int = 0
    reviews_given: int = 0
    reviews_received: int = 0
    calibrations: int = 0

    @property
    def started(self) -> bool:
        """Anything to show yet: until then the Home only says what `/drill` does."""
        return bool(
            self.done_this_month
            or self.reviews_due
            or self.written_this_month
            or self.reviews_given
            or self.calibrations
            or any(s.first_tries or s.retired for s in self.skills.values())
        )


@dataclass(frozen=True)
class FocusHome:
    """A focus that is running: its skill, the days left and how it is going."""

    skill: str
    days_left: int
    went: FocusWent


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
    drills: DrillHome | None = None
    focus: FocusHome | None = None
