"""An admin starts `python bot.py` with something wrong and reads one line that names the cause and the next
step, exit code 2, no traceback, and nothing left on disk."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import SIGNING_SECRET
from tests.test_http import free_port

ROOT = Path(__file__).resolve().parents[1]
DETAILS = "; run `python bot.py check` for the details"


def start(env: dict[str, str], cwd: Path, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "bot.py")],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings(slack: FakeSlackAPI, **changes: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "PORT": str(free_port()),
        **changes,
    }


def the_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def nothing_created(directory: Path) -> bool:
    return list(directory.iterdir()) == []


def test_slack_unreachable_is_one_line_and_leaves_no_database(tmp_path: Path) -> None:
    api_url = f"http://127.0.0.1:{free_port()}/api/"
    result = start(
        {"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api_url},
        tmp_path,
    )
    assert the_one_line(result) == (
        f"Slack: cannot reach {api_url} (Connection refused): offline, or SLACK_API_URL is wrong? "
        "run `python bot.py check` for the details"
    )
    assert nothing_created(tmp_path)


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        ("invalid_auth", "copy the Bot User OAuth Token again from OAuth & Permissions"),
        ("not_authed", "copy the Bot User OAuth Token again from OAuth & Permissions"),
        ("token_revoked", "reinstall the app to the workspace and copy its new Bot User OAuth Token"),
        ("account_inactive", "the app's bot user was deactivated: reinstall the app to the workspace"),
    ],
)
def test_a_bot_token_slack_refuses_is_named_with_what_to_do(
    slack: FakeSlackAPI, tmp_path: Path, code: str, fix: str
) -> None:
    slack.fail_next("auth.test", error=code)
    result = start(settings(slack), tmp_path)
    assert the_one_line(result) == f"SLACK_BOT_TOKEN: Slack refused it ({code}); {fix}{DETAILS}"
    assert nothing_created(tmp_path)


def test_an_app_token_slack_refuses_stops_socket_mode_in_one_line(slack: FakeSlackAPI, tmp_path: Path) -> None:
    result = start(settings(slack, SLACK_APP_TOKEN="xapp-1-mistyped"), tmp_path)
    assert the_one_line(result) == (
        "SLACK_APP_TOKEN: Slack refused it (invalid_auth); create an app-level token with connections:write "
        f"under Basic Information → App-Level Tokens, and turn Socket Mode on{DETAILS}"
    )
    assert nothing_created(tmp_path)


def test_a_port_already_in_use_is_named_before_the_database_is_created(slack: FakeSlackAPI, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = start(settings(slack, PORT=str(port)), tmp_path)
    assert the_one_line(result) == (
        f"PORT: port {port} is already in use (another copy of the bot?); stop the other process or set PORT "
        f"to a free port, or run `python bot.py check` for the details"
    )
    assert nothing_created(tmp_path)


def test_an_unreachable_database_is_one_line(slack: FakeSlackAPI, tmp_path: Path) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test"
    line = the_one_line(start(settings(slack, DATABASE_URL=url), tmp_path))
    assert line.startswith("Configuration error: DATABASE_URL: cannot open the database (connection failed")
    assert line.endswith(DETAILS)


def test_a_database_the_bot_cannot_write_is_one_line(slack: FakeSlackAPI, tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "read-only.db").close()
    url = f"sqlite:///file:{tmp_path}/read-only.db?mode=ro&uri=true"
    line = the_one_line(start(settings(slack, DATABASE_URL=url), tmp_path))
    assert line == (
        f"Configuration error: DATABASE_URL: cannot open the database (attempt to write a readonly database){DETAILS}"
    )


def test_a_database_in_a_folder_that_does_not_exist_is_one_line(slack: FakeSlackAPI, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/folder/practice.db"
    line = the_one_line(start(settings(slack, DATABASE_URL=url), tmp_path))
    assert line == (
        f"Configuration error: DATABASE_URL: cannot open the database (unable to open database file){DETAILS}"
    )
    assert nothing_created(tmp_path)


def test_a_broken_prompt_bank_is_one_line_and_leaves_no_database(slack: FakeSlackAPI, tmp_path: Path) -> None:
    copy = tmp_path / "bot"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "tests", "*.db*", "__pycache__"))
    (copy / "prompts" / "prompts.yaml").write_text("prompts:\n  - id: listening-01\n    skill: listening\n")
    workdir = tmp_path / "run"
    workdir.mkdir()
    line = the_one_line(start(settings(slack), workdir, root=copy))
    assert line.startswith("Prompt bank error: ") and line.endswith(f"fix the file, then {DETAILS[2:]}")
    assert "prompts.yaml" in line
    assert nothing_created(workdir)


def test_a_missing_variable_is_one_line_that_points_to_the_check(tmp_path: Path) -> None:
    result = start({}, tmp_path)
    assert the_one_line(result) == (
        f"Configuration error: SLACK_BOT_TOKEN: is missing; set it in .env (see .env.example){DETAILS}"
    )
    assert nothing_created(tmp_path)


def test_settings_are_read_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-1-abc\nSLACK_SIGNING_SECRET=s\nPORT=abc\n")
    result = start({}, tmp_path)
    assert result.returncode == 2
    assert "PORT" in result.stderr and "Traceback" not in result.stderr
