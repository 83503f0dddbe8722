"""Block Kit for peer feedback: the form, the recipient's DM, thanks, 'What I'll try' and its follow-up."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserSelectElement,
)

from adapters import ids
from adapters.blocks.common import Message, context, form_modal, plain, quoted, render, section
from adapters.blocks.reflect import answer_input, visibility_input
from domain.feedback import MAX_PART_CHARS, MAX_TRY_CHARS
from domain.skills import SKILLS, is_skill, skill


def _skill_options() -> list[Option]:
    return [Option(value=s.key, label=s.name) for s in SKILLS]


def _feedback_text_input(block_id: str, label: str, placeholder: str, initial: str | None) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        element=PlainTextInputElement(
            action_id=ids.FEEDBACK_TEXT_INPUT,
            multiline=True,
            max_length=MAX_PART_CHARS,
            placeholder=placeholder,
            initial_value=initial or None,
        ),
    )


def feedback_form(
    *, recipient_id: str | None, anonymous_offered: bool, note: str | None, warning: str | None = None
) -> dict:
    """The /feedback form. The anonymity checkbox is there only when it can be honoured; otherwise `note`
    says why. `warning` says why the chosen person can't receive feedback (the form stays open to pick another)."""
    body: list[Block] = [
        context("One skill, one moment: what you saw and what it did for the customer or the team."),
        InputBlock(
            block_id=ids.FEEDBACK_RECIPIENT_BLOCK,
            label="Who is it for?",
            element=UserSelectElement(
                action_id=ids.FEEDBACK_RECIPIENT_INPUT, initial_user=recipient_id, placeholder="Pick a teammate"
            ),
        ),
    ]
    if warning:
        body.append(context(f":warning: {warning}"))
    body += [
        InputBlock(
            block_id=ids.FEEDBACK_SKILL_BLOCK,
            label="Skill",
            element=StaticSelectElement(
                action_id=ids.FEEDBACK_SKILL_INPUT, options=_skill_options(), placeholder="Which skill is it about?"
            ),
        ),
        _feedback_text_input(ids.FEEDBACK_KEEP_BLOCK, "Keep doing", "What worked, that they should keep doing.", None),
        _feedback_text_input(
            ids.FEEDBACK_CHANGE_BLOCK, "Do differently", "One thing they could try differently next time.", None
        ),
    ]
    if anonymous_offered:
        body.append(
            InputBlock(
                block_id=ids.FEEDBACK_ANONYMOUS_BLOCK,
                label="Anonymity",
                optional=True,
                element=CheckboxesElement(
                    action_id=ids.FEEDBACK_ANONYMOUS_INPUT,
                    options=[
                        Option(
                            value="anonymous",
                            label="Send anonymously",
                            description='They\'ll see "a teammate" instead of your name, and so will leads.',
                        )
                    ],
                ),
            )
        )
    if note:
        body.append(context(note))
    body.append(
        context(
            'Fill in at least one of "Keep doing" and "Do differently". '
            "They get it by direct message, with a Thank you button."
        )
    )
    return form_modal(
        ids.FEEDBACK_MODAL,
        title="Give feedback",
        submit="Send",
        blocks=body,
    )


def _feedback_parts(skill_key: str | None, keep_doing: str | None, do_differently: str | None) -> list[Block]:
    parts: list[Block] = []
    if skill_key and is_skill(skill_key):
        parts.append(context(f"Skill: *{skill(skill_key).name}*"))
    if keep_doing:
        parts.append(section(f"*Keep doing*\n{quoted(keep_doing)}"))
    if do_differently:
        parts.append(section(f"*Do differently*\n{quoted(do_differently)}"))
    return parts


def feedback_received(
    feedback_id: int, *, giver_id: str | None, skill_key: str | None, keep_doing: str | None, do_differently: str | None
) -> Message:
    """The recipient's DM. `giver_id` is None for anonymous feedback: nothing here may identify the giver,
    so the buttons carry only the feedback row id."""
    who = f"<@{giver_id}>" if giver_id else "a teammate"
    return Message(
        text=f"You've received feedback from {who}.",
        blocks=render(
            [
                section(f"*You've received feedback from {who}.*"),
                *_feedback_parts(skill_key, keep_doing, do_differently),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Thank you", action_id=ids.FEEDBACK_THANKS, value=str(feedback_id), style="primary"
                        ),
                        ButtonElement(text="What I'll try", action_id=ids.FEEDBACK_TRY, value=str(feedback_id)),
                    ]
                ),
                context(
                    "Receiving feedback is a skill too. Note one thing you'll try, and in a week I'll ask how it went."
                ),
            ]
        ),
    )


def feedback_sent(
    recipient_id: str, *, anonymous: bool, skill_key: str | None, keep_doing: str | None, do_differently: str | None
) -> Message:
    how = ' anonymously: they see "a teammate"' if anonymous else ""
    return Message(
        text=f"Your feedback is on its way to <@{recipient_id}>.",
        blocks=render(
            [
                section(f"*Your feedback is on its way to <@{recipient_id}>*{how}. I'll tell you if they say thanks."),
                *_feedback_parts(skill_key, keep_doing, do_differently),
            ]
        ),
    )


def feedback_not_sent(reason: str, keep_doing: str | None, do_differently: str | None) -> Message:
    """When the feedback couldn't be delivered, give the words back so nothing is lost."""
    return Message(
        text=f"{reason} Your words are below so nothing is lost.",
        blocks=render(
            [
                section(f"{reason} Your words are below so nothing is lost."),
                *_feedback_parts(None, keep_doing, do_differently),
            ]
        ),
    )


def feedback_thanked(recipient_id: str, *, skill_key: str | None, anonymous: bool) -> Message:
    about = f" on {skill(skill_key).name}" if skill_key and is_skill(skill_key) else ""
    how = " (they still don't know it was you)" if anonymous else ""
    return plain(f":pray: <@{recipient_id}> said thank you for your feedback{about}{how}.")


def feedback_try_modal(feedback_id: int, initial: str | None) -> dict:
    return form_modal(
        ids.FEEDBACK_TRY_MODAL,
        title="What I'll try",
        submit="Save",
        metadata={"feedback_id": feedback_id},
        blocks=[
            InputBlock(
                block_id=ids.FEEDBACK_TRY_BLOCK,
                label="One thing I'll try",
                element=PlainTextInputElement(
                    action_id=ids.FEEDBACK_TEXT_INPUT,
                    max_length=MAX_TRY_CHARS,
                    initial_value=initial or None,
                    placeholder="e.g. Repeat the customer's question back before answering",
                ),
            ),
            context("Only you see this. In a week I'll ask you how it went."),
        ],
    )


def feedback_try_saved(text: str) -> Message:
    return Message(
        text="Noted. In a week I'll ask how it went.",
        blocks=render([section(f"*Noted: you'll try*\n{quoted(text)}\nIn a week I'll ask how it went.")]),
    )


def feedback_followup(delivery_id: int, try_text: str) -> Message:
    """A week after "What I'll try": no giver, no feedback text, only what the recipient chose to try."""
    return Message(
        text="A week ago you planned to try something after some feedback. How did it go?",
        blocks=render(
            [
                section(f"*A week ago, after some feedback, you said you'd try:*\n{quoted(try_text)}\nHow did it go?"),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Tell me", action_id=ids.FEEDBACK_FOLLOWUP, value=str(delivery_id), style="primary"
                        )
                    ]
                ),
                context("Your answer counts as practising *Receiving feedback*. It is private unless you share it."),
            ]
        ),
    )


def feedback_followup_modal(
    delivery_id: int, try_text: str, *, initial_text: str | None = None, visibility: str = "private"
) -> dict:
    return form_modal(
        ids.FEEDBACK_FOLLOWUP_MODAL,
        title="How did it go?",
        submit="Save",
        metadata={"delivery_id": delivery_id},
        blocks=[
            context(f"*{skill('feedback').name}*"),
            section(f"You said you'd try:\n{quoted(try_text)}"),
            answer_input("How did it go?", "What happened when you tried it, and what you noticed.", initial_text),
            visibility_input(visibility),
        ],
    )


def feedback_followup_saved(text: str, *, visibility: str, edited: bool) -> Message:
    who = {
        "private": "Only you can see it.",
        "lead": "You and your team lead can see it.",
        "team": "Your team can see it.",
    }.get(visibility, "Only you can see it.")
    verb = "Updated" if edited else "Saved"
    return Message(
        text=f"{verb}: that counts as practising Receiving feedback. {who}",
        blocks=render(
            [
                section(f"*{verb}:* that counts as practising *Receiving feedback*. {who}\n{quoted(text)}"),
            ]
        ),
    )
