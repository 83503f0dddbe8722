"""What Slack holds after a fan-out, read from the fake: the way every test and benchmark counts sends."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from adapters import ids
from tests.fakes.slack_api import FakeSlackAPI


def ledgered_in_dms(slack: FakeSlackAPI, people: Iterable[str]) -> Counter[str]:
    """Messages in each person's DM carrying a delivery id in their metadata: a duplicate shows as 2."""
    return slack.dm_messages_of_type(people, ids.DELIVERY_EVENT)
