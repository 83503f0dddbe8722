"""The lead's chart: participation and skills practised over the last weeks, as a small PNG.

matplotlib is imported here only, with the Agg backend (no display, thread-safe use through the
object API rather than pyplot's global state), so the rest of the bot never pays for it. Drawing takes
about 200 ms of CPU: done in the serving process it would hold the GIL against every ack, so a separate
process draws.
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

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402 - the backend must be chosen first

from domain.skills import SKILLS  # noqa: E402
from domain.summary import WeekPoint  # noqa: E402

# Nine distinguishable colours (tab10 minus grey), one per skill.
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf")


def render(points: Sequence[WeekPoint]) -> bytes:
    """Top: the team's answer rate per week. Bottom: answers per skill per week, stacked."""
    figure = Figure(figsize=(6.4, 4.8), dpi=80)
    rate_axes, skill_axes = figure.subplots(2, 1, sharex=True, height_ratios=(1, 1.4))
    labels = [f"W{p.week.number:02d}" for p in points]
    positions = list(range(len(points)))
    rates = [round((p.prompts.rate or 0) * 100) for p in points]
    rate_axes.bar(positions, rates, color="#4a7fb5")
    rate_axes.set_ylim(0, 100)
    rate_axes.set_ylabel("answered %")
    rate_axes.set_title("Participation and skills practised, last weeks", fontsize=10)
    bottoms = [0] * len(points)
    for item, colour in zip(SKILLS, _COLOURS, strict=True):
        counts = [p.skills.get(item.key, 0) for p in points]
        if any(counts):
            skill_axes.bar(positions, counts, bottom=bottoms, color=colour, label=item.name)
            bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    skill_axes.set_ylabel("answers")
    skill_axes.set_xticks(positions, labels)
    if any(bottoms):
        skill_axes.legend(fontsize=6, ncols=3, loc="upper left", frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


DRAW_TIMEOUT_SECONDS = 60
CHART_NICENESS = 10
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _pool_now() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_exit_with, initargs=(os.getpid(),))
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
