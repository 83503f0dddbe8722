"""How long a lead waits for `/summary` on a big team with a long history (run on demand, not in pytest).

    .venv/bin/python -m bench.summary_bench            # 10k, 100k answers and 1,000 members x 2 years
    .venv/bin/python -m bench.summary_bench --large    # plus about 1M answers (slower to seed)

Each variant seeds a fresh SQLite file with bulk inserts (prompts delivered on weekdays, a share of them
answered, peer feedback, quotes), then times the use case that builds the lead's message (all SQL
aggregates plus Block Kit rendering; no Slack, no chart) and prints the median and p99 over repeats.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from config import Settings
from deps import Deps, build_deps
from domain import summary as ds
from domain.clock import ManualClock
from domain.skills import SKILL_KEYS
from handlers import blocks, summary
from storage import queries
from storage.models import Answer, Delivery, Feedback, Person, Team, TeamLead, TeamMember

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)  # a Wednesday; "last week" is 2026-W48
LAST_DAY = date(2026, 11, 29)
BATCH = 20_000


@dataclass(frozen=True)
class Variant:
    name: str
    members: int
    weeks: int
    answer_rate: float


VARIANTS = (
    Variant("10k answers", 50, 40, 1.0),
    Variant("100k answers", 400, 50, 1.0),
    Variant("1,000 members x 2 years", 1000, 104, 0.6),
)
LARGE = Variant("~1M answers", 1000, 200, 1.0)


def _batched(rows: list[dict], size: int = BATCH):  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def seed(deps: Deps, variant: Variant, rng: random.Random) -> tuple[int, int, int]:
    """Bulk-insert one team's history; returns (team id, prompts, answers)."""
    users = [f"U{n:07d}" for n in range(variant.members)]
    days = [LAST_DAY - timedelta(days=n) for n in range(variant.weeks * 7) if
            (LAST_DAY - timedelta(days=n)).weekday() < 5]
    created = datetime(2020, 1, 1, tzinfo=UTC)
    with deps.engine.begin() as connection:
        team_id = connection.execute(insert(Team).values(
            channel_id="CBENCH", created_by=users[0], timezone="Europe/Dublin", created_at=created,
        )).inserted_primary_key[0]
        connection.execute(insert(TeamLead), [dict(team_id=team_id, user_id=users[0], added_by=users[0])])
        connection.execute(insert(TeamMember), [dict(team_id=team_id, user_id=u, active=True) for u in users])
        connection.execute(insert(Person), [dict(user_id=u, timezone="Europe/Dublin", is_bot=False, deleted=False,
                                                 paused=False, reminders=True) for u in users])
        delivery_id = answers = 0
        for day in days:
            at = datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)
            prompts, replies = [], []
            for user in users:
                delivery_id += 1
                skill = SKILL_KEYS[rng.randrange(9)]
                prompts.append(dict(id=delivery_id, team_id=team_id, recipient=user, kind="prompt", local_date=day,
                                    slot=0, status="sent", item_id=f"{skill}-01", skill=skill, attempts=1,
                                    claimed_at=at, sent_at=at))
                if rng.random() < variant.answer_rate:
                    answers += 1
                    replies.append(dict(delivery_id=delivery_id, team_id=team_id, user_id=user, prompt_id="p",
                                        skill=skill, text="A short reflection on today's customer.",
                                        visibility=rng.choice(("private", "private", "lead", "team")),
                                        created_at=at, updated_at=at))
            connection.execute(insert(Delivery), prompts)
            for batch in _batched(replies):
                connection.execute(insert(Answer), batch)
        connection.execute(insert(Delivery), [
            dict(team_id=team_id, recipient="CBENCH", kind="quote", local_date=day, slot=0, status="sent",
                 item_id=deps.quotes[n % len(deps.quotes)].id, attempts=1,
                 claimed_at=created, sent_at=created) for n, day in enumerate(days)
        ])
        feedback = [
            dict(team_id=team_id, giver_id=rng.choice(users), recipient_id=rng.choice(users), skill="listening",
                 keep_doing="Keep it up.", anonymous=rng.random() < 0.2,
                 created_at=datetime(day.year, day.month, day.day, 14, tzinfo=UTC))
            for day in days for _ in range(max(1, variant.members // 10))
        ]
        for batch in _batched(feedback):
            connection.execute(insert(Feedback), batch)
    return team_id, delivery_id, answers


def lead_message(deps: Deps, team_id: int) -> blocks.Message:
    """What `/summary last` does before answering: every query and the Block Kit message."""
    with deps.sessions() as session:
        team = queries.team_by_id(session, team_id=team_id)
        today = summary.team_today(deps, team)
        week = ds.Week.of(today).shifted(-1)
        result = summary.compute(deps, session, team, week, today)
    return blocks.summary_for_lead(result, chart_note=summary.CHART_SENT)


def measure(variant: Variant, repeats: int) -> tuple[int, int, float, float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(bot_token="xoxb-bench", signing_secret="bench",
                            database_url=f"sqlite:///{Path(folder) / 'bench.db'}", default_timezone="Europe/Dublin")
        deps = build_deps(settings, clock=ManualClock(NOW), rng=random.Random(1))
        started = time.perf_counter()
        team_id, prompts, answers = seed(deps, variant, random.Random(7))
        seeded = time.perf_counter() - started
        lead_message(deps, team_id)  # warm the connection pool and statement caches
        timings = []
        for _ in range(repeats):
            start = time.perf_counter()
            message = lead_message(deps, team_id)
            timings.append((time.perf_counter() - start) * 1000)
        deps.engine.dispose()
    timings.sort()
    p99 = timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]
    return prompts, answers, seeded, statistics.median(timings), p99, len(message.blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also seed about 1M answers")
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    variants = (*VARIANTS, LARGE) if args.large else VARIANTS
    print(f"{'variant':<26}{'members':>8}{'prompts':>10}{'answers':>10}{'seed s':>8}"
          f"{'median ms':>11}{'p99 ms':>9}{'blocks':>8}")
    for variant in variants:
        prompts, answers, seeded, median, p99, block_count = measure(variant, args.repeats)
        print(f"{variant.name:<26}{variant.members:>8}{prompts:>10,}{answers:>10,}{seeded:>8.1f}"
              f"{median:>11.1f}{p99:>9.1f}{block_count:>8}")


if __name__ == "__main__":
    main()
