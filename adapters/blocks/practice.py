"""Block Kit for a team's practice: the quote of the day, the schedule, set-up answers and `/practice help`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import Block

from adapters.blocks.common import Message, plain, quoted, render, section
from adapters.blocks.team_question import question_section
from domain.content import Quote, TeamQuestion
from domain.schedule import DAY_NAMES, TeamSchedule, describe_days
from domain.text import escape_mrkdwn


def quote_message(quote: Quote, question: TeamQuestion | None = None) -> Message:
    """The quote with its checkable source; on the team's question day, the week's team question under it."""
    who = f"— {escape_mrkdwn(quote.author)}, _{escape_mrkdwn(quote.source)}_"
    blocks: list[Block] = [section(f"*Quote of the day*\n{quoted(quote.text)}\n{who}")]
    text = f"Quote of the day: “{quote.text}” — {quote.author}"
    if question is not None:
        blocks.append(question_section(question))
        text += f". Team question: {question.text}"
    return Message(text=text, blocks=render(blocks))


def schedule_summary(schedule: TeamSchedule) -> str:
    return (
        f"{describe_days(schedule.days)}: quote at {schedule.quote_time:%H:%M} ({schedule.timezone}), "
        f"prompts at {schedule.prompt_time:%H:%M} in each person's own time zone, "
        f"one reminder at {schedule.reminder_time:%H:%M} if unanswered. "
        + (
            f"Drills instead of reflections on {describe_days(schedule.drill_days)}."
            if schedule.drill_days
            else "Drills: off (`/practice schedule drills mon,wed,fri` turns them on)."
        )
        + (
            f" A written reply instead on {DAY_NAMES[schedule.write_day]}."
            if schedule.write_day is not None
            else " Written drills: off (`/practice schedule write thu` turns them on)."
        )
    )


def team_started(schedule: TeamSchedule, members: int, created: bool) -> Message:
    head = "This channel is now a practice team" if created else "Practice is back on in this channel"
    return plain(
        f"*{head}* with {members} member{'s' if members != 1 else ''}.\n"
        f"Schedule: {schedule_summary(schedule)}\n"
        "Change it with `/practice schedule days mon-fri prompt 09:30 quote 09:00 tz Europe/Dublin`. "
        "`/practice question wed` adds a weekly team question to that day's quote, answered in its thread. "
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
• Or just reply in our DM: a message there answers your open prompt (in a prompt's thread, that prompt), for \
you alone until you choose otherwise; editing or deleting the message edits or deletes the answer
• `/drill`: a customer's message and "what would you send first?" in our DM; a miss comes back sooner, a \
drill you master retires (`/drill listening` for one skill, `/drill help` for how it works)
• `/practice my-time 07:00 tue-sat`: your own prompt time and days (shift workers); `/practice my-time reset`
• `/practice away until 2026-12-24`, `/practice back`: no prompts while you are away
• `/practice pause me`, `/practice resume me`: stop or restart your own prompts
• `/practice reminders off` (or `on`): the late-day reminder
• *Worth remembering*: tick it on an answer and it comes back to you 3, 10 and 30 days later, after your \
practice DM, to ask whether you used it; `/practice lessons off` (or `on`) stops or restarts them
• `/practice status`: your settings and the team's schedule
• `/practice focus`: your own signals per skill side by side (your self-rating, what peers' feedback said, \
your drills' first tries) and a suggested focus skill for four weeks; pick it, another, or none. While it runs, \
at least 2 of every 5 practice days are on it (it also comes by DM every four weeks)
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
• `/practice schedule drills mon,wed,fri` (or `drills off`): those days' practice DM is a drill instead of a \
reflection, still one a day with the same reminder
• `/practice schedule write thu` (or `write off`): once a week the practice DM asks for a written first reply \
to a customer, checked against what a strong reply does
• `/practice pause`, `/practice resume`: pause or resume the whole team
• `/practice now`: send today's prompts and quote at once (still once per person per day)
• `/practice holiday 2026-12-25`, `/practice holiday remove 2026-12-25`, `/practice holidays`
• `/practice lead add @person`, `/practice lead remove @person`, `/practice leads`
• `/practice calibrate`: a calibration round: everyone rates the same sample reply against its checks; the \
spread shows once 5 have rated or after 3 practice days (teams of 5 or more); `/practice calibrate weekly fri` \
(or `off`) starts one every Friday at the quote time
• `/practice question wed` (or `off`): once a week the quote comes with a team question, answered in its \
thread; each reply counts as practice of the question's skill
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
• *Your Home*, your self-ratings, your focus skill, your "what I'll try" notes and your feedback partner are \
yours alone; a lead's summary counts how many have a focus and on which skills, never who chose what.""",
)


def help_message() -> Message:
    return Message(text="Practice Coach help", blocks=render([section(part) for part in HELP_SECTIONS]))


# --- Peer feedback ---
