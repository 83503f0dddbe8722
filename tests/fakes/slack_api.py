"""The tests' fake Slack Web API: fake_slack's loopback server with Slack's spec checks plugged in.

Every call the bot makes is checked against Slack's own OpenAPI spec and slack_sdk's Block Kit validators
(tests/fakes/spec_checks.py), and violations are collected in `problems`, so tests end with
`assert_no_problems()`. The server itself, its state, fault injection and rate limits are in
fake_slack/web_api.py, shared with the demo and the benchmarks.

Typical use::

    with FakeSlackAPI() as fake:
        fake.add_user("U1", tz="Europe/Paris")
        client = WebClient(token=fake.expected_token, base_url=fake.base_url)
        client.chat_postMessage(channel="U1", text="hi")
        fake.wait_for("chat.postMessage")
        fake.assert_no_problems()
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fake_slack import web_api
from fake_slack.web_api import Call, UploadedFile, response_url_at
from fake_slack.workspace import APP_ID, BOT_ID, BOT_USER_ID
from tests.fakes.spec_checks import (
    GLOBAL_PARAMS,
    OPENAPI_PATH,
    PARAM_ALLOWLIST,
    REQUIRED_OUTSIDE_SPEC,
    SPEC_DIR,
    SlackSpec,
    SpecChecks,
)

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "GLOBAL_PARAMS",
    "OPENAPI_PATH",
    "PARAM_ALLOWLIST",
    "REQUIRED_OUTSIDE_SPEC",
    "SPEC_DIR",
    "Call",
    "FakeSlackAPI",
    "SlackSpec",
    "UploadedFile",
    "response_url_at",
]


class FakeSlackAPI(web_api.FakeSlackAPI):
    """fake_slack's FakeSlackAPI checking every call against Slack's spec (`spec_path`) and Block Kit; the
    other options are the server's (expected_token, team_id, clock, latency, rate_limits, on_call...)."""

    def __init__(self, *, spec_path: Path = OPENAPI_PATH, **options: Any) -> None:
        super().__init__(checker=SpecChecks(SlackSpec.load(spec_path)), **options)
