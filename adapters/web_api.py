"""Thin wrappers over the Web API calls the bot makes, with paging and the retry handlers Slack recommends."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from adapters import ids
from adapters.blocks.common import Message
from domain.people import Profile

# users.info is Tier 4 (100+/min) and users.list Tier 2 (20+/min) but 200 people a page: below this many
# people one call each is cheaper, above it whole pages are.
USERS_INFO_LIMIT = 40
UPLOAD_ATTEMPTS = 3


class _ServerErrorRetryHandler(ServerErrorRetryHandler):
    """Never chat.postMessage: a 500 may come after Slack posted, and a retry would post twice. A failed
    ledgered send is retried at the next tick instead, after looking for the earlier post."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if request.url.endswith("/chat.postMessage"):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


def make_client(token: str, base_url: str) -> WebClient:
    client = WebClient(token=token, base_url=base_url, timeout=10)
    client.retry_handlers.extend(
        [
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=5),
            _ServerErrorRetryHandler(max_retry_count=2),
        ]
    )
    return client


def _member_pages(client: WebClient, channel_id: str) -> Iterator[list[str]]:
    cursor: str | None = None
    while True:
        response = client.conversations_members(channel=channel_id, limit=200, cursor=cursor)
        yield list(response.get("members", []))
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return


def channel_members(client: WebClient, channel_id: str) -> list[str]:
    return [member for page in _member_pages(client, channel_id) for member in page]


def _profile(user: dict) -> Profile:
    return Profile(
        user_id=user["id"],
        timezone=user.get("tz"),
        is_bot=bool(user.get("is_bot")) or user.get("id") == "USLACKBOT",
        deleted=bool(user.get("deleted")),
    )


def _workspace_profiles(client: WebClient) -> list[Profile]:
    """Every user of the workspace, 200 a page."""
    found = []
    cursor: str | None = None
    while True:
        response = client.users_list(limit=200, cursor=cursor)
        found.extend(_profile(u) for u in response.get("members", []) if u.get("id"))
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return found


def profiles(client: WebClient, user_ids: Iterable[str]) -> list[Profile]:
    """Time zones and bot/deactivated flags, using whichever method needs fewer rate-limited calls."""
    wanted = set(user_ids)
    if not wanted:
        return []
    if len(wanted) <= USERS_INFO_LIMIT:
        found = []
        for user_id in sorted(wanted):
            try:
                found.append(_profile(client.users_info(user=user_id)["user"]))
            except SlackApiError as error:
                if error.response.get("error") != "user_not_found":
                    raise
        return found
    return [p for p in _workspace_profiles(client) if p.user_id in wanted]


def directory(client: WebClient, channel_id: str) -> tuple[list[str], list[Profile]]:
    """A channel's members and their profiles. When the first page of members already calls for users.list
    (Tier 2, 20 pages a minute: the slow part for a big team), it pages alongside conversations.members."""
    pages = _member_pages(client, channel_id)
    members = next(pages)
    if len(set(members)) <= USERS_INFO_LIMIT:
        members += [member for page in pages for member in page]
        return members, profiles(client, members)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="users-list")
    try:
        everyone = pool.submit(_workspace_profiles, client)
        members += [member for page in pages for member in page]
        wanted = set(members)
        return members, [p for p in everyone.result() if p.user_id in wanted]
    finally:
        pool.shutdown(wait=False)


def post(client: WebClient, channel: str, message: Message, *, delivery_id: int | None = None) -> tuple[str, str]:
    """Post without unfurls; ledger deliveries carry their id in metadata so a resend can be detected."""
    extra = {}
    if delivery_id is not None:
        extra["metadata"] = {"event_type": ids.DELIVERY_EVENT, "event_payload": {"delivery_id": delivery_id}}
    response = client.chat_postMessage(
        channel=channel,
        text=message.text,
        blocks=message.blocks,
        unfurl_links=False,
        unfurl_media=False,
        **extra,
    )
    return response["channel"], response["ts"]


def whisper_in_thread(client: WebClient, channel: str, user_id: str, thread_ts: str, message: Message) -> None:
    """An ephemeral message in a thread: only `user_id` sees it, beside their reply."""
    client.chat_postEphemeral(
        channel=channel, user=user_id, thread_ts=thread_ts, text=message.text, blocks=message.blocks
    )


def error_code(error: SlackApiError | OSError) -> str:
    """A short, token-free description of a failed call for logs and the ledger."""
    if isinstance(error, SlackApiError):
        return str(error.response.get("error", "slack_error"))
    return type(error).__name__


def find_delivery(client: WebClient, recipient: str, delivery_id: int, oldest: float) -> tuple[str, str] | None:
    """Look for an earlier post of this delivery (its id rides in message metadata) before sending again."""
    channel = recipient
    if recipient.startswith(("U", "W")):
        channel = client.conversations_open(users=recipient)["channel"]["id"]
    response = client.conversations_history(
        channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True, limit=200
    )
    for message in response.get("messages", []):
        metadata = message.get("metadata") or {}
        if (
            metadata.get("event_type") == ids.DELIVERY_EVENT
            and (metadata.get("event_payload") or {}).get("delivery_id") == delivery_id
        ):
            return channel, message["ts"]
    return None


def upload_to_dm(
    client: WebClient,
    user_id: str,
    *,
    filename: str,
    content: bytes | str,
    title: str,
    comment: str | None = None,
    alt_txt: str | None = None,
) -> str:
    """Upload a file into the bot's DM with a person (files upload v2); returns the DM channel id.

    files_upload_v2 shares into a conversation id, not a user id, so the DM is opened first."""
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    for attempt in range(1, UPLOAD_ATTEMPTS + 1):
        try:
            client.files_upload_v2(
                channel=channel,
                filename=filename,
                content=content,
                title=title,
                initial_comment=comment,
                alt_txt=alt_txt,
            )
            break
        except HTTPError as error:
            # The bytes go to a plain upload URL that the client's retry handlers never see; an upload
            # left half-done is never completed, so starting again shares the file once.
            if attempt == UPLOAD_ATTEMPTS or not (error.code == 429 or error.code >= 500):
                raise
            time.sleep(_wait_before_retry(error, attempt))
    return channel


def _wait_before_retry(error: HTTPError, attempt: int) -> float:
    if error.code == 429:
        retry_after = (error.headers or {}).get("Retry-After", "1")
        return min(float(retry_after), 60.0) if str(retry_after).isdigit() else 1.0
    return 0.5 * 2 ** (attempt - 1)
