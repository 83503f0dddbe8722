"""Every listener's work after its ack steps aside while Slack is waiting on other requests, within a limit, over
HTTP and in Socket Mode."""

from __future__ import annotations

import logging
import threading
import time

from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from adapters import ids
from foreground import Foreground
from socket_mode import CountedSocketModeHandler
from tests.harness import LEAD, Bot

NOT_YET = 0.3  # long enough to see that nothing happened, for tests that then see it happen


def waiting(foreground: Foreground, acked_at: float | None = None) -> threading.Thread:
    thread = threading.Thread(target=foreground.step_aside, args=(acked_at,), daemon=True)
    thread.start()
    return thread


def test_work_waits_while_a_request_is_being_answered_and_goes_on_when_it_is() -> None:
    foreground = Foreground(max_defer=30)
    foreground.enter()
    work = waiting(foreground)
    work.join(NOT_YET)
    assert work.is_alive()
    foreground.leave()
    work.join(5)
    assert not work.is_alive()


def test_work_waits_for_a_short_quiet_after_the_last_answer_since_a_burst_goes_on() -> None:
    now = [100.0]
    foreground = Foreground(max_defer=30, quiet=0.02, clock=lambda: now[0])
    foreground.enter()
    foreground.leave()
    work = waiting(foreground, acked_at=100.0)
    work.join(NOT_YET)  # the clock stands still: the quiet is never over
    assert work.is_alive()
    now[0] += 0.021
    work.join(5)
    assert not work.is_alive()


def test_work_goes_on_when_nothing_is_being_answered() -> None:
    foreground = Foreground(max_defer=30)
    work = waiting(foreground)
    work.join(5)
    assert not work.is_alive()


def test_work_waits_no_longer_than_its_limit_counted_from_its_ack() -> None:
    now = [100.0]
    foreground = Foreground(max_defer=0.25, clock=lambda: now[0])
    foreground.enter()
    work = waiting(foreground, acked_at=99.0)  # acked a second ago: its quarter second is over
    work.join(5)
    assert not work.is_alive()


def test_an_answer_leaves_the_foreground_once_when_the_server_closes_it() -> None:
    closed: list[bool] = []

    class Body(list):
        def close(self) -> None:
            closed.append(True)

    foreground = Foreground()
    foreground.enter()
    answer = foreground.answering(Body([b"ok"]))
    assert list(answer) == [b"ok"] and foreground.busy == 1
    answer.close()
    answer.close()
    assert closed == [True] and foreground.busy == 0


def test_a_command_is_acked_at_once_and_its_work_waits_for_the_request_slack_is_waiting_on(team: Bot) -> None:
    team.deps.foreground.max_defer = 30
    team.deps.foreground.enter()  # another Slack request, still being answered
    try:
        started = time.monotonic()
        key = team.command("/summary", "", user=LEAD).removeprefix("trig-")
        acked = time.monotonic() - started
        time.sleep(NOT_YET)
        assert not [c for c in team.slack.calls_to("response_url") if c.params.get("_key") == key]
    finally:
        team.deps.foreground.leave()
    assert acked < 5
    team.slack.wait_for("response_url", lambda c: c.params.get("_key") == key)
    assert team.deps.foreground.busy == 0


def test_a_buttons_work_waits_after_its_ack_for_the_request_slack_is_waiting_on(team: Bot) -> None:
    team.deps.foreground.max_defer = 30
    team.deps.foreground.enter()
    try:
        started = time.monotonic()
        response = team.requests.block_action(user_id=LEAD, action_id=ids.HOME_SUMMARY, value="1")
        acked = time.monotonic() - started
        time.sleep(NOT_YET)
        assert not team.slack.calls_to("chat.postMessage")
    finally:
        team.deps.foreground.leave()
    assert response.status == 200 and acked < 5
    team.slack.wait_for("chat.postMessage", lambda c: c.params.get("channel") == LEAD)


def test_an_events_work_waits_for_the_request_slack_is_waiting_on(team: Bot) -> None:
    team.deps.foreground.max_defer = 30
    team.deps.foreground.enter()
    try:
        response = team.requests.event({"type": "app_home_opened", "user": "UDUB", "tab": "home"})
        time.sleep(NOT_YET)
        assert not team.slack.calls_to("views.publish")
    finally:
        team.deps.foreground.leave()
    assert response.status == 200
    team.slack.wait_for("views.publish")


class RecordingClient:
    """Stands in for the Socket Mode client: what Bolt sends back over the socket."""

    def __init__(self, foreground: Foreground) -> None:
        self.foreground = foreground
        self.logger = logging.getLogger("socket-mode-test")
        self.sent: list[tuple[str, int]] = []

    def send_socket_mode_response(self, response: SocketModeResponse) -> None:
        self.sent.append((response.envelope_id, self.foreground.busy))


def test_in_socket_mode_an_envelope_is_counted_as_answered_while_bolt_acks_it(team: Bot) -> None:
    handler = CountedSocketModeHandler(team.app, "xapp-1-test", team.deps.foreground)
    client = RecordingClient(team.deps.foreground)
    command = {
        "command": "/practice",
        "text": "help",
        "user_id": LEAD,
        "channel_id": "CTEAM",
        "team_id": "T0TEST",
        "response_url": team.slack.response_url("socket"),
        "trigger_id": "T1",
    }
    handler.handle(client, SocketModeRequest(type="slash_commands", envelope_id="E1", payload=command))  # type: ignore[arg-type]
    assert client.sent == [("E1", 1)] and team.deps.foreground.busy == 0
    team.slack.wait_for("response_url", lambda c: c.params.get("_key") == "socket")
