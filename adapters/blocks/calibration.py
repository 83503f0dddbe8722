"""Block Kit for calibration rounds: the sample to rate, the rating form, and the reveal. Nobody's ticks are
shown as theirs to anyone else: the reveal gives counts, the reference, and the reader's own ticks."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    InputBlock,
    Option,
    RadioButtonsElement,
)

from adapters import ids
from adapters.blocks.common import Message, context, form_modal, plain, quoted, render, section
from domain.calibration import CLOSE_AFTER_DAYS, MIN_RATERS, OVERALL
from domain.clock import as_utc
from domain.drills import Drill
from domain.skills import skill


def _sample(drill: Drill, sample: int) -> list:
    return [
        context(f"What the agent could see: {drill.context}"),
        section("*The customer*\n" + quoted(drill.customer)),
        section("*A sample first reply*\n" + quoted(drill.sample_replies[sample].text)),
    ]


def invitation(drill: Drill, sample: int, round_id: int, closes_at: datetime, tz: ZoneInfo) -> Message:
    """A round's invitation, the closing day in the team's time zone: as sent, and as rebuilt for a resend."""
    return round_started(drill, sample, round_id, f"{as_utc(closes_at).astimezone(tz):%a %-d %b}")


def round_started(drill: Drill, sample: int, round_id: int, closes: str) -> Message:
    name = skill(drill.skill).name
    return Message(
        text=f"Calibration round: rate a sample reply to a {name} drill, as your whole team does.",
        blocks=render(
            [
                section(f"*Calibration round* · {name} · the whole team rates the same reply"),
                *_sample(drill, sample),
                ActionsBlock(
                    elements=[ButtonElement(text="Rate it", action_id=ids.CALIBRATE_OPEN, value=str(round_id))]
                ),
                context(
                    f"Nothing is shown until {MIN_RATERS} people have rated or the round closes ({closes}); then you "
                    "see how many ticked each check, the bank's reference, and your own ticks. Nobody sees yours."
                ),
            ]
        ),
    )


def rating_modal(drill: Drill, sample: int, round_id: int) -> dict:
    checks = [Option(value=str(i), label=check) for i, check in enumerate(drill.strong_reply)]
    overall = [Option(value=str(n), label=str(n)) for n in OVERALL]
    return form_modal(
        ids.CALIBRATE_MODAL,
        title="Rate the reply",
        submit="Rate",
        metadata={"round_id": round_id},
        blocks=[
            section("*A sample first reply*\n" + quoted(drill.sample_replies[sample].text)),
            InputBlock(
                block_id=ids.CALIBRATE_TICKS_BLOCK,
                label="Tick what the reply does",
                optional=True,
                element=CheckboxesElement(action_id=ids.DRILL_TICKS_INPUT, options=checks),
            ),
            InputBlock(
                block_id=ids.CALIBRATE_OVERALL_BLOCK,
                label="Overall, 1 (weak) to 5 (strong)",
                element=RadioButtonsElement(action_id=ids.CALIBRATE_OVERALL_INPUT, options=overall),
            ),
        ],
    )


def rated(closes: str) -> Message:
    return plain(
        f"Thanks: your rating is in. The results come once {MIN_RATERS} people have rated, or when the round "
        f"closes ({closes})."
    )


def revealed(
    drill: Drill, sample: int, spread: Sequence[int], raters: int, own: Sequence[int] | None, overall: Sequence[int]
) -> Message:
    """For each rater: per check how many ticked it, where the bank stands, and their own tick."""
    reference = set(drill.sample_replies[sample].meets)
    lines = []
    for i, check in enumerate(drill.strong_reply):
        bank = "the bank ticks it" if i in reference else "the bank leaves it"
        mine = "" if own is None else (" · you ticked it" if i in own else " · you left it")
        lines.append(f"• *{check}*: {spread[i]} of {raters} ticked it · {bank}{mine}")
    average = sum(overall) / len(overall) if overall else 0
    head = f"Calibration results · {skill(drill.skill).name} · {raters} rated"
    return Message(
        text=head,
        blocks=render(
            [
                section(f"*{head}*\n" + quoted(drill.sample_replies[sample].text)),
                section("\n".join(lines)),
                context(f"Overall: {average:.1f} of 5 on average. Where the team split is worth a talk."),
            ]
        ),
    )


def agreement_for_lead(drill: Drill, agree: Sequence[int], raters: int) -> Message:
    """The lead's view: how far the team agreed with the bank, per check; never who rated what."""
    lines = [f"• *{check}*: {agree[i]} of {raters} agree with the bank" for i, check in enumerate(drill.strong_reply)]
    head = f"Calibration round closed · {skill(drill.skill).name} · {raters} rated"
    return Message(text=head, blocks=render([section(f"*{head}*"), section("\n".join(lines))]))


def too_small(members: int) -> Message:
    return plain(
        f"A calibration round needs at least {MIN_RATERS} people, so nobody's ratings can be told apart; this team "
        f"has {members}. Peer review (`/drill write`) works at any size."
    )


def already_open() -> Message:
    return plain("This team already has a calibration round open. Its results come when it closes.")


def started(members: int, closes: str) -> Message:
    return plain(f"Calibration round started: {members} people have the sample by DM. It closes {closes}.")


NO_SAMPLE = "The drill bank has no sample replies to calibrate on yet."
NOT_OPEN = "That calibration round has closed, so its rating form is gone."


def weekly_line(day: int | None) -> str:
    if day is None:
        return "*Calibration:* a round when a lead starts one (`/practice calibrate weekly fri` makes it weekly)"
    return f"*Calibration:* a round every {calendar.day_name[day]} at the quote time (`/practice calibrate off`)"


def weekly_set(day: int | None, members: int, practice_days: Iterable[int]) -> Message:
    if day is None:
        return plain("Weekly calibration rounds are off. `/practice calibrate` still starts one any time.")
    name = calendar.day_name[day]
    text = (
        f"Every {name} at the quote time, a calibration round starts for the team: everyone rates the same "
        f"sample reply, and the spread shows once {MIN_RATERS} have rated or after {CLOSE_AFTER_DAYS} practice "
        "days. You get the team's agreement per check."
    )
    if day not in set(practice_days):
        text += f" {name} isn't one of the team's practice days, so it waits until `/practice schedule days` has it."
    if members < MIN_RATERS:
        text += f" The team has {members} people now, so rounds start once it has {MIN_RATERS}."
    return plain(text)
