"""Whatever reaches the bot, its log holds nobody's words: not for a request it refuses (a wrong signing secret
refuses them all), and not when a listener fails because Slack or the database does. The real process runs;
its whole output is searched for one distinctive word in every request."""

from __future__ import annotations

import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from adapters import ids
from fake_slack.requests import Response, SlackRequests
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import LEAD, SIGNING_SECRET, TEAM_CHANNEL
from tests.test_http import free_port

ROOT = Path(__file__).resolve().parents[1]
#: One word that appears nowhere else, so every encoding of the phrase (form, JSON, URL) still contains it.
WORD = "quokka"
PHRASE = f"the {WORD} customer cried & I said <sorry>"
_answers = itertools.count(1)


@dataclass
class RunningBot:
    process: subprocess.Popen[bytes]
    output: Path
    requests: SlackRequests
    database: Path

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def wait_until_quiet(self, seconds: float = 1.0, timeout: float = 20) -> None:
        """Work after an ack goes on in the background: wait until the log has stopped growing."""
        deadline = time.monotonic() + timeout
        size, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = self.output.stat().st_size
            if now != size:
                size, since = now, time.monotonic()
            elif time.monotonic() - since >= seconds:
                return
            time.sleep(0.1)


@pytest.fixture
def running_bot(slack: FakeSlackAPI, tmp_path: Path) -> Iterator[RunningBot]:
    slack.add_user("UNY", name="nia", tz="America/New_York")
    slack.add_user("UDUB", name="dara", tz="Europe/Dublin")
    slack.add_user("UIN", name="ishan", tz="Asia/Kolkata")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, "UNY", "UDUB", "UIN", "UBOT"))
    port, output, database = free_port(), tmp_path / "bot.log", tmp_path / "bot.db"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{database}",
        "LEAD_USER_IDS": LEAD,
    }
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "bot.py")], cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    bot = RunningBot(
        process, output, SlackRequests(f"http://127.0.0.1:{port}", SIGNING_SECRET, team_id=slack.team_id), database
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                assert process.poll() is None, bot.log()
                assert time.monotonic() < deadline, "the bot did not start"
                time.sleep(0.1)
        yield bot
    finally:
        process.terminate()
        process.wait(timeout=15)


def every_request(requests: SlackRequests, slack: FakeSlackAPI, **signing: object) -> list[Response]:
    """One of each kind of request the bot has a listener for, every free-text field carrying the phrase."""

    def url() -> str:  # each its own: Slack takes 5 answers per response_url
        return slack.response_url(f"privacy-{next(_answers)}")

    sent = [
        requests.command(
            command,
            f"<@UNY> {PHRASE}" if command == "/feedback" else PHRASE,
            user_id="UNY",
            channel_id=TEAM_CHANNEL,
            response_url=url(),
            **signing,
        )
        for command in COMMANDS
    ]
    message = {
        "type": "message",
        "ts": "1700000000.000100",
        "text": PHRASE,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": PHRASE}}],
    }
    sent += [
        requests.block_action(
            user_id="UNY",
            action_id=action,
            value=PHRASE,
            channel_id="DUNY",
            message_ts="1700000000.000100",
            message=message,
            response_url=url(),
            **signing,
        )
        for action in (*ACTIONS, *PATTERNED_ACTIONS)
    ]
    typed = {"type": "plain_text_input", "value": PHRASE}
    values = {
        block: {inp: typed}
        for block, inp in (
            (ids.ANSWER_BLOCK, ids.ANSWER_INPUT),
            (ids.FEEDBACK_KEEP_BLOCK, ids.FEEDBACK_TEXT_INPUT),
            (ids.FEEDBACK_CHANGE_BLOCK, ids.FEEDBACK_TEXT_INPUT),
            (ids.FEEDBACK_TRY_BLOCK, ids.FEEDBACK_TEXT_INPUT),
            (ids.DRILL_REPLY_BLOCK, ids.DRILL_REPLY_INPUT),
            (ids.REVIEW_KEEP_BLOCK, ids.FEEDBACK_TEXT_INPUT),
            (ids.FOCUS_OUTCOME_BLOCK, ids.FOCUS_OUTCOME_INPUT),
        )
    }
    values[ids.FEEDBACK_RECIPIENT_BLOCK] = {
        ids.FEEDBACK_RECIPIENT_INPUT: {"type": "users_select", "selected_user": "UDUB"}
    }
    sent += [
        requests.view_submission(
            user_id="UNY",
            callback_id=view,
            values=values,
            private_metadata=json.dumps(
                {
                    "delivery_id": 1,
                    "feedback_id": 1,
                    "writing_id": 1,
                    "request_id": 1,
                    "round_id": 1,
                    "focus_id": 1,
                    "drill_id": "drill-empathy-01",
                    "note": PHRASE,
                }
            ),
            **signing,
        )
        for view in VIEWS
    ]
    for event in EVENTS:
        sent.append(
            requests.event(
                {
                    "type": event,
                    "user": "UNY",
                    "channel": TEAM_CHANNEL,
                    "text": PHRASE,
                    "tab": "home",
                    "team": slack.team_id,
                    "channel_type": "channel",  # a reply in a thread, for the message event
                    "ts": "1700000000.000200",
                    "thread_ts": "1700000000.000100",
                },
                **signing,
            )
        )
    typed_in_dm = {"type": "message", "channel": "DUNY", "channel_type": "im", "user": "UNY", "text": PHRASE}
    for event in (
        {**typed_in_dm, "ts": "1700000000.000300"},
        {**typed_in_dm, "ts": "1700000000.000301", "thread_ts": "1700000000.000100"},
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": "DUNY",
            "channel_type": "im",
            "ts": "1700000000.000302",
            "message": {**typed_in_dm, "ts": "1700000000.000300", "text": PHRASE + " again"},
            "previous_message": {**typed_in_dm, "ts": "1700000000.000300"},
        },
        {
            "type": "message",
            "subtype": "message_deleted",
            "channel": "DUNY",
            "channel_type": "im",
            "ts": "1700000000.000303",
            "deleted_ts": "1700000000.000300",
            "previous_message": {**typed_in_dm, "ts": "1700000000.000300"},
        },
    ):
        sent.append(requests.event(event, **signing))
    return sent


COMMANDS = ("/practice", "/reflect", "/drill", "/feedback", "/summary")
ACTIONS = (
    ids.ANSWER_OPEN,
    ids.ANSWER_EDIT,
    ids.FORGET_CONFIRM,
    ids.FORGET_CANCEL,
    ids.FEEDBACK_THANKS,
    ids.FEEDBACK_TRY,
    ids.FEEDBACK_FOLLOWUP,
    ids.SUMMARY_SHARE,
    ids.HOME_SUMMARY,
    ids.HOME_PAUSE,
    ids.REVIEW_OPEN,
    ids.CALIBRATE_OPEN,
    ids.DRILL_WRITE_OPEN,
    ids.ANSWER_REMEMBER,
    ids.LESSON_USED,
    ids.LESSON_NOT_YET,
    ids.LESSON_STOP,
    ids.FOCUS_PICK,
    ids.FOCUS_NONE,
    ids.FOCUS_OUTCOME_OPEN,
)
#: Listened for by a pattern (a drill's option and confidence buttons, an answer's visibility), one of each.
PATTERNED_ACTIONS = (f"{ids.DRILL_CHOOSE}0", f"{ids.DRILL_SURE}sure", f"{ids.ANSWER_VISIBILITY}team")
VIEWS = (
    ids.ANSWER_MODAL,
    ids.FEEDBACK_MODAL,
    ids.FEEDBACK_TRY_MODAL,
    ids.FEEDBACK_FOLLOWUP_MODAL,
    ids.DRILL_WRITE_MODAL,
    ids.DRILL_SELF_MODAL,
    ids.REVIEW_MODAL,
    ids.CALIBRATE_MODAL,
    ids.FOCUS_OUTCOME_MODAL,
)
EVENTS = (
    "app_home_opened",
    "member_joined_channel",
    "member_left_channel",
    "app_uninstalled",
    "tokens_revoked",
    "message",
)


def registered_listeners() -> set[str]:
    """Every command, action, view and event a listener is registered for by name, read from the handlers'
    source (the catch-all for unknown buttons and forms has its own tests)."""
    found: set[str] = set()
    for module in (ROOT / "handlers").glob("*.py"):
        for listened in re.findall(r"app\.(?:command|action|view|event)\(([^)]+)\)", module.read_text()):
            argument = listened.split(",")[0].strip()
            if argument.startswith("ids."):
                found.add(getattr(ids, argument.split(".", 1)[1]))
            elif argument[:1] in "\"'":
                found.add(argument.strip("\"'"))
    return found


def test_the_requests_here_reach_every_listener_the_bot_registers() -> None:
    assert registered_listeners() == {*COMMANDS, *ACTIONS, *VIEWS, *EVENTS}


def test_forged_and_stale_requests_are_refused_and_logged_without_their_words(
    running_bot: RunningBot, slack: FakeSlackAPI
) -> None:
    forged = every_request(running_bot.requests, slack, signature="v0=" + "0" * 64)
    stale = every_request(running_bot.requests, slack, timestamp=int(time.time()) - 600)
    assert {r.status for r in forged + stale} == {401}
    running_bot.wait_until_quiet()
    log = running_bot.log()
    assert WORD not in log
    assert "`token` will be unused" not in log  # Bolt's warning about a token from the environment: noise
    refused = re.findall(
        r"refused a request whose signature does not match SLACK_SIGNING_SECRET \(or is older "
        r"than 5 minutes\): kind=(\S+) name=(\S+) workspace=(\S+) signature_age_s=(\d+)",
        log,
    )
    assert len(refused) == len(forged) + len(stale)
    assert {kind for kind, *_ in refused} == {"command", "block_actions", "view_submission", "event_callback"}
    assert {name for _, name, *_ in refused} >= {*COMMANDS, ids.ANSWER_MODAL, ids.HOME_PAUSE, "app_home_opened"}
    ages = sorted(int(age) for *_, age in refused)
    assert ages[0] < 60 and ages[-1] >= 600


def test_listeners_that_fail_on_slack_or_the_database_log_no_words(
    running_bot: RunningBot, slack: FakeSlackAPI
) -> None:
    url = slack.response_url("start")
    assert (
        running_bot.requests.command(
            "/practice", "start", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=url
        ).status
        == 200
    )
    slack.wait_for("response_url", lambda c: c.params.get("_key") == "start", timeout=10)

    every_request(running_bot.requests, slack)  # everything works
    running_bot.wait_until_quiet()

    for method in (*slack._handlers, "response_url"):
        slack.fail_next(method, error="fatal_error", times=1000)
    every_request(running_bot.requests, slack)  # Slack refuses every call
    running_bot.wait_until_quiet()

    slack.clear_faults()
    with sqlite3.connect(running_bot.database) as full:  # every write fails, as on a full disk
        for (table,) in full.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            for change in ("INSERT", "UPDATE"):
                full.execute(
                    f'CREATE TRIGGER "full_{change}_{table}" BEFORE {change} ON "{table}" '
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                )
    every_request(running_bot.requests, slack)
    running_bot.wait_until_quiet()

    with sqlite3.connect(running_bot.database) as broken:  # the database loses its tables under the bot
        for (table,) in broken.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            broken.execute(f'DROP TABLE "{table}"')
    every_request(running_bot.requests, slack)
    running_bot.wait_until_quiet()

    log = running_bot.log()
    for failure in ("fatal_error", "database or disk is full", "no such table"):
        assert failure in log, f"the listeners should have met {failure!r}"
    assert WORD not in log
