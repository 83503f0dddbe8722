"""The fake Web API can enforce Slack's published rate limits and answer slowly, for the benchmarks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from fake_slack.rate_limits import PUBLISHED, Limit, RateLimits
from tests.fakes.slack_api import FakeSlackAPI


class Ticker:
    """A hand-moved monotonic clock, so windows open and close without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def limited(ticker: Ticker) -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI(rate_limits=RateLimits(now=ticker))
    fake.start()
    for n in range(3):
        fake.add_user(f"U{n}", tz="Europe/Dublin")
    try:
        yield fake
        fake.assert_no_problems()
    finally:
        fake.stop()


def client_for(fake: FakeSlackAPI) -> WebClient:
    """No retry handlers: the test sees Slack's 429 itself instead of slack_sdk waiting it out."""
    client = WebClient(token=fake.expected_token, base_url=fake.base_url)
    client.retry_handlers.clear()
    return client


def test_users_list_allows_twenty_calls_a_minute_then_answers_429_with_retry_after(
    limited: FakeSlackAPI, ticker: Ticker
) -> None:
    client = client_for(limited)
    for _ in range(20):
        ticker.now += 1
        assert client.users_list(limit=200)["ok"]
    with pytest.raises(SlackApiError) as refused:
        client.users_list(limit=200)
    assert refused.value.response.status_code == 429
    assert refused.value.response["error"] == "ratelimited"
    assert refused.value.response.headers["Retry-After"] == "41"  # the first call (at +1 s) leaves at +61 s

    ticker.now += 40
    with pytest.raises(SlackApiError):
        client.users_list(limit=200)
    ticker.now += 1
    assert client.users_list(limit=200)["ok"]
    assert limited.rate_limits is not None and limited.rate_limits.rejected["users.list"] == 2


def test_each_dm_is_its_own_channel_for_chat_post_message(limited: FakeSlackAPI, ticker: Ticker) -> None:
    client = client_for(limited)
    for user in ("U0", "U1", "U2"):
        for _ in range(3):
            client.chat_postMessage(channel=user, text="hello")
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel=limited.dm_channel_id("U0"), text="a fourth within 3 seconds")
    assert refused.value.response.status_code == 429

    ticker.now += 3
    assert client.chat_postMessage(channel="U0", text="a second later")["ok"]


def test_without_rate_limits_the_fake_never_answers_429() -> None:
    with FakeSlackAPI() as fake:
        client = client_for(fake)
        for _ in range(30):
            assert client.users_list(limit=200)["ok"]
        assert all(call.status == 200 for call in fake.calls)


def test_a_time_scale_shortens_every_window_but_retry_after_stays_whole_seconds(ticker: Ticker) -> None:
    limits = RateLimits({"users.list": Limit(2, 60.0)}, time_scale=10, now=ticker)
    assert limits.admit("users.list") is None
    assert limits.admit("users.list") is None
    assert limits.admit("users.list") == 6
    ticker.now += 5.5
    assert limits.admit("users.list") == 1
    ticker.now += 0.5
    assert limits.admit("users.list") is None


def test_the_floor_is_the_slowest_bucket_under_the_limits() -> None:
    limits = RateLimits()
    users_list_pages = [("users.list", "")] * 26
    one_post_per_dm = [("chat.postMessage", f"D{n}") for n in range(5000)]
    members_pages = [("conversations.members", "")] * 25
    assert limits.floor_seconds(users_list_pages + one_post_per_dm + members_pages) == 60.0
    assert limits.floor_seconds(one_post_per_dm) == 0.0
    assert limits.floor_seconds([("chat.postMessage", "C1")] * 7) == 6.0
    assert RateLimits(time_scale=4).floor_seconds(users_list_pages) == 15.0


def test_published_limits_cover_every_method_the_bot_calls_in_bulk() -> None:
    assert set(PUBLISHED) >= {
        "users.list",
        "users.info",
        "conversations.members",
        "conversations.open",
        "chat.postMessage",
    }


def test_a_slow_fake_is_set_up_in_one_line_and_still_answers() -> None:
    with FakeSlackAPI(latency=0.05) as fake:
        assert fake.latency == 0.05
        assert client_for(fake).auth_test()["ok"]
