"""Operators get one structured line per request and per delivery; never a token or anyone's words."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import pytest

from tests.harness import BOT_TOKEN, SIGNING_SECRET, Bot

MONDAY_LATE_MORNING = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
SECRET_WORDS = "the customer cried and I felt out of my depth"


def lines(caplog: pytest.LogCaptureFixture, prefix: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(prefix)]


def test_each_request_is_one_line_with_its_kind_status_and_latency_and_no_text(
    team: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    team.clock.set(MONDAY_LATE_MORNING)
    team.tick()
    caplog.set_level(logging.INFO)
    assert "Saved your answer" in team.ask("/reflect", SECRET_WORDS, user="UDUB", channel="DUDUB")
    (line,) = lines(caplog, "request kind=command name=/reflect")
    assert re.search(r"workspace=T\w+ status=200 retry=0 latency_ms=\d+\.\d", line)
    everything = caplog.text
    assert SECRET_WORDS not in everything and BOT_TOKEN not in everything and SIGNING_SECRET not in everything


def test_each_delivery_is_one_line_with_team_kind_outcome_and_latency(
    team: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    team.clock.set(MONDAY_LATE_MORNING)
    team.slack.fail_next("chat.postMessage", error="internal_error", times=1)
    team.tick()
    deliveries = lines(caplog, "delivery ")
    assert len(deliveries) == 4  # the quote and the prompts of the three members whose time has come
    assert sum("outcome=failed" in d and "error=internal_error" in d for d in deliveries) == 1
    assert sum("outcome=sent" in d for d in deliveries) == 3
    assert all(
        re.search(r"team=1 kind=(prompt|quote) delivery=\d+ outcome=\w+ attempts=1 latency_ms=\d", d)
        for d in deliveries
    )
