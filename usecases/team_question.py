"""The weekly team question: chosen with the quote on the team's question day, answered in the quote's thread,
and each reply counted as practice of its skill. The replies' words stay in Slack; the bot keeps who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from adapters.blocks import team_question as blocks
from adapters.blocks.common import Message
from deps import Deps
from domain import rotation
from domain.content import Quote, TeamQuestion
from domain.schedule import Due
from domain.skills import SKILL_KEYS
from storage import queries
from storage import team_question_queries as tq
from storage.db import transaction

#: What "the skill the team practised least" looks back over.
PRACTICE_WINDOW = timedelta(days=28)


@dataclass(frozen=True)
class QuoteChoice:
    quote: Quote
    question: TeamQuestion | None


def choose(deps: Deps, session: Session, due: Due) -> QuoteChoice:
    """The day's quote speaks to the skill of the team question it carries, or else to the skill the team
    practised least lately; the question comes on the team's question day only."""
    team = queries.team_by_id(session, team_id=due.team_id) if due.team_id is not None else None
    counts = tq.team_practice(session, team_id=team.id, since=deps.clock.now() - PRACTICE_WINDOW) if team else {}
    question = None
    if team is not None and team.question_day == due.local_date.weekday() and deps.team_questions:
        history = tq.question_history(session, team_id=team.id)
        question = rotation.next_team_question(deps.team_questions, history, counts, deps.rng)
    skill = question.skill if question else rotation.least_practised(counts, SKILL_KEYS, deps.rng)
    past = queries.quote_history(session, channel_id=due.recipient)
    return QuoteChoice(rotation.next_quote(deps.quotes, past, deps.rng, skill), question)


def carried_by(deps: Deps, delivery_id: int) -> TeamQuestion | None:
    """The question a quote delivery carries, to build (or rebuild, on a retry) its message."""
    with deps.sessions() as session:
        post = tq.question_of(session, delivery_id=delivery_id)
    return deps.team_question(post.question_id) if post else None


def replied(deps: Deps, channel: str, user_id: str, ts: str, thread_ts: str) -> Message | None:
    """A message in a thread: when the thread is a team question's, it counts for its author, and their first
    reply to it is thanked (only they see that)."""
    with transaction(deps.sessions) as session:
        post = tq.question_in(session, channel=channel, ts=thread_ts)
        if post is None:
            return None
        first = tq.add_reply(session, post=post, user_id=user_id, message_ts=ts, now=deps.clock.now())
    deps.logger.info("team question reply counted team=%s first=%s", post.team_id, first)
    return blocks.reply_counted(post.skill) if first else None


def reply_deleted(deps: Deps, channel: str, ts: str, thread_ts: str) -> None:
    """A deleted reply no longer counts."""
    with transaction(deps.sessions) as session:
        post = tq.question_in(session, channel=channel, ts=thread_ts)
        if post is not None and tq.remove_reply(session, post=post, message_ts=ts):
            deps.logger.info("team question reply deleted team=%s", post.team_id)
