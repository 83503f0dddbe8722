"""Block Kit for lessons brought back: the returned reflection with Yes / Not yet / Stop these, what each
answer gets back, and the "worth remembering" checkbox an answer's confirmation carries."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, CheckboxesElement, InputBlock, Option

from adapters import ids
from adapters.blocks.common import Message, context, plain, quoted, render, section
from domain.content import Prompt
from domain.lessons import RETURN_AFTER_DAYS, LessonResponse
from domain.skills import skill

_DAYS = ", ".join(str(d) for d in RETURN_AFTER_DAYS[:-1]) + f" and {RETURN_AFTER_DAYS[-1]}"
REMEMBER_LABEL = "Worth remembering"
REMEMBER_HINT = f"It comes back to you {_DAYS} days later, to see whether you used it."
LESSONS_ON = f"Lessons are on: answers you mark worth remembering come back to you {_DAYS} days later."
LESSONS_OFF = "Lessons are off: nothing you marked worth remembering comes back. `/practice lessons on` restarts them."


def remember_option() -> Option:
    return Option(value="remember", label=REMEMBER_LABEL, description=REMEMBER_HINT)


def remember_input(remember: bool) -> InputBlock:
    """In the answer form."""
    option = remember_option()
    return InputBlock(
        block_id=ids.ANSWER_REMEMBER_BLOCK,
        label="Bring it back",
        optional=True,
        element=CheckboxesElement(
            action_id=ids.ANSWER_REMEMBER_INPUT, options=[option], initial_options=[option] if remember else None
        ),
    )


def remember_checkbox(delivery_id: int, remember: bool) -> ActionsBlock:
    """On an answer's confirmation: ticking it there is the same as in the form."""
    option = remember_option()
    return ActionsBlock(
        block_id=f"{ids.ANSWER_REMEMBER_BLOCK}:{delivery_id}",
        elements=[
            CheckboxesElement(
                action_id=ids.ANSWER_REMEMBER, options=[option], initial_options=[option] if remember else None
            )
        ],
    )


def lesson_message(delivery_id: int, text: str, written_on: date, skill_key: str, prompt: Prompt | None) -> Message:
    name = skill(skill_key).name
    asked = f", answering “{prompt.text}”," if prompt else ""
    value = str(delivery_id)
    return Message(
        text=f"On {written_on:%-d %b} you wrote something worth remembering. Did you use it this week?",
        blocks=render(
            [
                section(f"*A lesson of yours · {name}*\nOn {written_on:%-d %b}{asked} you wrote:"),
                section(quoted(text)),
                section("*Did you use it this week?*"),
                ActionsBlock(
                    elements=[
                        ButtonElement(text="Yes", action_id=ids.LESSON_USED, value=value, style="primary"),
                        ButtonElement(text="Not yet", action_id=ids.LESSON_NOT_YET, value=value),
                        ButtonElement(text="Stop these", action_id=ids.LESSON_STOP, value=value),
                    ]
                ),
                context(f"You marked it worth remembering, so it comes back {_DAYS} days on. Only you see it."),
            ]
        ),
    )


def replied(response: LessonResponse, skill_key: str | None) -> Message:
    name = skill(skill_key).name if skill_key else "this skill's"
    if response == LessonResponse.STOP:
        return plain(f"No more lessons coming back. {LESSONS_OFF}")
    if response == LessonResponse.USED:
        return plain(f"Good: you used it. That counts as {name} practice on your Home.")
    return plain(f"Not yet, then: it's there for when the moment comes. That counts as {name} practice too.")
