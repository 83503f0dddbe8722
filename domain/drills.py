"""Practice drills: a customer's message, candidate first replies, and a Leitner box per person and drill, so a
drill someone misses comes back sooner and one they have mastered retires.

Boxes run 1 to 5, and a drill in box n falls due `REVIEW_DAYS[n]` local days after it was last answered. A new
drill starts in box 1. A best answer given "Sure" moves it up one box; a best answer with less confidence keeps
its box; a miss sends it back to box 1. Answered best and sure in box 5, it retires.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from domain.content import Level

FIRST_BOX = 1
LAST_BOX = 5
#: Days from an answer until the drill's next review, by the box it is in after that answer.
REVIEW_DAYS: Mapping[int, int] = {1: 1, 2: 3, 3: 7, 4: 16, 5: 35}


class DrillChannel(StrEnum):
    CHAT = "chat"
    EMAIL = "email"
    PHONE = "phone"
    SOCIAL = "social"


class DrillSituation(StrEnum):
    """The situations a support team meets every week; each drill puts one in front of the person."""

    DOUBLE_CHARGE = "double_charge"
    VAGUE_PROBLEM = "vague_problem"
    REFUND_REFUSED = "refund_refused"
    ESCALATION = "escalation"
    CUSTOMER_WRONG = "customer_wrong"
    OUTAGE = "outage"
    CANCELLATION = "cancellation"
    DELIGHTED = "delighted"
    DISTRESS = "distress"
    ABUSE = "abuse"
    UNKNOWN_ANSWER = "unknown_answer"
    SOCIAL_PUBLIC = "social_public"


class DrillMode(StrEnum):
    """How a drill round is answered: pick the best first reply, or write one's own (a written-drill day)."""

    CHOOSE = "choose"
    WRITE = "write"


class Confidence(StrEnum):
    """How sure the person was, said before the answer is revealed."""

    SURE = "sure"
    THINK_SO = "think_so"
    GUESSING = "guessing"

    @property
    def label(self) -> str:
        return {"sure": "Sure", "think_so": "Think so", "guessing": "Guessing"}[self.value]


@dataclass(frozen=True)
class DrillOption:
    text: str
    why: str
    best: bool = False


@dataclass(frozen=True)
class SampleReply:
    """A sample agent reply for calibration, with the bank's own ticks: which strong-reply checks it meets."""

    text: str
    meets: tuple[int, ...]


@dataclass(frozen=True)
class Drill:
    id: str
    skill: str
    channel: DrillChannel
    level: Level
    situation: DrillSituation
    context: str
    customer: str
    options: tuple[DrillOption, ...]
    #: Yes/no checks a written first reply should meet, observable in its text ("Says what happens next").
    strong_reply: tuple[str, ...] = ()
    sample_replies: tuple[SampleReply, ...] = ()

    @property
    def best(self) -> int:
        """The index of the best option in the bank's order."""
        return next(i for i, option in enumerate(self.options) if option.best)


@dataclass(frozen=True)
class Card:
    """Where one person stands with one drill."""

    drill_id: str
    box: int
    due_on: date
    retired: bool = False

    @property
    def answered_on(self) -> date:
        """The local date it was last answered: its box's gap before it falls due."""
        return self.due_on - timedelta(days=REVIEW_DAYS[self.box])


@dataclass(frozen=True)
class Outcome:
    box: int
    due_on: date
    retired: bool


def after_answer(box: int | None, *, best: bool, confidence: Confidence, on: date) -> Outcome:
    """The card after an answer given on the person's local date `on`; `box` None for a drill never answered."""
    current = FIRST_BOX if box is None else box
    if not best:
        following = FIRST_BOX
    elif confidence == Confidence.SURE:
        if current == LAST_BOX:
            return Outcome(LAST_BOX, on, retired=True)
        following = min(current + 1, LAST_BOX)
    else:
        following = current
    return Outcome(following, on + timedelta(days=REVIEW_DAYS[following]), retired=False)


def shuffled(drill: Drill, user_id: str) -> list[int]:
    """The options' order for this person: random, but the same every time they see this drill."""
    order = list(range(len(drill.options)))
    random.Random(f"{user_id}:{drill.id}").shuffle(order)
    return order


@dataclass(frozen=True)
class Pick:
    drill: Drill
    review: bool  # a review that has fallen due, or one brought forward; False: new to this person


def next_drill(
    bank: Sequence[Drill],
    cards: Mapping[str, Card],
    today: date,
    done_by_skill: Mapping[str, int],
    rng: random.Random,
    *,
    skill: str | None = None,
) -> Pick | None:
    """The most overdue review, else a new drill in the skill the person practised least, else (everything
    seen, nothing due) the review due soonest, though never one already answered today. None when nothing is
    left to give today (every drill of `skill`, if given, retired or answered today)."""
    pool = [d for d in bank if skill is None or d.skill == skill]
    live = [(cards[d.id], d) for d in pool if d.id in cards and not cards[d.id].retired]
    due = sorted(((card.due_on, drill.id), drill) for card, drill in live if card.due_on <= today)
    if due:
        return Pick(due[0][1], review=True)
    new = [d for d in pool if d.id not in cards]
    if new:
        fewest = min(done_by_skill.get(d.skill, 0) for d in new)
        skills = sorted({d.skill for d in new if done_by_skill.get(d.skill, 0) == fewest})
        chosen = rng.choice(skills)
        first_level = min(d.level for d in new if d.skill == chosen)
        return Pick(
            rng.choice(sorted((d for d in new if d.skill == chosen and d.level == first_level), key=lambda d: d.id)),
            review=False,
        )
    ahead = sorted(((card.due_on, drill.id), drill) for card, drill in live if card.answered_on < today)
    return Pick(ahead[0][1], review=True) if ahead else None


def due_reviews(cards: Iterable[Card], today: date) -> int:
    return sum(1 for card in cards if not card.retired and card.due_on <= today)


#: A written first reply: long enough for an email, short enough to review in two minutes.
MAX_WRITTEN = 1500


def written_problem(text: str | None) -> str | None:
    """A friendly reason a written reply can't be saved, or None when it is fine."""
    stripped = (text or "").strip()
    if not stripped:
        return "Write the first reply you would send: even two sentences are enough."
    if len(stripped) > MAX_WRITTEN:
        return (
            f"That's {len(stripped):,} characters; a first reply here can be up to {MAX_WRITTEN:,}. Could you trim it?"
        )
    return None


def next_to_write(
    bank: Sequence[Drill],
    written: Mapping[str, date],
    done_by_skill: Mapping[str, int],
    rng: random.Random,
    *,
    skill: str | None = None,
) -> Drill | None:
    """A drill to write a reply to: one never written, at the lowest level left in the skill written least,
    else the one written longest ago. Only drills with strong-reply checks can be reviewed."""
    pool = [d for d in bank if d.strong_reply and (skill is None or d.skill == skill)]
    if not pool:
        return None
    new = [d for d in pool if d.id not in written]
    if new:
        fewest = min(done_by_skill.get(d.skill, 0) for d in new)
        chosen = rng.choice(sorted({d.skill for d in new if done_by_skill.get(d.skill, 0) == fewest}))
        level = min(d.level for d in new if d.skill == chosen)
        return rng.choice(sorted((d for d in new if d.skill == chosen and d.level == level), key=lambda d: d.id))
    return min(pool, key=lambda d: (written[d.id], d.id))


class ReviewStatus(StrEnum):
    """A peer review request: waiting for its reviewer, answered, passed to another teammate, or given up."""

    OPEN = "open"
    DONE = "done"
    MOVED = "moved"
    LAPSED = "lapsed"


#: A review request waits this many of the team's practice days, then moves to another teammate once.
REVIEW_WAIT_DAYS = 2
#: Nobody is asked for more than this many reviews in a day.
REVIEWS_A_DAY = 2


def choose_reviewer(
    author: str,
    members: Sequence[str],
    *,
    partners: Iterable[str] = (),
    last_reviewed: Mapping[str, datetime] | None = None,
    previous: str | None = None,
    unavailable: Iterable[str] = (),
) -> str | None:
    """Who reviews an offered reply: the author's feedback partner of the week when there is one, otherwise the
    teammate who reviewed least recently (never yet, first). Never the author, never someone `unavailable`
    (a bot, deactivated, asked twice today, already asked for this reply), and never the author's previous
    reviewer twice in a row while anyone else can take it."""
    out = set(unavailable) | {author}
    candidates = sorted(m for m in set(members) if m not in out)
    if previous in candidates and len(candidates) > 1:
        candidates.remove(previous)
    if not candidates:
        return None
    partnered = [p for p in sorted(set(partners)) if p in candidates]
    if partnered:
        return partnered[0]
    seen = last_reviewed or {}
    return min(candidates, key=lambda m: (m in seen, seen.get(m, datetime.min.replace(tzinfo=UTC)), m))


def practice_days_after(start: date, count: int, days: frozenset[int], holidays: Iterable[date] = ()) -> date:
    """The date `count` of the team's practice days after `start` (holidays skipped)."""
    off = set(holidays)
    day, left = start, count
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() in days and day not in off:
            left -= 1
        if (day - start).days > 366:
            break
    return day
