"""An admin runs `python bot.py check` and reads, one line each, what is wrong with the installation."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import bot
import check
from prompts.bank import DRILLS_FILE, PROMPTS_FILE, QUOTES_FILE, RETIRED_FILE, TEAM_QUESTIONS_FILE, load_banks
from storage import migrate
from storage.db import make_engine
from tests.fakes.slack_api import FakeSlackAPI

MANIFEST_SCOPES = (
    "chat:write",
    "commands",
    "im:write",
    "im:history",
    "users:read",
    "channels:history",
    "groups:history",
    "channels:read",
    "groups:read",
    "files:write",
)


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI()
    fake.start()
    try:
        yield fake
        fake.assert_no_problems()
    finally:
        fake.stop()


def env_for(slack: FakeSlackAPI, tmp_path: Path, **changes: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": slack.expected_token,
        "SLACK_SIGNING_SECRET": "s3cret",
        "SLACK_API_URL": slack.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'practice.db'}",
        "LEAD_USER_IDS": "U012ABCDEF",
        **changes,
    }


def problems(lines: list[check.Line]) -> list[str]:
    return [line.text for line in lines if line.problem]


def warnings(lines: list[check.Line]) -> list[str]:
    return [line.text for line in lines if line.warning]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_ready_installation_passes_every_check(slack: FakeSlackAPI, tmp_path: Path) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    lines = check.run_checks(env_for(slack, tmp_path))
    assert problems(lines) == [] and warnings(lines) == []
    text = "\n".join(map(str, lines))
    assert "the token works, as @practice-coach in Test Team" in text
    assert "all 10 bot scopes in manifest.yml are granted" in text
    banks = load_banks()
    assert f"prompt bank: {len(banks.prompts)} entries" in text and f"quote bank: {len(banks.quotes)} entries" in text
    assert f"team question bank: {len(banks.team_questions)} entries" in text and "retired ids: " in text
    assert not (tmp_path / "practice.db").exists(), "check must not create the database"


def test_missing_scopes_are_each_named_on_their_own_line(slack: FakeSlackAPI, tmp_path: Path) -> None:
    slack.granted_scopes = tuple(s for s in MANIFEST_SCOPES if s not in ("files:write", "im:history"))
    lines = check.run_checks(env_for(slack, tmp_path))
    assert len(problems(lines)) == 2
    assert problems(lines)[0].startswith("scope files:write is missing")
    assert problems(lines)[1].startswith("scope im:history is missing")
    assert "reinstall the app" in problems(lines)[0]
    assert "without it Slack sends no message.im events (answers typed in the DM with the bot)" in problems(lines)[1]
    assert "message.im" not in problems(lines)[0]


def test_every_message_event_in_the_manifest_has_its_history_scope_there_too() -> None:
    events = check.manifest_events() & set(check.EVENT_SCOPES)
    assert events == {"message.channels", "message.groups", "message.im"}
    assert {check.EVENT_SCOPES[e] for e in events} <= check.manifest_scopes()


def test_a_missing_token_is_named_and_slack_is_not_contacted(slack: FakeSlackAPI, tmp_path: Path) -> None:
    lines = check.run_checks(env_for(slack, tmp_path, SLACK_BOT_TOKEN=""))
    assert problems(lines) == ["SLACK_BOT_TOKEN: is missing; set it in .env (see .env.example)"]
    skipped = [line.text for line in lines if line.skipped]
    assert skipped and "not contacted" in skipped[0] and "python bot.py demo" in skipped[0]
    assert slack.calls == []


def test_slack_waits_for_both_bad_variables_in_plain_english(slack: FakeSlackAPI, tmp_path: Path) -> None:
    lines = check.run_checks(env_for(slack, tmp_path, SLACK_BOT_TOKEN="", SLACK_API_URL="ftp://slack.example"))
    (skipped,) = [line.text for line in lines if line.skipped]
    assert "not contacted until SLACK_API_URL and SLACK_BOT_TOKEN are fixed, so" in skipped
    (alone,) = [line.text for line in check.run_checks(env_for(slack, tmp_path, SLACK_BOT_TOKEN="")) if line.skipped]
    assert "not contacted until SLACK_BOT_TOKEN is fixed, so" in alone
    assert slack.calls == []


@pytest.mark.parametrize("leads", ["", " , "])
def test_no_leads_is_a_warning_that_says_how_to_find_a_member_id(
    slack: FakeSlackAPI, tmp_path: Path, leads: str
) -> None:
    """Every variable may be valid and still nobody can start a team: the admin is told, and how to fix it."""
    slack.granted_scopes = MANIFEST_SCOPES
    lines = check.run_checks(env_for(slack, tmp_path, LEAD_USER_IDS=leads))
    assert problems(lines) == []
    (warning,) = [line for line in lines if line.warning]
    assert str(warning).startswith("warning  LEAD_USER_IDS: is empty, so nobody can run `/practice start`")
    assert "open their profile, click ⋮ (More), then Copy member ID" in warning.text
    assert "U012ABCDEF" in warning.text


def test_a_malformed_lead_id_is_a_problem_not_the_empty_warning(slack: FakeSlackAPI, tmp_path: Path) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    lines = check.run_checks(env_for(slack, tmp_path, LEAD_USER_IDS="lena"))
    assert problems(lines) == ["LEAD_USER_IDS: 'lena' is not a Slack user id (like U012ABCDEF)"]
    assert warnings(lines) == []


def test_a_token_slack_refuses_is_reported_without_printing_it(slack: FakeSlackAPI, tmp_path: Path) -> None:
    lines = check.run_checks(env_for(slack, tmp_path, SLACK_BOT_TOKEN="xoxb-revoked-secret"))
    (problem,) = problems(lines)
    assert problem.startswith("SLACK_BOT_TOKEN: Slack refused it (invalid_auth)")
    assert "revoked-secret" not in "\n".join(map(str, lines))


def test_every_bad_setting_is_reported_not_only_the_first(slack: FakeSlackAPI, tmp_path: Path) -> None:
    env = env_for(slack, tmp_path, SLACK_SIGNING_SECRET="", PORT="eighty", DEFAULT_TIMEZONE="Mars/Olympus")
    found = problems(check.run_checks(env))
    assert [p.split(":")[0] for p in found] == ["SLACK_SIGNING_SECRET", "PORT", "DEFAULT_TIMEZONE"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://user@host/db", "DATABASE_URL: should look like sqlite:///practice.db"),
        ("sqlite:////no/such/folder/practice.db", "DATABASE_URL: cannot open the database (folder /no/such/folder"),
        ("postgresql+psycopg://postgres@127.0.0.1:{closed}/x", "DATABASE_URL: cannot open the database ("),
    ],
)
def test_a_bad_database_url_is_named(slack: FakeSlackAPI, tmp_path: Path, url: str, expected: str) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    env = env_for(slack, tmp_path, DATABASE_URL=url.format(closed=closed_port()))
    (problem,) = problems(check.run_checks(env))
    assert problem.startswith(expected)


def test_an_existing_database_reports_its_schema(slack: FakeSlackAPI, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'practice.db'}")
    migrate.upgrade(engine)
    engine.dispose()
    slack.granted_scopes = MANIFEST_SCOPES
    lines = check.run_checks(env_for(slack, tmp_path))
    assert any("(schema up to date)" in line.text for line in lines)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda text: text.replace("skill: listening", "skill: listenin", 1), "unknown skill 'listenin'"),
        (lambda text: text + "\n  - id: [broken\n", "invalid YAML at line"),
        (lambda text: "", "missing top-level key 'prompts' (the file is empty)"),
    ],
)
def test_a_broken_prompt_bank_is_named_with_its_file(
    slack: FakeSlackAPI, tmp_path: Path, edit: Callable[[str], str], expected: str
) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    folder = copy_of_the_banks(tmp_path)
    broken = folder / "prompts.yaml"
    broken.write_text(edit(PROMPTS_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    (problem,) = problems(check.run_checks(env_for(slack, tmp_path), banks_folder=folder))
    assert problem.startswith(f"prompt bank: {broken}")
    assert expected in problem


def test_a_broken_quote_bank_is_named_too(slack: FakeSlackAPI, tmp_path: Path) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    folder = copy_of_the_banks(tmp_path)
    copy = folder / "quotes.yaml"
    copy.write_text(copy.read_text(encoding="utf-8").replace("author:", "writer:", 1), encoding="utf-8")
    (problem,) = problems(check.run_checks(env_for(slack, tmp_path), banks_folder=folder))
    assert problem.startswith(f"quote bank: {copy}") and "unknown field 'writer'" in problem


def test_a_retired_id_used_again_is_named_with_the_bank_that_uses_it(slack: FakeSlackAPI, tmp_path: Path) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    folder = copy_of_the_banks(tmp_path)
    prompts = folder / "prompts.yaml"
    prompts.write_text(prompts.read_text(encoding="utf-8").replace("id: value-11", "id: value-02", 1), "utf-8")
    (problem,) = problems(check.run_checks(env_for(slack, tmp_path), banks_folder=folder))
    assert problem.startswith(f"prompt bank: {prompts}: id 'value-02' was retired")


def copy_of_the_banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    for source in (PROMPTS_FILE, QUOTES_FILE, TEAM_QUESTIONS_FILE, RETIRED_FILE, DRILLS_FILE):
        shutil.copy(source, folder / source.name)
    return folder


def test_offline_says_so_instead_of_failing_obscurely(tmp_path: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_SIGNING_SECRET": "s",
        "DATABASE_URL": f"sqlite:///{tmp_path}/p.db",
        "SLACK_API_URL": f"http://127.0.0.1:{closed_port()}/api/",
    }
    (problem,) = problems(check.run_checks(env))
    assert problem.startswith(f"Slack: cannot reach http://127.0.0.1:{env['SLACK_API_URL'].split(':')[2]}")
    assert "offline?" in problem and "python bot.py demo" in problem


def test_the_command_reads_dotenv_and_exits_2_on_a_fresh_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DATABASE_URL", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    assert bot.main(["check"]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Checking the settings from the environment (no .env here)."
    assert "PROBLEM  SLACK_BOT_TOKEN: is missing; set it in .env (see .env.example)" in out
    assert out[-1].startswith("2 problem(s)")


def test_the_command_exits_0_when_all_is_well(
    slack: FakeSlackAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_APP_TOKEN", "PORT", "LEAD_USER_IDS", "DEFAULT_TIMEZONE", "CATCH_UP_HOURS"):
        monkeypatch.delenv(name, raising=False)
    lines = [f"{k}={v}" for k, v in env_for(slack, tmp_path).items()]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert bot.main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Checking the settings from .env and the environment.")
    assert "PROBLEM" not in out and "warning" not in out
    assert out.rstrip().splitlines()[-1] == "All good: `python bot.py` should start and reach Slack."


def test_the_command_exits_0_with_a_warning_when_no_lead_is_set(
    slack: FakeSlackAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    slack.granted_scopes = MANIFEST_SCOPES
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_APP_TOKEN", "PORT", "LEAD_USER_IDS", "DEFAULT_TIMEZONE", "CATCH_UP_HOURS"):
        monkeypatch.delenv(name, raising=False)
    lines = [f"{k}={v}" for k, v in env_for(slack, tmp_path, LEAD_USER_IDS="").items()]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert bot.main(["check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "PROBLEM" not in "\n".join(out)
    assert any(line.startswith("warning  LEAD_USER_IDS: is empty") for line in out)
    assert out[-1].startswith("No problems, 1 warning(s): read the lines marked warning.")


def test_env_example_documents_every_variable_the_settings_read() -> None:
    """Each variable config.py reads is in .env.example, with a comment above it saying what it is."""
    root = Path(__file__).resolve().parents[1]
    source = (root / "config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'(?:env\.get\(|_required\(env, )"([A-Z][A-Z_]+)"', source))
    lines = (root / ".env.example").read_text(encoding="utf-8").splitlines()
    documented = {
        line.split("=", 1)[0]
        for i, line in enumerate(lines)
        if "=" in line and not line.startswith("#") and i and lines[i - 1].startswith("#")
    }
    assert len(read) >= 10, read
    assert read - documented == set()
