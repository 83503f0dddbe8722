"""Creates the Bolt app with every listener registered; no I/O beyond Bolt's own token check."""

from __future__ import annotations

from slack_bolt import App, BoltResponse

from deps import Deps
from handlers import (
    actions,
    commands,
    events,
    feedback_listeners,
    home_listeners,
    summary_listeners,
    views,
)


def create_app(deps: Deps, *, token_verification: bool = True) -> App:
    app = App(
        client=deps.client,
        signing_secret=deps.settings.signing_secret,
        token_verification_enabled=token_verification,
        logger=deps.logger,
    )
    for module in (commands, actions, views, events, feedback_listeners, summary_listeners, home_listeners):
        module.register(app, deps)

    @app.error
    def on_error(error: Exception, body: dict) -> BoltResponse | None:
        deps.logger.error("unhandled listener error: %s", type(error).__name__, exc_info=error)
        return None

    return app
