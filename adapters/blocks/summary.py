"""Block Kit for the weekly summary: the lead's version and the one shared with the team."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    SectionBlock,
)

from adapters import ids
from adapters.blocks.common import Message, context, quoted, render, section
from domain.skills import SKILLS, is_skill, skill
from domain.summary import PersonWeek, SharedAnswer, WeekSummary, percent
from domain.text import clip, counted, escape_mrkdwn

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


def _drills_line(summary: WeekSummary, *, per_skill: bool) -> str | None:
    """Drills done and how first tries went: per skill for the lead, team totals for the channel; never who."""
    totals = summary.drill_totals
    if not totals.done and not summary.written and not summary.peer_reviews and not summary.calibrations:
        return None
    head = f"*Drills:* {totals.done} done"
    if totals.accuracy is not None:
        head += f", {percent(totals.accuracy)} right first try"
    if summary.written:
        head += (
            f" · {counted(summary.written, 'reply', 'replies')} written, "
            f"{summary.self_reviewed} checked by their authors"
        )
    if summary.peer_reviews:
        head += f" · {counted(summary.peer_reviews, 'peer review')} given"
    for round_ in summary.calibrations:
        head += (
            f"\n*Calibration round* · {skill(round_.skill).name} · {round_.raters} rated · "
            f"{percent(round_.agreement)} of ticks agreed with the bank"
        )
    if not per_skill:
        return head
    parts = [
        f"{skill(key).name} {week.first_best}/{week.first_tries} ({percent(week.accuracy)})"
        for key, week in summary.drills.items()
        if week.accuracy is not None
    ]
    return f"{head}\n*First tries by skill:* {' · '.join(parts)}" if parts else head


def _lessons_line(summary: WeekSummary) -> str | None:
    """Counts only: who marked what worth remembering, or used it, is theirs."""
    if not summary.lessons_back:
        return None
    return (
        f"*Lessons brought back:* {summary.lessons_back} reflection{'s' if summary.lessons_back != 1 else ''} "
        f"came back to {'their writers' if summary.lessons_back != 1 else 'its writer'}; "
        f"{summary.lessons_used} said they used it"
    )


def _focus_line(summary: WeekSummary) -> str | None:
    """How many have a focus skill and on which skills, in the skills' order: counts, never who, never ranked."""
    if not summary.focusing:
        return None
    per_skill = " · ".join(f"{item.name} {summary.focus[item.key]}" for item in SKILLS if item.key in summary.focus)
    return f"*Focus skills:* {counted(summary.focusing, 'person has', 'people have')} one running · {per_skill}"


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
    look_for = f"\n_Look for:_ {escape_mrkdwn(answer.look_for)}" if answer.look_for else ""
    return section(
        f"<@{answer.user_id}> · {skill(answer.skill).name if is_skill(answer.skill) else 'Reflection'}"
        f" · {answer.day:%a %-d %b} · _{who}_\n{quoted(clip(answer.text, SUMMARY_SHARED_CLIP))}{look_for}"
    )


def _team_questions(summary: WeekSummary) -> list[SectionBlock]:
    """How many took part, never who said what: the answers are read in the thread, as the team wrote them."""
    return [
        section(
            f"*Team question* · {asked.day:%a %-d %b} · {skill(asked.skill).name}\n{quoted(asked.text)}\n"
            f"{counted(asked.took_part, 'person', 'people')} replied in the thread in <#{summary.channel_id}>."
        )
        for asked in summary.team_questions
    ]


def summary_for_lead(summary: WeekSummary, *, chart_note: str | None = None) -> Message:
    """The lead's view: per-person counts, shared answers and who may need a nudge (never shown to the team)."""
    label = summary.week.label
    body: list[Block] = [
        HeaderBlock(text=f"Weekly summary · {label}"),
        context(f"<#{summary.channel_id}> · {_week_span(summary)}"),
        section(_participation(summary)),
        section(_skills_line(summary)),
        *([section(line)] if (line := _drills_line(summary, per_skill=True)) else []),
        *([section(line)] if (line := _lessons_line(summary)) else []),
        *([section(line)] if (line := _focus_line(summary)) else []),
    ]
    people, left = _pack(
        [
            "*By person* (anonymous feedback is counted for its recipient only)",
            *[_person_line(p) for p in summary.people],
        ],
        SUMMARY_PEOPLE_SECTIONS,
    )
    body += [section(text) for text in people]
    if left:
        body.append(context(f"…and {left} more people: `/summary {label} csv` has everyone."))
    body += [section(text) for text in _quotes(summary)]
    body += _team_questions(summary)
    if summary.shared:
        body.append(section(f"*Answers shared with you* ({summary.shared_total})"))
        body += [_shared_section(a) for a in summary.shared]
        if summary.shared_total > len(summary.shared):
            body.append(context(f"…and {summary.shared_total - len(summary.shared)} more shared answers."))
    nudge_lines = [f"• <@{n.user_id}>: {'; '.join(n.reasons)}" for n in summary.nudges]
    nudges, more = _pack(["*May need a nudge* (only you see this)", *nudge_lines], SUMMARY_NUDGE_SECTIONS)
    if summary.nudges:
        body += [section(text) for text in nudges]
        if more:
            body.append(context(f"…and {more} more."))
    if chart_note:
        body.append(context(chart_note))
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
        blocks=render(body),
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
        context(_week_span(summary)),
        section(f"{head}\n{compared}"),
        section(_skills_line(summary)),
        *([section(line)] if (line := _drills_line(summary, per_skill=False)) else []),
        *[section(text) for text in _quotes(summary)],
        *_team_questions(summary),
        context("Answers stay private unless their authors choose to share them."),
    ]
    return Message(
        text=f"Our week of practice {label}: {totals.answered} of {totals.delivered} prompts answered "
        f"({percent(totals.rate)}).",
        blocks=render(body),
    )
