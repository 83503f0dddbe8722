"""Feedback partners (issue 3): weekly Donut-style pairs for teams whose lead turned them on."""

from __future__ import annotations

from collections import Counter

from deps import Deps


def run_weekly(deps: Deps) -> Counter[str]:
    """Called by every tick: make and announce this week's pairs once per team."""
    return Counter()
