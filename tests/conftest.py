"""Fixtures: a fake Slack, a manual clock, a fresh database and a bot serving real signed HTTP requests."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

from adapters import summary_chart
from domain.clock import ManualClock
from fake_slack.socket_mode import FakeSocketModeServer
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import ACK_SECONDS, SUNDAY_NIGHT, Bot, fake_slack, fresh_database, migrated_database, start_team
from tests.postgres import drop_pool

# Modules whose tests read runs shared per database (module-scoped fixtures): xdist must send all of one
# database's tests to the same worker, or each worker would repeat the run. (An xdist_group mark would say so,
# but --dist loadgroup groups nothing under pytest 9.2: pytest-dev/pytest-xdist#1386.)
SHARED_RUNS_PER_DATABASE = frozenset({"tests/usecases/test_practice_week.py"})


class _Scheduling(LoadScopeScheduling):
    """xdist's load balancing one test at a time, except that the tests of a module in SHARED_RUNS_PER_DATABASE
    go to one worker per database; those groups are handed out first (loadscope's order: biggest first)."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.partition("::")[0]
        if module in SHARED_RUNS_PER_DATABASE and nodeid.endswith("]"):
            return f"{module}[{nodeid.rpartition('[')[2]}"
        return nodeid


# Modules holding the longest single tests (a week of ticks, real processes started and stopped): collected
# first, so that xdist hands them out early and no worker is still running one while the others sit idle.
LONGEST_FIRST = (
    "tests/test_faults_process.py",
    "tests/test_socket_mode_faults.py",
    "tests/usecases/test_scale.py",
    "tests/usecases/test_replicas.py",
    "tests/test_production.py",
    "tests/test_http.py",
    "tests/handlers/test_practice.py",
    "tests/test_demo.py",
    "tests/handlers/test_summary.py",
    "tests/usecases/test_focus_days.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Whole modules move, in a fixed order, so every worker collects the same list and module fixtures hold."""
    rank = {module: index for index, module in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.partition("::")[0], len(rank)))


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling | None:
    """Replaces the default `--dist load`; any other --dist given on the command line is left to xdist."""
    if config.getvalue("dist") != "load":
        return None
    return _Scheduling(config, log)  # type: ignore[arg-type]


@pytest.fixture(scope="session", autouse=True)
def chart_process() -> None:
    """The bot starts its chart process at a process's first chart, and a fresh interpreter importing matplotlib
    takes seconds on a busy machine; tests wait for a chart with short timeouts, so each worker starts it now."""
    summary_chart.start()


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    with fake_slack() as fake:
        yield fake


@pytest.fixture
def socket_server(slack: FakeSlackAPI) -> Iterator[FakeSocketModeServer]:
    """The fake Socket Mode server behind the fake Web API; at the end every envelope must have had its ack in time."""
    with FakeSocketModeServer() as server:
        server.attach(slack)
        yield server
        late = [(e.type, e.latency) for e in server.envelopes if e.latency is None or e.latency >= ACK_SECONDS]
        assert not late, f"envelopes acked late or never: {late}"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(SUNDAY_NIGHT)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Every test that touches the database runs on SQLite and on PostgreSQL, each in a fresh store with no rows.

    A test that names database_url itself gets it empty, unmigrated, as it may migrate it or start processes
    that do; one that only needs a bot gets it already migrated, which saves each start ~0.1 s."""
    fresh = fresh_database if "database_url" in inspect.signature(request.function).parameters else migrated_database
    with fresh(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def _pooled_schemas_dropped() -> Iterator[None]:
    yield
    drop_pool()


@pytest.fixture
def bot(slack: FakeSlackAPI, database_url: str, clock: ManualClock) -> Iterator[Bot]:
    running = Bot(slack, database_url, clock)
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def team(bot: Bot, slack: FakeSlackAPI) -> Bot:
    """A team channel with the lead and three members in New York, Dublin and Kolkata, started by the lead."""
    return start_team(bot, slack)
