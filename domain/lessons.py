"""A reflection someone marked worth remembering comes back to them a few days, then a week and a half, then a
month later: spaced the way a lesson fades, each return once, and a late one (they were away) skips the ones it
passed rather than arriving in a row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

#: Days after the reflection's own day that it comes back, one return per stage.
RETURN_AFTER_DAYS = (3, 10, 30)


class LessonResponse(StrEnum):
    """What the person said on a returned lesson: used it, not yet, or no more of these."""

    USED = "used"
    NOT_YET = "not_yet"
    STOP = "stop"


@dataclass(frozen=True)
class Remembered:
    """A reflection marked worth remembering, and the last stage (1 to 3) it came back at; 0: not yet."""

    answer_id: int
    written_on: date
    returned: int
    skill: str = ""


def due_stage(lesson: Remembered, today: date) -> int | None:
    """The stage due today (1 to 3: the latest whose day has come), or None: not yet, or that stage came back
    already. A stage passed while its writer was away is skipped, not sent late in a row."""
    days = (today - lesson.written_on).days
    reached = sum(1 for after in RETURN_AFTER_DAYS if days >= after)
    return reached if reached > lesson.returned else None


def next_to_return(lessons: list[Remembered], today: date) -> Remembered | None:
    """One return a day at most: of the lessons due, the one written longest ago (then the lowest id)."""
    due = [lesson for lesson in lessons if due_stage(lesson, today) is not None]
    return min(due, key=lambda lesson: (lesson.written_on, lesson.answer_id), default=None)
