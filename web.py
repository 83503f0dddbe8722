"""HTTP mode: Bolt's request verification and listeners on POST /slack/events, GET /healthz and GET /readyz;
in Socket Mode only the two probes (health_app)."""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from foreground import Foreground
from logs import describe
from storage import migrate
from storage.db import database_reachable

WSGIApp = Callable[[dict, Callable[..., object]], Iterable[bytes]]


def _logged(slack: SlackRequestHandler, logger: logging.Logger) -> WSGIApp:
    """One structured line per Slack request: what it was, the status and how long until Slack had its ack."""

    def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
        started = time.perf_counter()
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        environ["wsgi.input"] = io.BytesIO(body)
        status: list[str] = []

        def recording(code: str, headers: list, *rest: object) -> object:
            status.append(code.split(" ", 1)[0])
            return start_response(code, headers, *rest)

        if _not_a_json_object(body, environ.get("CONTENT_TYPE", "")):
            recording("400 Bad Request", [("Content-Type", "text/plain")])
            result: Iterable[bytes] = [b"bad request: the payload is not a JSON object"]
        else:
            result = slack(environ, recording)
        fields = describe(body)
        logger.info(
            "request kind=%s name=%s workspace=%s status=%s retry=%s latency_ms=%.1f",
            fields["kind"],
            fields["name"] or "-",
            fields["workspace"] or "-",
            status[0] if status else "-",
            environ.get("HTTP_X_SLACK_RETRY_NUM", "0"),
            (time.perf_counter() - started) * 1000,
        )
        return result

    return application


def _not_a_json_object(body: bytes, content_type: str) -> bool:
    """Slack's interactive payloads and events are JSON objects; anything else would fail inside Bolt's parser
    with a 500 and a traceback."""
    if content_type.startswith("application/json"):
        text = body.decode("utf-8", "replace")
    else:
        payload = parse_qs(body.decode("utf-8", "replace")).get("payload")
        if not payload:
            return False
        text = payload[0]
    try:
        return not isinstance(json.loads(text), dict)
    except ValueError:
        return True


def wsgi_app(app: App, engine: Engine, foreground: Foreground | None = None) -> WSGIApp:
    """`foreground`: where Slack's requests are counted while they are answered (Deps.foreground), so that
    work after an ack can step aside for them."""
    slack = _logged(SlackRequestHandler(app, path="/slack/events"), app.logger)
    foreground = foreground or Foreground()

    probes = _probes(engine)

    def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path in ("/healthz", "/readyz") and method == "GET":
            return probes(environ, start_response)
        if path == "/slack/events" and method == "POST":
            foreground.enter()
            try:
                return foreground.answering(slack(environ, start_response))
            except BaseException:
                foreground.leave()
                raise
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return application


def health_app(engine: Engine, connected: Callable[[], bool]) -> WSGIApp:
    """Socket Mode's port: Slack's requests come over the socket, so only the probes are served, and ready means
    connected to Slack too, so that a platform restarts a bot that has lost Slack for good."""
    return _probes(engine, connected)


def _probes(engine: Engine, connected: Callable[[], bool] | None = None) -> WSGIApp:
    """GET /healthz (the database answers) and GET /readyz (that, the schema at head and, in Socket Mode, a
    connection to Slack); anything else is not found."""

    def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz" and method == "GET":
            return _probe(start_response, database_reachable(engine), "database unreachable")
        if path == "/readyz" and method == "GET":
            if connected is not None and not connected():
                return _probe(start_response, False, "not connected to Slack")
            ready, problem = readiness(engine)
            return _probe(start_response, ready, problem)
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
    request_queue_size = 128  # socketserver's listen backlog of 5 resets connections in a burst of 32


class _QuietHandler(WSGIRequestHandler):
    # wsgiref writes the headers and the body separately; with Nagle on, the body waits for the client's
    # delayed ACK of the headers (up to 40 ms on Linux) on every answer.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        """Request lines go to the app's logger elsewhere; never print request paths with tokens."""


def serve(app: WSGIApp, port: int, host: str = "0.0.0.0") -> WSGIServer:
    return make_server(host, port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)


def listen_on(port: int, host: str = "0.0.0.0") -> WSGIServer:
    """Binds the port before the app exists (a port in use is found before the database is created); the app
    is attached with `set_app` once it is built, and until then every request gets a 503."""
    return serve(_starting, port, host)


def _starting(_environ: dict, start_response: Callable[..., object]) -> list[bytes]:
    return _probe(start_response, False, "starting")


def serve_in_background(app: WSGIApp, port: int = 0, host: str = "127.0.0.1") -> WSGIServer:
    server = serve(app, port, host)
    threading.Thread(target=server.serve_forever, daemon=True, name="http").start()
    return server
