"""What every benchmark shares: the machine it ran on, percentiles, and the bot as a real `python bot.py`.

The bot runs as its own process (HTTP mode, the threaded WSGI server it uses in production) against the
fake Slack Web API on loopback, so its CPU, memory and start-up are its own and not the load generator's.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from fake_slack.requests import Response, SlackRequests
from fake_slack.web_api import FakeSlackAPI
from fake_slack.workspace import BOT_TOKEN, LEAD, SIGNING_SECRET, TEAM_CHANNEL

ROOT = Path(__file__).resolve().parents[1]
SLACK_ACK_LIMIT_MS = 3000.0
POSTGRES_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def database(backend: str, folder: Path, name: str = "bench") -> Iterator[str]:
    """A fresh, empty store for one run; PostgreSQL (PRACTICE_TEST_POSTGRES_URL, or the local server) gets its
    own schema, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    base = os.environ.get("PRACTICE_TEST_POSTGRES_URL") or POSTGRES_DEFAULT
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        # Connections see only the new schema.
        yield f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def postgres_available() -> bool:
    try:
        engine = create_engine(os.environ.get("PRACTICE_TEST_POSTGRES_URL") or POSTGRES_DEFAULT)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except OperationalError:
        return False


def machine() -> str:
    """CPU model, cores and RAM from /proc, e.g. "AMD EPYC, 2 cores, 24 GiB"."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        ram = "unknown RAM"
    return f"{model}, {os.cpu_count()} cores, {ram}"


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sample."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet_zone(now: datetime | None = None) -> str:
    """A fixed-offset zone where it is about 04:00 now: nothing is due on the schedule while a benchmark
    runs, so `/practice now` alone decides what is sent."""
    now = now or datetime.now(UTC)
    best = min(range(-14, 13), key=lambda n: abs((now.hour - n) % 24 - 4))
    return "Etc/GMT" if best == 0 else f"Etc/GMT{'+' if best > 0 else '-'}{abs(best)}"


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status
    except OSError:
        return 0


def _process_tree(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


class Server:
    """A process serving Slack's requests on a free port: `python bot.py`, or the bare Bolt app."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path, attempts: int = 3) -> None:
        for attempt in range(attempts):
            try:
                self._start(argv, env, cwd)
                return
            except RuntimeError:
                # Usually the free port was taken by another process before the server bound it.
                if attempt == attempts - 1:
                    raise

    def _start(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.port = free_port()
        self.log = cwd / f"server-{self.port}.log"
        started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
            env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **env, "PORT": str(self.port)},
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while _get(f"{self.url}/readyz") != 200 or self.process.poll() is not None:
            if self.process.poll() is not None:
                raise RuntimeError(f"{argv[-1]} exited during start-up with code {self.process.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{argv[-1]} was not ready within 60 s")
            time.sleep(0.005)
        self._tree: list[int] = []
        self._tree_read = float("-inf")
        #: Seconds from process start to the first 200 on /readyz.
        self.startup_seconds = time.perf_counter() - started
        self.requests = SlackRequests(self.url, SIGNING_SECRET, team_id="T0TEST", timeout=30)

    def memory_mib(self, field: str = "VmRSS") -> float:
        """Resident memory now (VmRSS) or at its peak so far (VmHWM), from /proc: the bot and the processes it
        started (the chart process and multiprocessing's resource tracker), summed."""
        total = 0.0
        if time.monotonic() - self._tree_read > 1:  # walking /proc costs more than reading a few status files
            self._tree, self._tree_read = _process_tree(self.process.pid), time.monotonic()
        for pid in self._tree:
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            total += sum(int(line.split()[1]) / 1024 for line in lines if line.startswith(f"{field}:"))
        return total

    def command(
        self, fake: FakeSlackAPI, command: str, text: str, *, user: str, key: str, channel: str = TEAM_CHANNEL
    ) -> Response:
        return self.requests.command(
            command,
            text,
            user_id=user,
            channel_id=channel,
            response_url=fake.response_url(key),
            trigger_id=f"trig-{key}",
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def bot_process(fake: FakeSlackAPI, database_url: str, cwd: Path, *, zone: str, variant: str | None = None) -> Server:
    """`python bot.py` in HTTP mode as an admin runs it, pointed at the fake Web API; with `variant`, the same
    through bench.bot_variant, which changes one thing first (bench.ack_latency --compare-step-aside)."""
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "DATABASE_URL": database_url,
        "SLACK_API_URL": fake.base_url,
        "LEAD_USER_IDS": LEAD,
        "DEFAULT_TIMEZONE": zone,
    }
    argv = (
        [sys.executable, str(ROOT / "bot.py")]
        if variant is None
        else [sys.executable, "-m", "bench.bot_variant", "--variant", variant]
    )
    return Server(argv, env, cwd)


def bare_process(fake: FakeSlackAPI, cwd: Path) -> Server:
    """The baseline: a Bolt app on the same server and adapter whose listeners only ack."""
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.base_url}
    return Server([sys.executable, "-m", "bench.bare_app"], env, cwd)


def wait_quiet(fake: FakeSlackAPI, quiet: float = 0.5, timeout: float = 300.0) -> None:
    """Wait until the bot has made no Web API call for `quiet` seconds (its after-ack work is done)."""
    deadline = time.monotonic() + timeout
    seen, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        count = len(fake.calls)
        if count != seen:
            seen, since = count, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)


def reply_to(fake: FakeSlackAPI, key: str, timeout: float = 600.0) -> str:
    """The text of the ephemeral answer sent to a command's response_url."""
    (call,) = fake.wait_for("response_url", lambda c: c.params.get("_key") == key, timeout=timeout)[:1]
    return str(call.params.get("text") or "")
