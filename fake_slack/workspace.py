"""The fake workspace's ids and secrets: what the fake Web API (web_api) answers to, what signed requests
(requests) carry, and what a bot run against them is configured with (tests, benchmarks)."""

from __future__ import annotations

TEAM_ID = "T0TEST"
TEAM_NAME = "Test Team"
TEAM_DOMAIN = "testteam"
#: The app, and its bot user as auth.test names it.
APP_ID = "A0TEST"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
#: The bot token the fake Web API accepts, the app-level token (Socket Mode) and the request signing secret.
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-test"
SIGNING_SECRET = "test-signing-secret"
#: A team lead and the team's channel.
LEAD = "ULEAD"
TEAM_CHANNEL = "CTEAM"
