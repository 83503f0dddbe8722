"""The scheduler at scale: how long one minute's tick takes with 1,000, 10,000 and 100,000 people in teams of 50
across three time zones, on SQLite and PostgreSQL side by side, and the bot's peak memory through a whole
100,000-person day of real sends.

    .venv/bin/python -m bench.scheduler --write   # about 20 minutes on 2 cores; rewrites its block of
                                                  # docs/benchmarks.md (--no-day: 8 minutes, no day run)

Each deployment is written straight to a fresh store (teams, members, profiles synced today), then planned by
one tick. A quiet tick is Tuesday 01:00-01:20 UTC, when no window is open anywhere; a settled tick is Tuesday
11:00-11:20 UTC, inside Dublin's and Kolkata's catch-up windows, once every send due by then is in the ledger
as sent and one tick has moved each occurrence on. The day runs a tick every minute from Tuesday
00:00 to Wednesday 00:00 UTC in a child process against the fake Web API, sending every quote, prompt and
reminder; the child's peak RSS is the bot's own (the fake, which keeps every message, runs in this process).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlmodel import select

from bench.common import ROOT, database, machine, median, percentile, postgres_available
from bench.report import RESULTS_PAGE, Section, Target, render, rewrite_results
from config import Settings
from deps import Deps, build_deps
from domain.clock import ManualClock
from domain.ledger import DeliveryKind, DeliveryStatus
from domain.schedule import due_now
from fake_slack.web_api import FakeSlackAPI
from fake_slack.workspace import BOT_TOKEN, LEAD, SIGNING_SECRET
from storage import queries
from storage.db import transaction
from storage.models import Delivery, Person, Team, TeamMember
from usecases import tick

SIZES = (1_000, 10_000, 100_000)
#: Its own block of docs/benchmarks.md: it takes long enough to be run on its own.
RESULTS_BLOCK = "bench:scheduler"
TEAM_SIZE = 50
ZONES = ("America/New_York", "Europe/Dublin", "Asia/Kolkata")
MIDNIGHT = datetime(2026, 12, 8, 0, 0, tzinfo=UTC)  # a Tuesday: no Monday summaries, no pairings
QUIET = MIDNIGHT + timedelta(hours=1)
SETTLED = MIDNIGHT + timedelta(hours=11)
SAMPLES = 20
QUIET_TARGET_MS, SETTLED_TARGET_MS, GROWTH_TARGET = 20.0, 50.0, 2.0


@dataclass(frozen=True)
class Timing:
    backend: str
    people: int
    seed_s: float
    plan_s: float
    quiet_ms: list[float]
    settle_s: float
    settled_ms: list[float]


def settings(url: str, api_url: str) -> Settings:
    return Settings(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, database_url=url, slack_api_url=api_url)


def deps_for(url: str, api_url: str, now: datetime) -> Deps:
    return build_deps(settings(url, api_url), clock=ManualClock(now), rng=random.Random(1))


def people_of(team: int) -> list[str]:
    return [f"U{team:05d}M{n:02d}" for n in range(TEAM_SIZE)]


def seed(deps: Deps, people: int) -> None:
    """Teams of 50, each in one of three zones with its members, synced and profiled at midnight."""
    teams = people // TEAM_SIZE
    with transaction(deps.sessions) as session:
        session.exec(
            insert(Team),
            params=[
                {
                    "channel_id": f"C{n:05d}",
                    "created_by": LEAD,
                    "timezone": ZONES[n % len(ZONES)],
                    "created_at": MIDNIGHT,
                    "members_synced_at": MIDNIGHT,
                }
                for n in range(teams)
            ],
        )
        ids = {t.channel_id: t.id for t in session.exec(select(Team))}
        session.exec(
            insert(TeamMember),
            params=[{"team_id": ids[f"C{n:05d}"], "user_id": u} for n in range(teams) for u in people_of(n)],
        )
        session.exec(
            insert(Person),
            params=[
                {"user_id": u, "timezone": ZONES[n % len(ZONES)], "profile_refreshed_at": MIDNIGHT}
                for n in range(teams)
                for u in people_of(n)
            ],
        )


def refresh_statistics(deps: Deps) -> None:
    """After a bulk write, PostgreSQL's planner still sees the tables as they were until autovacuum analyzes
    them (within a minute on a live server); a deployment that has been running has them current."""
    if deps.engine.dialect.name == "postgresql":
        with deps.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()


def mark_due_as_sent(deps: Deps, now: datetime) -> int:
    """Everything due_now names at `now` goes into the ledger as sent, as if the morning's ticks had sent it."""
    with deps.sessions() as session:
        plans = queries.load_plans(session)
    dues = due_now(now, plans, deps.settings.catch_up)
    with transaction(deps.sessions) as session:
        for start in range(0, len(dues), 5000):
            session.exec(
                insert(Delivery),
                params=[
                    {
                        "team_id": d.team_id,
                        "recipient": d.recipient,
                        "kind": d.kind,
                        "local_date": d.local_date,
                        "slot": 0,
                        "status": DeliveryStatus.SENT,
                        "item_id": deps.prompts[0].id if d.kind != DeliveryKind.QUOTE else deps.quotes[0].id,
                        "skill": deps.prompts[0].skill if d.kind == DeliveryKind.PROMPT else None,
                        "claimed_at": now,
                        "sent_at": now,
                        "attempts": 1,
                    }
                    for d in dues[start : start + 5000]
                ],
            )
    return len(dues)


def timed_ticks(deps: Deps, clock: ManualClock, start: datetime) -> list[float]:
    """SAMPLES ticks a minute apart from `start`; each must find nothing to send."""
    found = []
    for n in range(SAMPLES):
        clock.set(start + timedelta(minutes=n))
        began = time.perf_counter()
        outcome = tick.run_tick(deps)
        found.append((time.perf_counter() - began) * 1000)
        if outcome:
            raise AssertionError(f"a quiet or settled tick sent something: {dict(outcome)}")
    return found


def measure(backend: str, people: int, fake: FakeSlackAPI, log: Callable[[str], None]) -> Timing:
    with tempfile.TemporaryDirectory() as folder, database(backend, Path(folder), "scheduler") as url:
        deps = deps_for(url, fake.base_url, MIDNIGHT)
        clock = deps.clock
        assert isinstance(clock, ManualClock)
        began = time.perf_counter()
        seed(deps, people)
        refresh_statistics(deps)
        seeded = time.perf_counter()
        clock.set(QUIET - timedelta(minutes=1))
        tick.run_tick(deps)  # plans every team
        planned = time.perf_counter()
        refresh_statistics(deps)
        quiet = timed_ticks(deps, clock, QUIET)
        clock.set(SETTLED - timedelta(minutes=1))
        sent = mark_due_as_sent(deps, SETTLED - timedelta(minutes=1))
        refresh_statistics(deps)
        settling = time.perf_counter()
        outcome = tick.run_tick(deps)  # finds the morning's occurrences sent and moves them on
        settled_at = time.perf_counter()
        if any(not key.endswith(":already") for key in outcome):
            raise AssertionError(f"the settling tick sent something: {dict(outcome)}")
        settled = timed_ticks(deps, clock, SETTLED)
        deps.engine.dispose()
    log(
        f"  {backend} {people:,}: quiet median {median(quiet):.1f} ms, settled median {median(settled):.1f} ms "
        f"({sent:,} sends in the ledger; seed {seeded - began:.1f} s, plan {planned - seeded:.1f} s)"
    )
    return Timing(backend, people, seeded - began, planned - seeded, quiet, settled_at - settling, settled)


def _day(url: str, api_url: str, people: int, result: multiprocessing.Queue) -> None:
    """The child: a whole day of minute ticks with real sends; reports its counts, time and peak RSS."""
    deps = deps_for(url, api_url, MIDNIGHT)
    clock = deps.clock
    assert isinstance(clock, ManualClock)
    seed(deps, people)
    totals: dict[str, int] = {}
    began = time.perf_counter()
    slowest = 0.0
    for minute in range(24 * 60):
        clock.set(MIDNIGHT + timedelta(minutes=minute))
        start = time.perf_counter()
        for key, count in tick.run_tick(deps).items():
            totals[key] = totals.get(key, 0) + count
        slowest = max(slowest, time.perf_counter() - start)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result.put((totals, time.perf_counter() - began, slowest, peak_kib))


@dataclass(frozen=True)
class Day:
    backend: str
    people: int
    totals: dict[str, int]
    seconds: float
    slowest_s: float
    peak_mib: float


def run_day(backend: str, people: int, log: Callable[[str], None]) -> Day:
    with (
        tempfile.TemporaryDirectory() as folder,
        database(backend, Path(folder), "day") as url,
        FakeSlackAPI() as fake,
    ):
        for n in range(people // TEAM_SIZE):
            members = people_of(n)
            for user_id in members:
                fake.add_user(user_id, tz=ZONES[n % len(ZONES)])
            fake.add_channel(f"C{n:05d}", name=f"team-{n}", members=members)
        spawn = multiprocessing.get_context("spawn")
        result = spawn.Queue()
        child = spawn.Process(target=_day, args=(url, fake.base_url, people, result))
        child.start()
        totals, seconds, slowest, peak_kib = result.get()
        child.join()
    day = Day(backend, people, totals, seconds, slowest, peak_kib / 1024)
    log(f"  day {backend} {people:,}: {dict(totals)} in {seconds:.0f} s, peak RSS {day.peak_mib:.0f} MiB")
    return day


def section(timings: list[Timing], days: list[Day], skipped: list[str]) -> Section:
    table = [
        [
            "Database",
            "People (teams of 50)",
            "Quiet tick median / p95 (ms)",
            "Settled tick median / p95 (ms)",
            "First plan (s)",
            "Settling tick (s)",
        ]
    ]
    for t in timings:
        table.append(
            [
                t.backend,
                f"{t.people:,}",
                f"{median(t.quiet_ms):.1f} / {percentile(t.quiet_ms, 95):.1f}",
                f"{median(t.settled_ms):.1f} / {percentile(t.settled_ms, 95):.1f}",
                f"{t.plan_s:.1f}",
                f"{t.settle_s:.1f}",
            ]
        )
    targets = []
    for backend in sorted({t.backend for t in timings}):
        by_size = {t.people: t for t in timings if t.backend == backend}
        largest, smallest = by_size[max(by_size)], by_size[min(by_size)]
        quiet, settled = median(largest.quiet_ms), median(largest.settled_ms)
        targets.append(
            Target(
                f"Quiet tick ≤ {QUIET_TARGET_MS:.0f} ms at {largest.people:,} ({backend})",
                quiet <= QUIET_TARGET_MS,
                f"median {quiet:.1f} ms, p95 {percentile(largest.quiet_ms, 95):.1f} ms",
            )
        )
        targets.append(
            Target(
                f"Settled tick in a catch-up window ≤ {SETTLED_TARGET_MS:.0f} ms at {largest.people:,} ({backend})",
                settled <= SETTLED_TARGET_MS,
                f"median {settled:.1f} ms, p95 {percentile(largest.settled_ms, 95):.1f} ms",
            )
        )
        for label, pick in (("quiet", lambda t: t.quiet_ms), ("settled", lambda t: t.settled_ms)):
            ratio = median(pick(largest)) / max(median(pick(smallest)), 0.001)
            targets.append(
                Target(
                    f"{label.capitalize()} tick at {largest.people:,} within {GROWTH_TARGET:.0f}x of "
                    f"{smallest.people:,} ({backend})",
                    ratio <= GROWTH_TARGET,
                    f"{ratio:.2f}x ({median(pick(largest)):.1f} vs {median(pick(smallest)):.1f} ms)",
                )
            )
    notes = [
        f"Teams of {TEAM_SIZE} spread over {', '.join(ZONES)}; the medians and 95th percentiles of {SAMPLES} ticks "
        "a minute apart, each timed around `usecases.tick.run_tick` in the benchmark's process.",
        "Quiet: Tuesday 01:00 UTC, no window open anywhere. Settled: Tuesday 11:00 UTC, inside Dublin's and "
        "Kolkata's catch-up windows, with every send due by then in the ledger as sent and one tick having moved "
        "each occurrence on (its time is the settling tick's column).",
        "First plan: the tick that computes every team's next moments after the deployment is written (an "
        "upgrade from a release without them does the same once).",
        "On PostgreSQL the planner's statistics are refreshed (ANALYZE) after each bulk write of the benchmark's "
        "own, as autovacuum does on a live server; without it, right after 100,000 ledger rows were written, the "
        "settling tick's lookups of the day's keys were planned as scans and took minutes.",
    ]
    for day in days:
        sends = ", ".join(f"{key} {count:,}" for key, count in sorted(day.totals.items()))
        notes.append(
            f"A whole day at {day.people:,} people on {day.backend} (a tick every minute for 24 hours, real sends to "
            f"the fake Web API): {sends}; {day.seconds:.0f} s in all, slowest tick {day.slowest_s:.1f} s; peak RSS "
            f"of the bot's process {day.peak_mib:.0f} MiB."
        )
    if days:
        targets.append(
            Target(
                "Peak memory during a 100,000-person day stated",
                True,
                "; ".join(f"{d.backend}: {d.peak_mib:.0f} MiB" for d in days),
            )
        )
    notes += [f"{backend}: not reachable, skipped." for backend in skipped]
    return Section("The scheduler at scale: one minute's tick", table, notes, targets)


def run(
    quick: bool = False,
    log: Callable[[str], None] = print,
    backends: Sequence[str] = ("sqlite", "postgresql"),
    sizes: Sequence[int] = SIZES,
    day: bool = True,
) -> Section:
    timings, days, skipped = [], [], []
    sizes = sizes[:2] if quick else sizes
    usable = [b for b in backends if b != "postgresql" or postgres_available()]
    skipped = [b for b in backends if b not in usable]
    with FakeSlackAPI() as fake:
        for people in sizes:  # the databases side by side at each size: the machine is shared and noisy
            for backend in usable:
                timings.append(measure(backend, people, fake, log))
    if day and not quick:
        for backend in usable:
            days.append(run_day(backend, max(sizes), log))
    return section(timings, days, skipped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    parser.add_argument("--no-day", action="store_true", help="skip the whole day of real sends")
    parser.add_argument("--write", action="store_true", help=f"rewrite this benchmark's results in {RESULTS_PAGE}")
    args = parser.parse_args()
    started = time.perf_counter()
    result = run(backends=args.backends, sizes=args.sizes, day=not args.no_day, log=log)
    minutes = (time.perf_counter() - started) / 60
    command = "python -m bench.scheduler" + (" --no-day" if args.no_day else "")
    body = render([result], day=date.today().isoformat(), machine=machine(), minutes=minutes, command=command)
    if args.write:
        rewrite_results(ROOT / RESULTS_PAGE, body, name=RESULTS_BLOCK)
    print(body)


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
