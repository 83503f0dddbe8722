"""Weekly summary use cases (issue 3): a lead's /summary, sharing, CSV, chart, and the Monday DM."""

from __future__ import annotations

from collections import Counter

from deps import Deps


def send_weekly(deps: Deps) -> Counter[str]:
    """Called by every tick: on Monday at the team's summary time, last week's summary to each lead, once."""
    return Counter()
