"""Calibration rounds: everyone in a team rates the same sample reply against a drill's strong-reply checks, and
nothing is shown until enough have rated that no one's ticks can be told apart (or the round closes)."""

from __future__ import annotations

from collections.abc import Sequence

#: The anonymity threshold: a round reveals once this many have rated, and a smaller team cannot start one.
MIN_RATERS = 5
#: A round closes after this many of the team's practice days, revealing what there is.
CLOSE_AFTER_DAYS = 3
OVERALL = (1, 2, 3, 4, 5)


def spread(ratings: Sequence[Sequence[int]], checks: int) -> list[int]:
    """How many raters ticked each check."""
    return [sum(1 for ticks in ratings if check in ticks) for check in range(checks)]


def agreement(ratings: Sequence[Sequence[int]], reference: Sequence[int], checks: int) -> list[int]:
    """Per check, how many raters agreed with the bank's reference tick (ticked it when it is met, left it when
    it is not): the lead's view of where the team reads a reply alike."""
    return [sum(1 for ticks in ratings if (check in ticks) == (check in reference)) for check in range(checks)]


def ready(raters: int, *, closed: bool) -> bool:
    return raters >= MIN_RATERS or (closed and raters > 0)
