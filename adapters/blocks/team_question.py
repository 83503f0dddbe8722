"""Block Kit for the weekly team question: its part of the quote message, the lead's setting, the thank-you."""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from slack_sdk.models.blocks import SectionBlock

from adapters.blocks.common import Message, plain, section
from domain.content import TeamQuestion
from domain.skills import skill


def question_section(question: TeamQuestion) -> SectionBlock:
    return section(
        f"*Team question of the week* · {skill(question.skill).name}\n{question.text}\n"
        "_Reply in this thread: everyone's answer is different, and each one counts as practice._"
    )


def question_day_set(day: int | None, practice_days: Iterable[int]) -> Message:
    if day is None:
        return plain("The team question is off: quotes come on their own from now on.")
    name = calendar.day_name[day]
    note = (
        ""
        if day in set(practice_days)
        else f" {name} isn't one of the team's practice days, so it waits until `/practice schedule days` includes it."
    )
    return plain(
        f"Every {name}, the quote of the day comes with a team question, answered in its thread. Each reply "
        f"counts as practice of the question's skill, in the weekly summary and on the replier's Home.{note}"
    )


def question_day_line(day: int | None) -> str:
    if day is None:
        return "*Team question:* off (`/practice question wed` adds one to that day's quote, for the thread)"
    return f"*Team question:* with the quote every {calendar.day_name[day]} (`/practice question off` stops it)"


def reply_counted(skill_key: str) -> Message:
    """Only the replier sees it, once per question: the thread itself stays the team's."""
    return plain(f"Thanks for joining in. Your reply counts as {skill(skill_key).name} practice on your Home.")
