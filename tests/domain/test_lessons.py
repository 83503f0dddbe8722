"""A remembered reflection comes back at 3, 10 and 30 days: each stage once, in order, never early, and one a
day at most whatever is due."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.lessons import RETURN_AFTER_DAYS, Remembered, due_stage, next_to_return

WRITTEN = date(2026, 12, 2)


def play(days_seen: list[int]) -> list[tuple[int, int]]:
    """(day, stage) for each return, when the writer is around only on `days_seen` (days after writing)."""
    lesson, returns = Remembered(1, WRITTEN, 0), []
    for day in sorted(set(days_seen)):
        stage = due_stage(lesson, WRITTEN + timedelta(days=day))
        if stage is not None:
            returns.append((day, stage))
            lesson = Remembered(1, WRITTEN, stage)
    return returns


def test_a_writer_around_every_day_gets_it_back_on_days_3_10_and_30() -> None:
    assert play(list(range(60))) == [(3, 1), (10, 2), (30, 3)]


@given(st.lists(st.integers(min_value=0, max_value=70), max_size=40))
def test_each_stage_comes_back_once_in_order_and_never_before_its_day(days: list[int]) -> None:
    returns = play(days)
    stages = [stage for _day, stage in returns]
    assert stages == sorted(set(stages)) and len(stages) <= len(RETURN_AFTER_DAYS)
    for day, stage in returns:
        assert day >= RETURN_AFTER_DAYS[stage - 1]
        assert stage == len([a for a in RETURN_AFTER_DAYS if a <= day])  # a late return skips what it passed


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6), st.integers(0, 45))
def test_one_lesson_a_day_the_one_written_longest_ago(ages: list[int], today_offset: int) -> None:
    today = WRITTEN + timedelta(days=today_offset)
    lessons = [Remembered(n, today - timedelta(days=age), 0) for n, age in enumerate(ages)]
    chosen = next_to_return(lessons, today)
    due = [lesson for lesson in lessons if due_stage(lesson, today) is not None]
    assert (chosen is None) == (not due)
    if chosen is not None:
        assert chosen.written_on == min(lesson.written_on for lesson in due)
