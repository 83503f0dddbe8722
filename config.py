"""Settings from the environment, validated up front so a bad deployment fails at start with one clear line."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite:///practice.db"
DEFAULT_API_URL = "https://slack.com/api/"
# A living process that has held a claim this long without confirming it has lost track of it (its confirm
# failed): the claim is taken over. A process that died lets its claims go sooner, when its lease lapses.
DEFAULT_CLAIM_TIMEOUT = timedelta(minutes=10)
# A process's lease lapses this long after its last renewal; it renews every third of it (10 s).
DEFAULT_LEASE = timedelta(seconds=30)
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class ConfigError(ValueError):
    """One bad or missing variable; str() is the single line shown to the admin."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True)
class Settings:
    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    database_url: str = DEFAULT_DATABASE_URL
    slack_api_url: str = DEFAULT_API_URL
    port: int = 3000
    lead_user_ids: frozenset[str] = frozenset()
    default_timezone: str = "UTC"
    catch_up: timedelta = timedelta(hours=8)
    claim_timeout: timedelta = DEFAULT_CLAIM_TIMEOUT
    lease: timedelta = DEFAULT_LEASE

    @property
    def lease_renewal(self) -> timedelta:
        """How often a process renews its lease: three renewals may fail before it lapses."""
        return self.lease / 3

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None


def read_environment(env_file: Path | None = Path(".env")) -> dict[str, str]:
    """The process environment wins over `.env`, as python-dotenv's load_dotenv does by default."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.exists():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ)
    return values


def _required(env: Mapping[str, str], name: str, prefix: str | None = None) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(name, "is missing; set it in .env (see .env.example)")
    if prefix and not value.startswith(prefix):
        raise ConfigError(name, f"should start with '{prefix}' (copy it from your Slack app's settings)")
    return value


def database_url_from(env: Mapping[str, str]) -> str:
    """Separate from the rest so `python bot.py migrate` needs no Slack tokens."""
    database_url = env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", database_url):
        raise ConfigError("DATABASE_URL", "should look like sqlite:///practice.db or postgresql+psycopg://...")
    return database_url


def load_settings(env: Mapping[str, str]) -> Settings:
    bot_token = _required(env, "SLACK_BOT_TOKEN", "xoxb-")
    signing_secret = _required(env, "SLACK_SIGNING_SECRET")
    app_token = env.get("SLACK_APP_TOKEN", "").strip() or None
    if app_token is not None and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN", "should start with 'xapp-' (an app-level token with connections:write)")

    database_url = database_url_from(env)

    api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
    if not re.match(r"^https?://", api_url):
        raise ConfigError("SLACK_API_URL", "should be an http(s) URL such as https://slack.com/api/")
    if not api_url.endswith("/"):
        api_url += "/"

    port_text = env.get("PORT", "").strip() or "3000"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError("PORT", f"should be a port number between 1 and 65535, not '{port_text[:20]}'")

    leads = frozenset(u.strip() for u in env.get("LEAD_USER_IDS", "").split(",") if u.strip())
    for user_id in leads:
        if not _USER_ID.match(user_id):
            raise ConfigError("LEAD_USER_IDS", f"'{user_id[:20]}' is not a Slack user id (like U012ABCDEF)")

    timezone = env.get("DEFAULT_TIMEZONE", "").strip() or "UTC"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("DEFAULT_TIMEZONE", f"'{timezone[:40]}' is not a time zone (like Europe/Dublin)") from None

    catch_up_text = env.get("CATCH_UP_HOURS", "").strip() or "8"
    try:
        catch_up_hours = float(catch_up_text)
    except ValueError:
        catch_up_hours = -1
    if not 0 <= catch_up_hours <= 23:
        raise ConfigError("CATCH_UP_HOURS", f"should be a number of hours from 0 to 23, not '{catch_up_text[:20]}'")

    claim_text = env.get("CLAIM_TIMEOUT_SECONDS", "").strip() or str(int(DEFAULT_CLAIM_TIMEOUT.total_seconds()))
    if not claim_text.isdigit() or not 1 <= int(claim_text) <= 86400:
        raise ConfigError(
            "CLAIM_TIMEOUT_SECONDS", f"should be a number of seconds from 1 to 86400, not '{claim_text[:20]}'"
        )

    lease_text = env.get("LEASE_SECONDS", "").strip() or str(int(DEFAULT_LEASE.total_seconds()))
    if not lease_text.isdigit() or not 3 <= int(lease_text) <= 3600:
        raise ConfigError("LEASE_SECONDS", f"should be a number of seconds from 3 to 3600, not '{lease_text[:20]}'")

    return Settings(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        database_url=database_url,
        slack_api_url=api_url,
        port=int(port_text),
        lead_user_ids=leads,
        default_timezone=timezone,
        catch_up=timedelta(hours=catch_up_hours),
        claim_timeout=timedelta(seconds=int(claim_text)),
        lease=timedelta(seconds=int(lease_text)),
    )
