"""A focus skill for four weeks, drawn from a person's own skills gap: per skill their latest self-rating, what
peers' feedback said and their drill accuracy, side by side; the suggestion is the skill where those signals show
the most room, and the person may pick another or none. While a focus is on, at least 2 of every 5 of their
practice days are on it.

Pure: storage reads the signals and the rows, usecases.focus offers a focus and records the choice, and the
ledger's rotation asks `on_focus_today` which skill a practice day must be on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from domain.skills import SKILL_KEYS

#: A focus runs for four weeks of the person's own days, from the day it is chosen.
PERIOD = timedelta(days=28)
#: An offer left unanswered, or answered with "no focus", is made again this long after it was made.
OFFER_AGAIN_AFTER = timedelta(days=28)
#: At least AT_LEAST of every WINDOW practice days in a row are on the focus skill while it is on.
AT_LEAST, WINDOW = 2, 5
#: Peers' feedback counts from this far back, as the Home's "what peers say" does.
FEEDBACK_LOOKBACK = timedelta(weeks=8)
#: "What changed" is one line.
MAX_OUTCOME_CHARS = 300

#: The ledger's slots for a focus DM (domain/ledger.py): the offer on the day it is made, and the question at
#: the end on the day the period ends.
OFFER_SLOT, END_SLOT = 0, 1


@dataclass(frozen=True)
class Signals:
    """What one person's own data says about one skill: their latest self-rating (1-5), the pieces of peers'
    feedback on it that said keep doing and do differently, and their drills' first tries and how many of
    those were best."""

    rating: int | None = None
    keep: int = 0
    change: int = 0
    first_tries: int = 0
    first_best: int = 0

    @property
    def kinds(self) -> int:
        """How many of the three signals there are for this skill (0 to 3)."""
        return (self.rating is not None) + (self.keep + self.change > 0) + (self.first_tries > 0)

    @property
    def accuracy(self) -> Fraction | None:
        return Fraction(self.first_best, self.first_tries) if self.first_tries else None


def room(signals: Signals) -> Fraction | None:
    """How much room the signals show, from 0 to 1: the mean of the ones there are, each from 0 to 1 (the
    self-rating's distance below 5, as (5 - rating) / 4; the share of peers' feedback that said do differently;
    the share of first tries that missed). None without any signal. Exact fractions, so equal rooms tie
    exactly rather than in the last bit of a float."""
    parts: list[Fraction] = []
    if signals.rating is not None:
        parts.append(Fraction(5 - signals.rating, 4))
    if signals.keep + signals.change:
        parts.append(Fraction(signals.change, signals.keep + signals.change))
    if (accuracy := signals.accuracy) is not None:
        parts.append(1 - accuracy)
    return sum(parts, Fraction(0)) / len(parts) if parts else None


def suggest(signals: Mapping[str, Signals]) -> str | None:
    """The skill with the most room among those with at least one signal; None when none has one.

    Ties go to the skill with more kinds of signal behind it (more evidence for the same room), then to the
    first in the nine skills' order (domain/skills.py), so the same signals always give the same suggestion."""
    order = {key: place for place, key in enumerate(SKILL_KEYS)}
    scored = [
        (found, s.kinds, -order.get(key, len(order)), key)
        for key, s in signals.items()
        if (found := room(s)) is not None
    ]
    return max(scored)[-1] if scored else None


def on_focus_today(previous: Sequence[bool]) -> bool:
    """Whether today's practice item must be on the focus skill: `previous` says, oldest first, whether each
    practice day since the focus began was on it. It must when fewer than AT_LEAST of the last WINDOW - 1 were.

    That keeps AT_LEAST in every WINDOW days in a row: in five days with fewer than two on it, the fifth would
    have been put on it (the four before had fewer than two), so the four before had none, and then the fourth
    would have been put on it too (its four before had at most one)."""
    return sum(previous[-(WINDOW - 1) :]) < AT_LEAST


@dataclass(frozen=True)
class FocusDays:
    """A focus that is running, as rotation sees it: its skill, its days, and the skill of each of the person's
    practice days since it began, oldest first."""

    skill: str
    starts_on: date
    ends_on: date
    days: tuple[tuple[date, str | None], ...] = ()

    def skill_on(self, day: date) -> str | None:
        """The focus skill when `day`'s practice must be on it (`on_focus_today`), else None."""
        if not self.starts_on <= day < self.ends_on:
            return None
        previous = [skill == self.skill for on, skill in self.days if self.starts_on <= on < day]
        return self.skill if on_focus_today(previous) else None


@dataclass(frozen=True)
class FocusState:
    """A person's latest focus row, as the tick, the command and rotation read it. `chosen` with `skill` None
    is "no focus this time"; the period runs from `starts_on` until the day before `ends_on`."""

    focus_id: int
    offered_on: date
    suggested: str | None = None
    skill: str | None = None
    chosen: bool = False
    starts_on: date | None = None
    ends_on: date | None = None
    ended_asked: bool = False
    #: Its offer DM has a row in the ledger that is not confirmed sent (a failure, or a claim whose process died).
    offer_unsent: bool = False

    def on(self, day: date) -> bool:
        return (
            self.skill is not None
            and self.starts_on is not None
            and self.ends_on is not None
            and self.starts_on <= day < self.ends_on
        )

    def ended(self, day: date) -> bool:
        return self.skill is not None and self.ends_on is not None and self.ends_on <= day

    def days_left(self, day: date) -> int:
        return max(0, (self.ends_on - day).days) if self.ends_on is not None else 0


def end_question_due(state: FocusState | None, today: date) -> bool:
    """A focus that ran its four weeks asks once what changed, before anything new is offered."""
    return state is not None and state.ended(today) and not state.ended_asked


def new_offer_due(state: FocusState | None, today: date) -> bool:
    """Someone never offered a focus, whose focus ended (and was asked about), or whose last offer, left
    unanswered or answered with "no focus", was made four weeks ago or more."""
    if state is None:
        return True
    if state.skill is not None and state.chosen:
        return state.ended(today) and state.ended_asked
    return state.offered_on + OFFER_AGAIN_AFTER <= today


def resend_due(state: FocusState | None, today: date) -> bool:
    """An offer still open whose DM never got through is tried again on a later practice day."""
    return state is not None and not state.chosen and state.offer_unsent and not new_offer_due(state, today)


def reusable(state: FocusState | None, today: date) -> bool:
    """What `/practice focus` shows: the open offer, the focus running, or what was chosen today; otherwise a
    new offer is made."""
    if state is None:
        return False
    return state.offered_on == today or state.on(today) or not (state.chosen or new_offer_due(state, today))


@dataclass(frozen=True)
class FirstTries:
    """Drills' first tries on one skill and how many were best."""

    tries: int = 0
    best: int = 0

    @property
    def rate(self) -> float | None:
        return self.best / self.tries if self.tries else None


@dataclass(frozen=True)
class FocusWent:
    """How a focus went: answers on its skill since it began, and first-try accuracy then and now."""

    skill: str
    answers: int = 0
    then: FirstTries = FirstTries()
    now: FirstTries = FirstTries()


def outcome_problem(text: str | None) -> str | None:
    """A friendly reason a "what changed" line can't be saved, or None when it is fine."""
    stripped = (text or "").strip()
    if not stripped:
        return "Write one line: what changed in these four weeks?"
    if len(stripped) > MAX_OUTCOME_CHARS:
        return f"That's {len(stripped):,} characters; keep it to one line of up to {MAX_OUTCOME_CHARS}."
    return None
