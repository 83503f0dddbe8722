"""Slack's own rules, checked on every call the bot makes to the fake Web API (fake_slack.web_api).

The fake answers like Slack; these checks say whether Slack would have accepted what was asked: parameters
against Slack's OpenAPI spec (a copy in tests/fakes/slack_spec/), `blocks` and views against slack_sdk's Block
Kit validators, and the rules the bot keeps on top (a text fallback, well-formed metadata, never a broadcast
mention). `SpecChecks` plugs into the fake as its `checker`; tests/fakes/slack_api.py's FakeSlackAPI has it on.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from fake_slack.web_api import Checker, truthy

#: Slack's published specs, copied into the repository (SOURCE.md there says from where and when).
SPEC_DIR = Path(__file__).resolve().parent / "slack_spec"
OPENAPI_PATH = SPEC_DIR / "web-api-openapi-v2.json"

#: Parameters Slack added after the 2020 spec snapshot. Each entry must say why; the tests of the fakes
#: check every entry is really absent from the spec, so the list cannot silently go stale.
PARAM_ALLOWLIST: dict[str, dict[str, str]] = {
    "chat.postMessage": {
        # Message metadata (2022): deliveries carry their ledger id so a resend can be recognised.
        "metadata": "message metadata, added 2022 (docs.slack.dev/messaging/message-metadata)",
    },
    "chat.update": {
        # Updating a delivered prompt must keep (or replace) its metadata.
        "metadata": "message metadata, added 2022; chat.update accepts it like chat.postMessage",
    },
    "conversations.history": {
        # Without it Slack omits metadata from history, so a resend check could not see delivery ids.
        "include_all_metadata": "returns message metadata in history, added 2022",
    },
    # The two-step upload API (2023) replaces files.upload (retired 2025); the spec lacks both methods.
    "files.getUploadURLExternal": {
        "filename": "documented argument (required) of files.getUploadURLExternal, added 2023",
        "length": "documented argument (required): size of the upload in bytes",
        "alt_txt": "documented argument: description of an image for screen readers",
        "snippet_type": "documented argument: syntax type of a snippet",
    },
    "files.completeUploadExternal": {
        "files": "documented argument (required): JSON array of {id, title}",
        "channel_id": "documented argument: channel to share the file in",
        "channels": "documented argument: comma-separated channels (slack_sdk sends it when given a list)",
        "thread_ts": "documented argument: share as a thread reply",
        "initial_comment": "documented argument: message text posted with the file",
        "blocks": "documented argument: Block Kit message posted with the file",
    },
}

#: Parameters allowed on every method, with why.
GLOBAL_PARAMS: dict[str, str] = {
    "token": "Slack accepts the token as a POST parameter as well as in the Authorization header",
    # slack_sdk sends WebClient(team_id=...) with every call, and Bolt builds each listener's client with
    # the request's team_id; Slack reads it for org-wide tokens and ignores it otherwise.
    "team_id": "added to every call by slack_sdk when the client has a team_id (Bolt's listener clients)",
}

#: Required parameters of methods absent from the spec (same reason as the allowlist above).
REQUIRED_OUTSIDE_SPEC: dict[str, set[str]] = {
    "files.getUploadURLExternal": {"filename", "length"},
    "files.completeUploadExternal": {"files"},
}

MESSAGE_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.update"})
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
BROADCAST_MENTIONS = ("<!channel>", "<!here>", "<!everyone>")


class SlackSpec:
    """Per-method parameter names and required parameters from Slack's OpenAPI 2.0 snapshot."""

    _cache: dict[Path, SlackSpec] = {}
    _cache_lock = threading.Lock()

    def __init__(self, params: dict[str, set[str]], required: dict[str, set[str]]) -> None:
        self.params = params
        self.required = required

    @classmethod
    def load(cls, path: Path = OPENAPI_PATH) -> SlackSpec:
        """Load once per path: the file is 1 MB+ and every fake in a test run shares it."""
        with cls._cache_lock:
            if path not in cls._cache:
                if not path.exists():
                    raise FileNotFoundError(
                        f"Slack's Web API spec is missing at {path.resolve()}; the fake needs it to flag "
                        "unknown parameters (it ships in tests/fakes/slack_spec/)."
                    )
                doc = json.loads(path.read_text(encoding="utf-8"))
                params: dict[str, set[str]] = {}
                required: dict[str, set[str]] = {}
                for raw_path, verbs in doc["paths"].items():
                    method = raw_path.lstrip("/")
                    # Union over verbs: the snapshot lists views.* as GET although Slack takes POST.
                    for operation in verbs.values():
                        for param in operation.get("parameters", []):
                            params.setdefault(method, set()).add(param["name"])
                            if param.get("required") and param["name"] != "token":
                                required.setdefault(method, set()).add(param["name"])
                cls._cache[path] = cls(params, required)
            return cls._cache[path]

    def knows(self, method: str) -> bool:
        return method in self.params


class SpecChecks(Checker):
    """The fake's checker in tests: what the bot sends, held against Slack's spec and Block Kit."""

    def __init__(self, spec: SlackSpec) -> None:
        self.spec = spec

    def api_call(self, method: str, params: dict[str, Any]) -> list[str]:
        found: list[str] = []
        self._check_params(method, params, found)
        self._check_content(method, params, found)
        return found

    def response_url(self, key: str, body: dict[str, Any]) -> list[str]:
        found: list[str] = []
        self._check_blocks("response_url", body.get("blocks"), MAX_MESSAGE_BLOCKS, found)
        self._check_mentions("response_url", body, found)
        return found

    def unknown_method(self, method: str) -> str:
        if self.spec.knows(method):
            return f"{method}: not implemented by the fake yet (answered unknown_method)"
        return f"{method}: unknown Slack Web API method"

    def _check_params(self, method: str, params: dict[str, Any], found: list[str]) -> None:
        """Flag parameters the spec does not know and required ones that are missing."""
        allowed = set(self.spec.params.get(method, set())) | set(PARAM_ALLOWLIST.get(method, {}))
        allowed |= set(GLOBAL_PARAMS)
        if not self.spec.knows(method) and method not in PARAM_ALLOWLIST:
            return  # reported as an unknown or unimplemented method instead
        for name in sorted(set(params) - allowed):
            found.append(f"{method}: parameter {name!r} is not in Slack's spec for this method")
        required = self.spec.required.get(method, set()) | REQUIRED_OUTSIDE_SPEC.get(method, set())
        for name in sorted(required - set(params)):
            found.append(f"{method}: required parameter {name!r} is missing")

    def _check_content(self, method: str, params: dict[str, Any], found: list[str]) -> None:
        """Block Kit, text fallback, metadata and mention checks on what the bot sends."""
        self._check_blocks(method, params.get("blocks"), MAX_MESSAGE_BLOCKS, found)
        if "view" in params:
            self._check_view(method, params["view"], found)
        if method in MESSAGE_METHODS and params.get("blocks"):
            fallback = str(params.get("text") or "").strip() or str(params.get("markdown_text") or "").strip()
            if not fallback:
                found.append(f"{method}: blocks without a `text` fallback (notifications, screen readers)")
        if method in {"chat.postMessage", "chat.update"} and "metadata" in params:
            metadata = params["metadata"]
            if not (
                isinstance(metadata, dict)
                and isinstance(metadata.get("event_type"), str)
                and isinstance(metadata.get("event_payload"), dict)
            ):
                found.append(f"{method}: metadata must be {{'event_type': str, 'event_payload': dict}}")
        if method in MESSAGE_METHODS:
            self._check_mentions(method, params, found)

    def _check_mentions(self, where: str, params: dict[str, Any], found: list[str]) -> None:
        """The bot must never ping @channel/@here/@everyone, even when echoing user text."""
        text = json.dumps({k: params.get(k) for k in ("text", "blocks", "markdown_text")})
        for mention in BROADCAST_MENTIONS:
            if mention in text:
                found.append(f"{where}: message contains the broadcast mention {mention}")
        if truthy(params.get("link_names")) or params.get("parse") == "full":
            found.append(f"{where}: link_names/parse=full turns '@channel' typed by users into real pings")

    def _check_blocks(self, where: str, blocks: Any, limit: int, found: list[str]) -> None:
        if blocks is None:
            return
        if isinstance(blocks, str):
            try:
                blocks = json.loads(blocks)
            except json.JSONDecodeError:
                found.append(f"{where}: blocks is not valid JSON")
                return
        if not isinstance(blocks, list):
            found.append(f"{where}: blocks must be a list, got {type(blocks).__name__}")
            return
        if len(blocks) > limit:
            found.append(f"{where}: {len(blocks)} blocks; Slack allows at most {limit}")
        for index, raw in enumerate(blocks):
            if not isinstance(raw, dict):
                found.append(f"{where}: block {index} is not an object")
                continue
            try:
                parsed = Block.parse_all([raw])
                block = parsed[0] if parsed else None
                if block is None:
                    found.append(f"{where}: block {index} has an unknown type {raw.get('type')!r}")
                    continue
                block.validate_json()
            except Exception as exc:  # any validator failure is a Block Kit problem to report
                found.append(f"{where}: block {index} ({raw.get('type')}) is invalid: {exc}")

    def _check_view(self, where: str, view: Any, found: list[str]) -> None:
        if isinstance(view, str):
            try:
                view = json.loads(view)
            except json.JSONDecodeError:
                found.append(f"{where}: view is not valid JSON")
                return
        if not isinstance(view, dict):
            found.append(f"{where}: view must be an object")
            return
        try:
            View(**view).validate_json()
        except Exception as exc:  # any validator failure is a Block Kit problem to report
            found.append(f"{where}: view is invalid: {exc}")
        # View.validate_json does not look inside blocks, and misses two rules Slack enforces for modals.
        blocks = view.get("blocks") or []
        self._check_blocks(f"{where} view", blocks, MAX_VIEW_BLOCKS, found)
        if view.get("type") == "modal":
            if not view.get("title"):
                found.append(f"{where}: a modal needs a title")
            has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
            if has_input and not view.get("submit"):
                found.append(f"{where}: a modal with input blocks needs a submit button")
