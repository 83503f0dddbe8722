"""The bot's footprint: start-up time (process start to the first 200 on /readyz) on a fresh database and
on one already migrated, resident memory when idle, and its peak during the fan-outs. Run on demand:

    .venv/bin/python -m bench.footprint
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import bot_process, median, quiet_zone
from bench.fanout import FanOut
from bench.report import Section
from fake_slack.web_api import FakeSlackAPI

STARTS = 3


def measure(starts: int = STARTS) -> tuple[list[float], list[float], list[float]]:
    """(start-ups on a fresh database, start-ups on a migrated one, idle RSS MiB after each)."""
    fresh, warm, idle = [], [], []
    with FakeSlackAPI() as fake:
        for n in range(starts):
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{Path(folder) / f'footprint{n}.db'}"
                for into in (fresh, warm):
                    bot = bot_process(fake, url, Path(folder), zone=quiet_zone())
                    try:
                        into.append(bot.startup_seconds)
                        time.sleep(1.5)  # the start-up tick and imports settle
                        idle.append(bot.memory_mib())
                    finally:
                        bot.stop()
        fake.problems.clear()
    return fresh, warm, idle


def section(fresh: list[float], warm: list[float], idle: list[float], fanouts: Sequence[FanOut]) -> Section:
    table = [
        ["measure", "value"],
        [
            "start-up, fresh SQLite (migrations run), process start to /readyz 200",
            f"{median(fresh):.2f} s (median of {len(fresh)}; max {max(fresh):.2f} s)",
        ],
        ["start-up, database already migrated", f"{median(warm):.2f} s (max {max(warm):.2f} s)"],
        ["resident memory (RSS), idle", f"{median(idle):.0f} MiB"],
    ]
    for run in fanouts:
        table.append([f"RSS during the {run.members:,}-member fan-out (peak)", f"{run.peak_mib:.0f} MiB"])
    notes = [
        "`python bot.py` in HTTP mode with SQLite, measured from outside through /proc (VmRSS; VmHWM for "
        "the peak), summed over the bot and the processes it starts: after the first `/summary`, the chart "
        "process (matplotlib) and multiprocessing's resource tracker, about 95 MiB more together (measured "
        "by hand on 2026-11-23: 214 MiB with them started); idle is before any chart. No target in the "
        "issue; listed so a change that grows them shows up."
    ]
    return Section("Footprint", table, notes)


def run(fanouts: Sequence[FanOut] = (), quick: bool = False, log: Callable[[str], None] = print) -> Section:
    fresh, warm, idle = measure(2 if quick else STARTS)
    log(
        f"  footprint: start-up {median(fresh):.2f} s fresh, {median(warm):.2f} s migrated, idle {median(idle):.0f} MiB"
    )
    return section(fresh, warm, idle, fanouts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    print(run().markdown())


if __name__ == "__main__":
    main()
