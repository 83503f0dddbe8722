"""Who is in the demo team and what each person does, decided up front from a seed.

Pure data, no Slack or database: the same seed always gives the same weeks, so the demo's tests can work
out from the script alone how many prompts should be delivered and answered. What people write comes from
demo.texts: feedback is picked here, answers when the prompt they answer is known (`Writer`), and no text
is used twice while the bank lasts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from demo import texts

#: A Monday, so day 0 of the demo is a practice day under the default Mon-Fri schedule.
FIRST_DAY = date(2026, 11, 23)
TEAM_CHANNEL = "CSUPPORT"
TEAM_CHANNEL_NAME = "support-team"
TEAM_ZONE = "Europe/Dublin"
# The bot's default schedule, which `/practice start` gives the team (storage.models.Team's defaults).
QUOTE_TIME = time(9, 0)
PROMPT_TIME = time(9, 30)
REMINDER_TIME = time(15, 0)
SUMMARY_TIME = time(8, 30)  # Monday, team time: last week's summary reaches the leads by DM
#: The lead asks for the weekly team question with this day's quote (`/practice question wed`).
QUESTION_DAY, QUESTION_DAY_NAME = 2, "wed"
#: The lead makes these days' practice DM a drill (`/practice schedule drills tue,thu`).
DRILL_DAYS = "tue,thu"
#: The lead makes the calibration round weekly (`/practice calibrate weekly fri`): it starts with the quote.
CALIBRATION_DAY, CALIBRATION_DAY_NAME = 4, "fri"
#: Someone writes their own first reply to a drill on this weekday of the days shown and offers it for review.
WRITING_DAY, WRITING_AT = 2, time(11, 40)
#: Team time: two teammates reply in the question's thread after lunch.
THREAD_REPLY_TIMES = (time(13, 20), time(14, 5))
MIN_TEAM, MAX_TEAM = 2, 40
MIN_DAYS, MAX_DAYS = 1, 28
MIN_WEEKS_BEFORE, MAX_WEEKS_BEFORE = 0, 12
#: With the week shown, 6 of the 8 weeks in the lead's chart have practice (the first two show "no prompts").
DEFAULT_WEEKS_BEFORE = 5

_ZONES = ("Europe/Dublin", "America/New_York", "Asia/Kolkata")
_NAMES = ("lena", "nia", "ishan", "dara", "maya", "arjun", "aoife", "jordan", "priya", "cian", "marcus", "kavya")


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str
    tz: str
    lead: bool = False

    @property
    def display(self) -> str:
        return self.name.title()


@dataclass(frozen=True)
class Reply:
    """One person's answer on one practice day: when (local time), through what, and who may read it."""

    at: time
    how: str  # "inline" (/reflect some text), "dm" (typed in the DM with the bot) or "modal" (Answer, the form)
    visibility: str  # "private", "lead" or "team"; inline answers are always private
    rating: int  # how they rate themself, when the form asks

    @property
    def late(self) -> bool:
        """After the day's reminder."""
        return self.at >= REMINDER_TIME


@dataclass(frozen=True)
class Try:
    """What the recipient of some feedback notes they will try ("What I'll try"), and, a week later when the
    bot asks, how it went."""

    plan: str
    outcome: str


@dataclass(frozen=True)
class Gift:
    """Feedback from one teammate to another, with a thank-you half an hour later or not, and sometimes a
    "What I'll try" twenty minutes after that."""

    day: int
    giver: Person
    recipient: Person
    at: time  # the giver's local time
    text: str
    thanked: bool
    tried: Try | None = None


@dataclass(frozen=True)
class Visit:
    """Someone opens the bot's Home tab in Slack."""

    person: Person
    day: int
    at: time  # their local time


@dataclass(frozen=True)
class ThreadReply:
    """A teammate answers the week's team question in the quote's thread."""

    person: Person
    day: int
    at: time  # team time, after the quote
    turn: int  # which of the question's two replies (demo.texts.TEAM_REPLIES) they write


@dataclass(frozen=True)
class Writing:
    """Someone writes their own first reply to a drill's customer (`/drill write`), ticks the checks it meets
    and offers it for a teammate's blind review."""

    person: Person
    day: int
    at: time  # their local time


@dataclass(frozen=True)
class Script:
    people: tuple[Person, ...]
    days: int  # shown in full, from FIRST_DAY (day 0)
    weeks_before: int  # played quietly before FIRST_DAY: days -7 * weeks_before to -1
    replies: dict[tuple[str, int], Reply]  # (user id, day) -> the answer; no entry: no answer that day
    gifts: tuple[Gift, ...]
    visit: Visit | None = None
    thread_replies: tuple[ThreadReply, ...] = ()
    writing: Writing | None = None
    #: The answer (user id, day) its writer marks worth remembering in the form: it comes back three days on.
    remembered: tuple[str, int] | None = None

    @property
    def lead(self) -> Person:
        return self.people[0]

    @property
    def first_day(self) -> int:
        return -7 * self.weeks_before

    def person(self, user_id: str) -> Person | None:
        return next((p for p in self.people if p.user_id == user_id), None)


def day_date(day: int) -> date:
    return FIRST_DAY + timedelta(days=day)


def practice_days(days: int, weeks_before: int = 0) -> list[int]:
    """Day numbers (0 is FIRST_DAY, a Monday; earlier weeks are negative) that fall on Monday to Friday, the
    default schedule."""
    return [day for day in range(-7 * weeks_before, days) if day_date(day).weekday() < 5]


def cast(team_size: int) -> tuple[Person, ...]:
    """The first person is the lead; time zones rotate Dublin, New York, Kolkata."""
    people = []
    for index in range(team_size):
        name = _NAMES[index] if index < len(_NAMES) else f"agent{index + 1}"
        people.append(Person(f"U{name.upper()}", name, _ZONES[index % len(_ZONES)], lead=index == 0))
    return tuple(people)


def _minutes_after(start: time, minutes: int) -> time:
    total = start.hour * 60 + start.minute + minutes
    return time(total // 60, total % 60)


class _Bank:
    """A shuffled bank handed out without repeats until it runs out (then it starts again, reshuffled)."""

    def __init__(self, items: tuple, rng: random.Random) -> None:
        self._items = items
        self._rng = rng
        self._left: list = []

    def take(self):  # noqa: ANN201 - the bank's own item type
        if not self._left:
            self._left = list(self._items)
            self._rng.shuffle(self._left)
        return self._left.pop()


def plan(*, team_size: int, days: int, seed: int, weeks_before: int = DEFAULT_WEEKS_BEFORE) -> Script:
    """About three in four prompts answered (some only after the reminder), one piece of feedback a day.

    The weeks before the ones shown are quieter to play: answers there are inline (private, so never read
    out), and feedback comes every other day. The second piece of feedback in each week, from the last week
    before on, is one the recipient notes something to try after, so the week shown has a follow-up."""
    rng = random.Random(seed)
    people = cast(team_size)
    feedback = _Bank(texts.FEEDBACK, rng)
    tries = _Bank(texts.TRIES, rng)
    replies: dict[tuple[str, int], Reply] = {}
    gifts: list[Gift] = []
    keen = {p.user_id: 0.7 + 0.25 * rng.random() for p in people}  # some people answer more than others
    week_mood = 0.0
    for day in practice_days(days, weeks_before):
        earlier = day < 0
        if day_date(day).weekday() == 0:
            week_mood = rng.uniform(-0.15, 0.05)  # a busy week, a quiet one
        for person in people:
            roll = rng.random()
            how = "inline" if earlier else rng.choice(("inline", "modal"))
            if how == "inline" and not earlier and day % 2 == 0:
                how = "dm"  # some days shown, they just type it in the DM with the bot
            visibility = "private" if how == "inline" else rng.choice(("private", "lead", "team"))
            rating = rng.choice((3, 4, 4, 5))
            answer_at = _minutes_after(PROMPT_TIME, rng.choice((10, 25, 40, 75, 120, 200)))
            late_at = _minutes_after(REMINDER_TIME, rng.choice((20, 45, 70)))
            willing = keen[person.user_id] + (week_mood if earlier else 0.05)
            if roll >= willing:
                continue
            at = late_at if roll >= willing - 0.15 else answer_at
            replies[(person.user_id, day)] = Reply(at, how, visibility, rating)
        giver, recipient = rng.sample(people, 2)
        at = _minutes_after(time(11, 0), rng.choice((0, 30, 60, 90, 120)))
        thanked = rng.random() < 0.6
        if earlier and day % 2:
            continue
        week_start = day - day_date(day).weekday()
        second_of_week = sum(1 for g in gifts if g.day >= week_start) == 1
        tried = tries.take() if second_of_week and day >= -7 else None
        gifts.append(
            Gift(
                day,
                giver,
                recipient,
                at,
                feedback.take(),
                thanked=thanked or tried is not None,
                tried=Try(*tried) if tried else None,
            )
        )
    shown = [d for d in practice_days(days) if d >= 0]
    tried_gift = next((g for g in gifts if g.tried and g.day >= 0), None)
    visitor = tried_gift.recipient if tried_gift else people[1]
    visit = Visit(visitor, min([d for d in shown if d >= 2] or shown[-1:] or [0]), time(13, 10))
    writing_days = [d for d in shown if day_date(d).weekday() >= WRITING_DAY] or shown
    writer = people[min(2, len(people) - 1)]
    writing = Writing(writer, writing_days[0], WRITING_AT) if writing_days else None
    remembered = next(
        (
            (user_id, day)
            for (user_id, day), reply in sorted(replies.items(), key=lambda item: (item[0][1], item[0][0]))
            if day >= 0 and day + 3 < days and day_date(day).weekday() < 2 and reply.how == "modal"
        ),
        None,
    )
    return Script(
        people,
        days,
        weeks_before,
        replies,
        tuple(gifts),
        visit,
        _thread_replies(people, shown, seed),
        writing,
        remembered,
    )


def _thread_replies(people: tuple[Person, ...], shown: list[int], seed: int) -> tuple[ThreadReply, ...]:
    """Two members (not the lead, when the team allows) on each question day shown; a random stream of its
    own, so the rest of the script is the same with or without them."""
    rng = random.Random(f"thread-replies-{seed}")
    members = [p for p in people if not p.lead] if len(people) > 2 else list(people)
    found = []
    for day in (d for d in shown if day_date(d).weekday() == QUESTION_DAY):
        for turn, (person, at) in enumerate(
            zip(rng.sample(members, min(2, len(members))), THREAD_REPLY_TIMES, strict=False)
        ):
            found.append(ThreadReply(person, day, at, turn))
    return tuple(found)


class Writer:
    """Hands out answers by prompt: a prompt's own answers first, then spare ones for its skill; none twice
    while the bank lasts (a big team, all week, can use it up; then texts come round again). Answers in the
    quiet weeks before come from their own, smaller bank: they are private and never printed, so the days shown
    may use those too once the rest is gone."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._earlier: dict[str, int] = {}

    def answer(self, prompt_id: str | None, skill_key: str, *, earlier: bool = False) -> str:
        skill_key = skill_key if skill_key in texts.SPARE else "listening"
        if earlier:
            pool = texts.EARLIER[skill_key]
            turn = self._earlier.get(skill_key, 0)
            self._earlier[skill_key] = turn + 1
            return pool[turn % len(pool)]
        candidates = [*texts.ANSWERS.get(prompt_id or "", ()), *texts.SPARE[skill_key], *texts.EARLIER[skill_key]]
        fresh = next((text for text in candidates if text not in self._used), None)
        text = fresh if fresh is not None else candidates[len(self._used) % len(candidates)]
        self._used.add(text)
        return text
