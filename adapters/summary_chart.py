"""The lead's chart: participation and skills practised over the last 8 weeks, as a small PNG.

matplotlib is imported here only, and only where a chart is drawn, with the Agg backend (no display,
thread-safe use through the object API rather than pyplot's global state), so the rest of the bot never
pays for it (0.8 s and some 30 MB at start-up). Drawing takes about 300 ms of CPU: done in the serving
process it would hold the GIL against every ack, so a separate process draws.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from domain.skills import SKILLS
from domain.summary import WeekPoint

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Nine distinguishable colours (tab10 minus grey), one per skill.
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf")
_RATE_COLOUR = "#4a7fb5"
_QUIET = "#777777"
# Inches. The legend has a column of its own right of the bars, so it never covers one.
_SIZE = (8.0, 5.6)
_BARS_RIGHT = 0.72


def title(points: Sequence[WeekPoint]) -> str:
    """ "Participation and skills practised: the 8 weeks to 2026-W48" (one week: "the week 2026-W48")."""
    if not points:
        return "Participation and skills practised"
    last = points[-1].week.label
    span = f"the week {last}" if len(points) == 1 else f"the {len(points)} weeks to {last}"
    return f"Participation and skills practised: {span}"


def figure(points: Sequence[WeekPoint]) -> Figure:
    """Top: the team's answer rate per week. Bottom: answers per skill per week, stacked, with each week's total
    above its bar; weeks with no prompts delivered say so rather than showing as 0%."""
    figure = _new_figure()
    figure.subplots_adjust(left=0.08, right=_BARS_RIGHT, top=0.9, bottom=0.11, hspace=0.28)
    rate_axes, skill_axes = figure.subplots(2, 1, sharex=True, height_ratios=(1, 1.5))
    figure.suptitle(title(points), fontsize=12, x=0.08, ha="left")
    positions = list(range(len(points)))
    labels = [f"W{p.week.number:02d}\n{p.week.monday:%-d %b}" for p in points]

    rates = [round(p.prompts.rate * 100) if p.prompts.rate is not None else 0 for p in points]
    bars = rate_axes.bar(positions, rates, color=_RATE_COLOUR, width=0.7)
    rate_axes.bar_label(
        bars,
        labels=[f"{r}%" if p.prompts.delivered else "" for r, p in zip(rates, points, strict=True)],
        padding=2,
        fontsize=9,
    )
    for x, point in zip(positions, points, strict=True):
        if not point.prompts.delivered:
            rate_axes.text(x, 4, "no\nprompts", ha="center", va="bottom", fontsize=8, color=_QUIET)
    rate_axes.set_ylim(0, 118)
    rate_axes.set_yticks([0, 25, 50, 75, 100])
    rate_axes.set_ylabel("answered %", fontsize=9)
    rate_axes.set_title("Prompts answered", fontsize=10, loc="left")

    bottoms = [0] * len(points)
    for item, colour in zip(SKILLS, _COLOURS, strict=True):
        counts = [p.skills.get(item.key, 0) for p in points]
        if any(counts):
            skill_axes.bar(positions, counts, bottom=bottoms, color=colour, label=item.name, width=0.7)
            bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    for x, total in zip(positions, bottoms, strict=True):
        if total:
            skill_axes.text(x, total, str(total), ha="center", va="bottom", fontsize=9)
    skill_axes.set_ylim(0, max(max(bottoms, default=0) * 1.15, 5))
    skill_axes.set_ylabel("answers", fontsize=9)
    skill_axes.set_title("Answers by skill", fontsize=10, loc="left")
    skill_axes.set_xticks(positions, labels, fontsize=8)
    for axes in (rate_axes, skill_axes):
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(axis="y", labelsize=8)
    if any(bottoms):
        handles, names = skill_axes.get_legend_handles_labels()
        # Top to bottom as the bars stack, beside them, outside the plotting area.
        skill_axes.legend(
            handles[::-1],
            names[::-1],
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            fontsize=8,
            frameon=False,
            borderaxespad=0,
        )
    return figure


def _new_figure() -> Figure:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=_SIZE, dpi=100)


def render(points: Sequence[WeekPoint]) -> bytes:
    out = io.BytesIO()
    figure(points).savefig(out, format="png")
    return out.getvalue()


DRAW_TIMEOUT_SECONDS = 60
CHART_NICENESS = 10
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _pool_now() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with,
                initargs=(os.getpid(),),
            )
        return _pool


def _exit_with(parent: int) -> None:
    """In the chart process: leave when the bot does, even when it was killed and could not say so; and
    yield the CPU to the bot, whose acks Slack is waiting for, while a chart is drawn."""
    os.nice(CHART_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def _ready() -> None:
    """Run once in the chart process so it has matplotlib loaded before the first lead asks."""
    _new_figure()


def start() -> Future[None]:
    """Start the chart process now rather than at the first chart ("spawn": forking a threaded server is
    unsafe). A fresh interpreter with matplotlib takes a second or more; the bot starts it lazily, since most
    processes never draw (the first chart of a process arrives by DM that much later)."""
    return _pool_now().submit(_ready)


def png(points: Sequence[WeekPoint]) -> bytes:
    """`render`, in the chart process."""
    global _pool
    pool = _pool_now()
    try:
        return pool.submit(render, tuple(points)).result(timeout=DRAW_TIMEOUT_SECONDS)
    except BrokenProcessPool:
        with _pool_lock:
            if _pool is pool:
                _pool = None  # the next chart starts a new process
        raise
