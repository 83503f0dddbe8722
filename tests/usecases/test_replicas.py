"""Several replicas, each with its own scheduler, on one database: every member still gets exactly one prompt
per practice day and the channel one quote, however the ticks interleave."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from storage.models import Delivery
from tests.harness import LEAD, TEAM_CHANNEL, Bot
from usecases import tick

SATURDAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
MEMBERS = (LEAD, "UNY", "UDUB", "UIN")
WEEKDAYS = [f"2026-11-{day}" for day in range(23, 28)]


def tick_together(replicas: list[Bot]) -> None:
    start = threading.Barrier(len(replicas))
    errors: list[BaseException] = []

    def run(bot: Bot) -> None:
        start.wait()
        try:
            tick.run_tick(bot.deps)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(bot,)) for bot in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_three_schedulers_through_a_week_send_each_prompt_and_quote_exactly_once(
    team: Bot, slack, database_url: str, clock
) -> None:
    replicas = [team, Bot(slack, database_url, clock), Bot(slack, database_url, clock)]
    try:
        while clock.now() < SATURDAY:
            clock.advance(timedelta(minutes=30))
            tick_together(replicas)
        with team.deps.sessions() as session:
            kinds = {row.id: (row.kind, row.local_date.isoformat()) for row in session.exec(select(Delivery))}
        posted = Counter(
            (call.params["channel"], *kinds[call.params["metadata"]["event_payload"]["delivery_id"]])
            for call in slack.calls_to("chat.postMessage")
            if (call.response or {}).get("ok")
        )
        prompts = {key: n for key, n in posted.items() if key[1] == "prompt"}
        assert prompts == {(member, "prompt", day): 1 for member in MEMBERS for day in WEEKDAYS}
        quotes = {key: n for key, n in posted.items() if key[1] == "quote"}
        assert quotes == {(TEAM_CHANNEL, "quote", day): 1 for day in WEEKDAYS}
        assert max(posted.values()) == 1
    finally:
        for replica in replicas[1:]:
            replica.close()
