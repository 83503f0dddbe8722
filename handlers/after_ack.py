"""A command's work after its ack goes behind the requests Slack is still waiting on (foreground.py)."""

from __future__ import annotations

import time

from slack_bolt import BoltContext

from deps import Deps

_ACKED_AT = "practice_acked_at"


def mark_acked(context: BoltContext) -> None:
    """Called where the command is acked, so its work can be deferred from then and no longer."""
    context[_ACKED_AT] = time.monotonic()


def step_aside(deps: Deps, context: BoltContext) -> None:
    """First thing in a command listener: wait while other requests are being answered, within limits."""
    deps.foreground.step_aside(context.get(_ACKED_AT))
