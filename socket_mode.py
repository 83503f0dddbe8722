"""Socket Mode: Bolt's handler on slack_sdk's built-in client, with each envelope counted as being answered while
Bolt answers it (foreground.py), as web.py counts HTTP requests, and a watchdog that keeps one live connection.

Why a watchdog: the built-in client starts its staleness check only after a first pong, so a socket silent from
its first moment is never given up (slack_sdk #1110, #1112); it reads one connection at a time, so after Slack's
`disconnect` the new connection's envelopes wait for the old socket's 3-second receive timeout; and a close
without `disconnect` leaves it unconnected until its next check, up to 10 s later. Here each connection is read
on its own thread from the moment it opens, any byte received (frame, ping or pong) counts as life, and one
watchdog thread pings, replaces a connection silent for `silent_after` seconds, reconnects at once when the
current one ends, and opens the new one first on `disconnect`, leaving the old to drain. Envelopes are acked on
the connection they came on while it is open.
"""

from __future__ import annotations

import errno
import json
import logging
import socket
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError, SlackClientNotConnectedError, SlackRequestError
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.builtin.connection import Connection, ConnectionState
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web import WebClient

from foreground import Foreground

#: Envelopes remembered for routing their ack back to the connection they came on.
_ORIGINS_KEPT = 1000


@dataclass(frozen=True)
class Watchdog:
    """How the connection is watched. The defaults replace a silent connection within about 31 s of the last byte
    heard, well inside the minute a platform's liveness probe would allow."""

    #: Seconds between pings on the current connection (Slack answers each with a pong).
    ping_every: float = 10.0
    #: Seconds without a single byte from Slack after which the connection is replaced.
    silent_after: float = 30.0
    #: How often the watchdog looks; a close or `disconnect` wakes it at once.
    check_every: float = 0.5
    #: Seconds the old connection is still read after `disconnect`, for envelopes already on their way.
    drain_for: float = 10.0
    #: Longest wait between attempts while connecting keeps failing (the waits double from 0.5 s).
    retry_at_most: float = 30.0


class _HeardSocket:
    """The connection's socket, noting when bytes arrive; the end of the stream raises, so the reader stops
    instead of spinning on empty reads as the built-in client does on a close without a close frame."""

    def __init__(self, sock: socket.socket, heard: _WatchedConnection) -> None:
        self._sock = sock
        self._heard = heard

    def recv(self, size: int) -> bytes:
        data = self._sock.recv(size)
        if not data:
            raise ConnectionResetError(errno.ECONNRESET, "Slack closed the connection")
        self._heard.last_heard = time.monotonic()
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _WatchedConnection(Connection):
    """One WebSocket with its own reader state and the times the watchdog needs."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = ConnectionState()
        self.last_heard = time.monotonic()
        self.last_ping = time.monotonic()
        self.hello = False
        self.retired = False
        self._closing = threading.Lock()

    def connect(self) -> None:
        super().connect()
        if self.sock is not None:
            self.last_heard = self.last_ping = time.monotonic()
            self.sock = _HeardSocket(self.sock, self)  # type: ignore[assignment]

    def disconnect(self) -> None:
        """Closed from the reader and the watchdog alike: one at a time."""
        with self._closing:
            if self.sock is not None:
                super().disconnect()

    def close_now(self) -> None:
        """Stop reading and close; the shutdown wakes a reader blocked in recv, which holds the receive lock."""
        self.retired = True
        self.state.terminated = True
        sock = self.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.disconnect()


class WatchedSocketModeClient(SocketModeClient):
    """slack_sdk's built-in client, each connection read on its own thread and watched (see the module's doc)."""

    def __init__(
        self,
        app_token: str,
        *,
        logger: logging.Logger,
        web_client: WebClient,
        proxy: str | None = None,
        watchdog: Watchdog = Watchdog(),
        concurrency: int = 10,
    ) -> None:
        super().__init__(
            app_token,
            logger=logger,
            web_client=web_client,
            proxy=proxy,
            ping_interval=watchdog.ping_every,
            concurrency=concurrency,
        )
        self.current_session_runner.shutdown()  # one reader per connection instead, started by connect()
        self.watchdog = watchdog
        self._wake = threading.Event()
        self._replace_requested: Connection | None = None
        self._origins: OrderedDict[str, _WatchedConnection] = OrderedDict()
        self._origins_lock = threading.Lock()
        self._connections: list[_WatchedConnection] = []
        self._watcher: threading.Thread | None = None

    def ready(self) -> bool:
        """Connected, and Slack has said hello on it: envelopes can arrive."""
        current = self.current_session
        return isinstance(current, _WatchedConnection) and current.is_active() and current.hello

    def connect(self) -> None:
        """Open a connection (with `wss_uri` if set, else a new URL) and start watching; a failure is left to the
        watchdog, which tries again."""
        try:
            self._open()
        except (SlackApiError, SlackRequestError, OSError) as error:
            self.logger.warning("Socket Mode: could not connect (%s); trying again", type(error).__name__)
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, daemon=True, name="socket-mode-watchdog")
            self._watcher.start()

    def connect_to_new_endpoint(self, force: bool = False) -> None:
        """Whoever asks for a new connection (slack_sdk's own paths) asks the watchdog, which opens it at once."""
        self._replace_requested = self.current_session
        self._wake.set()

    def send_socket_mode_response(self, response: dict[str, Any] | SocketModeResponse) -> None:
        body = response.to_dict() if isinstance(response, SocketModeResponse) else response
        with self._origins_lock:
            origin = self._origins.pop(str(body.get("envelope_id")), None)
        if origin is not None and origin.is_active():
            try:
                origin.send(json.dumps(body))
                return
            except SlackClientNotConnectedError:
                pass
        self.send_message(json.dumps(body))

    def close(self) -> None:
        self.closed = True
        self._wake.set()
        self.message_queue.put(None)  # wakes the message processor now rather than at its 1 s poll
        for connection in list(self._connections):
            connection.close_now()
        super().close()

    # ------------------------------------------------------------------ connections

    def _open(self) -> _WatchedConnection | None:
        """A new connection, current at once and read on its own thread; None if it did not open."""
        url, self.wss_uri = self.wss_uri or self.issue_new_wss_url(), None  # each URL's ticket is good once
        connection = _WatchedConnection(
            url=url,
            logger=self.logger,
            ping_interval=self.ping_interval,
            trace_enabled=self.trace_enabled,
            all_message_trace_enabled=self.all_message_trace_enabled,
            ping_pong_trace_enabled=self.ping_pong_trace_enabled,
            receive_buffer_size=self.receive_buffer_size,
            proxy=self.proxy,
            proxy_headers=self.proxy_headers,
            ssl_context=self.web_client.ssl,
        )
        connection.on_message_listener = lambda text: self._received(connection, text)
        connection.on_error_listener = lambda error: self._failed(connection, error)
        connection.on_close_listener = lambda code, reason: self._closed_by_slack(connection, code, reason)
        connection.connect()
        if not connection.is_active():
            return None
        self._connections = [c for c in self._connections if c.is_active()] + [connection]
        self.current_session = connection
        self.current_session_state = connection.state
        threading.Thread(target=self._read, args=(connection,), daemon=True, name="socket-mode-reader").start()
        self.logger.info("Socket Mode: connected (session id: %s)", connection.session_id)
        return connection

    def _read(self, connection: _WatchedConnection) -> None:
        try:
            connection.run_until_completion(connection.state)
        finally:
            connection.disconnect()
            if connection is self.current_session and not self.closed:
                self._wake.set()

    def _received(self, connection: _WatchedConnection, text: str) -> None:
        message: dict[str, Any] = json.loads(text) if text.startswith("{") else {}
        kind = message.get("type")
        if kind == "hello":
            connection.hello = True
        elif kind == "disconnect":
            self.logger.info("Socket Mode: Slack asks to reconnect (%s)", message.get("reason"))
            if connection is self.current_session:
                self._replace_requested = connection
                self._wake.set()
            return
        envelope_id = message.get("envelope_id")
        if isinstance(envelope_id, str):
            with self._origins_lock:
                self._origins[envelope_id] = connection
                while len(self._origins) > _ORIGINS_KEPT:
                    self._origins.popitem(last=False)
        self._on_message(text)

    def _failed(self, connection: _WatchedConnection, error: Exception) -> None:
        if connection.retired or self.closed:
            return
        self.logger.info("Socket Mode: connection lost (%s: %s)", type(error).__name__, error)

    def _closed_by_slack(self, connection: _WatchedConnection, code: int, reason: str | None) -> None:
        if not connection.retired:
            self.logger.info("Socket Mode: Slack closed the connection (code %s)", code)
        for listener in self.on_close_listeners:
            listener(code, reason)

    # ------------------------------------------------------------------ the watchdog

    def _watch(self) -> None:
        failures = 0
        next_attempt = 0.0
        while not self.closed:
            self._wake.wait(self.watchdog.check_every)
            self._wake.clear()
            if self.closed:
                return
            reason = self._needs_replacing()
            if reason is None or time.monotonic() < next_attempt:
                continue
            if self._replace(reason):
                failures, next_attempt = 0, 0.0
            else:
                failures += 1
                next_attempt = time.monotonic() + min(self.watchdog.retry_at_most, 0.5 * 2 ** (failures - 1))

    def _needs_replacing(self) -> str | None:
        """Why the current connection must go, or None after pinging it if it is due a ping."""
        current = self.current_session
        if not isinstance(current, _WatchedConnection) or not current.is_active():
            return "not connected"
        if self._replace_requested is current:
            return "Slack asked"
        now = time.monotonic()
        if now - current.last_heard > self.watchdog.silent_after:
            return f"silent for {now - current.last_heard:.0f} s"
        if now - current.last_ping >= self.watchdog.ping_every:
            current.last_ping = now
            try:
                current.ping(f"{current.session_id}:{time.time()}")
            except OSError:
                current.close_now()
                return "ping failed"
        return None

    def _replace(self, reason: str) -> bool:
        old = self.current_session
        self.logger.info("Socket Mode: opening a new connection (%s)", reason)
        try:
            new = self._open()
        except (SlackApiError, SlackRequestError, OSError) as error:
            self.logger.warning("Socket Mode: could not connect (%s); trying again", type(error).__name__)
            return False
        if new is None:
            return False
        if isinstance(old, _WatchedConnection) and old.is_active():
            # Slack keeps the old socket open a while after `disconnect`; an envelope may still be on it.
            drain = self.watchdog.drain_for if reason == "Slack asked" else 0.0
            old.retired = True
            timer = threading.Timer(drain, old.close_now)
            timer.daemon = True
            timer.start()
        return True


class CountedSocketModeHandler(SocketModeHandler):
    def __init__(self, app: App, app_token: str, foreground: Foreground, *, watchdog: Watchdog = Watchdog()) -> None:
        # What SocketModeHandler.__init__ does, with the watched client: calling it would start a second client's
        # threads only to throw them away.
        self.app = app
        self.app_token = app_token
        self.client = WatchedSocketModeClient(
            app_token, logger=app.logger, web_client=app.client, proxy=app.client.proxy, watchdog=watchdog
        )
        self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]
        self._foreground = foreground

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        self._foreground.enter()
        try:
            super().handle(client, req)
        finally:
            self._foreground.leave()
