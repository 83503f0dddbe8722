"""`python bot.py demo`: a team's practice days on a virtual clock, printed as each person would see them.

The bot is the real one: settings, dependencies, the Bolt app and its listeners, the scheduler's tick, the
domain and storage (a temporary SQLite file). Only Slack's Web API is replaced (demo.workspace), and Slack's
side of the conversation (commands, clicks, forms) is played from demo.script.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from app import create_app
from config import Settings
from demo import render, script
from demo.driver import DemoError, Driver
from demo.script import Gift, Person, Reply, Script
from demo.workspace import TOKEN, Seen, Workspace
from deps import Deps, build_deps
from domain.answers import VISIBILITY_LABELS
from domain.clock import ManualClock
from domain.summary import Week
from handlers import ids, jobs
from storage.models import Delivery

TICK = timedelta(minutes=30)  # the real scheduler ticks every minute; every schedule time here is on the half hour
SIGNING_SECRET = "demo-signing-secret"
SETUP_TIME = time(18, 0)  # the Sunday evening before FIRST_DAY, team time: the lead sets the team up
SUMMARY_TIME = time(23, 30)  # the last day, team time: everyone's day is over (New York's evening too)


@dataclass(frozen=True)
class Options:
    team_size: int = 6
    days: int = 7
    seed: int = 1
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
    parser.add_argument("--days", type=_bounded(script.MIN_DAYS, script.MAX_DAYS), default=7,
                        help="how many days to simulate, from a Monday (default 7)")
    parser.add_argument("--team-size", type=_bounded(script.MIN_TEAM, script.MAX_TEAM), default=6,
                        help="people in the team channel, the lead included (default 6)")
    parser.add_argument("--seed", type=int, default=1, help="varies who answers, when and how (default 1)")
    parser.add_argument("--chart", type=Path, default=None, help="where to write the summary chart PNG")
    args = parser.parse_args(argv)
    return Options(team_size=args.team_size, days=args.days, seed=args.seed, chart=args.chart)


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
    plan = script.plan(team_size=options.team_size, days=options.days, seed=options.seed)
    with tempfile.TemporaryDirectory(prefix="practice-demo-") as folder:
        demo = _Demo(plan, Path(folder) / "demo.db", out, options.seed)
        try:
            return demo.play(options.chart)
        finally:
            demo.close()


def _city(tz: str) -> str:
    return tz.rsplit("/", 1)[-1].replace("_", " ")


def _utc(day: date, at: time, tz: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz)).astimezone(UTC)


class _Demo:
    def __init__(self, plan: Script, database: Path, out: TextIO, seed: int) -> None:
        self.plan = plan
        self.out = out
        self.result = Result(plan)
        self.clock = ManualClock(_utc(script.FIRST_DAY - timedelta(days=1), SETUP_TIME, script.TEAM_ZONE))
        self.workspace = Workspace(plan.people, script.TEAM_CHANNEL, script.TEAM_CHANNEL_NAME, self.clock.now).start()
        settings = Settings(
            bot_token=TOKEN, signing_secret=SIGNING_SECRET, database_url=f"sqlite:///{database}",
            slack_api_url=self.workspace.api_url, lead_user_ids=frozenset({plan.lead.user_id}),
            default_timezone=script.TEAM_ZONE,
        )
        self.deps: Deps = build_deps(settings, clock=self.clock, rng=random.Random(seed))
        self.driver = Driver(create_app(self.deps), self.workspace, SIGNING_SECRET)
        self.names = {p.user_id: p.display for p in plan.people} | {script.TEAM_CHANNEL: script.TEAM_CHANNEL_NAME}
        self.open_prompts: dict[str, str] = {}  # user id -> the delivery id on their latest Answer button
        self.feedback_buttons: dict[str, str] = {}  # user id -> the feedback id on their latest Thank you button
        self._day_shown: date | None = None

    def close(self) -> None:
        self.driver.close()
        self.workspace.stop()
        self.deps.engine.dispose()

    # ------------------------------------------------------------------ the story

    def play(self, chart: Path | None) -> Result:
        self._introduce()
        lead = self.plan.lead
        self._say(lead.tz, f"{lead.display}, the lead, in #{script.TEAM_CHANNEL_NAME}: /practice start")
        self.driver.command(lead.user_id, "/practice", "start", channel_id=script.TEAM_CHANNEL)
        self._show()
        end = _utc(script.FIRST_DAY + timedelta(days=self.plan.days - 1), SUMMARY_TIME, script.TEAM_ZONE)
        self._run_until(end)
        self._summary(chart)
        return self.result

    def _introduce(self) -> None:
        people = ", ".join(f"{p.display} ({_city(p.tz)}{', lead' if p.lead else ''})" for p in self.plan.people)
        last = script.FIRST_DAY + timedelta(days=self.plan.days - 1)
        self._print(
            f"Practice Coach demo: {len(self.plan.people)} people in #{script.TEAM_CHANNEL_NAME}: {people}.\n"
            f"{self.plan.days} day(s) on a virtual clock, {script.FIRST_DAY:%a %-d %b} to {last:%a %-d %b %Y}. "
            "The real bot runs (handlers, scheduler, a temporary SQLite database);\n"
            "only Slack's Web API is simulated. Times are each person's own local time.\n"
        )

    def _actions(self) -> list[tuple[datetime, int, Callable[[], None]]]:
        """Everyone's scripted moves, in time order (ties keep the script's order)."""
        moves: list[tuple[datetime, Callable[[], None]]] = []
        for (user_id, day), reply in self.plan.replies.items():
            person = self.plan.person(user_id)
            assert person is not None
            moment = _utc(script.FIRST_DAY + timedelta(days=day), reply.at, person.tz)
            moves.append((moment, lambda p=person, r=reply: self._answer(p, r)))
        for gift in self.plan.gifts:
            moment = _utc(script.FIRST_DAY + timedelta(days=gift.day), gift.at, gift.giver.tz)
            moves.append((moment, lambda g=gift: self._give(g)))
            if gift.thanked:
                moves.append((moment + timedelta(minutes=30), lambda g=gift: self._thank(g)))
        return sorted(((at, n, move) for n, (at, move) in enumerate(moves)), key=lambda item: item[:2])

    def _run_until(self, end: datetime) -> None:
        """Tick every half hour; scripted moves happen at their own minute in between."""
        pending = self._actions()
        next_tick = self.clock.now() + TICK
        while True:
            moment = min(next_tick, pending[0][0]) if pending else next_tick
            if moment >= end:
                break
            self.clock.set(moment)
            if moment == next_tick:
                jobs.run_tick(self.deps)
                self._show()
                next_tick += TICK
            while pending and pending[0][0] <= moment:
                pending.pop(0)[2]()
        self.clock.set(end)

    def _answer(self, person: Person, reply: Reply) -> None:
        delivery = self.open_prompts.get(person.user_id)
        if delivery is None:
            raise DemoError(f"{person.display} was scripted to answer, but has no prompt to answer")
        text = script.answer_text(self._skill_of(int(delivery)), reply.choice)
        if reply.how == "inline":
            self._say(person.tz, f"{person.display}, in the DM with the bot: /reflect {text}")
            self.driver.command(person.user_id, "/reflect", text, channel_id=f"D{person.user_id}")
            self._show()
            return
        self._say(person.tz, f"{person.display} clicks [ Answer ]")
        self.driver.click(person.user_id, ids.ANSWER_OPEN, delivery, channel_id=f"D{person.user_id}")
        form = next((s.view for s in reversed(self._show()) if s.kind == "form"), None)
        if form is None:
            raise DemoError(f"the Answer button opened no form for {person.display}")
        values = {
            ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": text}},
            ids.VISIBILITY_BLOCK: {ids.VISIBILITY_INPUT: {"type": "radio_buttons",
                                                          "selected_option": {"value": reply.visibility}}},
        }
        rated = any(b.get("block_id") == ids.RATING_BLOCK for b in form.get("blocks") or [])
        rating = f", rates themself {3 + reply.choice % 3}" if rated else ""
        if rated:
            values[ids.RATING_BLOCK] = {ids.RATING_INPUT: {"type": "radio_buttons",
                                                           "selected_option": {"value": str(3 + reply.choice % 3)}}}
        self._say(person.tz, f"{person.display} writes “{text}”, picks “{VISIBILITY_LABELS[reply.visibility]}”"
                             f"{rating} and clicks [ Save ]")
        self.driver.submit(person.user_id, form, values)
        self._show()

    def _give(self, gift: Gift) -> None:
        giver, recipient = gift.giver, gift.recipient
        self._say(giver.tz, f"{giver.display}, in the DM with the bot: /feedback @{recipient.name} {gift.text}")
        self.driver.command(giver.user_id, "/feedback", f"<@{recipient.user_id}|{recipient.name}> {gift.text}",
                            channel_id=f"D{giver.user_id}")
        self._show()

    def _thank(self, gift: Gift) -> None:
        recipient = gift.recipient
        feedback_id = self.feedback_buttons.get(recipient.user_id)
        if feedback_id is None:
            return
        self._say(recipient.tz, f"{recipient.display} clicks [ Thank you ] on the feedback")
        self.driver.click(recipient.user_id, ids.FEEDBACK_THANKS, feedback_id, channel_id=f"D{recipient.user_id}")
        self._show()

    def _summary(self, chart: Path | None) -> None:
        lead = self.plan.lead
        week = Week.of(script.FIRST_DAY + timedelta(days=self.plan.days - 1)).label
        self._day_header()
        self._print("━━ The lead's weekly summary ━━")
        self._say(lead.tz, f"{lead.display}, in #{script.TEAM_CHANNEL_NAME}: /summary {week}")
        self.driver.command(lead.user_id, "/summary", week, channel_id=script.TEAM_CHANNEL)
        shown = self._show()
        answer = next((s for s in shown if s.kind == "ephemeral" and s.to == lead.user_id), None)
        if answer is None:
            raise DemoError("the lead's /summary got no answer")
        self.result.summary = render.blocks(answer.blocks, answer.text, self.names)
        png = next((s for s in shown if s.kind == "file" and (s.filename or "").endswith(".png")), None)
        if png is not None and png.data:
            path = chart or Path(tempfile.gettempdir()) / f"practice-demo-chart-{week}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png.data)
            self.result.chart = path
            self._print(f"The chart {lead.display} received is saved at {path}\n")
        share = render.find_button(answer.blocks, ids.SUMMARY_SHARE)
        if share:
            self._say(lead.tz, f"{lead.display} clicks [ Share with the team ]")
            self.driver.click(lead.user_id, ids.SUMMARY_SHARE, share, channel_id=script.TEAM_CHANNEL)
            self._show()

    # ------------------------------------------------------------------ printing

    def _skill_of(self, delivery_id: int) -> str:
        with self.deps.sessions() as session:
            row = session.get(Delivery, delivery_id)
            prompt = self.deps.prompt(row.item_id if row else None)
        return prompt.skill if prompt else "listening"

    def _print(self, text: str) -> None:
        print(text, file=self.out)

    def _day_header(self) -> None:
        """Days are the team's (Dublin's); each line still shows its reader's own local time."""
        team_day = self.clock.now().astimezone(ZoneInfo(script.TEAM_ZONE)).date()
        if team_day != self._day_shown:
            self._day_shown = team_day
            self._print(f"━━ {team_day:%A %-d %B} ({_city(script.TEAM_ZONE)}) ━━")

    def _stamp(self, tz: str) -> str:
        self._day_header()
        return f"{self.clock.now().astimezone(ZoneInfo(tz)):%a %H:%M} {_city(tz):<9}"

    def _say(self, tz: str, line: str) -> None:
        self._print(f"{self._stamp(tz)} {line}")

    def _show(self) -> list[Seen]:
        """Print what the bot sent since last time, and remember the buttons the script will click."""
        fresh = self.workspace.new_records()
        for seen in fresh:
            person = self.plan.person(seen.to)
            tz = person.tz if person else script.TEAM_ZONE
            who = person.display if person else f"#{self.names.get(seen.to, seen.to)}"
            if seen.kind == "form" and seen.view is not None:
                form = render.indented(render.view(seen.view, self.names))
                self._print(f"{self._stamp(tz)} {who} sees a form\n{form}")
                continue
            if seen.kind == "file":
                size = len(seen.data or b"") // 1024
                self._print(f"{self._stamp(tz)} → {who}, by DM: file {seen.filename} ({size} KB) “{seen.text}”\n")
                continue
            if (delivery := render.find_button(seen.blocks, ids.ANSWER_OPEN)) is not None and person:
                self.open_prompts[person.user_id] = delivery
            if (feedback := render.find_button(seen.blocks, ids.FEEDBACK_THANKS)) is not None and person:
                self.feedback_buttons[person.user_id] = feedback
            how = {"ephemeral": " (only they see this)", "message": ", by DM" if person else ""}[seen.kind]
            lines = render.blocks(seen.blocks, seen.text, self.names)
            self._print(f"{self._stamp(tz)} → {who}{how}\n{render.indented(lines)}\n")
        return fresh
