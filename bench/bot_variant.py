"""`python bot.py` with one thing changed, for bench.ack_latency --compare-step-aside; production code is untouched,
the change is applied here before `bot.main([])` runs:

    PORT=... SLACK_BOT_TOKEN=... ... python -m bench.bot_variant --variant no-step-aside

Variants (the middleware in app.py that acks every slash command before a worker thread is free stays on in all):

- `step-aside`: the code as it is: a command's work after its ack waits while other requests are being answered
  (foreground.py, at most MAX_DEFER_SECONDS).
- `no-step-aside`: `Foreground.step_aside` returns at once; Bolt's own listener executor (5 threads).
- `no-step-aside-pool16`, `no-step-aside-pool32`: no step-aside, and the Bolt app gets
  `listener_executor=ThreadPoolExecutor(max_workers=16 or 32)` instead of Bolt's default of 5.
- `step-aside-pool16`, `step-aside-pool32`: the step-aside as it is, with those listener executors.
"""

from __future__ import annotations

import argparse
import functools
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

#: Variant name -> (step-aside on, listener_executor threads or None for Bolt's default).
VARIANTS: dict[str, tuple[bool, int | None]] = {
    "step-aside": (True, None),
    "no-step-aside": (False, None),
    "no-step-aside-pool16": (False, 16),
    "no-step-aside-pool32": (False, 32),
    "step-aside-pool16": (True, 16),
    "step-aside-pool32": (True, 32),
}

#: slack_bolt.App's own listener_executor when none is passed (slack_bolt/app/app.py).
BOLT_DEFAULT_LISTENER_THREADS = 5


def _no_step_aside() -> None:
    import foreground

    def step_aside(self: foreground.Foreground, acked_at: float | None = None) -> None:
        return None

    foreground.Foreground.step_aside = step_aside  # type: ignore[method-assign]


def _listener_threads(threads: int) -> None:
    import slack_bolt

    original = slack_bolt.App.__init__

    @functools.wraps(original)
    def init(self: slack_bolt.App, *args: Any, listener_executor: Any = None, **kwargs: Any) -> None:
        if listener_executor is None:
            listener_executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="bolt-listener")
        original(self, *args, listener_executor=listener_executor, **kwargs)

    slack_bolt.App.__init__ = init  # type: ignore[method-assign]


def apply(variant: str) -> None:
    step_aside, threads = VARIANTS[variant]
    if not step_aside:
        _no_step_aside()
    if threads is not None:
        _listener_threads(threads)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=sorted(VARIANTS), required=True)
    apply(parser.parse_args(argv).variant)
    import bot

    return bot.main([])


if __name__ == "__main__":
    sys.exit(main())
