"""A fake Slack Socket Mode server: a real WebSocket on 127.0.0.1, served from threads, so slack_sdk's own client
and Bolt's handler run unchanged against it.

Why its own WebSocket code: the stdlib has none, and the fake is used at run time by the demo and the benchmarks
(which install only requirements.txt), so a server library would become a production dependency for a test
double. The protocol subset Slack uses is small: the HTTP upgrade, and unfragmented text, ping, pong and close
frames (RFC 6455), masked from the client, unmasked from the server.

What Slack does and the fake imitates (docs.slack.dev, "Using Socket Mode"): `apps.connections.open` hands out a
`wss://…/link/?ticket=…` URL (here `ws://`, a fresh ticket each time, through `FakeSlackAPI.socket_url_issuer`);
a new connection first gets `hello`; each request is an envelope (`slash_commands`, `interactive`,
`events_api`) with an `envelope_id` the app acks with `{"envelope_id": …, "payload": …}`, the payload only when
`accepts_response_payload`; Slack sends `disconnect` (`refresh_requested` every few hours, `warning` before
maintenance) and keeps the old socket open about 10 s while the app connects again. A test can also close a
socket without `disconnect`, with or without a close frame, or make one go silent (no pongs, no frames) at any
moment, right after `hello` included: the zombie connection of slack_sdk's issues #1110 and #1112.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import socket
import struct
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from typing import Any

from fake_slack.requests import Response, Send
from fake_slack.web_api import FakeSlackAPI
from fake_slack.workspace import APP_ID

_ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_TEXT, _CLOSE, _PING, _PONG = 0x1, 0x8, 0x9, 0xA
_envelope_ids = itertools.count(1)


class SocketClosed(Exception):
    """The peer went away mid-frame."""


@dataclass
class Envelope:
    """One request sent over a socket, and the ack the app sent back for it."""

    envelope_id: str
    type: str
    payload: dict[str, Any]
    accepts_response_payload: bool
    connection: SocketConnection
    sent_at: float
    retry_attempt: int | None = None
    retry_reason: str | None = None
    ack: dict[str, Any] | None = None
    acked_at: float | None = None
    acked_on: SocketConnection | None = None
    _acked: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def latency(self) -> float | None:
        """Seconds from the envelope going out to its ack arriving: Slack's 3-second budget."""
        return None if self.acked_at is None else self.acked_at - self.sent_at

    def wait_ack(self, timeout: float = 3.0) -> dict[str, Any]:
        """The ack, once it has come; TimeoutError when it has not within `timeout` seconds."""
        if not self._acked.wait(timeout):
            raise TimeoutError(f"envelope {self.envelope_id} ({self.type}) not acked within {timeout} s")
        assert self.ack is not None
        return self.ack

    def message(self) -> dict[str, Any]:
        """The frame as Slack sends it."""
        body: dict[str, Any] = {
            "envelope_id": self.envelope_id,
            "payload": self.payload,
            "type": self.type,
            "accepts_response_payload": self.accepts_response_payload,
        }
        if self.type == "events_api":
            body["retry_attempt"] = self.retry_attempt or 0
            body["retry_reason"] = self.retry_reason or ""
        return body


class SocketConnection:
    """The server's side of one WebSocket: what came in on it, and the ways Slack ends or abandons one."""

    def __init__(self, server: FakeSocketModeServer, sock: socket.socket, number: int, ticket: str) -> None:
        self.server = server
        self.number = number
        self.ticket = ticket
        self.opened_at = time.monotonic()
        self.hello_at: float | None = None
        self.closed_at: float | None = None
        #: Set when `disconnect` was sent: Slack sends no new envelope on it.
        self.disconnect_reason: str | None = None
        #: A silent connection sends nothing and answers no ping: the link is dead, and nobody closed it.
        self.silent = False
        self.pings = 0
        self.texts: list[dict[str, Any]] = []
        self._sock = sock
        self._send_lock = threading.Lock()
        self._closed = threading.Event()

    def __repr__(self) -> str:
        return f"<SocketConnection #{self.number} {'open' if self.open else 'closed'}>"

    @property
    def open(self) -> bool:
        return not self._closed.is_set()

    @property
    def usable(self) -> bool:
        """Where Slack would route a new envelope: open, greeted, not being retired, not dead."""
        return self.open and self.hello_at is not None and self.disconnect_reason is None and not self.silent

    def send_json(self, message: dict[str, Any]) -> bool:
        """A text frame; False when the socket is closed or silent (nothing goes out)."""
        return self._send(_TEXT, json.dumps(message).encode("utf-8"))

    def hello(self) -> None:
        if self.send_json(
            {
                "type": "hello",
                "num_connections": sum(1 for c in self.server.connections if c.open),
                "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060},
                "connection_info": {"app_id": self.server.app_id},
            }
        ):
            self.hello_at = time.monotonic()

    def disconnect(self, reason: str = "refresh_requested", *, keep_open: float = 10.0) -> None:
        """Slack's `disconnect` message, then the socket stays open `keep_open` seconds before Slack closes it."""
        self.disconnect_reason = reason
        self.send_json({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-fake"}})
        timer = threading.Timer(keep_open, self.close)
        timer.daemon = True
        timer.start()

    def close(self, *, frame: bool = True, code: int = 1001) -> None:
        """A close without `disconnect`: a close frame first (`frame`), or the TCP connection simply dropped."""
        if frame:
            self._send(_CLOSE, struct.pack("!H", code) + b"going away")
        self._drop()

    def go_silent(self) -> None:
        """From now on nothing goes out, pings included, and what comes in is ignored."""
        self.silent = True

    def wait_closed(self, timeout: float) -> bool:
        return self._closed.wait(timeout)

    def _send(self, opcode: int, payload: bytes) -> bool:
        if self.silent or not self.open:
            return False
        try:
            with self._send_lock:
                self._sock.sendall(_frame(opcode, payload))
            return True
        except OSError:
            self._drop()
            return False

    def _drop(self) -> None:
        if self._closed.is_set():
            return
        self.closed_at = time.monotonic()
        self._closed.set()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()
        self.server._changed()

    def _serve(self, reader: _Reader) -> None:
        try:
            while self.open:
                opcode, payload = reader.frame()
                if self.silent:
                    continue
                if opcode == _PING:
                    self.pings += 1
                    self._send(_PONG, payload)
                elif opcode == _TEXT:
                    self._received(json.loads(payload.decode("utf-8")))
                elif opcode == _CLOSE:
                    self._send(_CLOSE, payload[:2])
                    break
        except (OSError, SocketClosed, ValueError):
            pass
        finally:
            self._drop()

    def _received(self, message: dict[str, Any]) -> None:
        self.texts.append(message)
        self.server._acked(self, message)


class FakeSocketModeServer:
    """Accepts the app's WebSocket connections and sends them Slack's messages; a test drives and inspects it."""

    def __init__(self, *, app_id: str = APP_ID) -> None:
        self.app_id = app_id
        self.connections: list[SocketConnection] = []
        self.envelopes: list[Envelope] = []
        #: The next this-many connections go silent right after their `hello`.
        self.silent_after_hello = 0
        #: While False, handshakes are refused (HTTP 503), as while Slack's edge is unreachable.
        self.accepting = True
        self._tickets: set[str] = set()
        self._changes = threading.Condition()
        self._listener: socket.socket | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeSocketModeServer:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, daemon=True, name="fake-socket-mode").start()
        return self

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        for connection in list(self.connections):
            connection.close(frame=False)

    def __enter__(self) -> FakeSocketModeServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def attach(self, slack: FakeSlackAPI) -> FakeSocketModeServer:
        """From now on `apps.connections.open` on this fake Web API hands out this server's URLs."""
        slack.socket_url_issuer = self.issue_url
        return self

    @property
    def port(self) -> int:
        assert self._listener is not None, "start() the server first"
        return self._listener.getsockname()[1]

    def issue_url(self) -> str:
        """A URL with a fresh single-use ticket, as apps.connections.open returns."""
        ticket = uuid.uuid4().hex
        with self._changes:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"

    # ------------------------------------------------------------------ waiting and inspecting

    @property
    def current(self) -> SocketConnection | None:
        """The newest connection Slack would send a new envelope on."""
        usable = [c for c in self.connections if c.usable]
        return usable[-1] if usable else None

    def wait_for_connection(self, *, after: SocketConnection | None = None, timeout: float = 10.0) -> SocketConnection:
        """The first usable connection opened after `after` (any, if None), once it has had its `hello`."""

        def found() -> SocketConnection | None:
            for connection in self.connections:
                if connection.usable and (after is None or connection.number > after.number):
                    return connection
            return None

        with self._changes:
            if not self._changes.wait_for(lambda: found() is not None, timeout):
                raise TimeoutError(f"no new Socket Mode connection within {timeout} s (have {self.connections})")
            connection = found()
            assert connection is not None
            return connection

    def unacked(self) -> list[Envelope]:
        return [e for e in self.envelopes if e.acked_at is None]

    # ------------------------------------------------------------------ sending what Slack sends

    def send_envelope(
        self,
        type: str,  # noqa: A002 - Slack's field name
        payload: dict[str, Any],
        *,
        accepts_response_payload: bool = False,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
        envelope_id: str | None = None,
        connection: SocketConnection | None = None,
        wait_for_connection: float = 10.0,
    ) -> Envelope:
        """Send an envelope on `connection`, or on the current one (waiting for one, as Slack queues requests
        while an app reconnects)."""
        target = connection or self.current or self.wait_for_connection(timeout=wait_for_connection)
        envelope = Envelope(
            envelope_id=envelope_id or f"env-{next(_envelope_ids):06d}-{uuid.uuid4().hex[:8]}",
            type=type,
            payload=payload,
            accepts_response_payload=accepts_response_payload,
            connection=target,
            sent_at=time.monotonic(),
            retry_attempt=retry_attempt,
            retry_reason=retry_reason,
        )
        with self._changes:
            self.envelopes.append(envelope)
        envelope.sent_at = time.monotonic()
        target.send_json(envelope.message())
        return envelope

    def transport(self, timeout: float = 10.0) -> Send:
        """A `SlackRequests` transport that delivers each request as the envelope Slack would send in Socket Mode
        and answers with its ack: the signed-request builders of fake_slack/requests.py drive a bot over the
        socket too. The answer's body is the ack's payload (empty for a bare ack)."""

        def send(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
            if method != "POST" or body is None:
                raise ValueError(f"{method} {url}: only Slack's POSTed requests travel over a socket")
            envelope = self.send_envelope(**envelope_of(body, headers))
            ack = envelope.wait_ack(timeout)
            payload = ack.get("payload")
            return Response(200, json.dumps(payload) if payload else "", {})

        return send

    # ------------------------------------------------------------------ internals

    def _changed(self) -> None:
        with self._changes:
            self._changes.notify_all()

    def _acked(self, connection: SocketConnection, message: dict[str, Any]) -> None:
        envelope_id = message.get("envelope_id")
        with self._changes:
            for envelope in self.envelopes:
                if envelope.envelope_id == envelope_id and envelope.acked_at is None:
                    envelope.acked_at = time.monotonic()
                    envelope.ack = message
                    envelope.acked_on = connection
                    envelope._acked.set()
                    break
            self._changes.notify_all()

    def _accept(self) -> None:
        while self._listener is not None:
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._handshake, args=(sock,), daemon=True, name="fake-socket").start()

    def _handshake(self, sock: socket.socket) -> None:
        reader = _Reader(sock)
        try:
            request = reader.until(b"\r\n\r\n").decode("latin-1")
        except (OSError, SocketClosed):
            sock.close()
            return
        lines = request.split("\r\n")
        target = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 2 else ""
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        ticket = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query).get("ticket", [""])[0]
        with self._changes:
            known = ticket in self._tickets
            self._tickets.discard(ticket)
        key = headers.get("sec-websocket-key", "")
        if not self.accepting or not known or not key or headers.get("upgrade", "").lower() != "websocket":
            status = "401 Unauthorized" if self.accepting else "503 Service Unavailable"
            sock.sendall(f"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
            sock.close()
            return
        accept = base64.b64encode(hashlib.sha1((key + _ACCEPT_GUID).encode()).digest()).decode()
        sock.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        with self._changes:
            connection = SocketConnection(self, sock, len(self.connections) + 1, ticket)
            self.connections.append(connection)
            silent = self.silent_after_hello > 0
            if silent:
                self.silent_after_hello -= 1
        connection.hello()
        if silent:
            connection.go_silent()
        self._changed()
        connection._serve(reader)


def envelope_of(body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    """The Socket Mode envelope for a request Slack would otherwise POST: a command's form fields, an interactive
    `payload=` form field, or an Events API JSON body (its retry headers become `retry_attempt`)."""
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    text = body.decode("utf-8")
    if content_type.startswith("application/json"):
        retry = next((v for k, v in headers.items() if k.lower() == "x-slack-retry-num"), None)
        reason = next((v for k, v in headers.items() if k.lower() == "x-slack-retry-reason"), None)
        return {
            "type": "events_api",
            "payload": json.loads(text),
            "retry_attempt": int(retry) if retry is not None else 0,
            "retry_reason": reason or "",
        }
    fields = dict(urllib.parse.parse_qsl(text, keep_blank_values=True))
    if "payload" in fields:
        payload = json.loads(fields["payload"])
        answers = payload.get("type") in ("view_submission", "block_suggestion")
        return {"type": "interactive", "payload": payload, "accepts_response_payload": answers}
    return {"type": "slash_commands", "payload": fields, "accepts_response_payload": True}


def _frame(opcode: int, payload: bytes) -> bytes:
    """An unmasked, unfragmented server frame."""
    head = bytes([0x80 | opcode])
    length = len(payload)
    if length < 126:
        head += bytes([length])
    elif length < 1 << 16:
        head += bytes([126]) + struct.pack("!H", length)
    else:
        head += bytes([127]) + struct.pack("!Q", length)
    return head + payload


class _Reader:
    """Buffered reads from a socket: the handshake's header block, then frames."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buffer = b""

    def _fill(self) -> None:
        chunk = self._sock.recv(65536)
        if not chunk:
            raise SocketClosed
        self._buffer += chunk

    def until(self, marker: bytes) -> bytes:
        while marker not in self._buffer:
            self._fill()
        head, _, self._buffer = self._buffer.partition(marker)
        return head

    def exactly(self, count: int) -> bytes:
        while len(self._buffer) < count:
            self._fill()
        data, self._buffer = self._buffer[:count], self._buffer[count:]
        return data

    def frame(self) -> tuple[int, bytes]:
        """One client frame, unmasked; fragments are not used by slack_sdk's client and are not supported."""
        first, second = self.exactly(2)
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self.exactly(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self.exactly(8))
        mask = self.exactly(4) if second & 0x80 else b""
        data = self.exactly(length)
        if mask:
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        return first & 0x0F, data
