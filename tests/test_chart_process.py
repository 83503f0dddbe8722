"""The lead's chart is drawn in a process of its own, so its ~200 ms of CPU never holds up an ack, and that
process goes when the bot goes, even when the bot is killed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from domain import summary as ds
from handlers import summary_chart

ROOT = Path(__file__).resolve().parents[1]


def test_a_chart_comes_back_as_a_png_drawn_in_another_process() -> None:
    week = ds.Week.of(date(2026, 11, 16))
    points = [ds.WeekPoint(week.shifted(-n), ds.Tally(20, 15), {"empathy": 5}) for n in range(8)]

    drawn = summary_chart.png(points)

    assert drawn.startswith(b"\x89PNG")
    pool = summary_chart._pool_now()
    assert pool.submit(os.getpid).result(timeout=30) != os.getpid()


def test_the_chart_process_gives_way_to_the_bot_for_the_cpu() -> None:
    pool = summary_chart._pool_now()
    chart_pid = pool.submit(os.getpid).result(timeout=30)

    assert os.getpriority(os.PRIO_PROCESS, chart_pid) >= os.getpriority(os.PRIO_PROCESS, 0) + 10


def chart_process_alive(pid: int) -> bool:
    try:
        return "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return False


def test_the_chart_process_leaves_when_the_bot_is_killed() -> None:
    bot = subprocess.Popen(
        [sys.executable, "-c", "from handlers import summary_chart; summary_chart.start(); "
                               "print(summary_chart._pool_now().submit(__import__('os').getpid).result(60), "
                               "flush=True); __import__('time').sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        chart_pid = int(bot.stdout.readline())  # type: ignore[union-attr]
        assert chart_process_alive(chart_pid)
    finally:
        bot.kill()
        bot.wait()
    deadline = time.monotonic() + 10
    while chart_process_alive(chart_pid):
        assert time.monotonic() < deadline, "the chart process outlived the killed bot"
        time.sleep(0.1)
