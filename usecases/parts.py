"""The tick's independent parts, and running work so that one part, one team or one item fails alone: a query
that breaks, one team's bad data or Slack refusing one channel delays nothing else."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TypeVar

from deps import Deps

T = TypeVar("T")


class Part(StrEnum):
    DIRECTORY = "directory"
    PLAN = "plan"
    QUOTES = "quotes"
    PROMPTS = "prompts"
    REMINDERS = "reminders"
    FOLLOWUPS = "followups"
    SUMMARIES = "summaries"
    PAIRINGS = "pairings"
    RETENTION = "retention"
    REVIEWS = "reviews"
    CALIBRATION = "calibration"
    LESSONS = "lessons"
    FOCUS = "focus"
    SETTLE = "settle"


def guarded(deps: Deps, part: Part, work: Callable[[], T], failed: T, *, team: int | None = None) -> T:
    """Run one piece of work; a failure is logged with its part, team and type (never a message's words), and
    the work is tried again next minute, as the ledger's failed rows are."""
    try:
        return work()
    except Exception as error:  # noqa: BLE001 - one part must not stop the others; logged with its type
        where = f" team={team}" if team is not None else ""
        deps.logger.error("tick failed: %s part=%s%s", type(error).__name__, part, where, exc_info=error)
        return failed


def counted(deps: Deps, part: Part, work: Callable[[], Counter[str]], *, team: int | None = None) -> Counter[str]:
    """`guarded` for work that returns its sends' outcomes; a failure counts as `<part>:failed`."""
    return guarded(deps, part, work, Counter({f"{part}:failed": 1}), team=team)


def team_by_team(
    deps: Deps, part: Part, items: Iterable[T], team_of: Callable[[T], int], work: Callable[[T], Counter[str]]
) -> Counter[str]:
    """Each item on its own, so that a failure tied to one team holds back no other."""
    outcome: Counter[str] = Counter()
    for item in items:
        outcome.update(counted(deps, part, lambda item=item: work(item), team=team_of(item)))
    return outcome
