"""`python bot.py demo`: a team's practice weeks on a virtual clock, printed as each person would see them.

The bot is the real one: settings, dependencies, the Bolt app and its listeners, the scheduler's tick, the
domain and storage (a temporary SQLite file). Only Slack's Web API is replaced (demo.workspace), and Slack's
side of the conversation (commands, clicks, forms, opening the Home tab) is played from demo.script.

The team has usually been practising for some weeks already (`--weeks-before`): those weeks are played
first, quickly and quietly (only the lead's Monday summaries are printed), so that the week shown has a
history: streaks, a week-over-week change, the follow-up of something tried, and a chart that is not mostly
empty. Then every day of the days shown gets a header and its events in the order they happen, stamped in
the team's time zone with each reader's own time in brackets, and the week ends as it does in production:
last week's summary reaches the lead by DM on Monday morning, sent by the scheduler's tick.

The virtual clock moves from one moment to the next at which something can happen: a time in the team's
schedule in some member's zone (quote, prompt, reminder, Monday's summary), a follow-up falling due, or
someone's move. At each of the first two the bot's own tick runs and decides what is due; the real scheduler
ticks every minute and would find nothing in between. A tick's sends are posted concurrently, so what they
show is printed in a fixed order: the same seed prints the same bytes.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import logging
import random
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, event
from sqlmodel import select

from adapters import ids, summary_chart
from app import create_app
from config import Settings
from demo import render, script, texts
from demo.driver import DemoError, Driver
from demo.script import Gift, Person, Reply, Script, ThreadReply, Try, Visit, Writing
from demo.workspace import TOKEN, Seen, Workspace
from deps import Deps, build_deps
from domain.answers import VISIBILITY_LABELS
from domain.clock import ManualClock
from domain.drills import Confidence, Drill, SampleReply, shuffled
from domain.feedback import CIVIL_END, CIVIL_START, FOLLOWUP_AFTER
from domain.summary import Week
from storage.models import CalibrationRound, Delivery, DrillReview, DrillRound, DrillWriting, TeamQuestionPost
from usecases import tick

TICK = timedelta(minutes=30)  # the schedule's times are on the half hour; so is each tick the demo adds
SIGNING_SECRET = "demo-signing-secret"
SETUP_TIME = time(18, 0)  # the Sunday evening before the first day played, team time: the lead sets the team up
ASK_TIME = time(23, 30)  # a last day that is not a Sunday: the lead asks for the week so far
WORK_START, WORK_END = time(9, 0), time(18, 0)  # when people read and act on feedback, their local time
MORNING_CATCH_UP = timedelta(minutes=40)  # first thing in the morning is the queue, then the DMs
THANKS_AFTER = timedelta(minutes=30)
TRY_AFTER = timedelta(minutes=50)  # twenty minutes after the thank-you
TELL_AFTER = timedelta(minutes=25)  # from the follow-up's arrival to "Tell me"
REVIEW_AFTER = timedelta(minutes=50)  # from a review request's arrival to the reviewer opening it
RATE_AFTER = timedelta(minutes=35)  # from a calibration round's arrival to the first rating; then one by one
RATE_EVERY = timedelta(minutes=20)
LESSON_AFTER = timedelta(minutes=45)  # from a lesson's return to their answer
SHARE_AFTER = timedelta(minutes=10)
STAMP_WIDTH = 26
_TEAM = ZoneInfo(script.TEAM_ZONE)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


@dataclass(frozen=True)
class Options:
    team_size: int = 6
    days: int = 7
    seed: int = 1
    weeks_before: int = script.DEFAULT_WEEKS_BEFORE
    chart: Path | None = None


@dataclass
class Result:
    """What the demo ended with: the lead's summary as read, and the chart's file."""

    script: Script
    summary: list[str] = field(default_factory=list)
    chart: Path | None = None


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its message: "invalid whole number value"
    return parse


def parse_options(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="python bot.py demo",
        description="Run a simulated team through practice days on a virtual clock; no Slack, no .env needed.",
    )
    parser.add_argument(
        "--days",
        type=_bounded(script.MIN_DAYS, script.MAX_DAYS),
        default=7,
        help="how many days to show in full, from a Monday (default 7)",
    )
    parser.add_argument(
        "--weeks-before",
        type=_bounded(script.MIN_WEEKS_BEFORE, script.MAX_WEEKS_BEFORE),
        default=script.DEFAULT_WEEKS_BEFORE,
        help="weeks the team practised before those days, played quickly and shown only as the "
        f"lead's Monday summaries (default {script.DEFAULT_WEEKS_BEFORE}; 0: a new team)",
    )
    parser.add_argument(
        "--team-size",
        type=_bounded(script.MIN_TEAM, script.MAX_TEAM),
        default=6,
        help="people in the team channel, the lead included (default 6)",
    )
    parser.add_argument("--seed", type=int, default=1, help="varies who answers, when and how (default 1)")
    parser.add_argument("--chart", type=Path, default=None, help="where to write the summary chart PNG")
    args = parser.parse_args(argv)
    return Options(
        team_size=args.team_size, days=args.days, seed=args.seed, weeks_before=args.weeks_before, chart=args.chart
    )


def main(argv: list[str], out: TextIO | None = None) -> int:
    options = parse_options(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    try:
        run(options, out or sys.stdout)
    except DemoError as error:
        print(f"The demo stopped: {error}", file=sys.stderr)
        return 1
    return 0


def run(options: Options, out: TextIO) -> Result:
    plan = script.plan(
        team_size=options.team_size, days=options.days, seed=options.seed, weeks_before=options.weeks_before
    )
    with tempfile.TemporaryDirectory(prefix="practice-demo-") as folder:
        demo = _Demo(plan, Path(folder) / "demo.db", out, options.seed, options.chart)
        try:
            return demo.play()
        finally:
            demo.close()


def _city(tz: str) -> str:
    return tz.rsplit("/", 1)[-1].replace("_", " ")


def _utc(day: date, at: time, tz: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _words(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def schedule_moments(plan: Script, first: int, last: int) -> list[datetime]:
    """The instants from day `first` to day `last` (inclusive) at which the default schedule can make something
    due: the quote in the team's zone, each zone's prompt and reminder times, and Monday's summary."""
    moments: set[datetime] = set()
    zones = {p.tz for p in plan.people}
    for day in range(first, last + 1):
        when = script.day_date(day)
        if when.weekday() == 0:
            moments.add(_utc(when, script.SUMMARY_TIME, script.TEAM_ZONE))
        if when.weekday() >= 5:
            continue
        moments.add(_utc(when, script.QUOTE_TIME, script.TEAM_ZONE))
        for tz in zones:
            moments.update(_utc(when, at, tz) for at in (script.PROMPT_TIME, script.REMINDER_TIME))
    return sorted(moments)


def working_hours(moment: datetime, tz: str) -> datetime:
    """`moment`, or when the person next reads their DMs at work if it falls outside their working day: a
    teammate's feedback sent during the night in their zone is read the next working morning."""
    local = moment.astimezone(ZoneInfo(tz))
    if local.weekday() < 5 and WORK_START <= local.time() < WORK_END:
        return moment
    day = local.date() + timedelta(days=0 if local.time() < WORK_START else 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, WORK_START, local.tzinfo).astimezone(UTC) + MORNING_CATCH_UP


def followup_moment(tried: datetime, tz: str) -> datetime:
    """When the bot's "how did it go?" falls due: a week after "What I'll try", at a civil hour for the
    recipient (domain.feedback.followup_date), on the next half hour."""
    due = (tried + FOLLOWUP_AFTER).astimezone(ZoneInfo(tz))
    if due.time() >= CIVIL_END:
        due = datetime.combine(due.date() + timedelta(days=1), CIVIL_START, due.tzinfo)
    elif due.time() < CIVIL_START:
        due = datetime.combine(due.date(), CIVIL_START, due.tzinfo)
    due = due.astimezone(UTC)
    return due + (-(due - datetime.min.replace(tzinfo=UTC)) % TICK)


def _strongest(drill: Drill) -> SampleReply:
    """The drill's sample reply that meets most checks: what the demo's writer writes."""
    return max(drill.sample_replies, key=lambda sample: len(sample.meets))


def _checked(values: Iterable[object]) -> dict:
    """A checkboxes input's state with these options ticked, as Slack sends it."""
    return {"type": "checkboxes", "selected_options": [{"value": str(v)} for v in values]}


def _throwaway(engine: Engine) -> None:
    """The demo's database is deleted at the end, so its commits need not wait for the disk (a few ms each,
    hundreds of them in the weeks played quickly)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA synchronous=OFF")

    engine.dispose()  # connections opened by the migrations had no such pragma


class _Demo:
    def __init__(self, plan: Script, database: Path, out: TextIO, seed: int, chart: Path | None) -> None:
        summary_chart.start()  # a fresh interpreter with matplotlib: ready by the first summary
        self.plan = plan
        self.out = out
        self.chart_path = chart
        self.result = Result(plan)
        self.setup_at = _utc(script.day_date(plan.first_day - 1), SETUP_TIME, script.TEAM_ZONE)
        self.clock = ManualClock(self.setup_at)
        self.workspace = Workspace(plan.people, script.TEAM_CHANNEL, script.TEAM_CHANNEL_NAME, self.clock.now).start()
        settings = Settings(
            bot_token=TOKEN,
            signing_secret=SIGNING_SECRET,
            database_url=f"sqlite:///{database}",
            slack_api_url=self.workspace.api_url,
            lead_user_ids=frozenset({plan.lead.user_id}),
            default_timezone=script.TEAM_ZONE,
        )
        self.deps: Deps = build_deps(settings, clock=self.clock, rng=random.Random(seed))
        _throwaway(self.deps.engine)
        self.driver = Driver(create_app(self.deps), self.workspace, SIGNING_SECRET)
        self.writer = script.Writer()
        self.names = {p.user_id: p.display for p in plan.people} | {script.TEAM_CHANNEL: script.TEAM_CHANNEL_NAME}
        self.rank = {script.TEAM_CHANNEL: 0} | {p.user_id: n + 1 for n, p in enumerate(plan.people)}
        self.earlier = False  # in the weeks before: lines stamped with their date, no day headers
        self.quiet = False  # only the lead's Monday summaries are printed
        self._latest_form: dict | None = None
        self.open_prompts: dict[str, str] = {}  # user id -> the delivery id on their latest Answer button
        self.open_drills: dict[str, list[dict]] = {}  # user id -> the blocks of their latest drill, buttons and all
        self.feedback_buttons: dict[str, str] = {}  # user id -> the feedback id on their latest feedback DM
        self.gift_ids: dict[int, str] = {}  # the gift's place in the script -> its feedback id
        self.awaiting: dict[str, Try] = {}  # recipient -> what they said they'd try, until the bot asks
        last = script.day_date(plan.days - 1)
        self.final_week = Week.of(last).label
        self.ends_on_monday = last.weekday() == 6
        self.pending: list[tuple[datetime, int, Callable[[], None]]] = []
        self.ticks: list[datetime] = []
        self._tick_set: set[datetime] = set()
        self._order = itertools.count()
        self._day_shown: date | None = None
        self._lines_today = False

    def close(self) -> None:
        self.driver.close()
        self.workspace.stop()
        self.deps.engine.dispose()

    # ------------------------------------------------------------------ the story

    def play(self) -> Result:
        self._introduce()
        self._schedule_moves()
        first_shown = datetime.combine(script.FIRST_DAY, time(0), _TEAM).astimezone(UTC)
        if self.plan.weeks_before:
            n = self.plan.weeks_before
            self._print(
                f"━━ The {_words(n)} week{'s' if n != 1 else ''} before: played quickly, showing only "
                "what the lead receives on Monday mornings ━━"
            )
            self.earlier = True
        self._setup()
        for moment in schedule_moments(self.plan, self.plan.first_day, self.plan.days):
            self._tick_at(moment)
        if self.plan.weeks_before:
            self.quiet = True
            self._run_until(first_shown)
            self._print("")
            self.earlier = self.quiet = False
        last = script.day_date(self.plan.days - 1)
        if self.ends_on_monday:
            end = _utc(last + timedelta(days=1), script.SUMMARY_TIME, script.TEAM_ZONE) + 2 * SHARE_AFTER
        else:
            end = _utc(last, ASK_TIME, script.TEAM_ZONE) + 2 * SHARE_AFTER
            self._at(_utc(last, ASK_TIME, script.TEAM_ZONE), self._ask_summary)
        self._run_until(end)
        self._headers_until(self.clock.now().astimezone(_TEAM).date())
        self._what_next()
        return self.result

    def _introduce(self) -> None:
        plan = self.plan
        people = ", ".join(f"{p.display} ({_city(p.tz)}{', lead' if p.lead else ''})" for p in plan.people)
        last = script.day_date(plan.days - 1)
        ending = (
            "then last week's summary reaches the lead by DM on Monday morning"
            if self.ends_on_monday
            else "then the lead asks for the week's summary so far"
        )
        before = (
            f"{plan.lead.display} set the team up {_words(plan.weeks_before)} week"
            f"{'s' if plan.weeks_before != 1 else ''} earlier, so the team has a history. "
            if plan.weeks_before
            else f"{plan.lead.display} sets the team up the evening before. "
        )
        self._print(
            f"Practice Coach demo: {len(plan.people)} people in #{script.TEAM_CHANNEL_NAME}: {people}.\n"
            "The real bot runs (handlers, scheduler, a temporary SQLite database); only Slack's Web API is "
            "simulated.\n"
            f"{before}{plan.days} day{'s' if plan.days != 1 else ''} shown in full, "
            f"{script.FIRST_DAY:%a %-d %b} to {last:%a %-d %b %Y}, {ending}.\n"
            f"Times are the team's ({_city(script.TEAM_ZONE)}); someone elsewhere has their own time in brackets.\n"
        )

    def _setup(self) -> None:
        lead = self.plan.lead
        self._say(lead.tz, f"{lead.display}, the lead, in #{script.TEAM_CHANNEL_NAME}: /practice start")
        self.driver.command(lead.user_id, "/practice", "start", channel_id=script.TEAM_CHANNEL)
        self._show()
        self._say(lead.tz, f"{lead.display}: /practice schedule drills {script.DRILL_DAYS}")
        self.driver.command(
            lead.user_id, "/practice", f"schedule drills {script.DRILL_DAYS}", channel_id=script.TEAM_CHANNEL
        )
        self._show()
        self._say(lead.tz, f"{lead.display}: /practice question {script.QUESTION_DAY_NAME}")
        self.driver.command(
            lead.user_id, "/practice", f"question {script.QUESTION_DAY_NAME}", channel_id=script.TEAM_CHANNEL
        )
        self._show()
        self._say(lead.tz, f"{lead.display}: /practice calibrate weekly {script.CALIBRATION_DAY_NAME}")
        self.driver.command(
            lead.user_id,
            "/practice",
            f"calibrate weekly {script.CALIBRATION_DAY_NAME}",
            channel_id=script.TEAM_CHANNEL,
        )
        self._show()

    def _at(self, moment: datetime, move: Callable[[], None]) -> None:
        heapq.heappush(self.pending, (moment, next(self._order), move))

    def _schedule_moves(self) -> None:
        """Everyone's scripted moves; same-minute moves keep the script's order."""
        for (user_id, day), reply in sorted(self.plan.replies.items(), key=lambda item: (item[0][1], item[0][0])):
            person = self.plan.person(user_id)
            assert person is not None
            self._at(
                _utc(script.day_date(day), reply.at, person.tz), lambda p=person, r=reply, d=day: self._answer(p, r, d)
            )
        for number, gift in enumerate(self.plan.gifts):
            moment = _utc(script.day_date(gift.day), gift.at, gift.giver.tz)
            self._at(moment, lambda n=number, g=gift: self._give(n, g))
            seen = working_hours(moment + THANKS_AFTER, gift.recipient.tz)
            if gift.thanked:
                self._at(seen, lambda n=number, g=gift: self._thank(n, g))
            if gift.tried:
                self._at(seen + TRY_AFTER - THANKS_AFTER, lambda n=number, g=gift: self._try(n, g))
        for number, thread_reply in enumerate(self.plan.thread_replies):
            moment = _utc(script.day_date(thread_reply.day), thread_reply.at, script.TEAM_ZONE)
            self._at(moment, lambda n=number, r=thread_reply: self._reply_in_thread(n, r))
        if (visit := self.plan.visit) is not None:
            self._at(_utc(script.day_date(visit.day), visit.at, visit.person.tz), lambda: self._visit(visit))
        if (writing := self.plan.writing) is not None:
            moment = _utc(script.day_date(writing.day), writing.at, writing.person.tz)
            self._at(moment, lambda: self._write(writing))

    def _tick_at(self, moment: datetime) -> None:
        if moment not in self._tick_set:
            self._tick_set.add(moment)
            heapq.heappush(self.ticks, moment)

    def _run_until(self, end: datetime) -> None:
        """Tick at each moment something can fall due; moves happen at their own minute in between (a tick
        first, at the same minute)."""
        while True:
            moment = min([*self.ticks[:1], *(self.pending[0][:1] if self.pending else ()), end])
            if moment >= end:
                break
            self.clock.set(moment)
            if self.ticks and self.ticks[0] == moment:
                heapq.heappop(self.ticks)
                tick.run_tick(self.deps)
                self._show(ordered=True)
            while self.pending and self.pending[0][0] <= moment:
                heapq.heappop(self.pending)[2]()
        self.clock.set(end)

    def _answer(self, person: Person, reply: Reply, day: int) -> None:
        if (drill_blocks := self.open_drills.pop(person.user_id, None)) is not None:
            self._drill(person, reply, drill_blocks)
            return
        delivery = self.open_prompts.pop(person.user_id, None)
        if delivery is None:
            raise DemoError(
                f"{person.display} was scripted to answer on {script.day_date(day):%a %-d %b}, "
                "but has no prompt to answer"
            )
        prompt_id, skill_key = self._prompt_of(int(delivery))
        text = self.writer.answer(prompt_id, skill_key, earlier=day < 0)
        if reply.how == "inline":
            self._say(person.tz, f"{person.display}, in the DM with the bot: /reflect {text}")
            self.driver.command(person.user_id, "/reflect", text, channel_id=f"D{person.user_id}")
            self._show()
            return
        if reply.how == "dm":
            self._say(person.tz, f"{person.display} types in the DM with the bot: “{text}”")
            self.driver.typed(person.user_id, f"{self.clock.now().timestamp():.0f}.{day + 100:06d}", text)
            self._show()
            return
        self._say(person.tz, f"{person.display} clicks [ Answer ]")
        self.driver.click(person.user_id, ids.ANSWER_OPEN, delivery, channel_id=f"D{person.user_id}")
        form = self._form(person, "the Answer button")
        values = {
            ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": text}},
            ids.VISIBILITY_BLOCK: {
                ids.VISIBILITY_INPUT: {"type": "radio_buttons", "selected_option": {"value": reply.visibility}}
            },
        }
        remember = self.plan.remembered == (person.user_id, day)
        if remember:
            values[ids.ANSWER_REMEMBER_BLOCK] = {ids.ANSWER_REMEMBER_INPUT: _checked(["remember"])}
        rated = any(b.get("block_id") == ids.RATING_BLOCK for b in form.get("blocks") or [])
        rating = f", rates themself {reply.rating}" if rated else ""
        if rated:
            values[ids.RATING_BLOCK] = {
                ids.RATING_INPUT: {"type": "radio_buttons", "selected_option": {"value": str(reply.rating)}}
            }
        self._say(
            person.tz,
            f"{person.display} writes “{text}”, picks “{VISIBILITY_LABELS[reply.visibility]}”"
            f"{rating}{', ticks “Worth remembering”' if remember else ''} and clicks [ Save ]",
        )
        self.driver.submit(person.user_id, form, values)
        self._show()

    def _drill(self, person: Person, reply: Reply, blocks: list[dict]) -> None:
        """A drill day: they pick a reply (the best one when they feel surest) and say how sure they are."""
        first = render.find_button(blocks, f"{ids.DRILL_CHOOSE}0") or ""
        round_id = first.split(":")[0]
        drill = self.deps.drill(self._drill_of(int(round_id)))
        if drill is None:
            raise DemoError(f"{person.display} has a drill the bank no longer holds")
        order = shuffled(drill, person.user_id)
        choice = drill.best if reply.rating >= 4 else next(i for i in order if i != drill.best)
        confidence = {5: Confidence.SURE, 4: Confidence.THINK_SO}.get(reply.rating, Confidence.GUESSING)
        place = order.index(choice)
        self._say(person.tz, f"{person.display} picks {chr(ord('A') + place)} and says “{confidence.label}”")
        self.driver.click(
            person.user_id, f"{ids.DRILL_CHOOSE}{place}", f"{round_id}:{choice}", channel_id=f"D{person.user_id}"
        )
        self.workspace.new_records()  # the "how sure?" step: shown only as the line above
        self.driver.click(
            person.user_id,
            f"{ids.DRILL_SURE}{confidence.value}",
            f"{round_id}:{choice}",
            channel_id=f"D{person.user_id}",
        )
        self._show()

    def _write(self, writing: Writing) -> None:
        """`/drill write`: their own first reply, the checks it meets by their own reading, offered for review."""
        person = writing.person
        self._say(person.tz, f"{person.display}, in the DM with the bot: /drill write")
        self.driver.command(person.user_id, "/drill", "write", channel_id=f"D{person.user_id}")
        form = self._form(person, "/drill write")
        drill = self.deps.drill(json.loads(form.get("private_metadata") or "{}").get("drill_id"))
        if drill is None or not drill.sample_replies:
            raise DemoError(f"{person.display}'s written drill is not in the bank")
        sample = _strongest(drill)  # the bank's own sample reply stands in for what they write
        self._say(person.tz, f"{person.display} writes “{sample.text}” and clicks [ Next ]")
        values = {ids.DRILL_REPLY_BLOCK: {ids.DRILL_REPLY_INPUT: {"type": "plain_text_input", "value": sample.text}}}
        review = self.driver.submit(person.user_id, form, values).json().get("view")
        if review is None:
            raise DemoError(f"{person.display}'s written reply did not turn into the self-review")
        self._print(
            f"{self._stamp(person.tz)} {person.display} sees the form turn into\n"
            + render.indented(render.view(review, self.names))
        )
        ticked = [drill.strong_reply[i] for i in sample.meets]
        self._say(
            person.tz,
            f"{person.display} ticks {', '.join(f'“{c}”' for c in ticked) or 'nothing'}, "
            "offers it for a blind review and clicks [ Done ]",
        )
        self.driver.submit(
            person.user_id,
            review,
            {
                ids.DRILL_TICKS_BLOCK: {ids.DRILL_TICKS_INPUT: _checked(sample.meets)},
                ids.DRILL_OFFER_BLOCK: {ids.DRILL_OFFER_INPUT: _checked(["offer"])},
            },
        )
        self._show()

    def _review(self, person: Person, request: str) -> None:
        """The reviewer reads the reply without knowing whose it is, ticks what it meets and says why."""
        self._say(person.tz, f"{person.display} clicks [ Review it ]")
        self.driver.click(person.user_id, ids.REVIEW_OPEN, request, channel_id=f"D{person.user_id}")
        form = self._form(person, "the Review it button")
        drill = self.deps.drill(self._reviewed_drill(int(request)))
        if drill is None:
            raise DemoError(f"{person.display} was asked to review a drill the bank no longer holds")
        text = self._reviewed_text(int(request))
        meets = sorted(_strongest(drill).meets)
        missing = [check for i, check in enumerate(drill.strong_reply) if i not in meets]
        opening = text.split(". ")[0].rstrip(".")
        keep = f"Opening with ‘{opening}’ works: keep that."
        change = f"Next time, also make sure it {missing[0][0].lower()}{missing[0][1:]}." if missing else ""
        said = f"writes “{keep}”" + (f" and “{change}”" if change else "")
        self._say(person.tz, f"{person.display} ticks {len(meets)} of {len(drill.strong_reply)}, {said}")
        self.driver.submit(
            person.user_id,
            form,
            {
                ids.REVIEW_TICKS_BLOCK: {ids.DRILL_TICKS_INPUT: _checked(meets)},
                ids.REVIEW_KEEP_BLOCK: {ids.FEEDBACK_TEXT_INPUT: {"type": "plain_text_input", "value": keep}},
                ids.REVIEW_CHANGE_BLOCK: {ids.FEEDBACK_TEXT_INPUT: {"type": "plain_text_input", "value": change}},
                ids.REVIEW_SIGN_BLOCK: {ids.REVIEW_SIGN_INPUT: _checked([])},
            },
        )
        self._show()
        writing = self.plan.writing
        if writing is not None and (feedback_id := self.feedback_buttons.get(writing.person.user_id)) is not None:
            author = writing.person
            moment = working_hours(self.clock.now() + THANKS_AFTER, author.tz)
            self._at(moment, lambda: self._thank_review(author, feedback_id))

    def _lesson(self, person: Person, delivery: str) -> None:
        """Their own lesson came back: they did use it."""
        self._say(person.tz, f"{person.display} clicks [ Yes ] on the lesson")
        self.driver.click(person.user_id, ids.LESSON_USED, delivery, channel_id=f"D{person.user_id}")
        self._show()

    def _thank_review(self, author: Person, feedback_id: str) -> None:
        self._say(author.tz, f"{author.display} clicks [ Thank you ] on the review")
        self.driver.click(author.user_id, ids.FEEDBACK_THANKS, feedback_id, channel_id=f"D{author.user_id}")
        self._show()

    def _rate(self, person: Person, round_id: str) -> None:
        """A calibration rating: most read the sample as the bank does; every third person reads one check
        differently, so the spread has something to talk about. Whoever comes to it after the fifth rating
        finds it revealed, and does nothing."""
        with self.deps.sessions() as session:
            row = session.get(CalibrationRound, int(round_id))
        if row is not None and row.revealed_at is not None:
            return  # five had rated before they got to it: the spread is for those who rated
        drill = self.deps.drill(row.drill_id if row else None)
        if drill is None or row is None:
            raise DemoError(f"{person.display} was asked to rate a drill the bank no longer holds")
        self._say(person.tz, f"{person.display} clicks [ Rate it ]")
        self.driver.click(person.user_id, ids.CALIBRATE_OPEN, round_id, channel_id=f"D{person.user_id}")
        form = self._form(person, "the Rate it button")
        reference = set(drill.sample_replies[row.sample].meets)
        if self.rank[person.user_id] % 3 == 0:
            reference ^= {len(drill.strong_reply) - 1}
        ticks = sorted(reference)
        overall = 4 if len(ticks) * 2 >= len(drill.strong_reply) else 2
        self._say(
            person.tz, f"{person.display} ticks {len(ticks)} of {len(drill.strong_reply)}, rates it {overall} of 5"
        )
        self.driver.submit(
            person.user_id,
            form,
            {
                ids.CALIBRATE_TICKS_BLOCK: {ids.DRILL_TICKS_INPUT: _checked(ticks)},
                ids.CALIBRATE_OVERALL_BLOCK: {
                    ids.CALIBRATE_OVERALL_INPUT: {"type": "radio_buttons", "selected_option": {"value": str(overall)}}
                },
            },
        )
        self._show()

    def _reviewed_drill(self, request_id: int) -> str:
        with self.deps.sessions() as session:
            row = session.get(DrillReview, request_id)
            writing = session.get(DrillWriting, row.writing_id) if row else None
        return writing.drill_id if writing else ""

    def _reviewed_text(self, request_id: int) -> str:
        with self.deps.sessions() as session:
            row = session.get(DrillReview, request_id)
            writing = session.get(DrillWriting, row.writing_id) if row else None
        return writing.text if writing else ""

    def _drill_of(self, round_id: int) -> str:
        with self.deps.sessions() as session:
            row = session.get(DrillRound, round_id)
        return row.drill_id if row else ""

    def _give(self, number: int, gift: Gift) -> None:
        giver, recipient = gift.giver, gift.recipient
        self._say(giver.tz, f"{giver.display}, in the DM with the bot: /feedback @{recipient.name} {gift.text}")
        self.feedback_buttons.pop(recipient.user_id, None)
        self.driver.command(
            giver.user_id,
            "/feedback",
            f"<@{recipient.user_id}|{recipient.name}> {gift.text}",
            channel_id=f"D{giver.user_id}",
        )
        self._show()
        if (feedback_id := self.feedback_buttons.get(recipient.user_id)) is not None:
            self.gift_ids[number] = feedback_id

    def _thank(self, number: int, gift: Gift) -> None:
        recipient = gift.recipient
        if (feedback_id := self.gift_ids.get(number)) is None:
            return
        self._say(recipient.tz, f"{recipient.display} clicks [ Thank you ] on the feedback")
        self.driver.click(recipient.user_id, ids.FEEDBACK_THANKS, feedback_id, channel_id=f"D{recipient.user_id}")
        self._show()

    def _try(self, number: int, gift: Gift) -> None:
        recipient, tried = gift.recipient, gift.tried
        if (feedback_id := self.gift_ids.get(number)) is None or tried is None:
            return
        self._say(recipient.tz, f"{recipient.display} clicks [ What I'll try ] on the feedback")
        self.driver.click(recipient.user_id, ids.FEEDBACK_TRY, feedback_id, channel_id=f"D{recipient.user_id}")
        form = self._form(recipient, "the What I'll try button")
        self._say(recipient.tz, f"{recipient.display} writes “{tried.plan}” and clicks [ Save ]")
        self.driver.submit(
            recipient.user_id,
            form,
            {
                ids.FEEDBACK_TRY_BLOCK: {ids.FEEDBACK_TEXT_INPUT: {"type": "plain_text_input", "value": tried.plan}},
            },
        )
        self._show()
        self.awaiting[recipient.user_id] = tried
        self._tick_at(followup_moment(self.clock.now(), recipient.tz))

    def _tell(self, person: Person, delivery: str) -> None:
        """A week after "What I'll try" the bot asks how it went; the person answers through its button."""
        tried = self.awaiting.pop(person.user_id, None)
        if tried is None:
            return
        self._say(person.tz, f"{person.display} clicks [ Tell me ]")
        self.driver.click(person.user_id, ids.FEEDBACK_FOLLOWUP, delivery, channel_id=f"D{person.user_id}")
        form = self._form(person, "the follow-up's Tell me button")
        self._say(
            person.tz,
            f"{person.display} writes “{tried.outcome}”, picks “{VISIBILITY_LABELS['lead']}” and clicks [ Save ]",
        )
        self.driver.submit(
            person.user_id,
            form,
            {
                ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": tried.outcome}},
                ids.VISIBILITY_BLOCK: {
                    ids.VISIBILITY_INPUT: {"type": "radio_buttons", "selected_option": {"value": "lead"}}
                },
            },
        )
        self._show()

    def _reply_in_thread(self, number: int, reply: ThreadReply) -> None:
        """A teammate answers the week's team question in the quote's thread; the words stay in the thread."""
        asked = self._team_question_on(script.day_date(reply.day))
        if asked is None:
            return
        question_id, thread_ts = asked
        text = texts.TEAM_REPLIES[question_id][reply.turn % 2]
        person = reply.person
        self._say(person.tz, f"{person.display} replies in the thread of the team question: “{text}”")
        self.driver.thread_reply(
            person.user_id, script.TEAM_CHANNEL, thread_ts, f"{thread_ts[:10]}.9{number:05d}", text
        )
        self._show()

    def _team_question_on(self, day: date) -> tuple[str, str] | None:
        """The question the day's quote asked and the quote's ts, once it is posted."""
        with self.deps.sessions() as session:
            found = session.exec(
                select(TeamQuestionPost.question_id, Delivery.ts)
                .join(Delivery, Delivery.id == TeamQuestionPost.delivery_id)
                .where(TeamQuestionPost.local_date == day, Delivery.ts.is_not(None))
            ).first()
        return (found[0], found[1]) if found and found[0] in texts.TEAM_REPLIES else None

    def _visit(self, visit: Visit) -> None:
        person = visit.person
        self._say(person.tz, f"{person.display} opens Practice Coach in Slack and looks at its Home tab")
        self.driver.home_opened(person.user_id)
        self._show()

    def _ask_summary(self) -> None:
        lead = self.plan.lead
        self._say(
            lead.tz,
            f"{lead.display}, in #{script.TEAM_CHANNEL_NAME}: /summary {self.final_week}  "
            "(the week is not over, so the lead asks for it so far)",
        )
        self.driver.command(lead.user_id, "/summary", self.final_week, channel_id=script.TEAM_CHANNEL)
        if not self._show():
            raise DemoError("the lead's /summary got no answer")

    def _share(self, channel_id: str, value: str) -> None:
        lead = self.plan.lead
        self._say(lead.tz, f"{lead.display} clicks [ Share with the team ]")
        self.driver.click(lead.user_id, ids.SUMMARY_SHARE, value, channel_id=channel_id)
        self._show()

    def _what_next(self) -> None:
        if not self.result.summary:
            raise DemoError(f"the lead never received the {self.final_week} summary")
        self._print(
            "━━ What next ━━\n"
            "That was the real bot against a stand-in for Slack. To run it for your own team:\n"
            '  1. Create the Slack app from manifest.yml and fill in .env (README: "Set up the Slack app").\n'
            "  2. python bot.py check     says whether the settings, database and Slack token are ready.\n"
            "  3. python bot.py           then, as a lead, /practice start in your team's channel.\n"
            "Other runs of this demo: --weeks-before 0 (a brand-new team), --days 28, --team-size 12, --seed 7."
        )

    # ------------------------------------------------------------------ printing

    def _prompt_of(self, delivery_id: int) -> tuple[str | None, str]:
        with self.deps.sessions() as session:
            row = session.get(Delivery, delivery_id)
            prompt = self.deps.prompt(row.item_id if row else None)
        return (prompt.id, prompt.skill) if prompt else (None, "listening")

    def _form(self, person: Person, what: str) -> dict:
        """The form the click just opened, shown."""
        self._latest_form = None
        self._show()
        if self._latest_form is None:
            raise DemoError(f"{what} opened no form for {person.display}")
        return self._latest_form

    def _print(self, text: str, *, line: bool = True) -> None:
        self._lines_today = self._lines_today or line
        print(text, file=self.out)

    def _header(self, day: date) -> None:
        self._print(f"━━ {day:%A %-d %B} ━━", line=False)
        self._lines_today = False

    def _headers_until(self, today: date) -> None:
        """A header for every day of the week shown, and a word for a day the bot had nothing for anyone."""
        if self.earlier:
            return
        if self._day_shown is None:
            self._header(today)
            self._day_shown = today
        while self._day_shown < today:
            if not self._lines_today:
                self._quiet_day(self._day_shown)
            self._day_shown += timedelta(days=1)
            self._header(self._day_shown)

    def _quiet_day(self, day: date) -> None:
        why = "the team practises Monday to Friday" if day.weekday() >= 5 else "a quiet day"
        self._print(f"(Nothing from the bot today: {why}.)\n")

    def _stamp(self, tz: str) -> str:
        now = self.clock.now()
        team = now.astimezone(_TEAM)
        self._headers_until(team.date())
        head = f"{team:%a %-d %b %H:%M}" if self.earlier else f"{team:%a %H:%M}"
        if tz != script.TEAM_ZONE:
            local = now.astimezone(ZoneInfo(tz))
            head += (
                f" ({_city(tz)} {local:%a %H:%M})" if local.date() != team.date() else f" ({_city(tz)} {local:%H:%M})"
            )
        return f"{head:<{STAMP_WIDTH}}"

    def _say(self, tz: str, line: str) -> None:
        if not self.quiet:
            self._print(f"{self._stamp(tz)} {line}")

    def _show(self, *, ordered: bool = False) -> list[Seen]:
        """Print what the bot sent since last time, and remember the buttons the script will click. A tick's
        sends are posted concurrently, so they are printed in a fixed order: the channel, then the people as
        cast; one request's answers stay in the order they were sent."""
        fresh = self.workspace.new_records()
        if ordered:
            fresh.sort(key=lambda seen: self.rank.get(seen.to, len(self.rank)))
        for seen in fresh:
            self._note_buttons(seen)
            person = self.plan.person(seen.to)
            tz = person.tz if person else script.TEAM_ZONE
            who = person.display if person else f"#{self.names.get(seen.to, seen.to)}"
            if seen.kind == "form" and seen.view is not None:
                self._latest_form = seen.view
                if not self.quiet:
                    form = render.indented(render.view(seen.view, self.names))
                    self._print(f"{self._stamp(tz)} {who} sees a form\n{form}")
                continue
            if seen.kind == "home" and seen.view is not None:
                if not self.quiet:
                    home = render.indented(render.blocks(seen.view.get("blocks") or [], "", self.names))
                    self._print(f"{self._stamp(tz)} {who}'s Home tab\n{home}\n")
                continue
            if seen.kind == "file":
                self._file(seen, tz, who)
                continue
            share = render.find_button(seen.blocks, ids.SUMMARY_SHARE)
            how = {"ephemeral": " (only they see this)", "message": ", by DM" if person else ""}[seen.kind]
            if share is not None and not self._final(share):
                self._print(f"{self._stamp(tz)} → {who}{how}: {render.mrkdwn(seen.text, self.names)}")
                continue
            if self.quiet:
                continue
            lines = render.blocks(seen.blocks, seen.text, self.names)
            self._print(f"{self._stamp(tz)} → {who}{how}\n{render.indented(lines)}\n")
            if share is not None:
                self.result.summary = lines
                channel = f"D{seen.to}" if seen.kind == "message" else script.TEAM_CHANNEL
                self._at(self.clock.now() + SHARE_AFTER, lambda c=channel, v=share: self._share(c, v))
        return fresh

    def _final(self, share_value: str) -> bool:
        return share_value.endswith(f":{self.final_week}")

    def _note_buttons(self, seen: Seen) -> None:
        person = self.plan.person(seen.to)
        if person is None:
            return
        # A day's practice is a prompt or a drill: whichever came last is the one they answer.
        if (delivery := render.find_button(seen.blocks, ids.ANSWER_OPEN)) is not None:
            self.open_prompts[person.user_id] = delivery
            self.open_drills.pop(person.user_id, None)
        if seen.kind == "message" and render.find_button(seen.blocks, f"{ids.DRILL_CHOOSE}0") is not None:
            self.open_drills[person.user_id] = seen.blocks
            self.open_prompts.pop(person.user_id, None)
        if (feedback := render.find_button(seen.blocks, ids.FEEDBACK_THANKS)) is not None:
            self.feedback_buttons[person.user_id] = feedback
        if (followup := render.find_button(seen.blocks, ids.FEEDBACK_FOLLOWUP)) is not None:
            self._at(self.clock.now() + TELL_AFTER, lambda p=person, d=followup: self._tell(p, d))
        if (lesson := render.find_button(seen.blocks, ids.LESSON_USED)) is not None:
            moment = working_hours(self.clock.now() + LESSON_AFTER, person.tz)
            self._at(moment, lambda p=person, d=lesson: self._lesson(p, d))
        if (request := render.find_button(seen.blocks, ids.REVIEW_OPEN)) is not None:
            moment = working_hours(self.clock.now() + REVIEW_AFTER, person.tz)
            self._at(moment, lambda p=person, r=request: self._review(p, r))
        if (calibration := render.find_button(seen.blocks, ids.CALIBRATE_OPEN)) is not None:
            moment = working_hours(self.clock.now() + RATE_AFTER + RATE_EVERY * self.rank[person.user_id], person.tz)
            self._at(moment, lambda p=person, r=calibration: self._rate(p, r))

    def _file(self, seen: Seen, tz: str, who: str) -> None:
        if self.quiet:
            return
        final = seen.text.endswith(self.final_week)
        size = len(seen.data or b"") // 1024
        self._print(f"{self._stamp(tz)} → {who}, by DM: file {seen.filename} ({size} KB) “{seen.text}”")
        if final and (seen.filename or "").endswith(".png") and seen.data:
            path = self.chart_path or Path(tempfile.gettempdir()) / f"practice-demo-chart-{self.final_week}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(seen.data)
            self.result.chart = path
            self._print(f"{' ' * STAMP_WIDTH} (the chart {self.plan.lead.display} received is saved at {path})")
        self._print("")
