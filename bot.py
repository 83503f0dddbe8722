"""Entry point: load settings, build dependencies, create the Bolt app, start the scheduler, serve."""

from __future__ import annotations

import logging
import sys

from sqlalchemy.exc import SQLAlchemyError

from config import ConfigError, load_settings, read_environment
from prompts.bank import BankError


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        settings = load_settings(read_environment())
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2

    from app import create_app
    from deps import build_deps
    from handlers.jobs import start_scheduler

    try:
        deps = build_deps(settings)
    except BankError as error:
        print(f"Prompt bank error: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        print(f"Configuration error: DATABASE_URL: cannot open the database ({reason})", file=sys.stderr)
        return 2
    app = create_app(deps)
    start_scheduler(deps)
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        deps.logger.info("connecting to Slack in Socket Mode")
        SocketModeHandler(app, settings.app_token).start()
        return 0

    from web import serve, wsgi_app

    server = serve(wsgi_app(app, deps.engine), settings.port)
    deps.logger.info("serving POST /slack/events and GET /healthz on port %s", settings.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
