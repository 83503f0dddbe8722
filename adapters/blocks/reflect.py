"""Block Kit for reflection: the prompt and reminder DMs, the answer form, and what an answer gets back."""

from __future__ import annotations

import copy
from functools import lru_cache

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
)

from adapters import ids
from adapters.blocks import lessons as lesson_blocks
from adapters.blocks.common import Message, context, form_modal, plain, quoted, render, section
from domain.answers import MAX_ANSWER_CHARS, VISIBILITIES, VISIBILITY_LABELS
from domain.content import Prompt
from domain.self_rating import RATING_LABELS
from domain.skills import skill
from domain.text import escape_mrkdwn


def answer_button(delivery_id: int, label: str = "Answer") -> ButtonElement:
    return ButtonElement(text=label, action_id=ids.ANSWER_OPEN, value=str(delivery_id), style="primary")


@lru_cache(maxsize=1024)
def _prompt_blocks(prompt: Prompt) -> list[dict]:
    """A prompt's blocks, validated once per prompt rather than once per person (a fan-out to thousands sends
    the same few prompts); the Answer button's value is filled in per delivery."""
    name = skill(prompt.skill).name
    return render(
        [
            HeaderBlock(text=f"Today's practice · {name}"),
            section(escape_mrkdwn(prompt.text)),
            ActionsBlock(elements=[answer_button(0)]),
            context("Two minutes is plenty. Your answer is private unless you choose to share it."),
        ]
    )


def prompt_message(prompt: Prompt, delivery_id: int) -> Message:
    rendered = copy.deepcopy(_prompt_blocks(prompt))
    for block in rendered:
        for element in block.get("elements", []):
            if element.get("action_id") == ids.ANSWER_OPEN:
                element["value"] = str(delivery_id)
    return Message(text=f"Today's practice ({skill(prompt.skill).name}): {prompt.text}", blocks=rendered)


def reminder_message(prompt: Prompt, delivery_id: int) -> Message:
    name = skill(prompt.skill).name
    return Message(
        text=f"A gentle nudge: today's {name} prompt is still open.",
        blocks=render(
            [
                section(f"A gentle nudge: today's *{name}* prompt is still open.\n{quoted(prompt.text)}"),
                ActionsBlock(elements=[answer_button(delivery_id)]),
                context("Only one reminder a day. Turn them off with `/practice reminders off`."),
            ]
        ),
    )


def answer_modal(
    prompt: Prompt,
    delivery_id: int,
    *,
    initial_text: str | None = None,
    visibility: str = "private",
    ask_rating: bool = False,
    rating: int | None = None,
    remember: bool = False,
) -> dict:
    rating_input = [_rating_input(prompt.skill, rating)] if ask_rating else []
    return form_modal(
        ids.ANSWER_MODAL,
        title="Reflect",
        submit="Save",
        metadata={"delivery_id": delivery_id},
        blocks=[
            context(f"*{skill(prompt.skill).name}*"),
            section(escape_mrkdwn(prompt.text)),
            answer_input("Your answer", "A sentence or two about what happened and what you noticed.", initial_text),
            *rating_input,
            visibility_input(visibility),
            lesson_blocks.remember_input(remember),
        ],
    )


def answer_input(label: str, placeholder: str, initial_text: str | None) -> InputBlock:
    """The written answer, in the reflection form and in the follow-up to "What I'll try" alike."""
    return InputBlock(
        block_id=ids.ANSWER_BLOCK,
        label=label,
        element=PlainTextInputElement(
            action_id=ids.ANSWER_INPUT,
            multiline=True,
            max_length=MAX_ANSWER_CHARS,
            initial_value=initial_text or None,
            placeholder=placeholder,
        ),
    )


def visibility_input(visibility: str) -> InputBlock:
    """Who can read an answer; private unless its author chooses otherwise."""
    options = [Option(value=v, label=VISIBILITY_LABELS[v]) for v in VISIBILITIES]
    return InputBlock(
        block_id=ids.VISIBILITY_BLOCK,
        label="Who can read it",
        element=RadioButtonsElement(
            action_id=ids.VISIBILITY_INPUT,
            options=options,
            initial_option=next(o for o in options if o.value == visibility),
        ),
    )


def _rating_input(skill_key: str, rating: int | None) -> InputBlock:
    """The optional self-rating; shown now and then (domain.self_rating decides), only its author sees it."""
    options = [Option(value=str(r), label=label) for r, label in RATING_LABELS.items()]
    initial = next((o for o in options if o.value == str(rating)), None)
    return InputBlock(
        block_id=ids.RATING_BLOCK,
        label=f"How would you rate yourself on {skill(skill_key).name} today?",
        optional=True,
        hint="Optional, 1 to 5. Only you see it, on your App Home, beside what peers' feedback says.",
        element=RadioButtonsElement(action_id=ids.RATING_INPUT, options=options, initial_option=initial),
    )


def answer_saved(
    prompt: Prompt, delivery_id: int, *, text: str, visibility: str, edited: bool, remember: bool = False
) -> Message:
    who = _WHO_READS[visibility]
    verb = "Updated" if edited else "Saved"
    return Message(
        text=f"{verb} your answer. {who}",
        blocks=render(
            [
                section(f"*{verb} your answer* to today's {skill(prompt.skill).name} prompt. {who}\n{quoted(text)}"),
                *([context(f"*A thoughtful answer touches on:* {prompt.look_for}")] if prompt.look_for else []),
                ActionsBlock(
                    elements=[
                        ButtonElement(text="Edit", action_id=ids.ANSWER_EDIT, value=str(delivery_id)),
                    ]
                ),
                lesson_blocks.remember_checkbox(delivery_id, remember),
            ]
        ),
    )


_WHO_READS = {
    "private": "Only you can see it.",
    "lead": "You and your team lead can see it.",
    "team": "Your team can see it.",
}


def reply_saved(prompt: Prompt, delivery_id: int, visibility: str, remember: bool = False) -> Message:
    """A DM message taken as the answer: short, since they have just written it, with Edit and who reads it."""
    choices = [
        ButtonElement(
            text=("✓ " if value == visibility else "") + label,
            action_id=f"{ids.ANSWER_VISIBILITY}{value}",
            value=str(delivery_id),
        )
        for value, label in VISIBILITY_LABELS.items()
    ]
    head = f"*Saved your message as your answer* to today's {skill(prompt.skill).name} prompt. {_WHO_READS[visibility]}"
    return Message(
        text=f"Saved your message as your answer. {_WHO_READS[visibility]}",
        blocks=render(
            [
                section(head),
                *([context(f"*A thoughtful answer touches on:* {prompt.look_for}")] if prompt.look_for else []),
                ActionsBlock(elements=[ButtonElement(text="Edit", action_id=ids.ANSWER_EDIT, value=str(delivery_id))]),
                context("Who can read it:"),
                ActionsBlock(elements=choices),
                lesson_blocks.remember_checkbox(delivery_id, remember),
                context("Editing or deleting your message changes or deletes the answer too."),
            ]
        ),
    )


NOTHING_TO_ANSWER = (
    "I take a message here as the answer to your open prompt, but you don't have one right now. "
    "`/reflect` gives you a fresh prompt, `/drill` a drill, and `/practice help` shows everything I can do. "
    "(I say this once a day, so I won't reply to every message.)"
)
NOT_IN_A_TEAM_YET = (
    "Hi! I'm Practice Coach. I send practice prompts to members of a practice team; ask your team lead to run "
    "`/practice start` in your team's channel. (I say this once a day, so I won't reply to every message.)"
)
OTHER_THREAD = (
    "I take a message typed here, or in a prompt's thread, as your answer; a reply in this thread isn't saved "
    "as one. (I say this once a day, so I won't reply to every message.)"
)
ALREADY_ANSWERED = "You've already answered that prompt, so I left your answer as it was. Its *Edit* button changes it."


def reply_deleted(prompt_skill: str) -> Message:
    return plain(
        f"You deleted your message, so I deleted the answer it gave to your {skill(prompt_skill).name} prompt. "
        "The prompt is open again: reply here or use `/reflect`."
    )


def not_taken(problem: str) -> str:
    """A DM message too long to be an answer: its words are still in the DM, so they are not echoed back."""
    return f"I couldn't take that message as your answer: {problem} Your message is still here to copy from."


def edit_refused(problem: str) -> Message:
    return plain(f"I kept your saved answer as it was: {problem}")


def answer_not_saved(text: str, reason: str | None = None) -> Message:
    """When saving fails after the modal closed, give the words back so nothing is lost."""
    head = reason or "Sorry, I couldn't save your answer just now. Please try again with `/reflect` in a minute."
    return Message(
        text=f"{head} Your answer is below so nothing is lost.",
        blocks=render([section(f"{head} Your answer is below so nothing is lost."), section(quoted(text))]),
    )
