"""`python bot.py check`: is this installation ready to run? Settings, database, prompt banks and Slack.

An admin runs it before the first start (or after an edit) and gets one line per check, every problem at once
rather than the first one only, with exit code 0 when all is well and 2 otherwise. A warning (nobody in
LEAD_USER_IDS, say) is marked as such and leaves the exit code alone: the bot runs, but not as the admin
expects. Nothing is written: a SQLite file that does not exist yet is not created, and no token or secret is
ever printed.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from config import ConfigError, Settings, load_settings, read_environment
from prompts.bank import (
    DRILLS_FILE,
    FOLDER,
    PROMPTS_FILE,
    QUOTES_FILE,
    RETIRED_FILE,
    TEAM_QUESTIONS_FILE,
    BankError,
    load_banks,
)
from startup import bot_token_refused, unreachable
from storage import migrate
from storage.db import make_engine

MANIFEST = Path(__file__).resolve().with_name("manifest.yml")
ENV_FILE = Path(".env")
SLACK_TIMEOUT = 5
DATABASE_TIMEOUT = 5
#: What a bad required setting is replaced with so the settings after it are checked too.
_STAND_INS = {"SLACK_BOT_TOKEN": "xoxb-stand-in", "SLACK_SIGNING_SECRET": "stand-in"}
_OFFLINE_HINT = "To try the bot without Slack: python bot.py demo"


@dataclass(frozen=True)
class Line:
    ok: bool
    text: str
    skipped: bool = False  # not checked because of a problem reported on another line
    warning: bool = False  # the bot starts, but something will not work as the admin expects (exit code stays 0)

    @property
    def problem(self) -> bool:
        return not self.ok and not self.skipped and not self.warning

    @property
    def state(self) -> str:
        """The label at the start of the printed line, seven characters wide."""
        if self.skipped:
            return "skipped"
        if self.warning:
            return "warning"
        return "ok     " if self.ok else "PROBLEM"

    def __str__(self) -> str:
        return f"{self.state}  {self.text}"


NO_LEADS = (
    "LEAD_USER_IDS: is empty, so nobody can run `/practice start` to set up a team. Set it to the member "
    "IDs of the people who may start teams, comma-separated. To find someone's member ID in Slack: open "
    "their profile, click ⋮ (More), then Copy member ID; it looks like U012ABCDEF."
)


def check_settings(env: Mapping[str, str]) -> tuple[Settings, list[Line], set[str]]:
    """Every bad variable, not only the first: each is replaced by a stand-in (or its default) and checked again."""
    values = dict(env)
    problems: list[Line] = []
    bad: set[str] = set()
    while True:
        try:
            settings = load_settings(values)
        except ConfigError as error:
            if error.variable in bad:  # a stand-in that fails too: stop rather than loop
                raise
            bad.add(error.variable)
            problems.append(Line(False, str(error)))
            values[error.variable] = _STAND_INS.get(error.variable, "")
            continue
        lines = problems
        if not problems:
            mode = "Socket Mode" if settings.socket_mode else f"HTTP on port {settings.port}"
            lines = [Line(True, f"settings: every variable is valid ({mode})")]
        if not settings.lead_user_ids and "LEAD_USER_IDS" not in bad:
            lines.append(Line(False, NO_LEADS, warning=True))
        return settings, lines, bad


def check_database(url: str) -> Line:
    """Connects (with a short timeout) without creating anything: a missing SQLite file is created at start."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return Line(False, "DATABASE_URL: should look like sqlite:///practice.db or postgresql+psycopg://...")
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite":
        file = Path(parsed.database or "")
        if not parsed.database or parsed.database == ":memory:":
            return Line(False, "DATABASE_URL: an in-memory SQLite database loses everything at each restart")
        if not file.exists():
            folder = file.resolve().parent
            if not folder.is_dir():
                return Line(False, f"DATABASE_URL: cannot open the database (folder {folder} does not exist)")
            return Line(True, f"database: {shown} does not exist yet; the bot creates it at start")
    elif "connect_timeout" not in parsed.query:
        parsed = parsed.update_query_dict({"connect_timeout": str(DATABASE_TIMEOUT)})
    try:
        engine = make_engine(parsed.render_as_string(hide_password=False))
        try:
            revision = migrate.current_revision(engine)
        finally:
            engine.dispose()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        return Line(False, f"DATABASE_URL: cannot open the database ({reason})")
    head = migrate.head_revision()
    state = (
        "empty; the bot sets up the schema at start"
        if revision is None
        else "schema up to date"
        if revision == head
        else f"schema at {revision}; the bot migrates it to {head} at start"
    )
    return Line(True, f"database: {shown} ({state})")


#: What each bank file is called in a line of the check.
BANK_LABELS = {
    PROMPTS_FILE.name: "prompt bank",
    QUOTES_FILE.name: "quote bank",
    TEAM_QUESTIONS_FILE.name: "team question bank",
    RETIRED_FILE.name: "retired ids",
    DRILLS_FILE.name: "drill bank",
}


def check_banks(folder: Path = FOLDER) -> list[Line]:
    """The four bank files, checked together as start-up loads them: one line each, or the one that is broken."""
    try:
        banks = load_banks(folder)
    except BankError as error:
        named = str(error).split(":", 1)[0]
        return [Line(False, f"{BANK_LABELS.get(Path(named).name, 'prompt bank')}: {error}")]
    counts = {
        PROMPTS_FILE.name: len(banks.prompts),
        QUOTES_FILE.name: len(banks.quotes),
        TEAM_QUESTIONS_FILE.name: len(banks.team_questions),
        DRILLS_FILE.name: len(banks.drills),
        RETIRED_FILE.name: sum(
            map(len, (banks.retired.prompts, banks.retired.quotes, banks.retired.team_questions, banks.retired.drills))
        ),
    }
    return [Line(True, f"{BANK_LABELS[name]}: {n} entries in {Path(folder) / name}") for name, n in counts.items()]


def manifest_scopes(path: Path = MANIFEST) -> set[str]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return set(document["oauth_config"]["scopes"]["bot"])


#: The message events Slack sends only with a history scope (docs.slack.dev, the message.* event pages): a
#: token without the scope gets no such events, and the feature behind them goes quiet without an error.
EVENT_SCOPES = {
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
}
EVENT_FEATURES = {
    "message.channels": "replies in a team question's thread",
    "message.groups": "replies in a team question's thread in a private channel",
    "message.im": "answers typed in the DM with the bot",
}


def manifest_events(path: Path = MANIFEST) -> set[str]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return set(document["settings"]["event_subscriptions"]["bot_events"])


def _header(headers: Mapping[str, object], name: str) -> str | None:
    value = next((v for k, v in headers.items() if k.lower() == name), None)
    if isinstance(value, list):
        value = ",".join(value)
    return None if value is None else str(value)


def check_slack(settings: Settings, manifest: Path = MANIFEST) -> list[Line]:
    """auth.test with the bot token; the granted scopes come back in the `x-oauth-scopes` header."""
    client = WebClient(token=settings.bot_token, base_url=settings.slack_api_url, timeout=SLACK_TIMEOUT)
    try:
        response = client.auth_test()
    except SlackApiError as error:
        return [Line(False, bot_token_refused(str(error.response.get("error", "unknown_error"))))]
    except (OSError, SlackRequestError) as error:
        return [
            Line(
                False,
                f"{unreachable(settings.slack_api_url, error)}: offline? The token and its scopes were not checked. "
                f"{_OFFLINE_HINT}",
            )
        ]
    lines = [
        Line(
            True,
            f"Slack: the token works, as @{response.get('user')} in {response.get('team')} ({response.get('team_id')})",
        )
    ]
    granted_header = _header(response.headers, "x-oauth-scopes")
    if granted_header is None:
        lines.append(Line(True, "scopes: Slack did not list the token's scopes, so they were not checked"))
        return lines
    granted = {s.strip() for s in granted_header.split(",") if s.strip()}
    missing = sorted(manifest_scopes(manifest) - granted)
    events = manifest_events(manifest)
    for scope in missing:
        needing = sorted(e for e, s in EVENT_SCOPES.items() if s == scope and e in events)
        because = "".join(f"; without it Slack sends no {e} events ({EVENT_FEATURES[e]})" for e in needing)
        lines.append(
            Line(
                False,
                f"scope {scope} is missing{because}: add it under OAuth & Permissions → Bot Token Scopes "
                "(or paste manifest.yml again), then reinstall the app to the workspace",
            )
        )
    if not missing:
        lines.append(Line(True, f"scopes: all {len(manifest_scopes(manifest))} bot scopes in manifest.yml are granted"))
    return lines


def run_checks(
    env: Mapping[str, str],
    *,
    banks_folder: Path = FOLDER,
    manifest: Path = MANIFEST,
) -> list[Line]:
    settings, lines, bad = check_settings(env)
    if "DATABASE_URL" not in bad:
        lines.append(check_database(settings.database_url))
    lines += check_banks(banks_folder)
    unusable = bad & {"SLACK_BOT_TOKEN", "SLACK_API_URL"}
    if unusable:
        names = " and ".join(sorted(unusable))
        verb = "are" if len(unusable) > 1 else "is"
        lines.append(
            Line(
                False,
                f"Slack: not contacted until {names} {verb} fixed, so the "
                f"token and its scopes are unchecked. {_OFFLINE_HINT}",
                skipped=True,
            )
        )
    else:
        lines += check_slack(settings, manifest)
    return lines


def main(argv: list[str], env_file: Path = ENV_FILE) -> int:
    if argv:
        print("usage: python bot.py check   (reads .env and the environment, like the bot)", file=sys.stderr)
        return 2
    source = f"{env_file} and the environment" if env_file.exists() else f"the environment (no {env_file} here)"
    print(f"Checking the settings from {source}.")
    lines = run_checks(read_environment(env_file))
    for line in lines:
        print(line)
    problems = sum(1 for line in lines if line.problem)
    warnings = sum(1 for line in lines if line.warning)
    if problems:
        print(f"{problems} problem(s): fix the lines marked PROBLEM, then run `python bot.py check` again.")
        return 2
    if warnings:
        print(
            f"No problems, {warnings} warning(s): read the lines marked warning. "
            "`python bot.py` should start and reach Slack."
        )
    else:
        print("All good: `python bot.py` should start and reach Slack.")
    return 0
