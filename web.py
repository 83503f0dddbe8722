"""HTTP mode: Bolt's request verification and listeners on POST /slack/events, GET /healthz and GET /readyz."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from storage import migrate
from storage.db import database_reachable

WSGIApp = Callable[[dict, Callable[..., object]], Iterable[bytes]]


def wsgi_app(app: App, engine: Engine) -> WSGIApp:
    slack = SlackRequestHandler(app, path="/slack/events")

    def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz" and method == "GET":
            return _probe(start_response, database_reachable(engine), "database unreachable")
        if path == "/readyz" and method == "GET":
            ready, problem = readiness(engine)
            return _probe(start_response, ready, problem)
        if path == "/slack/events" and method == "POST":
            return slack(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return application


def _probe(start_response: Callable[..., object], ok: bool, problem: str) -> list[bytes]:
    start_response("200 OK" if ok else "503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"ok" if ok else problem.encode()]


def readiness(engine: Engine) -> tuple[bool, str]:
    """Ready to take traffic: the database answers and its schema is the one this code expects."""
    if not database_reachable(engine):
        return False, "database unreachable"
    try:
        if not migrate.at_head(engine):
            return False, "database schema is not at the newest migration"
    except SQLAlchemyError:
        return False, "database unreachable"
    return True, ""


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        """Request lines go to the app's logger elsewhere; never print request paths with tokens."""


def serve(app: WSGIApp, port: int, host: str = "0.0.0.0") -> WSGIServer:
    return make_server(host, port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)


def serve_in_background(app: WSGIApp, port: int = 0, host: str = "127.0.0.1") -> WSGIServer:
    server = serve(app, port, host)
    threading.Thread(target=server.serve_forever, daemon=True, name="http").start()
    return server
