"""Nothing sent twice, nothing lost: `/practice now`, concurrent schedulers, restarts and failed sends."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from adapters import web_api
from adapters.blocks import reflect as blocks
from domain.schedule import Due
from storage import lease_queries, queries
from storage.db import transaction
from storage.models import Delivery
from tests.harness import LEAD, TEAM_CHANNEL, Bot
from usecases.tick import run_tick as tick

MEMBERS = (LEAD, "UNY", "UDUB", "UIN")
MONDAY_EARLY = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
MONDAY_LATE_MORNING = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


def messages_per_person(bot: Bot) -> Counter[str]:
    bot.record_sent()
    return Counter(s.channel for s in bot.sent if s.kind == "prompt")


def test_a_lead_sends_todays_prompts_and_quote_now_and_a_second_time_sends_nothing(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    reply = team.ask("/practice", "now", user=LEAD)
    assert "Sent today's prompt to 4 members and the quote of the day" in reply
    assert "already gone out" in team.ask("/practice", "now", user=LEAD)
    team.run_until(MONDAY_LATE_MORNING)
    assert messages_per_person(team) == {m: 1 for m in MEMBERS}
    assert len(team.sent_to(TEAM_CHANNEL, "quote")) == 1


def test_a_member_cannot_send_prompts_now(team: Bot) -> None:
    assert "Only a team lead" in team.ask("/practice", "now", user="UNY")
    assert team.slack.calls_to("chat.postMessage") == []


def test_sending_now_skips_people_who_are_away(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    team.ask("/practice", "away until 2026-11-30", user="UNY", channel="DUNY")
    assert "to 3 members" in team.ask("/practice", "now", user=LEAD)


def test_two_replicas_ticking_at_the_same_moment_send_each_prompt_once(team: Bot, slack, database_url, clock) -> None:
    replica = Bot(slack, database_url, clock)
    try:
        clock.set(MONDAY_LATE_MORNING)
        start = threading.Barrier(4)

        def run(bot: Bot) -> None:
            start.wait()
            for _ in range(3):
                tick(bot.deps)

        threads = [threading.Thread(target=run, args=(b,)) for b in (team, replica, team, replica)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        posted = Counter(c.params["channel"] for c in slack.calls_to("chat.postMessage"))
        assert posted == {**{m: 1 for m in MEMBERS if m != "UNY"}, TEAM_CHANNEL: 1}
    finally:
        replica.close()


def test_a_restart_mid_send_sends_the_rest_once_and_never_twice(team: Bot, slack, database_url, clock) -> None:
    clock.set(datetime(2026, 11, 23, 15, 0, tzinfo=UTC))  # 10:00 in New York, 15:00 in Dublin
    crashed_at = clock.now() - timedelta(minutes=20)
    deps = team.deps
    prompt = deps.prompts[0]
    with transaction(deps.sessions) as session:
        for user in ("UDUB", LEAD, "UNY"):
            queries.claim(
                session,
                due=Due("prompt", 1, user, crashed_at.date()),
                item_id=prompt.id,
                skill=prompt.skill,
                now=crashed_at,
            )
    with deps.sessions() as session:
        rows = {r.recipient: r for r in session.exec(select(Delivery))}
    for user in ("UDUB", LEAD):
        web_api.post(deps.client, user, blocks.prompt_message(prompt, rows[user].id), delivery_id=rows[user].id)
    with transaction(deps.sessions) as session:
        queries.mark_sent(session, delivery_id=rows["UDUB"].id, channel="DUDUB", ts="1.0", now=crashed_at)
    # The lead's prompt reached Slack but the process died before confirming it; UNY's never left.
    team.close()

    restarted = Bot(slack, database_url, clock)
    try:
        restarted.tick()
        posted = Counter(c.params["channel"] for c in slack.calls_to("chat.postMessage"))
        assert posted == {"UDUB": 1, LEAD: 1, "UNY": 1, TEAM_CHANNEL: 1}
        with restarted.deps.sessions() as session:
            assert {r.status for r in session.exec(select(Delivery))} == {"sent"}
        restarted.tick()
        assert len(slack.calls_to("chat.postMessage")) == 4
    finally:
        restarted.close()


def test_a_send_claimed_moments_ago_by_another_living_process_is_left_alone(team: Bot) -> None:
    team.clock.set(MONDAY_LATE_MORNING)
    prompt = team.deps.prompts[0]
    with transaction(team.deps.sessions) as session:
        lease_queries.renew(session, worker_id="other", host="replica-2", pid=2, now=team.clock.now())
        queries.claim(
            session,
            due=Due("prompt", 1, "UDUB", team.clock.now().date()),
            item_id=prompt.id,
            skill=prompt.skill,
            now=team.clock.now() - timedelta(minutes=1),
            claimed_by="other",
        )
    team.tick()
    assert team.sent_to("UDUB") == []


def test_a_failed_send_is_retried_at_the_next_tick_and_sent_once(team: Bot, slack) -> None:
    team.clock.set(MONDAY_LATE_MORNING)
    slack.fail_next("chat.postMessage", error="internal_error", times=4)
    first = team.tick()
    assert first["prompt:failed"] + first["quote:failed"] == 4
    with team.deps.sessions() as session:
        assert {r.status for r in session.exec(select(Delivery))} == {"failed"}
    team.clock.advance(timedelta(minutes=1))
    team.tick()
    assert messages_per_person(team) == {m: 1 for m in MEMBERS if m != "UNY"}
    assert len(team.sent_to(TEAM_CHANNEL, "quote")) == 1


def test_a_rate_limited_send_waits_out_retry_after_and_goes_through(team: Bot, slack) -> None:
    team.clock.set(MONDAY_LATE_MORNING)
    slack.fail_next("chat.postMessage", status=429, retry_after=1)
    team.tick()
    assert messages_per_person(team) == {m: 1 for m in MEMBERS if m != "UNY"}
