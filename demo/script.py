"""Who is in the demo team and what each person does, decided up front from a seed.

Pure data, no Slack or database: the same seed always gives the same week, so the demo's test can work
out from the script alone how many prompts should be delivered and answered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time

#: A Monday, so day 0 of the demo is a practice day under the default Mon-Fri schedule.
FIRST_DAY = date(2026, 11, 23)
TEAM_CHANNEL = "CSUPPORT"
TEAM_CHANNEL_NAME = "support-team"
TEAM_ZONE = "Europe/Dublin"
PROMPT_TIME = time(9, 30)
REMINDER_TIME = time(15, 0)
MIN_TEAM, MAX_TEAM = 2, 40
MIN_DAYS, MAX_DAYS = 1, 28

_ZONES = ("Europe/Dublin", "America/New_York", "Asia/Kolkata")
_NAMES = ("lena", "nia", "ishan", "dara", "maya", "arjun", "aoife", "jordan", "priya", "cian", "marcus", "kavya")

#: What people write, by the skill of the prompt they answer.
ANSWERS: dict[str, tuple[str, ...]] = {
    "integrity": ("I told a customer the cheaper plan was enough for them, even though it cost us the upsell.",
                  "I admitted our delay instead of blaming the courier. They thanked me for being straight."),
    "value": ("I added a tip on exporting their data, which they hadn't asked for but clearly needed.",
              "Before closing, I checked whether anything else was slowing them down. There was."),
    "journey": ("I read the whole ticket history first: it was their third contact, so I started with that.",
                "I asked what they were trying to get done this week, not just what was broken."),
    "self_awareness": ("I noticed I rush when the queue is long. Today I slowed down on purpose for two chats.",
                       "My short replies read as cold. I added one line of context and the tone changed."),
    "listening": ("I let the customer finish before answering. The real problem was in their last sentence.",
                  "I summarised what I heard and got it wrong the first time, which saved us both an hour."),
    "questioning": ("I asked what they had already tried before suggesting a fix. That saved three emails.",
                    "One clarifying question turned a refund request into a simple settings change."),
    "empathy": ("An angry caller was really worried about a deadline. Naming that calmed the whole call.",
                "I took a break after a hard call instead of carrying it into the next one."),
    "responsiveness": ("I gave a realistic time for the fix instead of 'soon', and we met it.",
                       "I replied within the hour with a partial answer rather than waiting for the full one."),
    "feedback": ("A teammate said my macros sound robotic. I rewrote two of them today.",
                 "I asked my lead what to change in my escalations and tried it on the next one."),
}

FEEDBACK = (
    "The way you summarised the customer's problem before answering made the whole call easier.",
    "You stayed calm with that escalation and still gave a clear next step.",
    "Your handover note was so complete I didn't need to ask the customer anything again.",
    "You asked what they had already tried before suggesting anything. Keep doing that.",
    "You told the customer honestly when the fix would land, and it did.",
    "You spotted that the real problem was the invoice, not the login. Great listening.",
)


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
    how: str  # "inline" (/reflect some text) or "modal" (the Answer button, then the form)
    visibility: str  # "private", "lead" or "team"; inline answers are always private
    choice: int  # picks the words from ANSWERS for the prompt's skill

    @property
    def late(self) -> bool:
        """After the day's reminder."""
        return self.at >= REMINDER_TIME


@dataclass(frozen=True)
class Gift:
    """Feedback from one teammate to another, with a thank-you half an hour later or not."""

    day: int
    giver: Person
    recipient: Person
    at: time  # the giver's local time
    text: str
    thanked: bool


@dataclass(frozen=True)
class Script:
    people: tuple[Person, ...]
    days: int
    replies: dict[tuple[str, int], Reply]  # (user id, day) -> the answer; no entry: no answer that day
    gifts: tuple[Gift, ...]

    @property
    def lead(self) -> Person:
        return self.people[0]

    def person(self, user_id: str) -> Person | None:
        return next((p for p in self.people if p.user_id == user_id), None)


def practice_days(days: int) -> list[int]:
    """Day numbers (0 is FIRST_DAY, a Monday) that fall on Monday to Friday, the default schedule."""
    return [day for day in range(days) if (FIRST_DAY.weekday() + day) % 7 < 5]


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


def plan(*, team_size: int, days: int, seed: int) -> Script:
    """About three in four prompts answered, some only after the reminder; one piece of feedback a day."""
    rng = random.Random(seed)
    people = cast(team_size)
    replies: dict[tuple[str, int], Reply] = {}
    gifts: list[Gift] = []
    for day in practice_days(days):
        for person in people:
            roll = rng.random()
            how = rng.choice(("inline", "modal"))
            visibility = "private" if how == "inline" else rng.choice(("private", "lead", "team"))
            choice = rng.randrange(1000)
            if roll < 0.2:
                continue
            if roll < 0.35:
                at = _minutes_after(REMINDER_TIME, rng.choice((20, 45, 70)))
            else:
                at = _minutes_after(PROMPT_TIME, rng.choice((10, 25, 40, 75, 120, 200)))
            replies[(person.user_id, day)] = Reply(at, how, visibility, choice)
        giver, recipient = rng.sample(people, 2)
        gifts.append(Gift(day, giver, recipient, _minutes_after(time(11, 0), rng.choice((0, 30, 60, 90, 120))),
                          rng.choice(FEEDBACK), thanked=rng.random() < 0.6))
    return Script(people, days, replies, tuple(gifts))


def answer_text(skill_key: str, choice: int) -> str:
    pool = ANSWERS.get(skill_key) or ANSWERS["listening"]
    return pool[choice % len(pool)]
