"""Streaks count practice days answered in a row; weekends and days off do not break them."""

from datetime import date

from domain.streaks import current_streak


def weekdays(day: date) -> bool:
    return day.weekday() < 5


FRIDAY, MONDAY, TUESDAY = date(2026, 11, 20), date(2026, 11, 23), date(2026, 11, 24)


def test_a_weekend_does_not_break_a_streak() -> None:
    assert current_streak({date(2026, 11, 19), FRIDAY, MONDAY}, MONDAY, weekdays) == 3


def test_an_unanswered_today_does_not_break_it_yet() -> None:
    assert current_streak({FRIDAY, MONDAY}, TUESDAY, weekdays) == 2


def test_a_missed_practice_day_ends_it() -> None:
    assert current_streak({date(2026, 11, 18), FRIDAY}, MONDAY, weekdays) == 1
    assert current_streak(set(), MONDAY, weekdays) == 0


def test_answering_on_a_day_off_counts_as_a_bonus() -> None:
    assert current_streak({FRIDAY, date(2026, 11, 22)}, MONDAY, weekdays) == 2
