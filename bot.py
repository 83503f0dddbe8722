"""Entry point: load settings, build dependencies, create the Bolt app, start the scheduler, serve."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from config import ConfigError, Settings, database_url_from, load_settings, read_environment
from prompts.bank import BankError

if TYPE_CHECKING:
    from slack_bolt import App

    from deps import Deps
    from web import WSGIApp

USAGE = ("usage: python bot.py [migrate | check | demo [--days N] [--team-size N] [--seed N]]\n"
         "       (production HTTP: gunicorn --workers 4 --threads 8 'bot:wsgi()')")


def _database_problem(error: SQLAlchemyError) -> str:
    reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
    return f"Configuration error: DATABASE_URL: cannot open the database ({reason})"


def migrate_only() -> int:
    """`python bot.py migrate`: apply the schema migrations and stop (for a deploy step before replicas start)."""
    from storage import migrate
    from storage.db import make_engine

    try:
        engine = make_engine(database_url_from(read_environment()))
        migrate.upgrade(engine)
        revision = migrate.current_revision(engine)
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(_database_problem(error), file=sys.stderr)
        return 2
    print(f"Database at revision {revision} (head {migrate.head_revision()})")
    return 0


class StartupError(Exception):
    """A one-line reason the bot cannot start; printed as is, exit code 2."""


def _configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


def assemble() -> tuple[Settings, Deps, App]:
    """Settings, dependencies (schema migrated), the Bolt app and the scheduler: shared by every way of serving."""
    try:
        settings = load_settings(read_environment())
    except ConfigError as error:
        raise StartupError(f"Configuration error: {error}") from error

    from app import create_app
    from deps import build_deps
    from handlers.jobs import start_scheduler

    try:
        deps = build_deps(settings)
    except BankError as error:
        raise StartupError(f"Prompt bank error: {error}") from error
    except SQLAlchemyError as error:
        raise StartupError(_database_problem(error)) from error
    app = create_app(deps)
    start_scheduler(deps)
    return settings, deps, app


def wsgi() -> WSGIApp:
    """For a production server with several workers: `gunicorn --workers 4 --threads 8 'bot:wsgi()'`.
    Every worker runs the scheduler too; the delivery ledger makes that safe."""
    _configure_logging()
    try:
        _settings, deps, app = assemble()
    except StartupError as error:
        print(error, file=sys.stderr)
        raise SystemExit(2) from error
    from web import wsgi_app

    return wsgi_app(app, deps.engine, deps.foreground)


def main(argv: list[str]) -> int:
    if argv[:1] == ["demo"]:
        from demo.run import main as demo

        return demo(argv[1:])
    if argv[:1] == ["check"]:
        from check import main as check

        return check(argv[1:])
    _configure_logging()
    if argv[:1] == ["migrate"]:
        return migrate_only()
    if argv:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        settings, deps, app = assemble()
    except StartupError as error:
        print(error, file=sys.stderr)
        return 2
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        deps.logger.info("connecting to Slack in Socket Mode")
        SocketModeHandler(app, settings.app_token).start()
        return 0

    from web import serve, wsgi_app

    server = serve(wsgi_app(app, deps.engine, deps.foreground), settings.port)
    deps.logger.info("serving POST /slack/events, GET /healthz and GET /readyz on port %s", settings.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
