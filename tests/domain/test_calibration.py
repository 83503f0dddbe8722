"""Calibration arithmetic: the spread per check, agreement with the bank's reference, and when to reveal."""

from __future__ import annotations

from domain.calibration import MIN_RATERS, agreement, ready, spread


def test_the_spread_counts_who_ticked_each_check() -> None:
    assert spread([[0], [0, 1], [], [0, 2]], 3) == [3, 1, 1]


def test_agreement_counts_ticks_and_blanks_that_match_the_bank() -> None:
    # The bank ticks check 0 only: a rater agrees on 0 by ticking it, on 1 and 2 by leaving them.
    assert agreement([[0], [0, 1], [], [1, 2]], [0], 3) == [2, 2, 3]


def test_a_round_reveals_at_five_ratings_or_when_it_closes_with_any() -> None:
    assert MIN_RATERS == 5
    assert not ready(4, closed=False) and ready(5, closed=False)
    assert ready(1, closed=True) and not ready(0, closed=True)
