"""Block Kit for a drill: the customer's message and the candidate replies, then how sure the person is, then
the reveal, each replacing the last in the same message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    DividerBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
)

from adapters import ids
from adapters.blocks.common import Message, context, form_modal, plain, quoted, render, section
from domain.drills import MAX_WRITTEN, Confidence, Drill, Outcome
from domain.skills import SKILLS, skill

CHANNEL_WORDS = {"chat": "Chat", "email": "Email", "phone": "Phone call", "social": "Public post on social media"}


def letter(place: int) -> str:
    return chr(ord("A") + place)


def _setting(drill: Drill, review: bool) -> list[Block]:
    kind = "Review" if review else "New drill"
    return [
        section(f"*Drill · {skill(drill.skill).name}* · {CHANNEL_WORDS[drill.channel]}"),
        context(f"{kind} · What you can see: {drill.context}"),
        section(quoted(drill.customer)),
    ]


def _options(drill: Drill, order: Sequence[int]) -> list[Block]:
    lines = [f"*{letter(place)}.* {drill.options[index].text}" for place, index in enumerate(order)]
    return [section("*What would you send first?*"), *[section(line) for line in lines]]


def drill_message(drill: Drill, round_id: int, order: Sequence[int], *, review: bool) -> Message:
    buttons = [
        ButtonElement(text=letter(place), action_id=f"{ids.DRILL_CHOOSE}{place}", value=f"{round_id}:{index}")
        for place, index in enumerate(order)
    ]
    return Message(
        text=f"A {skill(drill.skill).name} drill: what would you send first?",
        blocks=render([*_setting(drill, review), *_options(drill, order), ActionsBlock(elements=buttons)]),
    )


def reminder(drill: Drill) -> Message:
    """The one late-day nudge, when today's practice is a drill still unanswered: its buttons are above."""
    name = skill(drill.skill).name
    nudge = f"A gentle nudge: today's *{name}* drill is still waiting just above. What would you send first?"
    return Message(
        text=f"A gentle nudge: today's {name} drill is still waiting.",
        blocks=render(
            [
                section(nudge),
                context("Only one reminder a day. Turn them off with `/practice reminders off`."),
            ]
        ),
    )


def write_message(drill: Drill, round_id: int) -> Message:
    """A written-drill day's practice DM: the customer's message and a button to the form (a scheduled message
    cannot open one itself)."""
    name = skill(drill.skill).name
    return Message(
        text=f"A {name} drill: how would you reply first, in your own words?",
        blocks=render(
            [
                section(f"*Written drill · {name}* · {CHANNEL_WORDS[drill.channel]}"),
                context(f"What you can see: {drill.context}"),
                section(quoted(drill.customer)),
                section("*How would you reply first, in your own words?* Then tick what a strong reply does."),
                _write_button(round_id),
            ]
        ),
    )


def _write_button(round_id: int) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(text="Write your reply", action_id=ids.DRILL_WRITE_OPEN, value=str(round_id), style="primary")
        ]
    )


def write_reminder(drill: Drill, round_id: int) -> Message:
    """The one late-day nudge on a written-drill day still unanswered, with the button again."""
    name = skill(drill.skill).name
    return Message(
        text=f"A gentle nudge: today's {name} written drill is still waiting.",
        blocks=render(
            [
                section(f"A gentle nudge: today's *{name}* written drill is still waiting just above."),
                _write_button(round_id),
                context("Only one reminder a day. Turn them off with `/practice reminders off`."),
            ]
        ),
    )


def how_sure(drill: Drill, round_id: int, order: Sequence[int], choice: int, *, review: bool) -> Message:
    """The same message once a reply is picked: before anything is revealed, how sure are they?"""
    picked = letter(order.index(choice))
    buttons = [
        ButtonElement(
            text=confidence.label, action_id=f"{ids.DRILL_SURE}{confidence.value}", value=f"{round_id}:{choice}"
        )
        for confidence in Confidence
    ]
    return Message(
        text=f"You picked {picked}. How sure are you?",
        blocks=render(
            [
                *_setting(drill, review),
                *_options(drill, order),
                section(f"You picked *{picked}*. How sure are you?"),
                ActionsBlock(elements=buttons),
            ]
        ),
    )


def _next(outcome: Outcome) -> str:
    if outcome.retired:
        return "Right and sure from the top box: this drill retires. Well done."
    return f"It comes back on {outcome.due_on:%a %-d %b} (box {outcome.box} of 5)."


def revealed(
    drill: Drill, order: Sequence[int], choice: int, confidence: Confidence, outcome: Outcome, *, review: bool
) -> Message:
    """The reveal, in place of the buttons: which reply was best, and why for theirs and for the best."""
    picked, best = drill.options[choice], drill.best
    head = (
        f"*{letter(order.index(choice))} was the best first reply.* You said: {confidence.label}."
        if choice == best
        else f"*You picked {letter(order.index(choice))}; the best first reply was {letter(order.index(best))}.* "
        f"You said: {confidence.label}."
    )
    lines = [head]
    if choice != best:
        lines.append(f"*Your pick, {letter(order.index(choice))}:* {picked.why}")
    lines.append(f"*The best, {letter(order.index(best))}:* {drill.options[best].why}")
    return Message(
        text=f"Drill answered: the best first reply was {letter(order.index(best))}.",
        blocks=render(
            [
                *_setting(drill, review),
                *_options(drill, order),
                DividerBlock(),
                section("\n".join(lines)),
                context(_next(outcome)),
            ]
        ),
    )


ALREADY_ANSWERED = "You've already answered this drill, so it stays as it is. `/drill` gives you another one."


def none_left(skill_key: str | None, next_due: date | None) -> Message:
    """Nothing to give today: every drill retired, or every one seen and answered today or not yet due."""
    of_skill = f" in {skill(skill_key).name}" if skill_key else ""
    if next_due is None:
        return plain(f"You've retired every drill{of_skill}. There is nothing left to review: well done.")
    return plain(f"You've done every drill{of_skill} for now. Your next review is on {next_due:%a %-d %b}.")


def sent(drill: Drill) -> Message:
    return plain(f"Your {skill(drill.skill).name} drill is in our DM.")


def drill_help() -> Message:
    names = ", ".join(f"`{s.key}`" for s in SKILLS)
    return plain(
        "*Drills* put a customer's message in front of you and ask what you would send first.\n"
        "• `/drill`: one now: the review most overdue, else a new drill in the skill you practised least\n"
        f"• `/drill listening`: one in that skill. Skills: {names}\n"
        "• `/drill write` (or `/drill write listening`): write your own first reply to a customer, tick the "
        "checks a strong reply meets, and if you like offer it for a blind review by one teammate\n"
        "• Pick a reply, say how sure you are, then see which was best and why.\n"
        "• A drill you get right and sure moves up a box and comes back later (after 1, 3, 7, 16, then 35 days); "
        "one you miss comes back tomorrow; right and sure from the top box, it retires."
    )


def write_modal(drill: Drill, round_id: int | None = None) -> dict:
    """The customer's message and a box for the first reply the person would send themselves; `round_id` when
    it is a written-drill day's practice, which the reply then answers."""
    metadata: dict[str, str | int] = {"drill_id": drill.id}
    if round_id is not None:
        metadata["round_id"] = round_id
    return form_modal(
        ids.DRILL_WRITE_MODAL,
        title="Write a first reply",
        submit="Next",
        metadata=metadata,
        blocks=[
            *_setting(drill, review=False)[:1],
            context(f"What you can see: {drill.context}"),
            section(quoted(drill.customer)),
            InputBlock(
                block_id=ids.DRILL_REPLY_BLOCK,
                label="The first reply you would send",
                element=PlainTextInputElement(
                    action_id=ids.DRILL_REPLY_INPUT,
                    multiline=True,
                    max_length=MAX_WRITTEN,
                    placeholder="Write it as you would send it. Next, you check it against what a strong reply does.",
                ),
            ),
        ],
    )


def self_review_modal(drill: Drill, writing_id: int, text: str) -> dict:
    """Their reply beside the drill's strong-reply checks: they tick the ones it meets."""
    options = [Option(value=str(i), label=check) for i, check in enumerate(drill.strong_reply)]
    return form_modal(
        ids.DRILL_SELF_MODAL,
        title="Check your reply",
        submit="Save",
        metadata={"writing_id": writing_id},
        blocks=[
            section("*Your reply*\n" + quoted(text)),
            InputBlock(
                block_id=ids.DRILL_TICKS_BLOCK,
                label="Tick what your reply does",
                optional=True,
                element=CheckboxesElement(action_id=ids.DRILL_TICKS_INPUT, options=options),
            ),
            InputBlock(
                block_id=ids.DRILL_OFFER_BLOCK,
                label="A teammate's view",
                optional=True,
                element=CheckboxesElement(
                    action_id=ids.DRILL_OFFER_INPUT,
                    options=[Option(value="offer", label="Offer it for a blind review by one teammate")],
                ),
            ),
            context("Your ticks are yours alone. A reviewer sees your reply, never your name."),
        ],
    )


def self_reviewed(drill: Drill, text: str, ticks: Sequence[int], review: str | None = None) -> Message:
    """What they wrote and how it measured up, by DM, to keep; `review` says whether a teammate will review it."""
    lines = [f"{'✅' if i in ticks else '▫️'} {check}" for i, check in enumerate(drill.strong_reply)]
    head = f"Saved your first reply to a {skill(drill.skill).name} drill: it meets {len(set(ticks))} of {len(lines)}."
    return Message(
        text=head,
        blocks=render(
            [
                section(f"*{head}*\n" + quoted(text)),
                section("\n".join(lines)),
                *([section(review)] if review else []),
                context("Only you see this. `/drill write` gives you another customer to answer."),
            ]
        ),
    )


def not_saved(text: str) -> Message:
    return plain(f"Sorry, I couldn't save your reply just now. Here it is so nothing is lost:\n{quoted(text)}")
