"""Peer feedback use cases (issue 3): giving, thanking, 'what I'll try', and the week-later follow-up."""

from __future__ import annotations

from collections import Counter

from deps import Deps


def send_followups(deps: Deps) -> Counter[str]:
    """Called by every tick: ask once, a week later, how the recipient's 'what I'll try' went."""
    return Counter()
