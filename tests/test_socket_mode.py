"""The real Bolt app over a real WebSocket (fake_slack/socket_mode.py): every command, a button, a modal and events
arrive as Socket Mode envelopes and are acked within Slack's 3 s, and the watchdog (socket_mode.py) keeps one live
connection through refreshes, closes and silence. The watchdog runs here with short intervals; the production
defaults are held to the minute in tests/test_socket_mode_faults.py."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlmodel import select

from adapters import ids
from fake_slack.requests import SlackRequests
from fake_slack.socket_mode import FakeSocketModeServer, SocketConnection
from fake_slack.workspace import APP_TOKEN
from socket_mode import CountedSocketModeHandler, Watchdog
from storage.models import TeamMember
from tests.fakes.slack_api import FakeSlackAPI
from tests.feedback_helpers import open_form
from tests.handlers.test_reflect import answers, button_value, click, submit, todays_prompt
from tests.harness import (
    ACK_SECONDS,
    LEAD,
    SIGNING_SECRET,
    TEAM_CHANNEL,
    Bot,
    eventually,
    serve_for_tests,
    start_team,
    text_of,
)
from web import health_app

FAST = Watchdog(ping_every=0.2, silent_after=1.0, check_every=0.05, drain_for=1.0)


@pytest.fixture
def handler(bot: Bot, socket_server: FakeSocketModeServer) -> Iterator[CountedSocketModeHandler]:
    running = CountedSocketModeHandler(bot.app, APP_TOKEN, bot.deps.foreground, watchdog=FAST)
    running.connect()
    socket_server.wait_for_connection()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def socket_bot(bot: Bot, handler: CountedSocketModeHandler, socket_server: FakeSocketModeServer) -> Bot:
    """The harness's bot, driven through the socket: every request it sends is an envelope, answered by its ack."""
    bot.requests = SlackRequests(bot.url, SIGNING_SECRET, team_id=bot.slack.team_id, send=socket_server.transport())
    return bot


@pytest.fixture
def socket_team(socket_bot: Bot, slack: FakeSlackAPI) -> Bot:
    return start_team(socket_bot, slack)


def test_every_slash_command_is_answered_through_the_socket(
    socket_team: Bot, slack: FakeSlackAPI, socket_server: FakeSocketModeServer
) -> None:
    assert "/reflect" in socket_team.ask("/practice", "help", user=LEAD)
    assert "Weekly summary" in socket_team.ask("/summary", user=LEAD)
    trigger = socket_team.command("/reflect", user="UDUB", channel="DUDUB")
    slack.wait_for("views.open", lambda c: c.params["trigger_id"] == trigger)
    form = open_form(socket_team, "UDUB")
    assert form["callback_id"]
    kinds = {(e.type, e.payload.get("command")) for e in socket_server.envelopes}
    assert {("slash_commands", c) for c in ("/practice", "/reflect", "/feedback", "/summary")} <= kinds
    assert all(e.ack == {"envelope_id": e.envelope_id} for e in socket_server.envelopes)


def test_a_button_opens_the_modal_and_its_submission_is_checked_inside_it(
    socket_team: Bot, socket_server: FakeSocketModeServer
) -> None:
    prompt = todays_prompt(socket_team, "UDUB")
    view = click(socket_team, "UDUB", ids.ANSWER_OPEN, button_value(prompt, ids.ANSWER_OPEN))
    assert socket_server.envelopes[-1].type == "interactive"
    assert socket_server.envelopes[-1].accepts_response_payload is False

    refused = submit(socket_team, "UDUB", view, "   ")
    submission = socket_server.envelopes[-1]
    assert submission.accepts_response_payload is True
    assert refused.json()["response_action"] == "errors"
    assert submission.ack is not None and submission.ack["payload"]["response_action"] == "errors"
    assert answers(socket_team) == []

    saved = submit(socket_team, "UDUB", view, "I asked what they had already tried.")
    assert saved.body == ""
    socket_team.slack.wait_for("chat.postMessage", lambda c: "Saved your answer" in text_of(c))
    assert [a.text for a in answers(socket_team)] == ["I asked what they had already tried."]


def test_the_app_home_is_published_when_opened_through_the_socket(
    socket_team: Bot, slack: FakeSlackAPI, socket_server: FakeSocketModeServer
) -> None:
    event = {"type": "app_home_opened", "user": "UNY", "channel": "DUNY", "tab": "home"}
    assert socket_team.requests.event(event).status == 200
    assert socket_server.envelopes[-1].type == "events_api"
    slack.wait_for("views.publish", lambda c: c.params["user_id"] == "UNY")


def test_an_answer_typed_in_the_dm_arrives_over_the_socket_and_is_saved_once(
    socket_team: Bot, slack: FakeSlackAPI, socket_server: FakeSocketModeServer
) -> None:
    todays_prompt(socket_team, "UDUB")
    typed = {"type": "message", "channel": "DUDUB", "channel_type": "im", "user": "UDUB", "ts": "1764000000.000900"}
    event = {**typed, "text": "I let her finish first.", "team": slack.team_id, "event_ts": "1764000000.000900"}
    payload = socket_team.requests.event_envelope(event, event_id="EvDM")
    for attempt in (0, 1):
        socket_server.send_envelope(
            "events_api", payload, retry_attempt=attempt, retry_reason="timeout" if attempt else ""
        ).wait_ack(ACK_SECONDS)
    slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "UDUB" and "Saved your message" in text_of(c))
    time.sleep(0.3)
    assert [a.text for a in answers(socket_team)] == ["I let her finish first."]
    saved = [c for c in slack.calls_to("chat.postMessage") if "Saved your message" in text_of(c)]
    assert len(saved) == 1


def members(bot: Bot, user_id: str) -> list[tuple[str, bool]]:
    with bot.deps.sessions() as session:
        rows = session.exec(select(TeamMember).where(TeamMember.user_id == user_id)).all()
        return [(r.user_id, r.active) for r in rows]


def test_an_event_redelivered_over_the_socket_is_handled_once(
    socket_team: Bot, slack: FakeSlackAPI, socket_server: FakeSocketModeServer
) -> None:
    slack.add_user("UNEW", tz="Europe/Dublin")
    event = {"type": "member_joined_channel", "user": "UNEW", "channel": TEAM_CHANNEL, "channel_type": "C"}
    payload = socket_team.requests.event_envelope({**event, "team": slack.team_id, "event_ts": "1.0"}, event_id="EvJ")
    for attempt in (0, 1, 2):
        socket_server.send_envelope(
            "events_api", payload, retry_attempt=attempt, retry_reason="timeout" if attempt else ""
        ).wait_ack(ACK_SECONDS)
    eventually(lambda: members(socket_team, "UNEW") == [("UNEW", True)])
    time.sleep(0.3)
    assert members(socket_team, "UNEW") == [("UNEW", True)]
    welcomes = [c for c in slack.calls_to("chat.postMessage") if c.params.get("channel") == "UNEW"]
    assert len(welcomes) <= 1


@pytest.mark.parametrize("reason", ["refresh_requested", "warning"])
def test_after_disconnect_the_first_envelope_on_the_new_connection_is_acked_at_once(
    socket_bot: Bot, socket_server: FakeSocketModeServer, reason: str
) -> None:
    old = socket_server.current
    assert old is not None
    old.disconnect(reason, keep_open=10.0)  # Slack keeps the old socket open; the client must not wait on it
    new = socket_server.wait_for_connection(after=old, timeout=ACK_SECONDS)
    assert "/reflect" in socket_bot.ask("/practice", "help", user=LEAD)
    first = socket_server.envelopes[-1]
    assert first.connection is new and first.acked_on is new
    assert first.latency is not None and first.latency < 1.0
    assert old.open  # still open on Slack's side: what the built-in client waited 3 s on

    on_old = socket_server.send_envelope(
        "events_api",
        socket_bot.requests.event_envelope(
            {"type": "app_home_opened", "user": LEAD, "channel": "DLEAD", "tab": "home"}
        ),
        connection=old,
    )
    on_old.wait_ack(ACK_SECONDS)
    assert on_old.acked_on is old  # drained: acked on the socket it came on
    assert old.wait_closed(FAST.drain_for + 2.0) and old.closed_at is not None
    assert old.closed_at - new.opened_at < 10.0  # closed by the bot after draining, before Slack would


@pytest.mark.parametrize("frame", [True, False], ids=["close-frame", "dropped"])
def test_a_close_without_disconnect_is_reconnected_within_5_s(
    socket_bot: Bot, socket_server: FakeSocketModeServer, frame: bool
) -> None:
    old = socket_server.current
    assert old is not None
    closed_at = time.monotonic()
    old.close(frame=frame)
    new = socket_server.wait_for_connection(after=old, timeout=5.0)
    assert new.hello_at is not None and new.hello_at - closed_at < 5.0
    assert "/reflect" in socket_bot.ask("/practice", "help", user=LEAD)
    assert socket_server.envelopes[-1].acked_on is new


def replaced_within(server: FakeSocketModeServer, silent: SocketConnection, since: float, limit: float) -> float:
    new = server.wait_for_connection(after=silent, timeout=limit + 2.0)
    assert new.hello_at is not None
    took = new.hello_at - since
    assert took < limit, f"replaced after {took:.1f} s"
    assert silent.wait_closed(2.0)
    return took


def test_a_connection_silent_right_after_hello_is_replaced(
    socket_bot: Bot, socket_server: FakeSocketModeServer
) -> None:
    first = socket_server.current
    assert first is not None
    socket_server.silent_after_hello = 1
    first.close()
    eventually(lambda: len(socket_server.connections) >= 2 and socket_server.connections[1].silent, timeout=5)
    silent = socket_server.connections[1]
    assert silent.hello_at is not None
    replaced_within(socket_server, silent, silent.hello_at, FAST.silent_after + 1.0)
    assert "/reflect" in socket_bot.ask("/practice", "help", user=LEAD)


def test_a_connection_that_goes_silent_later_is_replaced(socket_bot: Bot, socket_server: FakeSocketModeServer) -> None:
    assert "/reflect" in socket_bot.ask("/practice", "help", user=LEAD)
    time.sleep(FAST.ping_every * 2)  # a few pings answered first
    silent = socket_server.current
    assert silent is not None and silent.pings >= 2
    went_silent = time.monotonic()
    silent.go_silent()
    replaced_within(socket_server, silent, went_silent, FAST.silent_after + 1.0)
    assert "/reflect" in socket_bot.ask("/practice", "help", user=LEAD)


def test_readiness_follows_the_connection_and_the_port_serves_only_the_probes(
    bot: Bot, handler: CountedSocketModeHandler, socket_server: FakeSocketModeServer
) -> None:
    server = serve_for_tests(health_app(bot.deps.engine, handler.client.ready))
    probes = SlackRequests(f"http://127.0.0.1:{server.server_address[1]}", SIGNING_SECRET)
    try:
        assert (probes.get("/healthz").status, probes.get("/readyz").status) == (200, 200)
        assert (
            probes.command("/practice", "help", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url="x").status == 404
        )

        socket_server.accepting = False  # Slack's edge unreachable: the bot cannot connect again
        current = socket_server.current
        assert current is not None
        current.close()
        eventually(lambda: probes.get("/readyz").status == 503, timeout=2)
        assert probes.get("/readyz").body == "not connected to Slack"
        assert probes.get("/healthz").status == 200

        socket_server.accepting = True
        eventually(lambda: probes.get("/readyz").status == 200, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
