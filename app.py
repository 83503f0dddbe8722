"""Creates the Bolt app with every listener registered; no I/O beyond Bolt's own token check."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext, BoltResponse

import logs
from deps import Deps
from handlers import (
    actions,
    after_ack,
    commands,
    events,
    fallback,
    feedback_listeners,
    home_listeners,
    summary_listeners,
    views,
)


def create_app(deps: Deps, *, token_verification: bool = True) -> App:
    logs.keep_words_out(deps.logger)  # before App(): Bolt copies this logger's filters into its own loggers
    app = App(
        client=deps.client,
        signing_secret=deps.settings.signing_secret,
        token_verification_enabled=token_verification,
        logger=deps.logger,
    )
    # Bolt tries listeners in the order they were registered: the modules with the slash commands, the requests
    # that come in bursts, go first.
    for module in (commands, feedback_listeners, summary_listeners, actions, views, events, home_listeners, fallback):
        module.register(app, deps)

    @app.middleware
    def ack_commands_at_once(
        body: dict, ack: Ack, context: BoltContext, next_: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """Bolt runs listeners (and so their ack()) on 5 worker threads: an ack queued behind slow work from
        earlier requests could miss Slack's 3 s (bench/ack_latency.py). Every command listener acks with no
        body, so commands are acked here, before waiting for a worker; the listener's own ack() is a no-op.
        Its time goes in the context, for after_ack.step_aside."""
        if body.get("command"):
            ack()
            after_ack.mark_acked(context)
        return next_()

    @app.error
    def on_error(error: Exception, body: dict) -> BoltResponse | None:
        deps.logger.error("unhandled listener error: %s", type(error).__name__, exc_info=error)
        return None

    return app
