"""Streaks: consecutive practice days with an answer, counted on the person's own practice days."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

MAX_LOOKBACK_DAYS = 400


def current_streak(answered: Iterable[date], today: date, is_practice_day: Callable[[date], bool]) -> int:
    """Days off neither break nor extend a streak; today counts once answered, and an unanswered
    today does not break it yet (the day is not over)."""
    done = set(answered)
    streak = 0
    day = today
    if day not in done:
        day -= timedelta(days=1)
    for _ in range(MAX_LOOKBACK_DAYS):
        if is_practice_day(day):
            if day not in done:
                break
            streak += 1
        elif day in done:
            streak += 1
        day -= timedelta(days=1)
    return streak
