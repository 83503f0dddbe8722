"""manifest.yml must be an app manifest Slack accepts, and must grant what the bot needs.

Why: admins install the app by pasting this file; a schema error, a missing scope or a missing command
only shows up in production as `missing_scope` errors or commands that never arrive. Validation runs
offline against Slack's published JSON Schema in `tests/fakes/slack_spec/` (remote `$ref`s resolved locally).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

REPO_ROOT = Path(__file__).resolve().parents[1]
MANIFEST_PATH = REPO_ROOT / "manifest.yml"
SPEC_DIR = REPO_ROOT / "tests" / "fakes" / "slack_spec"
SCHEMA_V1 = SPEC_DIR / "app-manifest.schema.1.0.0.json"
SCHEMA_ENTRY = SPEC_DIR / "app-manifest.schema.json"

#: The entry schema's remote `$ref`s and the local copies standing in for them (SOURCE.md: the local files
#: come from a newer commit of the same repository; never fetched from the network).
_REMOTE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/"
LOCAL_COPIES = {
    f"{_REMOTE}manifest.schema.1.0.0.json": SCHEMA_V1,
    f"{_REMOTE}manifest.schema.2.0.0.json": SPEC_DIR / "app-manifest.schema.2.0.0.json",
}

COMMANDS = {"/practice", "/reflect", "/drill", "/feedback", "/summary"}
BOT_SCOPES = {
    "chat:write",
    "commands",
    "im:write",
    "im:history",
    "channels:history",
    "groups:history",
    "users:read",
    "channels:read",
    "groups:read",
    "files:write",
}
BOT_EVENTS = {
    "app_home_opened",
    "member_joined_channel",
    "member_left_channel",
    "app_uninstalled",
    "tokens_revoked",
    "message.channels",
    "message.groups",
    "message.im",
}


def _manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST_PATH.read_text(encoding="utf-8"))


def _load_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _offline_registry() -> Registry:
    """Resolve the known remote schema URLs from local files; refuse anything else instead of fetching it."""

    def retrieve(uri: str) -> Resource:
        local = LOCAL_COPIES.get(uri)
        if local is None or not local.exists():
            raise NoSuchResource(ref=uri)
        return Resource.from_contents(_load_json(local))

    return Registry(retrieve=retrieve)


def _validator(schema_path: Path) -> jsonschema.protocols.Validator:
    schema = _load_json(schema_path)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return cls(schema, registry=_offline_registry())


def test_manifest_passes_slacks_v1_schema() -> None:
    errors = sorted(_validator(SCHEMA_V1).iter_errors(_manifest()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_manifest_passes_the_entry_schema_resolved_offline() -> None:
    """The entry schema picks v1 from `_metadata.major_version`; its remote $refs resolve to local copies."""
    _validator(SCHEMA_ENTRY).validate(_manifest())


def test_schema_is_not_vacuous() -> None:
    """Slack's own valid example passes and a broken manifest fails, so the checks above mean something."""
    validator = _validator(SCHEMA_V1)
    validator.validate(_load_json(SPEC_DIR / "app-manifest-example.v1.valid.json"))
    broken = _manifest()
    broken["features"]["slash_commands"][0]["command"] = "practice"  # must start with "/"
    broken["settings"]["surprise"] = True  # additionalProperties: false
    assert len(list(validator.iter_errors(broken))) == 2


def test_manifest_declares_the_four_commands() -> None:
    commands = _manifest()["features"]["slash_commands"]
    assert {c["command"] for c in commands} == COMMANDS
    for command in commands:
        # should_escape turns @mentions and #channels into ids the handlers can parse (/feedback @person).
        assert command["should_escape"] is True, command["command"]
        assert command["description"].strip() and command["usage_hint"].strip()
        assert command["url"].endswith("/slack/events")


def test_manifest_grants_the_scopes_the_bot_needs() -> None:
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    assert BOT_SCOPES <= scopes, f"missing: {sorted(BOT_SCOPES - scopes)}"
    assert not scopes - BOT_SCOPES, f"unexplained extra scopes: {sorted(scopes - BOT_SCOPES)}"


def test_manifest_subscribes_to_the_events_and_interactivity() -> None:
    manifest = _manifest()
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == BOT_EVENTS
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert settings["token_rotation_enabled"] is False and settings["org_deploy_enabled"] is False
    assert manifest["_metadata"] == {"major_version": 1, "minor_version": 1}
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"] and not home["messages_tab_read_only_enabled"]
    assert manifest["features"]["bot_user"] == {"display_name": "practice-coach", "always_online": True}


def test_display_information() -> None:
    info = _manifest()["display_information"]
    assert info["name"] == "Practice Coach"
    assert 1 <= len(info["description"]) <= 140
    # The schema writes this rule as "regex", which JSON Schema ignores, so check it here.
    assert re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", info["background_color"])


def test_scopes_cover_the_web_api_methods_and_events_used() -> None:
    """Cross-check against Slack's specs: each method/event the bot uses needs one of its listed scopes."""
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    paths = _load_json(SPEC_DIR / "web-api-openapi-v2.json")["paths"]
    legacy = {
        "chat:write:bot": "chat:write",
        "chat:write:user": "chat:write",
    }  # 2020 spec predates chat:write
    for method in [
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.update",
        "users.info",
        "users.list",
        "conversations.members",
        "conversations.info",
        "conversations.open",
        "conversations.history",
    ]:
        wanted = {
            legacy.get(s, s) for op in paths[f"/{method}"].values() for sec in op["security"] for s in sec["slackAuth"]
        }
        assert wanted & scopes, f"{method} needs one of {sorted(wanted)}"
    topics = _load_json(SPEC_DIR / "events-api-async-v1.json")["topics"]
    for event in BOT_EVENTS:
        topic = topics.get(event.replace("_", "."))
        if topic is None:
            continue  # newer than the 2020 catalog (app_home_opened needs no scope)
        wanted = set(topic["subscribe"].get("x-scopes-required", []))
        assert not wanted or wanted & scopes, f"{event} needs one of {sorted(wanted)}"


def test_team_question_replies_arrive_with_the_history_scopes_slack_asks_for() -> None:
    topics = _load_json(SPEC_DIR / "events-api-async-v1.json")["topics"]
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    for event, scope in (("message.channels", "channels:history"), ("message.groups", "groups:history")):
        assert topics[event]["subscribe"]["x-scopes-required"] == [scope]
        assert scope in scopes


# --- what people read in Slack's command menu --------------------------------------------------------------

#: `/practice` subcommands any team member may run (handlers/practice.py answers them for everyone).
MEMBER_SUBCOMMANDS = {
    "help",
    "status",
    "focus",
    "pause",
    "resume",
    "my-time",
    "away",
    "back",
    "reminders",
    "export",
    "forget-me",
}


def _command(name: str) -> dict[str, Any]:
    return next(c for c in _manifest()["features"]["slash_commands"] if c["command"] == name)


def _hint_examples(hint: str) -> list[str]:
    """ "help | status | leads: start, schedule" -> ["help", "status", "start", "schedule"]."""
    examples = []
    for part in hint.split("|"):
        part = part.strip()
        part = part.removeprefix("leads:")
        examples += [example.strip() for example in part.split(",") if example.strip()]
    return examples


def test_the_practice_hint_and_description_are_for_every_member() -> None:
    """Every member uses /practice (pause, their own time, help), so the menu must not read as leads-only."""
    practice = _command("/practice")
    assert "(leads)" not in practice["description"]
    examples = _hint_examples(practice["usage_hint"])
    assert {example.split()[0] for example in examples} & MEMBER_SUBCOMMANDS >= {"help", "pause", "my-time"}
    assert examples.index("help") < examples.index("start"), "the member commands come first"


@pytest.mark.parametrize("example", _hint_examples(_command("/practice")["usage_hint"]))
def test_each_example_in_the_practice_hint_is_a_real_command(example: str) -> None:
    from domain.command_text import ParseError, parse_practice

    assert not isinstance(parse_practice(example), ParseError)


def test_every_request_url_is_a_placeholder_the_header_counts() -> None:
    """HTTP mode means replacing example.com in each of these; the header comment and the README say how many."""
    manifest = _manifest()
    urls = [c["url"] for c in manifest["features"]["slash_commands"]]
    urls += [
        manifest["settings"]["event_subscriptions"]["request_url"],
        manifest["settings"]["interactivity"]["request_url"],
    ]
    assert urls == ["https://example.com/slack/events"] * 7
    text = MANIFEST_PATH.read_text(encoding="utf-8")
    assert len(re.findall(r"^[ -]*(?:request_)?url: https://example\.com/", text, flags=re.M)) == 7, "a URL of its own?"
    header = text.split("_metadata:", 1)[0]
    assert "all seven request URLs" in header and "socket_mode_enabled to false" in header
