"""All Block Kit, built with slack_sdk's models so every message and view is validated as it is made."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from domain.answers import MAX_ANSWER_CHARS, VISIBILITIES, VISIBILITY_LABELS
from domain.schedule import TeamSchedule, describe_days
from domain.skills import skill
from domain.text import clip, escape_mrkdwn
from handlers import ids
from prompts.bank import Prompt, Quote


@dataclass(frozen=True)
class Message:
    """A message's notification text (also the accessibility fallback) and its blocks."""

    text: str
    blocks: list[dict] = field(default_factory=list)


def _render(blocks: Iterable[Block]) -> list[dict]:
    rendered = []
    for block in blocks:
        block.validate_json()
        rendered.append(block.to_dict())
    return rendered


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(markdown, 3000)))


def _context(markdown: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(markdown, 2000))])


def quoted(text: str) -> str:
    """User or bank text shown as a mrkdwn quote, escaped so it can never ping anyone."""
    return "\n".join(f">{line}" if line else ">" for line in escape_mrkdwn(text).splitlines() or [""])


def _answer_button(delivery_id: int, label: str = "Answer") -> ButtonElement:
    return ButtonElement(text=label, action_id=ids.ANSWER_OPEN, value=str(delivery_id), style="primary")


def prompt_message(prompt: Prompt, delivery_id: int) -> Message:
    name = skill(prompt.skill).name
    return Message(
        text=f"Today's practice ({name}): {prompt.text}",
        blocks=_render([
            HeaderBlock(text=f"Today's practice · {name}"),
            _section(escape_mrkdwn(prompt.text)),
            ActionsBlock(elements=[_answer_button(delivery_id)]),
            _context("Two minutes is plenty. Your answer is private unless you choose to share it."),
        ]),
    )


def reminder_message(prompt: Prompt, delivery_id: int) -> Message:
    name = skill(prompt.skill).name
    return Message(
        text=f"A gentle nudge: today's {name} prompt is still open.",
        blocks=_render([
            _section(f"A gentle nudge: today's *{name}* prompt is still open.\n{quoted(prompt.text)}"),
            ActionsBlock(elements=[_answer_button(delivery_id)]),
            _context("Only one reminder a day. Turn them off with `/practice reminders off`."),
        ]),
    )


def quote_message(quote: Quote) -> Message:
    source = f", _{escape_mrkdwn(quote.source)}_" if quote.source else ""
    return Message(
        text=f"Quote of the day: “{quote.text}” — {quote.author}",
        blocks=_render([
            _section(f"*Quote of the day*\n{quoted(quote.text)}\n— {escape_mrkdwn(quote.author)}{source}"),
        ]),
    )


def answer_modal(
    prompt: Prompt, delivery_id: int, *, initial_text: str | None = None, visibility: str = "private"
) -> dict:
    options = [Option(value=v, label=VISIBILITY_LABELS[v]) for v in VISIBILITIES]
    initial = next(o for o in options if o.value == visibility)
    view = View(
        type="modal",
        callback_id=ids.ANSWER_MODAL,
        private_metadata=json.dumps({"delivery_id": delivery_id}),
        title=PlainTextObject(text="Reflect"),
        submit=PlainTextObject(text="Save"),
        close=PlainTextObject(text="Cancel"),
        blocks=[
            _context(f"*{skill(prompt.skill).name}*"),
            _section(escape_mrkdwn(prompt.text)),
            InputBlock(
                block_id=ids.ANSWER_BLOCK,
                label="Your answer",
                element=PlainTextInputElement(
                    action_id=ids.ANSWER_INPUT, multiline=True, max_length=MAX_ANSWER_CHARS,
                    initial_value=initial_text or None,
                    placeholder="A sentence or two about what happened and what you noticed.",
                ),
            ),
            InputBlock(
                block_id=ids.VISIBILITY_BLOCK,
                label="Who can read it",
                element=RadioButtonsElement(action_id=ids.VISIBILITY_INPUT, options=options, initial_option=initial),
            ),
        ],
    )
    view.validate_json()
    return view.to_dict()


def answer_saved(prompt: Prompt, delivery_id: int, *, text: str, visibility: str, edited: bool) -> Message:
    who = {
        "private": "Only you can see it.",
        "lead": "You and your team lead can see it.",
        "team": "Your team can see it.",
    }[visibility]
    verb = "Updated" if edited else "Saved"
    return Message(
        text=f"{verb} your answer. {who}",
        blocks=_render([
            _section(f"*{verb} your answer* to today's {skill(prompt.skill).name} prompt. {who}\n{quoted(text)}"),
            ActionsBlock(elements=[
                ButtonElement(text="Edit", action_id=ids.ANSWER_EDIT, value=str(delivery_id)),
            ]),
        ]),
    )


def answer_not_saved(text: str, reason: str | None = None) -> Message:
    """When saving fails after the modal closed, give the words back so nothing is lost."""
    head = reason or "Sorry, I couldn't save your answer just now. Please try again with `/reflect` in a minute."
    return Message(
        text=f"{head} Your answer is below so nothing is lost.",
        blocks=_render([_section(f"{head} Your answer is below so nothing is lost."), _section(quoted(text))]),
    )


def plain(text: str) -> Message:
    return Message(text=text, blocks=_render([_section(text)]))


def schedule_summary(schedule: TeamSchedule) -> str:
    return (
        f"{describe_days(schedule.days)}: quote at {schedule.quote_time:%H:%M} ({schedule.timezone}), "
        f"prompts at {schedule.prompt_time:%H:%M} in each person's own time zone, "
        f"one reminder at {schedule.reminder_time:%H:%M} if unanswered."
    )


def team_started(schedule: TeamSchedule, members: int, created: bool) -> Message:
    head = "This channel is now a practice team" if created else "Practice is back on in this channel"
    return plain(
        f"*{head}* with {members} member{'s' if members != 1 else ''}.\n"
        f"Schedule: {schedule_summary(schedule)}\n"
        "Change it with `/practice schedule days mon-fri prompt 09:30 quote 09:00 tz Europe/Dublin`. "
        "`/practice help` lists everything."
    )


def holiday_list(days: Sequence[date]) -> Message:
    if not days:
        return plain("No team holidays are set. Add one with `/practice holiday 2026-12-25`.")
    return plain("*Team holidays:* " + ", ".join(d.isoformat() for d in days))


HELP_TEXT = """*Practice Coach* sends each member a short reflection prompt on practice days, \
a quote of the day to the team channel, and one reminder if the prompt is still open later.

*For everyone*
• `/reflect`: answer your open prompt in a form (or get a fresh one)
• `/reflect some text`: answer your open prompt right here
• `/practice my-time 07:00 tue-sat`: your own prompt time and days (shift workers); `/practice my-time reset`
• `/practice away until 2026-12-24`, `/practice back`: no prompts while you are away
• `/practice pause me`, `/practice resume me`: stop or restart your own prompts
• `/practice reminders off` (or `on`): the late-day reminder
• `/practice status`: your settings and the team's schedule

*For team leads* (in the team channel)
• `/practice start`: make this channel a team; its members take part
• `/practice schedule`: show it; `/practice schedule days mon-fri prompt 09:30 quote 09:00 \
reminder 15:00 tz Europe/Dublin` changes any of these
• `/practice pause`, `/practice resume`: pause or resume the whole team
• `/practice now`: send today's prompts and quote at once (still once per person per day)
• `/practice holiday 2026-12-25`, `/practice holiday remove 2026-12-25`, `/practice holidays`
• `/practice lead add @person`, `/practice lead remove @person`, `/practice leads`
• `/practice stop`: end the team's schedule (answers are kept)

*Who sees what:* your answers are private unless you choose "me and my team lead" or "my team" \
when you answer; you can edit an answer and its visibility later."""


def help_message() -> Message:
    return Message(text="Practice Coach help", blocks=_render([_section(HELP_TEXT)]))


# --- Peer feedback ---


# --- Weekly summaries ---


# --- App Home, self-rating and feedback partners ---
