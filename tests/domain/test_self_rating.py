"""When the answer modal asks people to rate themselves, and which ratings count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.self_rating import ASK_EVERY, RATING_LABELS, RATINGS, parse_rating, should_ask

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_skill_never_rated_is_asked_about() -> None:
    assert should_ask(None, NOW)


def test_a_skill_rated_in_the_last_four_weeks_is_not_asked_again() -> None:
    assert not should_ask(NOW - timedelta(days=3), NOW)
    assert not should_ask(NOW - ASK_EVERY + timedelta(minutes=1), NOW)


def test_four_weeks_after_the_last_rating_it_is_asked_again() -> None:
    assert should_ask(NOW - ASK_EVERY, NOW)


def test_editing_a_rated_answer_keeps_the_question() -> None:
    assert should_ask(NOW - timedelta(minutes=5), NOW, already_rated_this_answer=True)


@pytest.mark.parametrize("value, rating", [("1", 1), ("3", 3), ("5", 5)])
def test_ratings_one_to_five_are_accepted(value: str, rating: int) -> None:
    assert parse_rating(value) == rating


@pytest.mark.parametrize("value", [None, "", "0", "6", "-1", "3.5", "five", 3, "١"])
def test_anything_else_counts_as_no_rating(value: object) -> None:
    assert parse_rating(value) is None


def test_every_rating_has_a_label_that_starts_with_its_number() -> None:
    assert [label.split(" ")[0] for label in RATING_LABELS.values()] == [str(r) for r in RATINGS]
