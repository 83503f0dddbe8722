"""Sending what is due: claim a ledger row, call the Web API, confirm. Used by the tick and `/practice now`."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import TypeVar

from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from adapters import web_api
from adapters.blocks import calibration as calibration_blocks
from adapters.blocks import drill as drill_blocks
from adapters.blocks import practice as practice_blocks
from adapters.blocks import reflect as reflect_blocks
from adapters.blocks.common import Message
from deps import Deps
from domain import rotation
from domain.content import Prompt, TeamQuestion
from domain.drills import Drill, DrillMode, Pick, next_drill, next_to_write, shuffled
from domain.ledger import DeliveryKind, SendResult, tally
from domain.schedule import REMINDER_MIN_GAP, Due, local_now, member_unavailable, person_zone, zone
from storage import calibration_queries, drill_queries, focus_queries, queries
from storage import team_question_queries as tq
from storage.db import transaction
from storage.lease_queries import Liveness
from storage.models import Delivery
from usecases import team_question

REFRESH_EVERY = timedelta(hours=24)
#: A team's profiles are read at its daily member sync; those a little under a day old are read then too, or
#: a profile saved just after its team's sync would wait for the sync after next.
PROFILE_SLACK = timedelta(hours=1)


T = TypeVar("T")

#: Sends are claimed in batches of this many (one transaction), posted concurrently, confirmed together: a
#: fan-out to thousands is bound by Slack, not by a commit and a round trip per person. A crash leaves at most
#: UNCONFIRMED_AT_MOST claimed but unconfirmed, and each of those is looked up in Slack before it is sent again.
BATCH_SIZE = 50
UNCONFIRMED_AT_MOST = 2 * BATCH_SIZE
POST_WORKERS = 16
KIND_ORDER = {DeliveryKind.QUOTE: 0, DeliveryKind.PROMPT: 1, DeliveryKind.REMINDER: 2}


@dataclass(frozen=True)
class _History:
    """What a batch's items are chosen from, read in a few queries for all of it: the people's prompt
    histories and practice for rotation, and the day's prompt rows the reminders point at."""

    prompts: Mapping[str, list[str]]
    practised: Mapping[str, queries.Practised]
    reminded: Mapping[tuple[str, date], Delivery]
    #: The people whose prompt today is a drill (their team's drill day) or may be one (a focus day), with
    #: their cards.
    drilling: Mapping[str, drill_queries.Drilling] = field(default_factory=dict)
    #: The people whose prompt today asks for a written reply (their team's written-drill day), with what
    #: they have written before.
    writing: Mapping[str, drill_queries.Written] = field(default_factory=dict)
    #: Of `drilling`, the people whose team's drill day it is.
    drill_days: frozenset[str] = frozenset()
    #: The people whose practice today must be on their focus skill (domain.focus), and that skill.
    focus: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        session: Session,
        prompted: Sequence[str],
        reminders: Sequence[tuple[str, date]] = (),
        drilling: Sequence[str] = (),
        writing: Sequence[str] = (),
        focus: Mapping[str, str] | None = None,
    ) -> _History:
        focus = focus or {}
        cards = sorted({*drilling, *focus})
        return cls(
            queries.prompt_histories(session, user_ids=prompted) if prompted else {},
            queries.practised_by(session, user_ids=prompted) if prompted else {},
            queries.deliveries_for(session, keys=reminders, kind=DeliveryKind.PROMPT) if reminders else {},
            drill_queries.drilling(session, user_ids=cards) if cards else {},
            drill_queries.written_by(session, user_ids=writing) if writing else {},
            frozenset(drilling),
            focus,
        )

    def next_prompt(self, deps: Deps, user_id: str) -> Prompt:
        practised = self.practised[user_id]
        return rotation.next_prompt(deps.prompts, self.prompts[user_id], practised.last, practised.answered, deps.rng)

    def next_prompt_in(self, deps: Deps, user_id: str, skill: str) -> Prompt | None:
        answered = self.practised[user_id].answered
        return rotation.next_prompt_in(deps.prompts, self.prompts[user_id], answered, deps.rng, skill)

    def next_drill(self, deps: Deps, due: Due, skill: str | None = None) -> tuple[Pick, DrillMode] | None:
        """On a written-drill day a drill to write to; on a drill day the most overdue review, else a new drill
        (of `skill` when given); None when none is left (a reflection then)."""
        if (written := self.writing.get(due.recipient)) is not None:
            drill = next_to_write(deps.drills, written.last, written.per_skill, deps.rng, skill=skill)
            return (Pick(drill, review=False), DrillMode.WRITE) if drill is not None else None
        if due.recipient not in self.drill_days:
            return None
        return self.drill_of(deps, due, skill)

    def drill_of(self, deps: Deps, due: Due, skill: str | None) -> tuple[Pick, DrillMode] | None:
        drilling = self.drilling.get(due.recipient)
        if drilling is None or not deps.drills:
            return None
        pick = next_drill(deps.drills, drilling.cards, due.local_date, drilling.done, deps.rng, skill=skill)
        return (pick, DrillMode.CHOOSE) if pick is not None else None


def choose_prompt(deps: Deps, session: Session, user_id: str) -> Prompt:
    return _History.load(session, [user_id]).next_prompt(deps, user_id)


@dataclass(frozen=True)
class _Item:
    """What a claim is made with; a quote on the team's question day carries the week's team question too."""

    item_id: str
    skill: str | None
    question: TeamQuestion | None = None
    drill: Pick | None = None
    mode: DrillMode = DrillMode.CHOOSE


def _drill_item(found: tuple[Pick, DrillMode]) -> _Item:
    pick, mode = found
    return _Item(pick.drill.id, pick.drill.skill, drill=pick, mode=mode)


def _practice_item(deps: Deps, due: Due, history: _History) -> _Item:
    """The day's practice DM: on the focus skill when the 2-in-5 rule asks for it, else the day's rotation."""
    skill = history.focus.get(due.recipient)
    if skill is not None and (item := _on_focus(deps, due, history, skill)) is not None:
        return item
    if (found := history.next_drill(deps, due)) is not None:
        return _drill_item(found)
    prompt = history.next_prompt(deps, due.recipient)
    return _Item(prompt.id, prompt.skill)


def _on_focus(deps: Deps, due: Due, history: _History, skill: str) -> _Item | None:
    """The day's kind of practice on the focus skill (a drill on a drill day, a prompt otherwise). Once every
    prompt of the skill was seen in this cycle, one of its drills instead, so no prompt comes back early; None
    when the skill has nothing left at all (the day's rotation then)."""
    if (found := history.next_drill(deps, due, skill)) is not None:
        return _drill_item(found)
    if (prompt := history.next_prompt_in(deps, due.recipient, skill)) is not None:
        return _Item(prompt.id, prompt.skill)
    if (found := history.drill_of(deps, due, skill)) is not None:
        return _drill_item(found)
    return None


def _item_for(deps: Deps, session: Session, due: Due, history: _History) -> _Item | None:
    """The item and skill to claim with; a retried claim keeps the item it was first given."""
    if due.kind == DeliveryKind.PROMPT:
        return _practice_item(deps, due, history)
    if due.kind == DeliveryKind.QUOTE:
        chosen = team_question.choose(deps, session, due)
        return _Item(chosen.quote.id, chosen.quote.skill, chosen.question)
    prompt_row = history.reminded.get((due.recipient, due.local_date))
    return _Item(str(prompt_row.id), prompt_row.skill) if prompt_row is not None else None


def _focus_days(session: Session, prompted: Sequence[Due]) -> dict[str, str]:
    """The people of these dues whose practice today must be on their focus skill, and that skill."""
    if not prompted:
        return {}
    running = focus_queries.focused(
        session, user_ids=[d.recipient for d in prompted], after=min(d.local_date for d in prompted)
    )
    found = {}
    for due in prompted:
        if (focus := running.get(due.recipient)) is not None and (skill := focus.skill_on(due.local_date)):
            found[due.recipient] = skill
    return found


def liveness(deps: Deps, now: datetime) -> Liveness:
    """Which claims still belong to someone: their claimer's lease has not lapsed, and they are not so old
    that even a living claimer must have lost track of them (CLAIM_TIMEOUT_SECONDS)."""
    return Liveness(lease_after=now - deps.settings.lease, claimed_after=now - deps.settings.claim_timeout)


def _claim_batch(deps: Deps, dues: Sequence[Due]) -> tuple[list[Delivery], dict[int, Delivery]]:
    """The batch's claimed rows, and the prompt rows its reminders point at (by id), read once for all."""
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        prompted = [d for d in dues if d.kind == DeliveryKind.PROMPT]
        drill_days = queries.drill_days_of(session, team_ids=[d.team_id for d in prompted if d.team_id is not None])
        modes = {d.recipient: drill_days[d.team_id].mode_on(d.local_date) for d in prompted if d.team_id in drill_days}
        history = _History.load(
            session,
            [d.recipient for d in prompted],
            [(d.recipient, d.local_date) for d in dues if d.kind == DeliveryKind.REMINDER],
            [user for user, mode in modes.items() if mode == DrillMode.CHOOSE],
            [user for user, mode in modes.items() if mode == DrillMode.WRITE],
            _focus_days(session, prompted),
        )
        claims, items = [], []
        for due in dues:
            item = _item_for(deps, session, due, history)
            if item is not None:
                claims.append((due, item.item_id, item.skill))
                items.append(item)
        claimed = queries.claim_all(
            session, claims=claims, now=now, claimed_by=deps.worker_id, live=liveness(deps, now)
        )
        for row, item in zip(claimed, items, strict=True):
            if row is not None and item.question is not None:
                tq.save_question(session, delivery=row, question_id=item.question.id, skill=item.question.skill)
            if row is not None and item.drill is not None and row.item_id == item.item_id:
                drill_queries.round_for_delivery(
                    session, delivery=row, drill=item.drill.drill, review=item.drill.review, mode=item.mode
                )
    return [row for row in claimed if row is not None], {row.id: row for row in history.reminded.values()}


def _posted_already(deps: Deps, row: Delivery, now: datetime) -> tuple[str, str] | None:
    """A retried send may have reached Slack the first time (a crash or a 500 after posting): look first."""
    if row.attempts <= 1:
        return None
    try:
        return web_api.find_delivery(deps.client, row.recipient, row.id, (now - timedelta(days=1)).timestamp())
    except (SlackApiError, OSError) as error:
        deps.logger.warning(
            "could not check for an earlier post delivery=%s error=%s", row.id, web_api.error_code(error)
        )
        return None


def _message(deps: Deps, reminded: Mapping[int, Delivery], row: Delivery) -> Message | None:
    """What a ledger row says; a reminder's prompt row comes from `reminded` when its batch read it."""
    if row.kind == DeliveryKind.QUOTE:
        quote = deps.quote(row.item_id)
        return practice_blocks.quote_message(quote, team_question.carried_by(deps, row.id)) if quote else None
    if row.kind == DeliveryKind.CALIBRATION:
        return _invitation(deps, row)
    if row.kind == DeliveryKind.PROMPT:
        prompt = deps.prompt(row.item_id)
        if prompt is None and (drill := deps.drill(row.item_id)) is not None:
            return _drill_message(deps, row, drill)
        return reflect_blocks.prompt_message(prompt, row.id) if prompt else None
    prompt_row = reminded.get(int(row.item_id or 0))
    if prompt_row is None:
        with deps.sessions() as session:
            prompt_row = queries.delivery(session, delivery_id=int(row.item_id or 0))
    if prompt_row is not None and (drill := deps.drill(prompt_row.item_id)) is not None:
        with deps.sessions() as session:
            found = drill_queries.round_of_delivery(session, delivery_id=prompt_row.id)
        written = found is not None and found.mode == DrillMode.WRITE
        return drill_blocks.write_reminder(drill, found.id) if written else drill_blocks.reminder(drill)
    prompt = deps.prompt(prompt_row.item_id) if prompt_row else None
    return reflect_blocks.reminder_message(prompt, prompt_row.id) if prompt and prompt_row else None


def _invitation(deps: Deps, row: Delivery) -> Message | None:
    """A calibration round's invitation rebuilt from its round, for a resend after its process died; none once
    the round is revealed."""
    with deps.sessions() as session:
        found = calibration_queries.get_round(session, round_id=int(row.item_id or 0))
        team = queries.team_by_id(session, team_id=found.team_id) if found else None
    drill = deps.drill(found.drill_id) if found else None
    if found is None or found.id is None or team is None or drill is None or found.revealed_at is not None:
        return None
    tz = zone(team.timezone, deps.settings.default_timezone)
    return calibration_blocks.invitation(drill, found.sample, found.id, found.closes_at, tz)


def _drill_message(deps: Deps, row: Delivery, drill: Drill) -> Message | None:
    """A drill day's practice DM: the drill, its buttons naming the round claimed with it."""
    with deps.sessions() as session:
        found = drill_queries.round_of_delivery(session, delivery_id=row.id)
    if found is None:
        return None
    if found.mode == DrillMode.WRITE:
        return drill_blocks.write_message(drill, found.id)
    return drill_blocks.drill_message(drill, found.id, shuffled(drill, row.recipient), review=found.review)


@dataclass
class _Attempt:
    """One claimed row's trip to Slack, kept apart from the database so a batch can confirm in one commit."""

    row: Delivery
    outcome: SendResult  # sent, found (an earlier attempt had posted it) or failed
    started: float
    channel: str | None = None
    ts: str | None = None
    error: str | None = None

    @property
    def result(self) -> SendResult:
        return SendResult.FAILED if self.outcome == SendResult.FAILED else SendResult.SENT


def _attempt(deps: Deps, row: Delivery, message: Callable[[Delivery], Message | None]) -> _Attempt:
    started = time.perf_counter()
    built = message(row)
    if built is None:
        return _Attempt(row, SendResult.FAILED, started, error="item no longer available")
    try:
        found = _posted_already(deps, row, deps.clock.now())
        channel, ts = found or web_api.post(deps.client, row.recipient, built, delivery_id=row.id)
    except (SlackApiError, OSError) as error:
        return _Attempt(row, SendResult.FAILED, started, error=web_api.error_code(error))
    return _Attempt(row, SendResult.FOUND if found else SendResult.SENT, started, channel, ts)


def _record(deps: Deps, attempts: Sequence[_Attempt]) -> None:
    """Confirm what reached Slack and mark what did not, for the next run to retry."""
    if not attempts:
        return
    with transaction(deps.sessions) as session:
        queries.mark_all_failed(
            session, failed=[(a.row.id, str(a.error)) for a in attempts if a.outcome == SendResult.FAILED]
        )
        queries.mark_all_sent(
            session,
            sent=[(a.row.id, a.channel, a.ts) for a in attempts if a.outcome != SendResult.FAILED],
            now=deps.clock.now(),
        )
    for attempt in attempts:
        _log(deps, attempt.row, attempt.outcome, attempt.started, attempt.error)


def send_once(
    deps: Deps,
    due: Due,
    message: Callable[[Delivery], Message | None],
    *,
    item_id: str | None = None,
    skill: str | None = None,
    slot: int = 0,
) -> SendResult:
    """Any ledgered send (follow-ups, weekly summaries, pairings): claimed, posted with its id in metadata,
    confirmed; a crashed or failed send is retried later and never posted twice."""
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        row = queries.claim(
            session,
            due=due,
            item_id=item_id,
            skill=skill,
            now=now,
            slot=slot,
            claimed_by=deps.worker_id,
            live=liveness(deps, now),
        )
    return send_claimed(deps, row, message)


def send_claimed(deps: Deps, row: Delivery | None, message: Callable[[Delivery], Message | None]) -> SendResult:
    """Post a claimed ledger row and record the outcome; `message` builds what to say from the row."""
    if row is None:
        return SendResult.SKIPPED
    with deps.stopping.busy():
        attempt = _attempt(deps, row, message)
        _record(deps, [attempt])
    return attempt.result


def send_in_batches(
    deps: Deps,
    kind: DeliveryKind,
    items: Sequence[T],
    slot: int,
    claims: Callable[[Session, Sequence[T]], list[queries.Claim]],
    message: Callable[[Delivery], Message | None],
) -> Counter[str]:
    """DMs of one kind to many (focus offers, a calibration round's invitations): claimed a batch at a time in
    one transaction (`claims` may write beside them), posted alongside each other, each confirmed in the
    ledger, so thousands are bound by Slack, not by one post after another. Asking again sends only what
    was not confirmed."""
    outcome: Counter[str] = Counter()
    if not items:
        return outcome
    with ThreadPoolExecutor(max_workers=POST_WORKERS, thread_name_prefix=str(kind)) as pool:
        for start in range(0, len(items), BATCH_SIZE):
            if deps.stopping.requested:
                break
            now = deps.clock.now()
            with transaction(deps.sessions) as session:
                rows = queries.claim_all(
                    session,
                    claims=claims(session, items[start : start + BATCH_SIZE]),
                    now=now,
                    slot=slot,
                    claimed_by=deps.worker_id,
                    live=liveness(deps, now),
                )
            sent = list(pool.map(lambda row: send_claimed(deps, row, message), rows))
            outcome.update(tally(kind, result) for result in sent)
    return outcome


def _log(deps: Deps, row: Delivery, outcome: SendResult, started: float, error: str | None = None) -> None:
    """One structured line per delivery; never the message text, which may quote someone's words."""
    level = logging.WARNING if outcome == SendResult.FAILED else logging.INFO
    deps.logger.log(
        level,
        "delivery team=%s kind=%s delivery=%s outcome=%s attempts=%s latency_ms=%.1f error=%s",
        row.team_id,
        row.kind,
        row.id,
        outcome,
        row.attempts,
        (time.perf_counter() - started) * 1000,
        error or "-",
    )


def _batches(dues: Sequence[Due]) -> Iterator[list[Due]]:
    """Dues in a fixed order (kind, then recipient), so that replicas working through the same dues take their
    row locks in the same order and never deadlock; a batch holds one kind."""
    ordered = sorted(dues, key=lambda d: (KIND_ORDER[d.kind], d.recipient, d.local_date))
    for kind in KIND_ORDER:
        of_kind = [d for d in ordered if d.kind == kind]
        for start in range(0, len(of_kind), BATCH_SIZE):
            yield of_kind[start : start + BATCH_SIZE]


def _settle(deps: Deps, posting: Sequence[Future[_Attempt]]) -> Counter[str]:
    attempts = [future.result() for future in posting]
    _record(deps, attempts)
    return Counter(tally(attempt.row.kind, attempt.result) for attempt in attempts)


def _send_batches(deps: Deps, dues: Sequence[Due]) -> Counter[str]:
    """Claim a batch while the one before is being posted, then confirm that one: Slack is kept busy, and at
    most two batches are ever claimed but unconfirmed. Once the process is stopping, no new batch is claimed."""
    outcomes: Counter[str] = Counter()
    with deps.stopping.busy(), ThreadPoolExecutor(max_workers=POST_WORKERS, thread_name_prefix="send") as pool:
        in_flight: list[Future[_Attempt]] = []
        for batch in _batches(dues):
            if deps.stopping.requested:
                break
            rows, reminded = _claim_batch(deps, batch)
            message = partial(_message, deps, reminded)
            outcomes[tally(batch[0].kind, SendResult.SKIPPED)] += len(batch) - len(rows)
            posting = [pool.submit(_attempt, deps, row, message) for row in rows]
            outcomes.update(_settle(deps, in_flight))
            in_flight = posting
        outcomes.update(_settle(deps, in_flight))
    return +outcomes


def deliver_all(deps: Deps, dues: Sequence[Due]) -> Counter[str]:
    """Skip what the ledger already has, keep reminders only for unanswered prompts, then send."""
    with deps.sessions() as session:
        settled = queries.settled_keys(session, dues=dues, live=liveness(deps, deps.clock.now()))
        pending = [d for d in dues if (d.recipient, d.kind, d.local_date) not in settled]
        reminders = [(d.recipient, d.local_date) for d in pending if d.kind == DeliveryKind.REMINDER]
        open_ones = (
            queries.unanswered_prompts(session, keys=reminders, sent_before=deps.clock.now() - REMINDER_MIN_GAP)
            - queries.lesson_days(session, keys=reminders)  # a lesson came back today: it was the day's nudge
            if reminders
            else set()
        )
    wanted = [d for d in pending if d.kind != DeliveryKind.REMINDER or (d.recipient, d.local_date) in open_ones]
    outcomes = _send_batches(deps, wanted)
    outcomes.update(tally(k, SendResult.ALREADY) for _r, k, _d in settled)
    return outcomes


def resend(deps: Deps, rows: Sequence[Delivery]) -> Counter[str]:
    """Rows taken over from a process that is gone, their message rebuilt from the row; each was claimed before,
    so it is looked up in Slack before it is posted again."""
    outcomes: Counter[str] = Counter()
    message = partial(_message, deps, {})
    with deps.stopping.busy(), ThreadPoolExecutor(max_workers=POST_WORKERS, thread_name_prefix="resend") as pool:
        for start in range(0, len(rows), BATCH_SIZE):
            if deps.stopping.requested:
                break
            outcomes.update(
                _settle(deps, [pool.submit(_attempt, deps, row, message) for row in rows[start : start + BATCH_SIZE]])
            )
    return outcomes


def refresh_directory(deps: Deps, now: datetime) -> None:
    """Once a day per team: its channel membership and its members' time zones, so nothing is fetched per
    message; only the teams whose day has come are read, never everyone."""
    before = now - REFRESH_EVERY
    with deps.sessions() as session:
        teams = queries.teams_to_resync(session, before=before)
    for team in teams:
        try:
            members = web_api.channel_members(deps.client, team.channel_id)
        except (SlackApiError, OSError) as error:
            deps.logger.warning("member sync failed team=%s error=%s", team.id, type(error).__name__)
            continue
        with transaction(deps.sessions) as session:
            queries.sync_members(session, team_id=team.id, user_ids=members, now=now)
        with deps.sessions() as session:
            stale = queries.stale_profiles(session, team_id=team.id, before=before + PROFILE_SLACK)
        refresh_profiles(deps, stale, now)


def refresh_profiles(deps: Deps, user_ids: Sequence[str], now: datetime) -> None:
    if not user_ids:
        return
    try:
        found = web_api.profiles(deps.client, user_ids)
    except (SlackApiError, OSError) as error:
        deps.logger.warning("profile refresh failed error=%s", type(error).__name__)
        return
    with transaction(deps.sessions) as session:
        queries.save_profiles(session, profiles=found, now=now)


def send_now(deps: Deps, team_id: int, asked_at: datetime | None = None) -> Counter[str]:
    """A lead asked: today's quote and prompts whatever the schedule, still once per person per day. "Today" is
    each recipient's day when the lead asked, which a fan-out finished by another process keeps."""
    now = asked_at or deps.clock.now()
    with deps.sessions() as session:
        plan = queries.plan_for(session, team_id=team_id, include_paused=True)
    if plan is None:
        return Counter()
    dues = [
        Due(
            DeliveryKind.QUOTE,
            plan.team_id,
            plan.channel_id,
            local_now(now, zone(plan.schedule.timezone, "UTC")).date(),
        )
    ]
    for member in plan.members:
        day: date = local_now(now, person_zone(plan, member)).date()
        if not member_unavailable(member.prefs, day):
            dues.append(Due(DeliveryKind.PROMPT, plan.team_id, member.user_id, day))
    return deliver_all(deps, dues)
