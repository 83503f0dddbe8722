"""What `python bot.py` checks before it creates anything: every way start-up can fail ends in one line naming
the cause and the next step, and exit code 2, never a traceback."""

from __future__ import annotations

import errno
from collections.abc import Callable, Mapping

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web import SlackResponse
from sqlalchemy.exc import SQLAlchemyError

DETAILS = "run `python bot.py check` for the details"

#: What an admin does about each refusal of the bot token that Slack gives at start.
_BOT_TOKEN_FIXES: Mapping[str, str] = {
    "invalid_auth": "copy the Bot User OAuth Token again from OAuth & Permissions",
    "not_authed": "copy the Bot User OAuth Token again from OAuth & Permissions",
    "token_revoked": "reinstall the app to the workspace and copy its new Bot User OAuth Token",
    "token_expired": "reinstall the app to the workspace and copy its new Bot User OAuth Token",
    "account_inactive": "the app's bot user was deactivated: reinstall the app to the workspace",
}


class StartupError(Exception):
    """A one-line reason the bot cannot start; printed as is, exit code 2."""


def configuration_problem(error: Exception) -> StartupError:
    return StartupError(f"Configuration error: {error}; {DETAILS}")


def bank_problem(error: Exception) -> StartupError:
    return StartupError(f"Prompt bank error: {error}; fix the file, then {DETAILS}")


def database_problem(error: SQLAlchemyError) -> StartupError:
    reason = str(getattr(error, "orig", None) or type(error).__name__).strip().splitlines()[0]
    return StartupError(f"Configuration error: DATABASE_URL: cannot open the database ({reason}); {DETAILS}")


def bot_token_refused(code: str) -> str:
    fix = _BOT_TOKEN_FIXES.get(code, "copy the Bot User OAuth Token again from OAuth & Permissions")
    return f"SLACK_BOT_TOKEN: Slack refused it ({code}); {fix}"


def unreachable(url: str, error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    text = (getattr(reason, "strerror", None) or str(reason)).strip().splitlines()
    return f"Slack: cannot reach {url} ({text[0] if text else type(error).__name__})"


def _ask_slack(call: Callable[[], SlackResponse], api_url: str, refused: Callable[[str], str]) -> SlackResponse:
    try:
        return call()
    except SlackApiError as error:
        raise StartupError(f"{refused(str(error.response.get('error', 'unknown_error')))}; {DETAILS}") from None
    except (OSError, SlackRequestError) as error:
        raise StartupError(f"{unreachable(api_url, error)}: offline, or SLACK_API_URL is wrong? {DETAILS}") from None


def verify_bot_token(client: WebClient, api_url: str) -> None:
    """auth.test before anything is written, so a mistyped token leaves no database behind."""
    _ask_slack(client.auth_test, api_url, bot_token_refused)


def app_token_refused(code: str) -> str:
    return (
        f"SLACK_APP_TOKEN: Slack refused it ({code}); create an app-level token with connections:write under "
        "Basic Information → App-Level Tokens, and turn Socket Mode on"
    )


def open_socket_url(client: WebClient, app_token: str, api_url: str) -> str:
    """apps.connections.open with the app-level token: the URL the first Socket Mode connection uses."""
    response = _ask_slack(lambda: client.apps_connections_open(app_token=app_token), api_url, app_token_refused)
    return str(response["url"])


def port_problem(port: int, error: OSError) -> StartupError:
    if error.errno == errno.EADDRINUSE:
        cause = f"port {port} is already in use (another copy of the bot?)"
        step = "stop the other process or set PORT to a free port"
    elif error.errno == errno.EACCES:
        cause = f"port {port} needs privileges this user lacks"
        step = "set PORT to a number above 1023"
    else:
        cause = f"cannot listen on port {port} ({error.strerror or error})"
        step = "set PORT to a free port"
    return StartupError(f"PORT: {cause}; {step}, or {DETAILS}")
