"""Privacy assertions over everything the bot sent to Slack, reusable by any feature test.

`assert_never_reveals` walks every recorded Web API call (and every response_url answer and uploaded file)
whose audience includes one of the given people or channels, and fails if a giver's id or name appears
anywhere in it: text, blocks, views, button values, private_metadata, block ids, message metadata."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from tests.fakes.slack_api import Call, FakeSlackAPI

# Reads the bot makes about people and channels: nothing in them is shown to anyone.
LOOKUPS = frozenset(
    {
        "auth.test",
        "users.info",
        "users.list",
        "conversations.members",
        "conversations.info",
        "conversations.open",
        "conversations.history",
        "files.getUploadURLExternal",
        "upload",
    }
)
UNKNOWN = "?"  # a view or response_url whose owner the test did not declare: treated as seen by the audience


def _plain(address: str) -> str:
    """A DM id as the fake names it (`D` + user id) is the user it reaches."""
    return address[1:] if address.startswith("D") and address[1:2] in ("U", "W") else address


def _view_owners(calls: list[Call], owners: Mapping[str, str]) -> dict[str, str]:
    """views.update and views.push reach whoever saw the view views.open made."""
    by_view: dict[str, str] = {}
    for call in calls:
        if call.method == "views.open" and call.response and call.response.get("ok"):
            by_view[call.response["view"]["id"]] = owners.get(str(call.params.get("trigger_id")), UNKNOWN)
    return by_view


def audience_of(call: Call, owners: Mapping[str, str], views: Mapping[str, str]) -> set[str]:
    """Who sees what this call carries; UNKNOWN when the test can't tell (and must then be careful)."""
    params = call.params
    if call.method in ("views.open", "views.push"):
        return {owners.get(str(params.get("trigger_id")), UNKNOWN)}
    if call.method == "views.update":
        return {views.get(str(params.get("view_id")), UNKNOWN)}
    if call.method == "views.publish":
        return {str(params.get("user_id"))}
    if call.method == "response_url":
        return {owners.get(str(params.get("_key")), UNKNOWN)}
    found = {str(params[k]) for k in ("channel", "channel_id", "user") if params.get(k)}
    channels = params.get("channels")
    if channels:
        found |= set(channels if isinstance(channels, list) else str(channels).split(","))
    return {_plain(a) for a in found} or {UNKNOWN}


def _content(slack: FakeSlackAPI, call: Call) -> str:
    shown = json.dumps(call.params, default=str)
    if call.method == "files.completeUploadExternal":
        for item in call.params.get("files") or []:
            upload = slack.uploaded_files.get(str(item.get("id") if isinstance(item, dict) else ""))
            if upload is not None and upload.data is not None:
                shown += "\n" + upload.data.decode("utf-8", "replace")
    return shown


def assert_never_reveals(
    slack: FakeSlackAPI,
    giver_id: str,
    giver_names: str | Iterable[str],
    audience: Iterable[str],
    *,
    owners: Mapping[str, str] | None = None,
) -> int:
    """Fail if `giver_id` or any of `giver_names` (case-insensitive) reaches `audience` (user or channel ids).

    `owners` maps trigger ids and response_url keys to the user who made them, so the giver's own forms and
    ephemeral answers are not counted; any view or response_url not declared there counts as the audience's.
    Returns how many calls were checked, so a test can make sure it looked at something."""
    owners = owners or {}
    names = [giver_names] if isinstance(giver_names, str) else list(giver_names)
    watched = {_plain(a) for a in audience} | {UNKNOWN}
    calls = slack.calls
    views = _view_owners(calls, owners)
    leaks: list[str] = []
    checked = 0
    for call in calls:
        if call.method in LOOKUPS:
            continue
        seen_by = audience_of(call, owners, views)
        if not seen_by & watched:
            continue
        checked += 1
        shown = _content(slack, call)
        found = [giver_id] if giver_id in shown else []
        found += [n for n in names if n.lower() in shown.lower()]
        if found:
            leaks.append(f"{call.method} to {sorted(seen_by)} reveals {found}: {shown[:300]}")
    assert not leaks, "the giver is revealed:\n" + "\n".join(f"  - {leak}" for leak in leaks)
    return checked
