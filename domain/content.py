"""What the banks hold, as every layer sees it: prompts, quotes and team questions (loaded and checked by
prompts/bank.py), and the closed sets a prompt is tagged with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class Channel(StrEnum):
    """Where the conversation a prompt asks about took place; "any" when it fits every channel."""

    CHAT = "chat"
    EMAIL = "email"
    PHONE = "phone"
    SOCIAL = "social"
    ANY = "any"


class Level(IntEnum):
    """How much a prompt asks: rotation moves a person from recalling towards rewriting within a skill."""

    RECALL = 1
    ANALYSE = 2
    REHEARSE = 3


class Situation(StrEnum):
    """The hard situations a support team meets every week; a prompt about one names it."""

    ESCALATION = "escalation"
    REFUND = "refund"
    COMPANY_MISTAKE = "company_mistake"
    OUTAGE = "outage"
    ABUSE = "abuse"
    CANCELLATION = "cancellation"
    CONCURRENT_CHATS = "concurrent_chats"
    SOCIAL_PUBLIC = "social_public"
    MACROS = "macros"
    CSAT_COMMENT = "csat_comment"
    QA_REVIEW = "qa_review"
    KNOWLEDGE_BASE = "knowledge_base"


@dataclass(frozen=True)
class Prompt:
    id: str
    skill: str
    text: str
    channel: Channel = Channel.ANY
    level: Level = Level.RECALL
    #: What a thoughtful answer touches on: shown to the author after answering and beside shared answers.
    look_for: str = ""
    situation: Situation | None = None


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    author: str
    skill: str
    #: The work, speech or interview with its year (and page where one exists): every quote can be checked.
    source: str
    address: str | None = None


@dataclass(frozen=True)
class TeamQuestion:
    """Asked in the team channel once a week, with the quote; answered in the thread."""

    id: str
    skill: str
    text: str


@dataclass(frozen=True)
class Retired:
    """Ids once published and since retired, each with the id that takes its place: published ids are never
    reused, and rows that still name a retired id are pointed at its replacement at start-up."""

    prompts: Mapping[str, str] = field(default_factory=dict)
    quotes: Mapping[str, str] = field(default_factory=dict)
    team_questions: Mapping[str, str] = field(default_factory=dict)
    drills: Mapping[str, str] = field(default_factory=dict)
