"""Block Kit for focus skills: the offer (each skill's three signals side by side, the suggestion, a button per
skill and "No focus this time"), what a choice gets back, the Home's focus, and the question at the end. Only
the person ever sees these; a lead's summary has counts per skill and nothing else."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)

from adapters import ids
from adapters.blocks.common import Message, context, form_modal, plain, quoted, render, section
from domain.focus import AT_LEAST, MAX_OUTCOME_CHARS, WINDOW, FirstTries, FocusWent, Signals
from domain.home import FocusHome
from domain.skills import SKILLS, skill
from domain.summary import percent
from domain.text import clip, counted

NO_SIGNAL = (
    "No skill has a signal yet, so I have nothing to suggest. Each of these gives a skill one: rating yourself "
    "when a prompt asks (now and then, inside a reflection), feedback from a teammate (`/feedback`), or a drill "
    "(`/drill`). You can still pick a skill now."
)
SHARE = f"at least {AT_LEAST} of every {WINDOW} practice days (prompts and drills alike) will be on it"
ONLY_YOU = (
    "Only you see this. A lead's summary counts how many people have a focus and on which skills, never who chose what."
)


def _rating(signals: Signals) -> str:
    return f"you rate yourself {signals.rating}/5" if signals.rating is not None else "not rated yet"


def _peers(signals: Signals) -> str:
    if not signals.keep + signals.change:
        return "peers: no feedback in 8 weeks"
    return f"peers: {signals.keep} keep doing, {signals.change} do differently"


def _tries(first: FirstTries) -> str:
    return f"{first.best}/{first.tries} ({percent(first.rate)})" if first.tries else "none yet"


def _drills(signals: Signals) -> str:
    if not signals.first_tries:
        return "drills: none yet"
    return f"drills: {_tries(FirstTries(signals.first_tries, signals.first_best))} right first try"


def _skill_section(focus_id: int, key: str, signals: Signals, *, suggested: bool, running: bool) -> SectionBlock:
    name = skill(key).name
    mark = " · _your focus now_" if running else " · _the most room_" if suggested else ""
    text = f"*{name}*{mark}\n{_rating(signals)} · {_peers(signals)} · {_drills(signals)}"
    button = ButtonElement(
        text="Focus on this",
        action_id=ids.FOCUS_PICK,
        value=f"{focus_id}:{key}",
        style="primary" if suggested else None,
    )
    return SectionBlock(text=MarkdownTextObject(text=text), accessory=None if running else button)


def offer(
    focus_id: int, signals: Mapping[str, Signals], suggested: str | None, running: FocusHome | None = None
) -> Message:
    """Every skill's three signals side by side, the suggestion marked, and a choice: a skill, or none."""
    if running is not None:
        head = f"Your focus: {skill(running.skill).name}"
        intro = (
            f"{counted(running.days_left, 'day')} left. {_went(running.went)}\n"
            "Picking a skill starts four fresh weeks on it; *No focus* ends this one."
        )
    else:
        head = "Your focus for the next four weeks"
        intro = (
            f"Your own signals, skill by skill. The most room: *{skill(suggested).name}*. Pick it, another skill or "
            f"none; for four weeks {SHARE}."
            if suggested is not None
            else NO_SIGNAL
        )
    body: list[Block] = [HeaderBlock(text=head), section(intro)]
    body += [
        _skill_section(
            focus_id,
            item.key,
            signals.get(item.key, Signals()),
            suggested=item.key == suggested,
            running=running is not None and item.key == running.skill,
        )
        for item in SKILLS
    ]
    body += [
        ActionsBlock(
            elements=[ButtonElement(text="No focus this time", action_id=ids.FOCUS_NONE, value=str(focus_id))]
        ),
        context(ONLY_YOU),
    ]
    text = (
        f"{head}: your signals suggest {skill(suggested).name}."
        if suggested is not None and running is None
        else f"{head}: pick a skill, or none."
    )
    return Message(text=text, blocks=render(body))


def chosen(skill_key: str, ends_on: date) -> Message:
    last = ends_on - timedelta(days=1)
    return plain(
        f"Your focus is *{skill(skill_key).name}* until {last:%a %-d %b}: {SHARE}. Your Home shows how it goes, "
        "and at the end I'll ask what changed."
    )


def already(skill_key: str, days_left: int) -> Message:
    return plain(f"*{skill(skill_key).name}* is already your focus: {counted(days_left, 'day')} left.")


def no_focus() -> Message:
    return plain(
        "No focus this time: your practice follows the usual rotation. I'll offer one again in four weeks; "
        "`/practice focus` brings the choice back any time."
    )


def _went(went: FocusWent, *, over: bool = False) -> str:
    return (
        f"{counted(went.answers, 'answer')} on it{'' if over else ' so far'} · drills right first try: "
        f"{_tries(went.then)} when you began, {_tries(went.now)} now"
    )


def home_block(focus: FocusHome | None) -> Block:
    if focus is None:
        return context(
            "*Focus skill:* none right now. `/practice focus` shows your signals per skill and suggests one."
        )
    return section(f"*Focus: {skill(focus.skill).name}* · {counted(focus.days_left, 'day')} left\n{_went(focus.went)}")


def end_message(focus_id: int, went: FocusWent) -> Message:
    name = skill(went.skill).name
    return Message(
        text=f"Your four weeks on {name} are over. What changed?",
        blocks=render(
            [
                section(f"*Your four weeks on {name} are over.*\n{_went(went, over=True)}\nWhat changed?"),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Tell me", action_id=ids.FOCUS_OUTCOME_OPEN, value=str(focus_id), style="primary"
                        )
                    ]
                ),
                context("One line is plenty, and only you see it. A new focus comes with your next practice day."),
            ]
        ),
    )


def outcome_modal(focus_id: int, skill_key: str, initial: str | None) -> dict:
    return form_modal(
        ids.FOCUS_OUTCOME_MODAL,
        title="What changed",
        submit="Save",
        metadata={"focus_id": focus_id},
        blocks=[
            context(f"*{skill(skill_key).name}* · your four weeks of focus"),
            InputBlock(
                block_id=ids.FOCUS_OUTCOME_BLOCK,
                label="What changed in these four weeks?",
                element=PlainTextInputElement(
                    action_id=ids.FOCUS_OUTCOME_INPUT,
                    max_length=MAX_OUTCOME_CHARS,
                    initial_value=initial or None,
                    placeholder="e.g. I ask one more question before I answer",
                ),
            ),
        ],
    )


def outcome_saved(skill_key: str, text: str) -> Message:
    name = skill(skill_key).name
    return Message(
        text=f"Saved what changed with {name}. Only you see it.",
        blocks=render([section(f"*Saved: what changed with {name}*\n{quoted(clip(text, MAX_OUTCOME_CHARS))}")]),
    )
