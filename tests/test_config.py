"""An admin with a missing or wrong setting sees one clear line naming the variable, and exit code 2."""

from __future__ import annotations

import pytest

from config import ConfigError, load_settings

GOOD = {"SLACK_BOT_TOKEN": "xoxb-1-abc", "SLACK_SIGNING_SECRET": "s3cret"}


def test_good_settings_load_with_defaults() -> None:
    settings = load_settings(GOOD)
    assert settings.database_url == "sqlite:///practice.db"
    assert settings.port == 3000 and not settings.socket_mode
    assert "xoxb" not in repr(settings) and "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    ("changes", "variable"),
    [
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_SIGNING_SECRET": "  "}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL"),
        ({"PORT": "eighty"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"LEAD_USER_IDS": "U012ABC,not-a-user"}, "LEAD_USER_IDS"),
        ({"DEFAULT_TIMEZONE": "Mars/Olympus"}, "DEFAULT_TIMEZONE"),
    ],
)
def test_each_bad_setting_is_named(changes: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({**GOOD, **changes})
    assert caught.value.variable == variable
    assert str(caught.value).startswith(variable) and "\n" not in str(caught.value)
