"""Logging for operators: one format, and never anyone's words, whatever a library would print.

Bolt logs every request it refuses (a wrong SLACK_SIGNING_SECRET refuses them all) at INFO with its whole body:
the text of a `/reflect`, a `/feedback`, a submitted modal. The filter here rewrites such lines into what the
request was and how old its signature was; it sits on the root handlers and on the logger Bolt copies its own
loggers' filters from, so it holds under `python bot.py`, gunicorn and the tests alike.
"""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import parse_qs

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

_REFUSED = re.compile(
    r"^Invalid request signature detected \(signature: .*?, timestamp: (?P<timestamp>\S*), body: (?P<body>.*)\)$",
    re.S,
)
#: Bolt's warning when SLACK_BOT_TOKEN is in the environment and the app is given its client (built from the same
#: token): true of every deployment, and no use to its admin.
_NOISE = frozenset({"As you gave `client` as well, `token` will be unused."})
#: Other library lines that end with a request or response body: what is kept of each.
_ENDS_WITH_A_BODY = (
    re.compile(r"^(?P<kept>.*? without providing a response for the request) \(.*\)$", re.S),
    re.compile(r"^(?P<kept>Unsuccessful Bolt execution result \(status: \d+), body: .*\)$", re.S),
)


def describe(body: bytes) -> dict[str, str]:
    """What a Slack request is, for the request log: its kind, the command/action/event name and workspace.
    Never its text, which may be someone's answer."""
    form = parse_qs(body.decode("utf-8", "replace"))
    try:
        if "command" in form:
            return {"kind": "command", "name": form["command"][0], "workspace": form.get("team_id", [""])[0]}
        payload = json.loads(form["payload"][0]) if "payload" in form else json.loads(body or b"{}")
    except (ValueError, KeyError):
        return {"kind": "unknown", "name": "", "workspace": ""}
    if not isinstance(payload, dict):
        return {"kind": "unknown", "name": "", "workspace": ""}
    kind = str(payload.get("type", "unknown"))
    name = ""
    if kind == "block_actions":
        name = str(((payload.get("actions") or [{}])[0]).get("action_id", ""))
    elif kind in ("view_submission", "view_closed"):
        name = str((payload.get("view") or {}).get("callback_id", ""))
    elif kind == "event_callback":
        name = str((payload.get("event") or {}).get("type", ""))
    team = payload.get("team_id") or ""
    if not team and isinstance(payload.get("team"), dict):
        team = payload["team"].get("id", "")
    return {"kind": kind, "name": name, "workspace": str(team or "")}


class NoRequestBodies(logging.Filter):
    """Rewrites the library lines that would print a request body; every other line passes as it is."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message in _NOISE:
            return False
        refused = _REFUSED.match(message)
        if refused:
            fields = describe(refused["body"].encode("utf-8"))
            timestamp = refused["timestamp"]
            age = f"{record.created - int(timestamp):.0f}" if timestamp.isdigit() else "-"
            record.msg = (
                "refused a request whose signature does not match SLACK_SIGNING_SECRET (or is older "
                "than 5 minutes): kind=%s name=%s workspace=%s signature_age_s=%s"
            )
            record.args = (fields["kind"], fields["name"] or "-", fields["workspace"] or "-", age)
            return True
        for pattern in _ENDS_WITH_A_BODY:
            match = pattern.match(message)
            if match:
                record.msg, record.args = match["kept"] + " (body not logged)", ()
                return True
        return True


_FILTER = NoRequestBodies()


def keep_words_out(logger: logging.Logger) -> None:
    """For a logger whose filters Bolt copies into its own (the `logger` passed to `App`)."""
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


def configure() -> None:
    logging.basicConfig(level=logging.INFO, format=FORMAT)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
