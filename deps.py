"""The dependencies passed to every listener and job, built once at start (or by a test with fakes)."""

from __future__ import annotations

import logging
import os
import random
import socket
import uuid
from dataclasses import dataclass, field

from slack_sdk import WebClient
from sqlalchemy import Engine

from adapters.web_api import make_client
from config import Settings
from domain.clock import Clock, SystemClock
from domain.content import Prompt, Quote, Retired, TeamQuestion
from domain.drills import Drill
from foreground import Foreground
from prompts.bank import Banks, load_banks
from stopping import Stopping
from storage import lease_queries, migrate, retired_queries
from storage.db import SessionFactory, make_engine, session_factory, transaction


@dataclass
class Deps:
    settings: Settings
    clock: Clock
    client: WebClient
    engine: Engine
    sessions: SessionFactory
    prompts: tuple[Prompt, ...]
    quotes: tuple[Quote, ...]
    team_questions: tuple[TeamQuestion, ...]
    retired: Retired
    drills: tuple[Drill, ...]
    rng: random.Random
    logger: logging.Logger
    foreground: Foreground = field(default_factory=Foreground)
    #: This process's lease (storage.models.Worker), named on every claim it makes.
    worker_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    stopping: Stopping = field(default_factory=Stopping)

    def prompt(self, prompt_id: str | None) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    def quote(self, quote_id: str | None) -> Quote | None:
        return next((q for q in self.quotes if q.id == quote_id), None)

    def team_question(self, question_id: str | None) -> TeamQuestion | None:
        return next((q for q in self.team_questions if q.id == question_id), None)

    def drill(self, drill_id: str | None) -> Drill | None:
        return next((d for d in self.drills if d.id == drill_id), None)


def build_deps(
    settings: Settings,
    *,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    client: WebClient | None = None,
    banks: Banks | None = None,
) -> Deps:
    """Loads the banks (a broken file raises BankError), migrates the schema to the newest revision and registers
    this process's lease, so its claims count as a living process's from the first one."""
    banks = banks or load_banks()
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    deps = Deps(
        settings=settings,
        clock=clock or SystemClock(),
        client=client or make_client(settings.bot_token, settings.slack_api_url),
        engine=engine,
        sessions=session_factory(engine),
        prompts=banks.prompts,
        quotes=banks.quotes,
        team_questions=banks.team_questions,
        retired=banks.retired,
        drills=banks.drills,
        rng=rng or random.Random(),
        logger=logging.getLogger("practice"),
    )
    with transaction(deps.sessions) as session:
        retired_queries.point_at_replacements(session, retired=deps.retired, now=deps.clock.now())
    with transaction(deps.sessions) as session:
        lease_queries.renew(
            session, worker_id=deps.worker_id, host=socket.gethostname(), pid=os.getpid(), now=deps.clock.now()
        )
    return deps
