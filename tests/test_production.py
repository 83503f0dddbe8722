"""Production serving: readiness for a load balancer, and the Bolt app under gunicorn with several workers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from alembic import command

from fake_slack.requests import SlackRequests
from storage import migrate
from storage.db import make_engine
from tests.harness import LEAD, SIGNING_SECRET, TEAM_CHANNEL, Bot, serve_for_tests
from tests.test_http import free_port
from web import wsgi_app

ROOT = Path(__file__).resolve().parents[1]


def test_ready_when_the_database_answers_and_its_schema_is_current(bot: Bot) -> None:
    assert (bot.requests.get("/readyz").status, bot.requests.get("/readyz").body) == (200, "ok")


def test_not_ready_while_the_schema_is_behind_the_code(bot: Bot, database_url: str) -> None:
    """A replica running newer code than the database's schema must not take traffic yet."""
    behind = make_engine(database_url)
    with behind.begin() as connection:
        command.stamp(migrate.alembic_config(connection), migrate.BASELINE)
    server = serve_for_tests(wsgi_app(bot.app, behind))
    try:
        requests = SlackRequests(f"http://127.0.0.1:{server.server_address[1]}", SIGNING_SECRET)
        response = requests.get("/readyz")
        assert response.status == 503 and "migration" in response.body
        assert requests.get("/healthz").status == 200
    finally:
        server.shutdown()
        server.server_close()
        behind.dispose()


def wait_until_ready(port: int, process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        assert time.monotonic() < deadline, "gunicorn did not become ready"
        time.sleep(0.2)


def test_gunicorn_with_two_workers_serves_health_readiness_and_slash_commands(slack, tmp_path: Path) -> None:
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT),
            "bot:wsgi()",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_ready(port, process)
        requests = SlackRequests(f"http://127.0.0.1:{port}", SIGNING_SECRET, team_id=slack.team_id)
        for n in range(4):
            reply = requests.command(
                "/practice", "help", user_id=LEAD, channel_id=TEAM_CHANNEL, response_url=slack.response_url(f"g{n}")
            )
            assert reply.status == 200
        for n in range(4):
            slack.wait_for("response_url", lambda c, key=f"g{n}": c.params.get("_key") == key, timeout=10)
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "Booting worker" in output and output.count("Booting worker") >= 2
    assert "xoxb-test-token" not in output and SIGNING_SECRET not in output
