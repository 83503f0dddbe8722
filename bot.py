"""Entry point: load settings, build dependencies, create the Bolt app, start the scheduler, serve."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

import logs
from config import ConfigError, Settings, database_url_from, load_settings, read_environment
from prompts.bank import BankError, load_banks
from startup import (
    StartupError,
    bank_problem,
    configuration_problem,
    database_problem,
    open_socket_url,
    port_problem,
    verify_bot_token,
)

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer

    from apscheduler.schedulers.base import BaseScheduler
    from slack_bolt import App

    from deps import Deps
    from usecases.recovery import Lease
    from web import WSGIApp

USAGE = (
    "usage: python bot.py [migrate | check | demo [--days N] [--weeks-before N] [--team-size N] [--seed N]]\n"
    "       (production HTTP: gunicorn --workers 4 --threads 8 'bot:wsgi()')"
)


def migrate_only() -> int:
    """`python bot.py migrate`: apply the schema migrations and stop (for a deploy step before replicas start)."""
    from storage import migrate
    from storage.db import make_engine

    try:
        engine = make_engine(database_url_from(read_environment()))
        migrate.upgrade(engine)
        revision = migrate.current_revision(engine)
    except ConfigError as error:
        print(configuration_problem(error), file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(database_problem(error), file=sys.stderr)
        return 2
    print(f"Database at revision {revision} (head {migrate.head_revision()})")
    return 0


@dataclass
class Assembled:
    settings: Settings
    deps: Deps
    app: App
    scheduler: BaseScheduler
    lease: Lease
    #: Under `python bot.py`: the port, bound before the database is touched (in Socket Mode, for the probes only).
    server: WSGIServer | None = None
    #: Socket Mode: the URL of the first connection, issued while the app token was checked.
    socket_url: str | None = None


def assemble(*, listen: bool) -> Assembled:
    """Settings, dependencies (schema migrated), the Bolt app and the scheduler: shared by every way of serving.
    The checks run in the order that leaves nothing behind when one fails: settings, banks, Slack, the port
    (`listen`), and only then the database, which a first start creates."""
    try:
        settings = load_settings(read_environment())
    except ConfigError as error:
        raise configuration_problem(error) from None

    from adapters.web_api import make_client
    from app import create_app
    from deps import build_deps
    from usecases.recovery import Lease
    from usecases.tick import start_scheduler
    from web import listen_on

    try:
        banks = load_banks()
    except BankError as error:
        raise bank_problem(error) from None
    client = make_client(settings.bot_token, settings.slack_api_url)
    verify_bot_token(client, settings.slack_api_url)
    socket_url = server = None
    if settings.socket_mode:
        socket_url = open_socket_url(client, settings.app_token or "", settings.slack_api_url)
    if listen:
        try:
            server = listen_on(settings.port)
        except OSError as error:
            raise port_problem(settings.port, error) from None
    try:
        deps = build_deps(settings, client=client, banks=banks)
    except SQLAlchemyError as error:
        if server is not None:
            server.server_close()
        raise database_problem(error) from None
    app = create_app(deps)
    scheduler = start_scheduler(deps)
    lease = Lease(deps).start()
    return Assembled(settings, deps, app, scheduler, lease, server, socket_url)


def wsgi() -> WSGIApp:
    """For a production server with several workers: `gunicorn --workers 4 --threads 8 'bot:wsgi()'`.
    Every worker runs the scheduler too; the delivery ledger makes that safe."""
    try:
        bot = assemble(listen=False)
    except StartupError as error:
        print(error, file=sys.stderr)
        raise SystemExit(2) from None
    logs.configure()
    from web import wsgi_app

    return wsgi_app(bot.app, bot.deps.engine, bot.deps.foreground)


def serve_socket_mode(bot: Assembled) -> int:
    """Slack's requests come over the socket; PORT serves GET /healthz and GET /readyz, ready only while a
    connection to Slack is open, so that a container platform can restart a bot that has lost it."""
    from socket_mode import CountedSocketModeHandler
    from web import health_app

    assert bot.server is not None
    handler = CountedSocketModeHandler(bot.app, bot.settings.app_token or "", bot.deps.foreground)
    handler.client.wss_uri = bot.socket_url
    bot.server.set_app(health_app(bot.deps.engine, handler.client.ready))
    threading.Thread(target=bot.server.serve_forever, daemon=True, name="probes").start()
    bot.deps.logger.info(
        "connecting to Slack in Socket Mode; serving GET /healthz and GET /readyz on port %s", bot.settings.port
    )
    handler.connect()
    threading.Event().wait()
    return 0


def stop_gracefully_on_signals(bot: Assembled) -> None:
    """SIGTERM or SIGINT: take no new work, let the sends under way finish or hand them on (the lease ended,
    another process takes them over at once), and exit within 10 s. The exit does not wait for threads still
    waiting on Slack: what they hold is handed on, and is looked up in Slack before it is sent again."""
    from usecases.recovery import stop_gracefully

    def on_signal(signum: int, _frame: object) -> None:
        if bot.deps.stopping.requested:  # a second signal while stopping: the admin wants it gone now
            os._exit(0)
        bot.deps.logger.info("stopping on %s", signal.Signals(signum).name)
        stop_gracefully(bot.deps, bot.lease, bot.scheduler)
        logging.shutdown()
        os._exit(0)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, on_signal)


def main(argv: list[str]) -> int:
    if argv[:1] == ["demo"]:
        from demo.run import main as demo

        return demo(argv[1:])
    if argv[:1] == ["check"]:
        from check import main as check

        return check(argv[1:])
    if argv[:1] == ["migrate"]:
        logs.configure()
        return migrate_only()
    if argv:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        bot = assemble(listen=True)
    except StartupError as error:
        print(error, file=sys.stderr)
        return 2
    # Only now: until Slack and the port are known to work, slack_sdk's retry notes would bury the one line.
    logs.configure()
    stop_gracefully_on_signals(bot)
    logger = bot.deps.logger
    if bot.socket_url is not None:
        return serve_socket_mode(bot)

    from web import wsgi_app

    assert bot.server is not None
    bot.server.set_app(wsgi_app(bot.app, bot.deps.engine, bot.deps.foreground))
    logger.info("serving POST /slack/events, GET /healthz and GET /readyz on port %s", bot.settings.port)
    bot.server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
