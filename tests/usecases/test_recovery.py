"""Leases and durable fan-outs on a manual clock: a claim is its process's while the lease is renewed and anyone's
once it lapses or is ended; a fan-out a gone process left is finished by another; nothing is sent twice."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from adapters import web_api
from adapters.blocks import reflect as blocks
from config import ConfigError, load_settings
from domain.ledger import FanOutKind
from domain.schedule import Due
from storage import lease_queries, queries
from storage.db import transaction
from storage.models import Delivery, FanOut, Worker
from tests.harness import LEAD, TEAM_CHANNEL, Bot, eventually
from usecases import recovery

MEMBERS = (LEAD, "UNY", "UDUB", "UIN")
MONDAY_EARLY = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
GONE = "gone-process"


def prompts_to(bot: Bot) -> Counter[str]:
    bot.record_sent()
    return Counter(s.channel for s in bot.sent if s.kind == "prompt")


def claim_as(bot: Bot, worker_id: str, users: tuple[str, ...]) -> dict[str, Delivery]:
    """Another process registers its lease and claims these prompts now, then (unless told) sends nothing."""
    now = bot.clock.now()
    prompt = bot.deps.prompts[0]
    with transaction(bot.deps.sessions) as session:
        lease_queries.renew(session, worker_id=worker_id, host="replica-2", pid=2, now=now)
        rows = queries.claim_all(
            session,
            claims=[(Due("prompt", 1, user, now.date()), prompt.id, prompt.skill) for user in users],
            now=now,
            claimed_by=worker_id,
        )
    return {row.recipient: row for row in rows if row is not None}


def renew_as(bot: Bot, worker_id: str) -> None:
    with transaction(bot.deps.sessions) as session:
        lease_queries.renew(session, worker_id=worker_id, host="replica-2", pid=2, now=bot.clock.now())


def rows(bot: Bot) -> list[Delivery]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)))


def fan_outs(bot: Bot) -> list[FanOut]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(FanOut).order_by(FanOut.id)))


def test_a_claim_is_left_alone_while_its_lease_is_renewed_and_taken_over_once_it_lapses(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    claim_as(team, GONE, ("UDUB",))
    team.clock.advance(timedelta(seconds=25))
    assert recovery.recover(team.deps) == Counter()
    renew_as(team, GONE)
    team.clock.advance(timedelta(seconds=25))  # 50 s after the claim, 25 s after the renewal: still held
    assert recovery.recover(team.deps) == Counter()
    assert prompts_to(team) == {}
    team.clock.advance(timedelta(seconds=6))  # the lease lapsed 30 s after its renewal
    assert recovery.recover(team.deps) == {"prompt:sent": 1}
    assert prompts_to(team) == {"UDUB": 1}
    (row,) = rows(team)
    assert (row.status, row.attempts, row.claimed_by) == ("sent", 2, team.deps.worker_id)


def test_a_lapsed_claim_that_had_reached_slack_is_confirmed_not_posted_again(team: Bot, slack, caplog) -> None:
    team.clock.set(MONDAY_EARLY)
    claimed = claim_as(team, GONE, ("UDUB", LEAD))
    lead_row = claimed[LEAD]
    prompt = team.deps.prompt(lead_row.item_id)
    assert prompt is not None
    web_api.post(team.deps.client, LEAD, blocks.prompt_message(prompt, lead_row.id), delivery_id=lead_row.id)
    team.clock.advance(timedelta(seconds=31))
    caplog.set_level("INFO", logger="practice")
    recovery.recover(team.deps)
    assert prompts_to(team) == {"UDUB": 1, LEAD: 1}
    assert caplog.text.count("outcome=found") == 1
    assert {r.status for r in rows(team)} == {"sent"}


def test_an_ended_lease_lets_its_claims_go_at_once(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    claim_as(team, GONE, ("UDUB", "UIN"))
    with transaction(team.deps.sessions) as session:
        lease_queries.end(session, worker_id=GONE)
    recovery.recover(team.deps)
    assert prompts_to(team) == {"UDUB": 1, "UIN": 1}


def test_a_tick_also_takes_over_a_lapsed_claim_and_skips_a_living_one(team: Bot) -> None:
    team.clock.set(datetime(2026, 11, 23, 11, 0, tzinfo=UTC))
    claim_as(team, GONE, ("UDUB",))
    claim_as(team, "alive", ("UIN",))
    team.clock.advance(timedelta(seconds=31))
    renew_as(team, "alive")
    team.tick()
    assert prompts_to(team) == {"UDUB": 1, LEAD: 1}


def test_a_claim_older_than_the_claim_timeout_is_taken_over_even_from_a_living_process(team: Bot) -> None:
    """A living process that held a claim for 10 minutes lost track of it (its confirm failed)."""
    team.clock.set(MONDAY_EARLY)
    claim_as(team, "alive", ("UDUB",))
    team.clock.advance(team.deps.settings.claim_timeout + timedelta(seconds=1))
    renew_as(team, "alive")
    recovery.recover(team.deps)
    assert prompts_to(team) == {"UDUB": 1}


def test_a_fan_out_left_by_a_gone_process_is_finished_by_another_once(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    with transaction(team.deps.sessions) as session:
        lease_queries.renew(session, worker_id=GONE, host="replica-2", pid=2, now=team.clock.now())
        lease_queries.start_fan_out(
            session, team_id=1, kind=FanOutKind.PRACTICE_NOW, requested_by=LEAD, owner=GONE, now=team.clock.now()
        )
    claim_as(team, GONE, ("UNY",))  # it had started: one prompt claimed, never confirmed
    team.clock.advance(timedelta(seconds=20))
    assert recovery.recover(team.deps) == Counter()  # its owner is alive
    team.clock.advance(timedelta(seconds=11))
    outcome = recovery.recover(team.deps)
    assert outcome["prompt:sent"] == 4 and outcome["quote:sent"] == 1
    assert prompts_to(team) == {m: 1 for m in MEMBERS}
    assert len(team.sent_to(TEAM_CHANNEL, "quote")) == 1
    (job,) = fan_outs(team)
    assert job.owner == team.deps.worker_id and job.finished_at is not None
    team.clock.advance(timedelta(minutes=5))
    assert recovery.recover(team.deps) == Counter()
    assert "already gone out" in team.ask("/practice", "now", user=LEAD)


def test_a_fan_out_left_longer_ago_than_the_catch_up_window_is_closed_without_sending(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    with transaction(team.deps.sessions) as session:
        lease_queries.start_fan_out(
            session, team_id=1, kind=FanOutKind.PRACTICE_NOW, requested_by=LEAD, owner=GONE, now=team.clock.now()
        )
    team.clock.advance(team.deps.settings.catch_up + timedelta(minutes=1))
    recovery.recover(team.deps)
    assert prompts_to(team) == {}
    assert fan_outs(team)[0].finished_at is not None


def test_a_practice_now_is_recorded_and_finished(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    assert "Sent today's prompt to 4 members" in team.ask("/practice", "now", user=LEAD)
    (job,) = fan_outs(team)
    assert (job.kind, job.requested_by, job.owner) == ("practice_now", LEAD, team.deps.worker_id)
    assert job.finished_at is not None and {r.claimed_by for r in rows(team)} == {team.deps.worker_id}


def test_a_stopping_process_hands_its_fan_out_to_another_at_once(team: Bot, slack, database_url, clock) -> None:
    clock.set(MONDAY_EARLY)
    team.deps.stopping.request()
    assert "restarting" in team.ask("/practice", "now", user=LEAD)
    assert prompts_to(team) == {}
    assert recovery.stop_gracefully(team.deps, None, None)  # nothing was under way
    with team.deps.sessions() as session:
        assert session.get(Worker, team.deps.worker_id) is None
    replica = Bot(slack, database_url, clock)
    try:
        recovery.recover(replica.deps)
        replica.record_sent()
        assert Counter(s.channel for s in replica.sent if s.kind == "prompt") == {m: 1 for m in MEMBERS}
        assert fan_outs(replica)[0].finished_at is not None
    finally:
        replica.close()


def test_two_processes_taking_over_at_the_same_moment_send_each_prompt_once(
    team: Bot, slack, database_url, clock
) -> None:
    clock.set(MONDAY_EARLY)
    with transaction(team.deps.sessions) as session:
        lease_queries.start_fan_out(
            session, team_id=1, kind=FanOutKind.PRACTICE_NOW, requested_by=LEAD, owner=GONE, now=clock.now()
        )
    claim_as(team, GONE, MEMBERS)
    with transaction(team.deps.sessions) as session:
        lease_queries.end(session, worker_id=GONE)
    replica = Bot(slack, database_url, clock)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(bot: Bot) -> None:
        start.wait()
        try:
            recovery.recover(bot.deps)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    try:
        threads = [threading.Thread(target=run, args=(bot,)) for bot in (team, replica)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        posted = Counter(c.params["channel"] for c in slack.calls_to("chat.postMessage"))
        assert posted == {**{m: 1 for m in MEMBERS}, TEAM_CHANNEL: 1}
    finally:
        replica.close()


def test_the_lease_thread_renews_and_recovers_without_a_tick(team: Bot) -> None:
    team.clock.set(MONDAY_EARLY)
    claim_as(team, GONE, ("UDUB",))
    with transaction(team.deps.sessions) as session:
        lease_queries.end(session, worker_id=GONE)
    team.clock.advance(timedelta(seconds=5))
    deps = replace(team.deps, settings=replace(team.deps.settings, lease=timedelta(seconds=3)))
    lease = recovery.Lease(deps).start()
    try:
        eventually(lambda: prompts_to(team) == {"UDUB": 1})
        assert renewed_at(team) == team.clock.now()
        team.clock.advance(timedelta(seconds=2))
        eventually(lambda: renewed_at(team) == team.clock.now(), timeout=3)
    finally:
        lease.stop()


def renewed_at(bot: Bot) -> datetime:
    with bot.deps.sessions() as session:
        lease = session.get(Worker, bot.deps.worker_id)
    assert lease is not None
    return lease.renewed_at.replace(tzinfo=UTC)


def test_the_lease_is_configurable_and_checked() -> None:
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    settings = load_settings(base)
    assert (settings.lease.total_seconds(), settings.lease_renewal.total_seconds()) == (30, 10)
    assert load_settings({**base, "LEASE_SECONDS": "60"}).lease_renewal.total_seconds() == 20
    for bad in ("0", "2", "-5", "ten", "3601", "1.5"):
        with pytest.raises(ConfigError) as caught:
            load_settings({**base, "LEASE_SECONDS": bad})
        assert caught.value.variable == "LEASE_SECONDS" and "\n" not in str(caught.value)


def test_the_claim_timeout_stays_configurable_and_checked() -> None:
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert load_settings(base).claim_timeout.total_seconds() == 600
    assert load_settings({**base, "CLAIM_TIMEOUT_SECONDS": "30"}).claim_timeout.total_seconds() == 30
    for bad in ("0", "-5", "ten", "90000", "1.5"):
        with pytest.raises(ConfigError) as caught:
            load_settings({**base, "CLAIM_TIMEOUT_SECONDS": bad})
        assert caught.value.variable == "CLAIM_TIMEOUT_SECONDS" and "\n" not in str(caught.value)
