"""The lead's chart is drawn in a process of its own, so its ~200 ms of CPU never holds up an ack, and that
process goes when the bot goes, even when the bot is killed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from adapters import summary_chart
from domain import summary as ds
from domain.skills import SKILLS

ROOT = Path(__file__).resolve().parents[2]


def test_a_chart_comes_back_as_a_png_drawn_in_another_process() -> None:
    week = ds.Week.of(date(2026, 11, 16))
    points = [ds.WeekPoint(week.shifted(-n), ds.Tally(20, 15), {"empathy": 5}) for n in range(8)]

    drawn = summary_chart.png(points)

    assert drawn.startswith(b"\x89PNG")
    pool = summary_chart._pool_now()
    assert pool.submit(os.getpid).result(timeout=30) != os.getpid()


def eight_weeks(first_with_prompts: int = 0) -> list[ds.WeekPoint]:
    """Eight weeks to 2026-W48; before `first_with_prompts`, weeks without prompts (a new team)."""
    week = ds.Week.of(date(2026, 11, 23))
    skills = {
        "empathy": 5,
        "listening": 4,
        "journey": 3,
        "integrity": 2,
        "value": 3,
        "questioning": 1,
        "self_awareness": 2,
        "responsiveness": 2,
        "feedback": 1,
    }
    return [
        ds.WeekPoint(
            week.shifted(n - 7),
            ds.Tally(30, 23) if n >= first_with_prompts else ds.Tally(),
            skills if n >= first_with_prompts else {},
        )
        for n in range(8)
    ]


def test_the_title_says_how_many_weeks_to_which() -> None:
    assert summary_chart.title(eight_weeks()) == "Participation and skills practised: the 8 weeks to 2026-W48"
    assert summary_chart.title(eight_weeks()[-1:]) == "Participation and skills practised: the week 2026-W48"
    figure = summary_chart.figure(eight_weeks())
    assert figure.get_suptitle() == summary_chart.title(eight_weeks())


def test_the_legend_names_every_skill_outside_the_bars_and_inside_the_picture() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = summary_chart.figure(eight_weeks())
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # as savefig does: text and legend extents are known once drawn
    renderer = canvas.get_renderer()
    rate_axes, skill_axes = figure.axes
    legend = skill_axes.get_legend()
    box = legend.get_window_extent(renderer)
    names = [text.get_text() for text in legend.get_texts()]
    assert sorted(names) == sorted(s.name for s in SKILLS)
    assert min(t.get_fontsize() for t in legend.get_texts()) >= 8
    for axes in (rate_axes, skill_axes):
        assert not box.overlaps(axes.get_window_extent(renderer)), "the legend is over the plotting area"
    assert figure.bbox.contains(box.x0, box.y0) and figure.bbox.contains(box.x1, box.y1), "the legend is cut off"
    for text in legend.get_texts():  # "Understanding the customer", the longest, included
        extent = text.get_window_extent(renderer)
        assert extent.x1 <= figure.bbox.x1, text.get_text()


def test_bars_carry_their_values_and_weeks_without_prompts_say_so() -> None:
    figure = summary_chart.figure(eight_weeks(first_with_prompts=2))
    rate_axes, skill_axes = figure.axes
    shown = [t.get_text() for t in rate_axes.texts]
    assert shown.count("77%") == 6 and shown.count("no\nprompts") == 2, shown
    assert [t.get_text() for t in skill_axes.texts] == ["23"] * 6
    assert [label.get_text() for label in skill_axes.get_xticklabels()][-1] == "W48\n23 Nov"


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
        [
            sys.executable,
            "-c",
            "from adapters import summary_chart; summary_chart.start(); "
            "print(summary_chart._pool_now().submit(__import__('os').getpid).result(60), "
            "flush=True); __import__('time').sleep(60)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
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
