"""Block Kit for peer review of a written drill. Nothing a reviewer is sent names the author: not the text, not
a block, not a button's value (the request's id only), not a form's metadata."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
)

from adapters import ids
from adapters.blocks.common import Message, context, form_modal, plain, quoted, render, section
from domain.drills import Drill
from domain.skills import skill

MAX_REVIEW_TEXT = 1000


def _checks(drill: Drill, ticks: Sequence[int] | None = None) -> str:
    if ticks is None:
        return "\n".join(f"• {check}" for check in drill.strong_reply)
    return "\n".join(f"{'✅' if i in ticks else '▫️'} {check}" for i, check in enumerate(drill.strong_reply))


def review_request(drill: Drill, text: str, request_id: int) -> Message:
    name = skill(drill.skill).name
    return Message(
        text=f"A teammate asks for your review of their first reply to a {name} drill.",
        blocks=render(
            [
                section(f"*A teammate asks for your review* · {name} drill"),
                context(f"What the agent could see: {drill.context}"),
                section("*The customer*\n" + quoted(drill.customer)),
                section("*Their first reply*\n" + quoted(text)),
                section("*What a strong reply does*\n" + _checks(drill)),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Review it", action_id=ids.REVIEW_OPEN, value=str(request_id), style="primary"
                        )
                    ]
                ),
                context("You don't see who wrote it, and they see your name only if you sign your review."),
            ]
        ),
    )


def review_modal(drill: Drill, text: str, request_id: int) -> dict:
    options = [Option(value=str(i), label=check) for i, check in enumerate(drill.strong_reply)]

    def words(block_id: str, label: str) -> InputBlock:
        return InputBlock(
            block_id=block_id,
            label=label,
            optional=True,
            element=PlainTextInputElement(
                action_id=ids.FEEDBACK_TEXT_INPUT, multiline=True, max_length=MAX_REVIEW_TEXT
            ),
        )

    return form_modal(
        ids.REVIEW_MODAL,
        title="Review a reply",
        submit="Send",
        metadata={"request_id": request_id},
        blocks=[
            section("*Their first reply*\n" + quoted(text)),
            InputBlock(
                block_id=ids.REVIEW_TICKS_BLOCK,
                label="Tick what the reply does",
                optional=True,
                element=CheckboxesElement(action_id=ids.DRILL_TICKS_INPUT, options=options),
            ),
            words(ids.REVIEW_KEEP_BLOCK, "Keep doing"),
            words(ids.REVIEW_CHANGE_BLOCK, "Do differently"),
            InputBlock(
                block_id=ids.REVIEW_SIGN_BLOCK,
                label="Your name",
                optional=True,
                element=CheckboxesElement(
                    action_id=ids.REVIEW_SIGN_INPUT,
                    options=[Option(value="sign", label="Sign it: let them see this review is from me")],
                ),
            ),
        ],
    )


def review_for_author(drill: Drill, text: str, ticks: Sequence[int]) -> Message:
    """The ticks, before the feedback itself arrives in its own DM with Thank you and What I'll try."""
    met = len(set(ticks))
    head = f"A teammate reviewed your first reply to a {skill(drill.skill).name} drill: it meets {met} of "
    head += f"{len(drill.strong_reply)}."
    return Message(
        text=head,
        blocks=render([section(f"*{head}*\n" + quoted(text)), section(_checks(drill, ticks))]),
    )


def review_sent(signed: bool) -> Message:
    who = "with your name" if signed else "without your name"
    return plain(f"Thanks: your review is on its way to the reply's author, {who}.")


def offered(found: bool) -> str:
    if found:
        return "A teammate will review it without knowing it's yours; their review comes to you by DM."
    return "Nobody in your team can take a review today, so it wasn't sent. `/drill write` again tomorrow."


def lapsed(drill: Drill) -> Message:
    return plain(
        f"Your first reply to a {skill(drill.skill).name} drill didn't get a review this time: two teammates were "
        "too busy to answer. Your reply and your own check are kept; `/drill write` to try another customer."
    )


NO_LONGER_YOURS = "This review isn't waiting for you any more: it was answered, or moved to another teammate."
