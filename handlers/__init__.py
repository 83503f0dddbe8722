"""The Slack edge: one module per feature, each `register(app, deps)` with Bolt listeners that ack, parse, call
one use case and answer. `register_all` is the one place that registers them, with the global middleware."""

from __future__ import annotations

from slack_bolt import App

from deps import Deps
from handlers import (
    calibration,
    data_rights,
    drill,
    fallback,
    feedback,
    focus,
    home,
    lessons,
    membership,
    middleware,
    peer_review,
    practice,
    reflect,
    summary,
    team_question,
)

#: Bolt tries listeners in the order they were registered: the features with slash commands, the requests that
#: come in bursts, first; the catch-all for buttons and forms the bot does not know, last.
FEATURES = (
    practice,
    reflect,
    drill,
    peer_review,
    calibration,
    lessons,
    feedback,
    focus,
    summary,
    home,
    data_rights,
    membership,
    team_question,
    fallback,
)


def register_all(app: App, deps: Deps) -> None:
    middleware.register(app, deps)
    for feature in FEATURES:
        feature.register(app, deps)
