"""Creates the Bolt app with every listener registered; no I/O beyond Bolt's own token check."""

from __future__ import annotations

from slack_bolt import App

import logs
from deps import Deps
from handlers import register_all
from handlers.after_ack import StepAsideExecutor


def create_app(deps: Deps, *, token_verification: bool = True) -> App:
    logs.keep_words_out(deps.logger)  # before App(): Bolt copies this logger's filters into its own loggers
    app = App(
        client=deps.client,
        signing_secret=deps.settings.signing_secret,
        token_verification_enabled=token_verification,
        logger=deps.logger,
        listener_executor=StepAsideExecutor(deps.foreground),
    )
    register_all(app, deps)
    return app
