"""What a prompt minute now also reads: for the people whose practice DM is due, whether a focus offer (or its
end question) and a lesson brought back are due too. Both ride on the minute's prompt dues, so they cost
nothing in a quiet minute; this times them when 1,000, 10,000 and 100,000 people's prompts fall due in the
same minute (the worst case: everyone in one time zone), on SQLite and PostgreSQL side by side.

    .venv/bin/python -m bench.prompt_minute [--sizes 1000 10000] [--write]

Everyone has a history that makes the reads real and sends nothing: a focus chosen ten days ago (so no offer is
due), a past answer, one in ten marked worth remembering five days ago and brought back once already (so the
next return is not due until day 10). The time is the two parts' own (usecases.focus.offer_due and
usecases.lessons.bring_back), median of 5 calls, each in the benchmark's own process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import select

from bench.common import ROOT, database, machine, median, postgres_available
from bench.report import RESULTS_PAGE, Section, Target, render, rewrite_results
from bench.scheduler import MIDNIGHT, TEAM_SIZE, deps_for, people_of, refresh_statistics, seed
from deps import Deps
from domain.ledger import DeliveryKind, DeliveryStatus
from domain.schedule import Due
from fake_slack.web_api import FakeSlackAPI
from storage import lesson_queries
from storage.db import transaction
from storage.models import Answer, Delivery, Focus, SelfRating, Team
from usecases import focus, lessons

SIZES = (1_000, 10_000, 100_000)
#: The day focus offers first go out: everyone due one (a self-rating, no focus yet), each sent to the fake Web
#: API through the ledger.
OFFER_SIZES = (1_000,)
RESULTS_BLOCK = "bench:prompt-minute"
REPEATS = 5
TODAY = MIDNIGHT.date()
#: Per 1,000 people due in the minute: the two reads together stay well under the time their prompts take
#: to send (16 posts at a time to Slack: about a second per thousand at best).
PER_THOUSAND_TARGET_MS = 100.0


@dataclass(frozen=True)
class Timing:
    backend: str
    people: int
    focus_ms: float
    lessons_ms: float
    sent: int

    @property
    def per_thousand(self) -> float:
        return (self.focus_ms + self.lessons_ms) * 1000 / self.people


def history(deps: Deps, people: int) -> list[Due]:
    """Each person's past: an answered prompt 5 days ago (one in ten remembered and back once), a focus
    running; and today's prompt due for all."""
    with transaction(deps.sessions) as session:
        teams = {t.channel_id: t.id for t in session.exec(select(Team))}
        members = [(teams[f"C{n:05d}"], u) for n in range(people // TEAM_SIZE) for u in people_of(n)]
        written = TODAY - timedelta(days=5)
        session.exec(
            insert(Delivery),
            params=[
                {
                    "team_id": team,
                    "recipient": user,
                    "kind": DeliveryKind.PROMPT,
                    "local_date": written,
                    "status": DeliveryStatus.SENT,
                    "item_id": "listening-01",
                    "skill": "listening",
                    "claimed_at": MIDNIGHT - timedelta(days=5),
                    "sent_at": MIDNIGHT - timedelta(days=5),
                }
                for team, user in members
            ],
        )
        prompts = dict(
            session.exec(
                select(Delivery.recipient, Delivery.id).where(
                    Delivery.kind == DeliveryKind.PROMPT, Delivery.local_date == written
                )
            ).all()
        )
        session.exec(
            insert(Answer),
            params=[
                {
                    "delivery_id": prompts[user],
                    "team_id": team,
                    "user_id": user,
                    "prompt_id": "listening-01",
                    "skill": "listening",
                    "text": "I let her finish first.",
                    "visibility": "private",
                    "created_at": MIDNIGHT - timedelta(days=5),
                    "updated_at": MIDNIGHT - timedelta(days=5),
                    "remember": n % 10 == 0,
                }
                for n, (team, user) in enumerate(members)
            ],
        )
        answers = dict(session.exec(select(Answer.user_id, Answer.id).where(Answer.remember.is_(True))).all())
        session.exec(
            insert(Delivery),
            params=[
                {
                    "team_id": team,
                    "recipient": user,
                    "kind": DeliveryKind.LESSON,
                    "local_date": TODAY - timedelta(days=2),
                    "status": DeliveryStatus.SENT,
                    "item_id": lesson_queries.item_id(answers[user], 1),
                    "skill": "listening",
                    "claimed_at": MIDNIGHT - timedelta(days=2),
                    "sent_at": MIDNIGHT - timedelta(days=2),
                }
                for team, user in members
                if user in answers
            ],
        )
        session.exec(
            insert(Focus),
            params=[
                {
                    "user_id": user,
                    "team_id": team,
                    "suggested": "listening",
                    "skill": "listening",
                    "offered_on": TODAY - timedelta(days=10),
                    "offered_at": MIDNIGHT - timedelta(days=10),
                    "chosen_at": MIDNIGHT - timedelta(days=10),
                    "starts_on": TODAY - timedelta(days=10),
                    "ends_on": TODAY + timedelta(days=18),
                }
                for team, user in members
            ],
        )
    return [Due(DeliveryKind.PROMPT, team, user, TODAY) for team, user in members]


@dataclass(frozen=True)
class Offers:
    backend: str
    people: int
    seconds: float
    sent: int


def measure_offers(backend: str, people: int, folder: Path, fake: FakeSlackAPI) -> Offers:
    """Everyone's first offer in one minute: a self-rating each, no focus yet."""
    with database(backend, folder, f"offers-{people}") as url:
        deps = deps_for(url, fake.base_url, MIDNIGHT + timedelta(hours=9, minutes=30))
        try:
            seed(deps, people)
            with transaction(deps.sessions) as session:
                teams = {t.channel_id: t.id for t in session.exec(select(Team))}
                members = [(teams[f"C{n:05d}"], u) for n in range(people // TEAM_SIZE) for u in people_of(n)]
                session.exec(
                    insert(SelfRating),
                    params=[
                        {"user_id": u, "skill": "listening", "rating": 3, "created_at": MIDNIGHT - timedelta(days=3)}
                        for _team, u in members
                    ],
                )
            for _team, user in members:
                fake.add_user(user)
            refresh_statistics(deps)
            dues = [Due(DeliveryKind.PROMPT, team, user, TODAY) for team, user in members]
            started = time.perf_counter()
            outcome = focus.offer_due(deps, dues)
            seconds = time.perf_counter() - started
        finally:
            deps.engine.dispose()
    sent = outcome[f"{DeliveryKind.FOCUS}:sent"]
    print(f"  {backend} {people:,} offers: {seconds:.1f} s, {dict(outcome)}", file=sys.stderr)
    return Offers(backend, people, seconds, sent)


def measure(backend: str, people: int, folder: Path) -> Timing:
    with database(backend, folder, f"prompt-minute-{people}") as url:
        deps = deps_for(url, "http://127.0.0.1:9", MIDNIGHT + timedelta(hours=9, minutes=30))
        try:
            seed(deps, people)
            dues = history(deps, people)
            refresh_statistics(deps)
            focus_ms, lessons_ms, sent = [], [], 0
            for _ in range(REPEATS):
                started = time.perf_counter()
                sent += sum(focus.offer_due(deps, dues).values())
                focus_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                sent += sum(lessons.bring_back(deps, dues).values())
                lessons_ms.append((time.perf_counter() - started) * 1000)
        finally:
            deps.engine.dispose()
    timing = Timing(backend, people, median(focus_ms), median(lessons_ms), sent)
    print(
        f"  {backend} {people:,}: focus {timing.focus_ms:.0f} ms, lessons {timing.lessons_ms:.0f} ms", file=sys.stderr
    )
    return timing


def section(timings: list[Timing], offers: list[Offers], skipped: list[str]) -> Section:
    table = [
        ["Database", "People due in the minute", "Focus offers (ms)", "Lessons (ms)", "Both, per 1,000 due (ms)"],
        *[
            [t.backend, f"{t.people:,}", f"{t.focus_ms:,.0f}", f"{t.lessons_ms:,.0f}", f"{t.per_thousand:.1f}"]
            for t in timings
        ],
    ]
    targets = [
        Target(
            f"Focus and lesson reads ≤ {PER_THOUSAND_TARGET_MS:.0f} ms per 1,000 prompts due, "
            f"{t.people:,} due ({t.backend})",
            t.per_thousand <= PER_THOUSAND_TARGET_MS and t.sent == 0,
            f"{t.per_thousand:.1f} ms per 1,000 ({t.focus_ms + t.lessons_ms:,.0f} ms in all), {t.sent} sends",
        )
        for t in timings
    ]
    notes = [
        f"Medians of {REPEATS} calls, in the benchmark's own process. Nobody is due anything (a focus running, "
        "the next lesson not yet due), so the time is the reads alone.",
        "When some are due, the focus DMs are claimed in batches and posted 16 at a time, each confirmed on its "
        "own; a lesson (few a day: only answers marked worth remembering) goes through the ledger one at a time. "
        + "; ".join(
            f"{o.backend}: {o.people:,} first offers due in one minute (everyone with a self-rating and no focus "
            f"yet, to the fake Web API on loopback) took {o.seconds:.1f} s, {o.sent:,} sent, "
            f"{o.seconds * 1000 / max(o.sent, 1):.1f} ms each"
            for o in offers
        )
        + ".",
        *(f"{s}: not reachable, skipped." for s in skipped),
    ]
    return Section("A prompt minute's extras: focus offers and lessons brought back", table, notes, targets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--write", action="store_true", help=f"rewrite its block of {RESULTS_PAGE}")
    args = parser.parse_args()
    started = time.perf_counter()
    backends = ["sqlite", *(["postgresql"] if postgres_available() else [])]
    skipped = [] if "postgresql" in backends else ["postgresql"]
    timings, offers = [], []
    with tempfile.TemporaryDirectory() as folder, FakeSlackAPI() as fake:
        for people in args.sizes:  # the databases side by side at each size: the machine is shared and noisy
            for backend in backends:
                timings.append(measure(backend, people, Path(folder)))
        for people in OFFER_SIZES:
            for backend in backends:
                offers.append(measure_offers(backend, people, Path(folder), fake))
    body = render(
        [section(timings, offers, skipped)],
        day=date.today().isoformat(),
        machine=machine(),
        minutes=(time.perf_counter() - started) / 60,
        command="python -m bench.prompt_minute",
    )
    if args.write:
        rewrite_results(ROOT / RESULTS_PAGE, body, name=RESULTS_BLOCK)
    print(body)


if __name__ == "__main__":
    main()
