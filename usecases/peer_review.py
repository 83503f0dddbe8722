"""Peer review of a written drill. An offered reply goes, without its author's name, to one teammate: the
author's feedback partner of the week when partners are on, otherwise the teammate who reviewed least
recently. Their ticks and their "keep doing / do differently" reach the author through the feedback flow. A
request not answered in two of the team's practice days moves to another teammate once, then lapses with a
kind note to the author."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from adapters import web_api
from adapters.blocks import peer_review as blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain.clock import as_utc
from domain.drills import REVIEW_WAIT_DAYS, REVIEWS_A_DAY, ReviewStatus, choose_reviewer, practice_days_after
from domain.schedule import local_now, zone
from domain.summary import Week
from storage import drill_queries, pairing_queries, queries
from storage import peer_review_queries as prq
from storage import summary_queries as sq
from storage.db import transaction
from storage.models import DrillReview, DrillWriting
from usecases import feedback
from usecases.parts import Part, guarded

GONE = "That review request is no longer in the bank. Thank you all the same."


def offer(deps: Deps, writing_id: int) -> str:
    """Ask a teammate to review this reply; the line says whether anyone could be asked."""
    with transaction(deps.sessions) as session:
        writing = drill_queries.writing(session, writing_id=writing_id)
        if writing is None:
            return blocks.offered(False)
        writing.offered = True
        session.add(writing)
        request = _ask(deps, session, writing, moved=False)
    return blocks.offered(request is not None and _send(deps, request))


def _ask(deps: Deps, session: Session, writing: DrillWriting, *, moved: bool) -> DrillReview | None:
    team = queries.team_by_id(session, team_id=writing.team_id) if writing.team_id is not None else None
    if team is None:
        return None
    now = deps.clock.now()
    tz = zone(team.timezone, deps.settings.default_timezone)
    today = local_now(now, tz).date()
    members = sq.members(session, team_id=team.id)
    partners: Sequence[str] = ()
    if team.pairing_enabled:
        groups = pairing_queries.groups_for(session, team_id=team.id, week=Week.of(today).monday)
        partners = next((g for g in groups if writing.user_id in g), ())
    start_of_day = datetime.combine(today, time(0), tz).astimezone(UTC)
    busy = [m for m, n in prq.asked_since(session, user_ids=members, since=start_of_day).items() if n >= REVIEWS_A_DAY]
    reviewer = choose_reviewer(
        writing.user_id,
        members,
        partners=partners,
        last_reviewed=prq.last_reviewed(session, user_ids=members),
        previous=prq.previous_reviewer(session, author_id=writing.user_id),
        unavailable=[*busy, *prq.asked_for(session, writing_id=writing.id)],
    )
    if reviewer is None:
        return None
    schedule = queries.team_schedule(team, queries.holidays(session, team_id=team.id))
    due_day = practice_days_after(today, REVIEW_WAIT_DAYS, schedule.days, schedule.holidays)
    due_at = now + timedelta(days=(due_day - today).days)
    return prq.ask(session, writing=writing, reviewer_id=reviewer, now=now, due_at=due_at, moved=moved)


def _send(deps: Deps, request: DrillReview) -> bool:
    """The request reaches the reviewer by DM; if Slack refuses it, it lapses at once rather than wait."""
    with deps.sessions() as session:
        writing = drill_queries.writing(session, writing_id=request.writing_id)
    drill = deps.drill(writing.drill_id) if writing else None
    if writing is None or drill is None:
        return False
    try:
        web_api.post(deps.client, request.reviewer_id, blocks.review_request(drill, writing.text, request.id))
    except (SlackApiError, OSError) as error:
        deps.logger.warning("review request failed review=%s error=%s", request.id, web_api.error_code(error))
        with transaction(deps.sessions) as session:
            row = prq.request(session, request_id=request.id)
            if row is not None:
                row.status = ReviewStatus.LAPSED
                session.add(row)
        return False
    deps.logger.info("review requested review=%s moved=%s", request.id, request.moved)
    return True


def form_for(deps: Deps, reviewer_id: str, request_id: int) -> dict | str:
    with deps.sessions() as session:
        row = prq.request(session, request_id=request_id)
        writing = drill_queries.writing(session, writing_id=row.writing_id) if row else None
    if row is None or writing is None:
        return GONE
    if row.reviewer_id != reviewer_id or row.status != ReviewStatus.OPEN:
        return blocks.NO_LONGER_YOURS
    drill = deps.drill(writing.drill_id)
    return blocks.review_modal(drill, writing.text, row.id) if drill else GONE


def submit(
    deps: Deps,
    reviewer_id: str,
    request_id: int,
    ticks: list[int],
    keep: str | None,
    change: str | None,
    *,
    signed: bool,
) -> Message:
    """Saved once; then the author gets the ticks and, through the feedback flow, the words."""
    with transaction(deps.sessions) as session:
        row = prq.request_to_answer(session, request_id=request_id)
        writing = drill_queries.writing(session, writing_id=row.writing_id) if row else None
        if row is None or writing is None:
            return plain(GONE)
        if row.reviewer_id != reviewer_id or row.status != ReviewStatus.OPEN:
            return plain(blocks.NO_LONGER_YOURS)
        drill = deps.drill(writing.drill_id)
        if drill is None:
            return plain(GONE)
        kept = sorted({t for t in ticks if 0 <= t < len(drill.strong_reply)})
        row.status, row.ticks, row.answered_at = ReviewStatus.DONE, ",".join(map(str, kept)), deps.clock.now()
        session.add(row)
        author, text, team_id = writing.user_id, writing.text, writing.team_id
    try:
        web_api.post(deps.client, author, blocks.review_for_author(drill, text, kept))
    except (SlackApiError, OSError) as error:
        deps.logger.warning("review ticks DM failed review=%s error=%s", request_id, web_api.error_code(error))
    gift = feedback.Gift(reviewer_id, author, drill.skill, keep, change, anonymous=not signed)
    feedback_id = feedback.deliver(deps, gift, team_id)
    if feedback_id is not None:
        with transaction(deps.sessions) as session:
            done = prq.request(session, request_id=request_id)
            if done is not None:
                done.feedback_id = feedback_id
                session.add(done)
    deps.logger.info("review answered review=%s signed=%s", request_id, signed)
    return blocks.review_sent(signed)


def move_on(deps: Deps) -> Counter[str]:
    """Requests whose wait is over: each moves to another teammate once, then lapses with a note to the author.
    Reads only what is due, from an index."""
    with deps.sessions() as session:
        due = [row.id for row in prq.overdue(session, now=deps.clock.now())]
    for request_id in due:
        guarded(deps, Part.REVIEWS, lambda r=request_id: _move_one(deps, r), None)
    return Counter({"reviews:due": len(due)}) if due else Counter()


def _move_one(deps: Deps, request_id: int) -> None:
    lapsed_for: str | None = None
    with transaction(deps.sessions) as session:
        row = prq.request_to_answer(session, request_id=request_id)
        if row is None or row.status != ReviewStatus.OPEN or as_utc(row.due_at) > deps.clock.now():
            return
        writing = drill_queries.writing(session, writing_id=row.writing_id)
        if writing is None:
            row.status = ReviewStatus.LAPSED
            return
        following = None if row.moved else _ask(deps, session, writing, moved=True)
        row.status = ReviewStatus.MOVED if following is not None else ReviewStatus.LAPSED
        session.add(row)
        if following is None:
            lapsed_for, drill_id = writing.user_id, writing.drill_id
    if following is not None:
        if not _send(deps, following):
            _note_lapsed(deps, writing.user_id, writing.drill_id)
        return
    if lapsed_for is not None:
        _note_lapsed(deps, lapsed_for, drill_id)


def _note_lapsed(deps: Deps, author: str, drill_id: str) -> None:
    drill = deps.drill(drill_id)
    if drill is None:
        return
    try:
        web_api.post(deps.client, author, blocks.lapsed(drill))
    except (SlackApiError, OSError) as error:
        deps.logger.warning("lapsed review note failed error=%s", web_api.error_code(error))
