"""All Block Kit, built with slack_sdk's models so every message and view is validated as it is made."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from domain.answers import MAX_ANSWER_CHARS, VISIBILITIES, VISIBILITY_LABELS
from domain.content import Prompt, Quote
from domain.feedback import MAX_PART_CHARS, MAX_TRY_CHARS
from domain.home import FeedbackSeen, HomeData, LedTeam, PeerCounts
from domain.schedule import TeamSchedule, describe_days
from domain.self_rating import RATING_LABELS
from domain.skills import SKILLS, is_skill, skill
from domain.summary import PersonWeek, SharedAnswer, WeekSummary, percent
from domain.text import clip, counted, escape_mrkdwn
from handlers import ids


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


@lru_cache(maxsize=1024)
def _prompt_blocks(prompt: Prompt) -> list[dict]:
    """A prompt's blocks, validated once per prompt rather than once per person (a fan-out to thousands sends
    the same few prompts); the Answer button's value is filled in per delivery."""
    name = skill(prompt.skill).name
    return _render(
        [
            HeaderBlock(text=f"Today's practice · {name}"),
            _section(escape_mrkdwn(prompt.text)),
            ActionsBlock(elements=[_answer_button(0)]),
            _context("Two minutes is plenty. Your answer is private unless you choose to share it."),
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
        blocks=_render(
            [
                _section(f"A gentle nudge: today's *{name}* prompt is still open.\n{quoted(prompt.text)}"),
                ActionsBlock(elements=[_answer_button(delivery_id)]),
                _context("Only one reminder a day. Turn them off with `/practice reminders off`."),
            ]
        ),
    )


def quote_message(quote: Quote) -> Message:
    source = f", _{escape_mrkdwn(quote.source)}_" if quote.source else ""
    return Message(
        text=f"Quote of the day: “{quote.text}” — {quote.author}",
        blocks=_render(
            [
                _section(f"*Quote of the day*\n{quoted(quote.text)}\n— {escape_mrkdwn(quote.author)}{source}"),
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
) -> dict:
    options = [Option(value=v, label=VISIBILITY_LABELS[v]) for v in VISIBILITIES]
    initial = next(o for o in options if o.value == visibility)
    rating_input = [_rating_input(prompt.skill, rating)] if ask_rating else []
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
                    action_id=ids.ANSWER_INPUT,
                    multiline=True,
                    max_length=MAX_ANSWER_CHARS,
                    initial_value=initial_text or None,
                    placeholder="A sentence or two about what happened and what you noticed.",
                ),
            ),
            *rating_input,
            InputBlock(
                block_id=ids.VISIBILITY_BLOCK,
                label="Who can read it",
                element=RadioButtonsElement(action_id=ids.VISIBILITY_INPUT, options=options, initial_option=initial),
            ),
        ],
    )
    view.validate_json()
    return view.to_dict()


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


def answer_saved(prompt: Prompt, delivery_id: int, *, text: str, visibility: str, edited: bool) -> Message:
    who = {
        "private": "Only you can see it.",
        "lead": "You and your team lead can see it.",
        "team": "Your team can see it.",
    }[visibility]
    verb = "Updated" if edited else "Saved"
    return Message(
        text=f"{verb} your answer. {who}",
        blocks=_render(
            [
                _section(f"*{verb} your answer* to today's {skill(prompt.skill).name} prompt. {who}\n{quoted(text)}"),
                ActionsBlock(
                    elements=[
                        ButtonElement(text="Edit", action_id=ids.ANSWER_EDIT, value=str(delivery_id)),
                    ]
                ),
            ]
        ),
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


HELP_SECTIONS: tuple[str, ...] = (
    """*Practice Coach* sends each member a short reflection prompt on practice days, \
a quote of the day to the team channel, and one reminder if the prompt is still open later.

*For everyone*
• `/reflect`: answer your open prompt in a form (or get a fresh one)
• `/reflect some text`: answer your open prompt right here
• `/practice my-time 07:00 tue-sat`: your own prompt time and days (shift workers); `/practice my-time reset`
• `/practice away until 2026-12-24`, `/practice back`: no prompts while you are away
• `/practice pause me`, `/practice resume me`: stop or restart your own prompts
• `/practice reminders off` (or `on`): the late-day reminder
• `/practice status`: your settings and the team's schedule
• The *Home* tab of Practice Coach: your open prompt, your streak, skills practised (last 8 weeks), \
feedback you received, your self-ratings beside what peers' feedback says, and a pause/resume button
• `/practice export`: everything I keep about you, as a file in our DM; `/practice forget-me`: delete it \
(after a confirmation)""",
    """*Feedback*
• `/feedback @person`: a form: the skill, what to keep doing, what to do differently (one of the two is \
enough) and, when you share a team of 5 or more, "send anonymously"
• `/feedback`: the same form with a person picker
• `/feedback @person some text`: send it at once as "keep doing" (never anonymous)
• On feedback you receive: *Thank you* lets the giver know; *What I'll try* notes one thing, and a week \
later I ask how it went (that counts as practising Receiving feedback)""",
    """*For team leads* (in the team channel)
• `/practice start`: make this channel a team; its members take part
• `/practice schedule`: show it; `/practice schedule days mon-fri prompt 09:30 quote 09:00 \
reminder 15:00 tz Europe/Dublin` changes any of these
• `/practice pause`, `/practice resume`: pause or resume the whole team
• `/practice now`: send today's prompts and quote at once (still once per person per day)
• `/practice holiday 2026-12-25`, `/practice holiday remove 2026-12-25`, `/practice holidays`
• `/practice lead add @person`, `/practice lead remove @person`, `/practice leads`
• `/practice partners on` (or `off`): every Monday at the prompt time each member gets a feedback partner \
by DM (a trio when the team is odd); partners rotate so everyone meets everyone
• `/practice retention 365` (or `off`): delete answers this many days after they were written
• `/practice stop`: end the team's schedule (answers are kept)
• `/summary`: this week so far, only you see it; `/summary last` or `/summary 2026-W47` for other weeks \
(ISO weeks, team time zone). *Share with the team* posts a version without names or answers to the channel
• `/summary last csv`: the week as a CSV in your DM, counts only. A chart of the last 8 weeks comes by DM \
with each summary, and every Monday at 08:30 (team time) each team lead gets last week's summary by DM""",
    """*Who sees what*
• *Your answers* are private unless you choose "me and my team lead" or "my team" when you answer; you \
can edit an answer and its visibility later. "Only me" answers never appear in any summary, CSV or chart.
• *Feedback* goes only to its recipient, by DM. Anonymous feedback shows "a teammate": the recipient, the \
channel and leads never see who sent it, and it counts only for the recipient. When someone thanks you for \
feedback, you see who it was.
• *Leads* see, for their own team: each member's counts (prompts answered, feedback given and received, \
streak), the answers shared with them or the team, and who may need a nudge. Never "only me" answers, \
self-ratings or who sent anonymous feedback.
• *The channel* sees the quote of the day and, when a lead shares it, team totals, skills and quotes: \
no names, no per-person numbers, no answer text.
• *Your Home*, your self-ratings, your "what I'll try" notes and your feedback partner are yours alone.""",
)


def help_message() -> Message:
    return Message(text="Practice Coach help", blocks=_render([_section(part) for part in HELP_SECTIONS]))


# --- Peer feedback ---


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
        _context("One skill, one moment: what you saw and what it did for the customer or the team."),
        InputBlock(
            block_id=ids.FEEDBACK_RECIPIENT_BLOCK,
            label="Who is it for?",
            element=UserSelectElement(
                action_id=ids.FEEDBACK_RECIPIENT_INPUT, initial_user=recipient_id, placeholder="Pick a teammate"
            ),
        ),
    ]
    if warning:
        body.append(_context(f":warning: {warning}"))
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
        body.append(_context(note))
    body.append(
        _context(
            'Fill in at least one of "Keep doing" and "Do differently". '
            "They get it by direct message, with a Thank you button."
        )
    )
    view = View(
        type="modal",
        callback_id=ids.FEEDBACK_MODAL,
        title=PlainTextObject(text="Give feedback"),
        submit=PlainTextObject(text="Send"),
        close=PlainTextObject(text="Cancel"),
        blocks=body,
    )
    view.validate_json()
    return view.to_dict()


def _feedback_parts(skill_key: str | None, keep_doing: str | None, do_differently: str | None) -> list[Block]:
    parts: list[Block] = []
    if skill_key and is_skill(skill_key):
        parts.append(_context(f"Skill: *{skill(skill_key).name}*"))
    if keep_doing:
        parts.append(_section(f"*Keep doing*\n{quoted(keep_doing)}"))
    if do_differently:
        parts.append(_section(f"*Do differently*\n{quoted(do_differently)}"))
    return parts


def feedback_received(
    feedback_id: int, *, giver_id: str | None, skill_key: str | None, keep_doing: str | None, do_differently: str | None
) -> Message:
    """The recipient's DM. `giver_id` is None for anonymous feedback: nothing here may identify the giver,
    so the buttons carry only the feedback row id."""
    who = f"<@{giver_id}>" if giver_id else "a teammate"
    return Message(
        text=f"You've received feedback from {who}.",
        blocks=_render(
            [
                _section(f"*You've received feedback from {who}.*"),
                *_feedback_parts(skill_key, keep_doing, do_differently),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Thank you", action_id=ids.FEEDBACK_THANKS, value=str(feedback_id), style="primary"
                        ),
                        ButtonElement(text="What I'll try", action_id=ids.FEEDBACK_TRY, value=str(feedback_id)),
                    ]
                ),
                _context(
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
        blocks=_render(
            [
                _section(f"*Your feedback is on its way to <@{recipient_id}>*{how}. I'll tell you if they say thanks."),
                *_feedback_parts(skill_key, keep_doing, do_differently),
            ]
        ),
    )


def feedback_not_sent(reason: str, keep_doing: str | None, do_differently: str | None) -> Message:
    """When the feedback couldn't be delivered, give the words back so nothing is lost."""
    return Message(
        text=f"{reason} Your words are below so nothing is lost.",
        blocks=_render(
            [
                _section(f"{reason} Your words are below so nothing is lost."),
                *_feedback_parts(None, keep_doing, do_differently),
            ]
        ),
    )


def feedback_thanked(recipient_id: str, *, skill_key: str | None, anonymous: bool) -> Message:
    about = f" on {skill(skill_key).name}" if skill_key and is_skill(skill_key) else ""
    how = " (they still don't know it was you)" if anonymous else ""
    return plain(f":pray: <@{recipient_id}> said thank you for your feedback{about}{how}.")


def feedback_try_modal(feedback_id: int, initial: str | None) -> dict:
    view = View(
        type="modal",
        callback_id=ids.FEEDBACK_TRY_MODAL,
        private_metadata=json.dumps({"feedback_id": feedback_id}),
        title=PlainTextObject(text="What I'll try"),
        submit=PlainTextObject(text="Save"),
        close=PlainTextObject(text="Cancel"),
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
            _context("Only you see this. In a week I'll ask you how it went."),
        ],
    )
    view.validate_json()
    return view.to_dict()


def feedback_try_saved(text: str) -> Message:
    return Message(
        text="Noted. In a week I'll ask how it went.",
        blocks=_render([_section(f"*Noted: you'll try*\n{quoted(text)}\nIn a week I'll ask how it went.")]),
    )


def feedback_followup(delivery_id: int, try_text: str) -> Message:
    """A week after "What I'll try": no giver, no feedback text, only what the recipient chose to try."""
    return Message(
        text="A week ago you planned to try something after some feedback. How did it go?",
        blocks=_render(
            [
                _section(f"*A week ago, after some feedback, you said you'd try:*\n{quoted(try_text)}\nHow did it go?"),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Tell me", action_id=ids.FEEDBACK_FOLLOWUP, value=str(delivery_id), style="primary"
                        )
                    ]
                ),
                _context("Your answer counts as practising *Receiving feedback*. It is private unless you share it."),
            ]
        ),
    )


def feedback_followup_modal(
    delivery_id: int, try_text: str, *, initial_text: str | None = None, visibility: str = "private"
) -> dict:
    options = [Option(value=v, label=VISIBILITY_LABELS[v]) for v in VISIBILITIES]
    view = View(
        type="modal",
        callback_id=ids.FEEDBACK_FOLLOWUP_MODAL,
        private_metadata=json.dumps({"delivery_id": delivery_id}),
        title=PlainTextObject(text="How did it go?"),
        submit=PlainTextObject(text="Save"),
        close=PlainTextObject(text="Cancel"),
        blocks=[
            _context(f"*{skill('feedback').name}*"),
            _section(f"You said you'd try:\n{quoted(try_text)}"),
            InputBlock(
                block_id=ids.ANSWER_BLOCK,
                label="How did it go?",
                element=PlainTextInputElement(
                    action_id=ids.ANSWER_INPUT,
                    multiline=True,
                    max_length=MAX_ANSWER_CHARS,
                    initial_value=initial_text or None,
                    placeholder="What happened when you tried it, and what you noticed.",
                ),
            ),
            InputBlock(
                block_id=ids.VISIBILITY_BLOCK,
                label="Who can read it",
                element=RadioButtonsElement(
                    action_id=ids.VISIBILITY_INPUT,
                    options=options,
                    initial_option=next(o for o in options if o.value == visibility),
                ),
            ),
        ],
    )
    view.validate_json()
    return view.to_dict()


def feedback_followup_saved(text: str, *, visibility: str, edited: bool) -> Message:
    who = {
        "private": "Only you can see it.",
        "lead": "You and your team lead can see it.",
        "team": "Your team can see it.",
    }.get(visibility, "Only you can see it.")
    verb = "Updated" if edited else "Saved"
    return Message(
        text=f"{verb}: that counts as practising Receiving feedback. {who}",
        blocks=_render(
            [
                _section(f"*{verb}:* that counts as practising *Receiving feedback*. {who}\n{quoted(text)}"),
            ]
        ),
    )


# --- Weekly summaries ---
SUMMARY_PEOPLE_SECTIONS = 15  # about 600 people; beyond that the CSV has everyone
SUMMARY_SHARED_SHOWN = 8
SUMMARY_SHARED_CLIP = 400
SUMMARY_NUDGE_SECTIONS = 4
# The week before had no prompts, so "+24 answers (week before: 0 of 0, –)" would say nothing.
FIRST_WEEK = "nothing to compare with yet: no prompts went out the week before (a first week, or a paused one)."


def _pack(lines: Sequence[str], max_sections: int, limit: int = 3000) -> tuple[list[str], int]:
    """Whole lines into as few section texts as fit Slack's 3,000 characters; returns them and how many
    lines did not fit, so a mention or a quote is never cut in half."""
    sections: list[str] = []
    current = ""
    for shown, line in enumerate(lines):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            sections.append(current)
        if len(sections) == max_sections:
            return sections, len(lines) - shown
        current = clip(line, limit)
    if current:
        sections.append(current)
    return sections, 0


def _week_span(summary: WeekSummary) -> str:
    sunday = summary.week.end - timedelta(days=1)
    span = f"{summary.week.monday:%a %-d %b} – {sunday:%a %-d %b %Y}"
    return f"{span} · so far" if summary.so_far else span


def _participation(summary: WeekSummary) -> str:
    totals, change = summary.totals, summary.change
    head = (
        f"*Participation:* {totals.answered} of {totals.delivered} prompts answered "
        f"({percent(totals.rate)}) · {summary.practising} of {len(summary.people)} people practised"
    )
    before = summary.previous
    if not before.delivered:
        return f"{head}\n*Week over week:* {FIRST_WEEK}"
    points = "" if change.rate_points is None else f", {change.rate_points:+g} points"
    return (
        f"{head}\n*Week over week:* {change.answered:+d} answers{points} "
        f"(week before: {before.answered} of {before.delivered}, {percent(before.rate)})"
    )


def _skills_line(summary: WeekSummary) -> str:
    return "*Skills practised:* " + " · ".join(f"{skill(k).name} {n}" for k, n in summary.skills.items())


def _quotes(summary: WeekSummary) -> list[str]:
    lines = [f"{quoted(q.text)}\n— {escape_mrkdwn(q.author)}" for q in summary.quotes]
    heading = "*Quote of the week*" if len(lines) == 1 else "*Quotes of the week*"
    sections, _left = _pack([heading, *lines], max_sections=2) if lines else ([], 0)
    return sections


def _person_line(person: PersonWeek) -> str:
    tally = person.prompts
    left = "" if person.member else " (left the team)"
    return (
        f"<@{person.user_id}>{left} {tally.answered}/{tally.delivered} answered ({percent(tally.rate)}) · "
        f"feedback {person.feedback_given} given, {person.feedback_received} received · "
        f"streak {person.streak}"
    )


def _shared_section(answer: SharedAnswer) -> SectionBlock:
    who = "shared with the team" if answer.visibility == "team" else "shared with you"
    return _section(
        f"<@{answer.user_id}> · {skill(answer.skill).name if is_skill(answer.skill) else 'Reflection'}"
        f" · {answer.day:%a %-d %b} · _{who}_\n{quoted(clip(answer.text, SUMMARY_SHARED_CLIP))}"
    )


def summary_for_lead(summary: WeekSummary, *, chart_note: str | None = None) -> Message:
    """The lead's view: per-person counts, shared answers and who may need a nudge (never shown to the team)."""
    label = summary.week.label
    body: list[Block] = [
        HeaderBlock(text=f"Weekly summary · {label}"),
        _context(f"<#{summary.channel_id}> · {_week_span(summary)}"),
        _section(_participation(summary)),
        _section(_skills_line(summary)),
    ]
    people, left = _pack(
        [
            "*By person* (anonymous feedback is counted for its recipient only)",
            *[_person_line(p) for p in summary.people],
        ],
        SUMMARY_PEOPLE_SECTIONS,
    )
    body += [_section(text) for text in people]
    if left:
        body.append(_context(f"…and {left} more people: `/summary {label} csv` has everyone."))
    body += [_section(text) for text in _quotes(summary)]
    if summary.shared:
        body.append(_section(f"*Answers shared with you* ({summary.shared_total})"))
        body += [_shared_section(a) for a in summary.shared]
        if summary.shared_total > len(summary.shared):
            body.append(_context(f"…and {summary.shared_total - len(summary.shared)} more shared answers."))
    nudge_lines = [f"• <@{n.user_id}>: {'; '.join(n.reasons)}" for n in summary.nudges]
    nudges, more = _pack(["*May need a nudge* (only you see this)", *nudge_lines], SUMMARY_NUDGE_SECTIONS)
    if summary.nudges:
        body += [_section(text) for text in nudges]
        if more:
            body.append(_context(f"…and {more} more."))
    if chart_note:
        body.append(_context(chart_note))
    body.append(
        ActionsBlock(
            elements=[
                ButtonElement(
                    text="Share with the team",
                    action_id=ids.SUMMARY_SHARE,
                    value=f"{summary.team_id}:{label}",
                )
            ]
        )
    )
    totals = summary.totals
    return Message(
        text=f"Weekly summary {label}: {totals.answered} of {totals.delivered} prompts answered "
        f"({percent(totals.rate)}).",
        blocks=_render(body),
    )


def summary_for_channel(summary: WeekSummary) -> Message:
    """The team's view: totals, skills and quotes only. No names, no per-person numbers, no answer text."""
    totals, change = summary.totals, summary.change
    label = summary.week.label
    feedback = (
        f" · {counted(summary.feedback_total, 'piece of feedback', 'pieces of feedback')} exchanged"
        if summary.feedback_total
        else ""
    )
    head = (
        f"*Together we answered {totals.answered} of {totals.delivered} prompts ({percent(totals.rate)})*"
        f" · {summary.practising} people practised{feedback}"
    )
    points = "" if change.rate_points is None else f" ({change.rate_points:+g} points)"
    compared = (
        f"{change.answered:+d} answers on the week before{points}."
        if summary.previous.delivered
        else FIRST_WEEK[0].upper() + FIRST_WEEK[1:]
    )
    body: list[Block] = [
        HeaderBlock(text=f"Our week of practice · {label}"),
        _context(_week_span(summary)),
        _section(f"{head}\n{compared}"),
        _section(_skills_line(summary)),
        *[_section(text) for text in _quotes(summary)],
        _context("Answers stay private unless their authors choose to share them."),
    ]
    return Message(
        text=f"Our week of practice {label}: {totals.answered} of {totals.delivered} prompts answered "
        f"({percent(totals.rate)}).",
        blocks=_render(body),
    )


# --- App Home, self-rating and feedback partners ---
HOME_FEEDBACK_CLIP = 300
HOME_TEAMS_SHOWN = 10


def _open_prompt_block(data: HomeData) -> SectionBlock:
    if data.open_prompt is None or data.open_delivery_id is None:
        return _section("*No open prompt right now.* `/reflect` gives you a fresh one whenever you like.")
    text = f"*Open prompt · {skill(data.open_prompt.skill).name}*\n{quoted(data.open_prompt.text)}"
    return SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)), accessory=_answer_button(data.open_delivery_id))


def _skills_block(counts: dict[str, int]) -> SectionBlock:
    fields = [MarkdownTextObject(text=f"{s.name}\n*{counts.get(s.key, 0)}*") for s in SKILLS]
    return SectionBlock(text=MarkdownTextObject(text="*Skills practised* · last 8 weeks"), fields=fields)


def _peer_words(counts: PeerCounts | None) -> str:
    if counts is None or counts.total == 0:
        return "no feedback yet"
    notes = counted(counts.total, "piece of feedback", "pieces of feedback")
    return f"{notes} ({counts.keep_doing} keep doing, {counts.do_differently} do differently)"


def _ratings_block(data: HomeData) -> SectionBlock:
    lines = ["*How you rate yourself, beside what peers say* · peers: last 8 weeks"]
    for s in SKILLS:
        mine = f"you {data.ratings[s.key]}/5" if s.key in data.ratings else "not rated yet"
        lines.append(f"• *{s.name}*: {mine} · peers: {_peer_words(data.peers.get(s.key))}")
    return _section("\n".join(lines))


def _feedback_block(item: FeedbackSeen) -> SectionBlock:
    name = skill(item.skill).name if item.skill and is_skill(item.skill) else "Feedback"
    who = f"<@{item.giver_id}>" if item.giver_id else "a teammate"
    parts = [f"*{name}* · from {who} · {item.created_at:%-d %b}"]
    if item.keep_doing:
        parts.append(f"_Keep doing_\n{quoted(clip(item.keep_doing, HOME_FEEDBACK_CLIP))}")
    if item.do_differently:
        parts.append(f"_Do differently_\n{quoted(clip(item.do_differently, HOME_FEEDBACK_CLIP))}")
    return _section("\n".join(parts))


def _pause_blocks(paused: bool) -> list[Block]:
    button = ButtonElement(
        text="Resume my prompts" if paused else "Pause my prompts",
        action_id=ids.HOME_PAUSE,
        value="resume" if paused else "pause",
    )
    note = (
        "Your prompts are paused. Your team carries on without you until you resume."
        if paused
        else "Pausing stops only your own prompts; your team carries on."
    )
    return [ActionsBlock(elements=[button]), _context(note)]


def _team_blocks(teams: Sequence[LedTeam], more: int) -> list[Block]:
    if not teams:
        return []
    body: list[Block] = [HeaderBlock(text="Your teams")]
    for team in teams:
        members = f"{team.members} member{'s' if team.members != 1 else ''}"
        body.append(
            SectionBlock(
                text=MarkdownTextObject(text=f"<#{team.channel_id}> · {members} · {team.status}"),
                accessory=ButtonElement(
                    text="This week's summary", action_id=ids.HOME_SUMMARY, value=str(team.team_id)
                ),
            )
        )
    if more:
        body.append(_context(f"…and {more} more teams: run `/summary` in a team's channel."))
    return body


def home_view(data: HomeData) -> dict:
    """The personal App Home: about 30 blocks at most, well inside Slack's 100."""
    if not data.in_team:
        body: list[Block] = [
            HeaderBlock(text="Welcome to Practice Coach"),
            _section(
                "You're not in a practice team yet. Practice Coach sends a short reflection prompt on "
                "practice days, a quote of the day, and lets teammates give each other feedback.\n"
                "*To join:* ask your team lead to run `/practice start` in your team's channel, or to add "
                "you to that channel if it is already a team. Then this tab shows your streak, the skills "
                "you practised and the feedback you received."
            ),
        ]
    else:
        body = [
            HeaderBlock(text="Your practice"),
            _open_prompt_block(data),
            _section(f"*Streak:* {data.streak} practice day{'s' if data.streak != 1 else ''} in a row"),
            _context("Days off (yours or the team's) neither break nor extend a streak."),
            _skills_block(data.skills),
            _ratings_block(data),
            _context("You rate yourself now and then when you answer a prompt; only you see your ratings."),
            HeaderBlock(text="Recent feedback received"),
        ]
        body += [_feedback_block(f) for f in data.feedback] or [_section("No feedback yet.")]
        body += _pause_blocks(data.paused)
    body += _team_blocks(data.teams, data.more_teams)
    view = View(type="home", blocks=body)
    view.validate_json()
    return view.to_dict()


def partners_message(partners: Sequence[str], week: date) -> Message:
    """The Monday DM that tells a person who their feedback partner(s) are this week."""
    names = " and ".join(f"<@{p}>" for p in partners)
    plural = "s" if len(partners) > 1 else ""
    example = f"/feedback <@{partners[0]}>" if partners else "/feedback @partner"
    return Message(
        text=f"Your feedback partner{plural} this week: {names}",
        blocks=_render(
            [
                _section(
                    f"*Your feedback partner{plural} for the week of {week:%-d %B}:* {names}\n"
                    "Notice one thing they do well and one thing to try, then tell them with "
                    f"`{example}`. They'll do the same for you."
                ),
                _context(
                    "Partners change every Monday so everyone meets everyone. "
                    "A lead can turn this off with `/practice partners off`."
                ),
            ]
        ),
    )


# --- Data rights ---


def forget_confirm() -> Message:
    """Deleting is final, so it takes a second, deliberate click."""
    return Message(
        text="Delete your Practice Coach data?",
        blocks=_render(
            [
                _section(
                    "*Delete your Practice Coach data?* This deletes all your answers (and reflections on feedback), "
                    'your self-ratings, your "what I\'ll try" notes and the feedback you gave under your name. '
                    "Anonymous feedback you gave stays with its recipient but no longer points to you. "
                    "It cannot be undone. `/practice export` first if you want a copy."
                ),
                ActionsBlock(
                    elements=[
                        ButtonElement(
                            text="Delete my data", action_id=ids.FORGET_CONFIRM, value="forget", style="danger"
                        ),
                        ButtonElement(text="Cancel", action_id=ids.FORGET_CANCEL, value="cancel"),
                    ]
                ),
            ]
        ),
    )


def forgotten(counts: dict[str, int]) -> Message:
    return plain(
        f"Done. I deleted {counted(counts['answers'], 'answer')}, {counted(counts['self_ratings'], 'self-rating')} "
        f"and {counted(counts['feedback_given'], 'piece of feedback', 'pieces of feedback')} you gave. "
        "You still get prompts; "
        "`/practice pause me` stops them."
    )


def notice_modal(title: str, text: str) -> dict:
    """A modal that only tells something, with a Close button: what replaces a form that cannot be used."""
    view = View(
        type="modal", title=PlainTextObject(text=title), close=PlainTextObject(text="Close"), blocks=[_section(text)]
    )
    view.validate_json()
    return view.to_dict()
