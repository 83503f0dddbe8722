"""How long Slack waits for the bot's ack: signed slash commands at concurrency 1, 8 and 32, side by side
with a bare Bolt app on the same server whose listeners only ack, then again with a Web API that takes
300 ms per call. Run on demand:

    .venv/bin/python -m bench.ack_latency

Both servers are real processes (`python bot.py` and bench.bare_app) answering signed HTTP requests on
loopback; latency is from sending the request to reading the whole HTTP response. The commands are a mix of
`/reflect <text>`, `/feedback @x <text>` and `/summary`, each doing its real work after the ack.

Whether the step-aside (foreground.py) earns its keep, the bot with it on and off and with a bigger listener
executor (bench.bot_variant), in rounds that take turns, each against the bare app measured just before it:

    .venv/bin/python -m bench.ack_latency --compare-step-aside --rounds 5
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.bot_variant import VARIANTS
from bench.common import (
    LEAD,
    SLACK_ACK_LIMIT_MS,
    Server,
    bare_process,
    bot_process,
    machine,
    median,
    percentile,
    quiet_zone,
    reply_to,
    wait_quiet,
)
from bench.report import Section, Target
from fake_slack.requests import SlackRequests
from fake_slack.web_api import FakeSlackAPI, response_url_at
from fake_slack.workspace import SIGNING_SECRET, TEAM_CHANNEL
from foreground import MAX_DEFER_SECONDS, QUIET_SECONDS

CONCURRENCY = (1, 8, 32)
SLOW_SECONDS = 0.3
MEMBERS = [f"UACK{n:03d}" for n in range(12)]
P50_RATIO_TARGET = 1.25
P99_TARGET_MS = 1000.0  # "under Slack's 3 s by a wide margin": a third of it

COMMAND_NAMES = ("/reflect", "/feedback", "/summary")

Command = tuple[str, str, str]


def workload(index: int) -> Command:
    """The index-th request: (command, text, user); the three commands take turns."""
    member = MEMBERS[index % len(MEMBERS)]
    other = MEMBERS[(index + 1) % len(MEMBERS)]
    return [
        ("/reflect", "Today I asked before answering, and the customer relaxed.", member),
        ("/feedback", f"<@{other}|{other.lower()}> You listened all the way to the end of that call.", member),
        ("/summary", "", LEAD),
    ][index % 3]


@dataclass
class Sample:
    """Latencies in ms per command, how many answers were not a 200, and when each request was acked
    (time.monotonic, which is one clock for every process on Linux; the fake stamps its calls with it)."""

    by_command: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: int = 0
    acked_at: dict[str, float] = field(default_factory=dict)

    @property
    def all(self) -> list[float]:
        return [ms for values in self.by_command.values() for ms in values]

    def extend(self, other: Sample) -> None:
        for command, values in other.by_command.items():
            self.by_command[command].extend(values)
        self.failures += other.failures
        self.acked_at.update(other.acked_at)

    def answered_after_ack(self, fake: FakeSlackAPI) -> list[float]:
        """Ms from each ack to the command's answer reaching response_url."""
        return [
            (call.at - self.acked_at[key]) * 1000
            for call in fake.calls_to("response_url")
            if (key := str(call.params.get("_key"))) in self.acked_at
        ]


def _client_batch(url: str, root_url: str, concurrency: int, count: int, label: str) -> Sample:
    """In the client process: `count` requests with `concurrency` in flight at a time (closed loop: each client
    sends its next request when its previous one is answered)."""
    requests = SlackRequests(url, SIGNING_SECRET, team_id="T0TEST", timeout=30)
    sample = Sample()

    def one(index: int) -> None:
        command, text, user = workload(index)
        key = f"{label}-{index}"
        started = time.perf_counter()
        response = requests.command(
            command,
            text,
            user_id=user,
            channel_id=TEAM_CHANNEL,
            response_url=response_url_at(root_url, key),
            trigger_id=f"trig-{key}",
        )
        elapsed = (time.perf_counter() - started) * 1000
        sample.acked_at[key] = time.monotonic()
        sample.by_command[command].append(elapsed)
        if response.status != 200:
            sample.failures += 1

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(count)))
    return sample


class Client:
    """The load generator, in a process of its own: in the process that runs the fake Web API, the bot's
    after-ack calls (answers to response_url, DMs, chart uploads) would hold that process's GIL against the
    client's own timing, and the bare app, which makes no calls, would not pay it. Slack's side of an ack and
    its Web API are not one interpreter either."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))

    def batch(self, server: Server, fake: FakeSlackAPI, *, concurrency: int, count: int, label: str) -> Sample:
        return self._pool.submit(_client_batch, server.url, fake.root_url, concurrency, count, label).result()

    def close(self) -> None:
        self._pool.shutdown()


def seed(bot: Server, fake: FakeSlackAPI, prefix: str = "seed") -> None:
    """A team with today's prompt delivered, so `/reflect <text>` has a prompt to answer. `prefix` keeps the
    answers of several bots sharing one fake apart."""
    for user in (*MEMBERS,):
        fake.add_user(user, tz=quiet_zone())
    fake.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, *MEMBERS, "UBOT"))
    bot.command(fake, "/practice", "start", user=LEAD, key=f"{prefix}-start")
    reply_to(fake, f"{prefix}-start")
    bot.command(fake, "/practice", "now", user=LEAD, key=f"{prefix}-now")
    reply_to(fake, f"{prefix}-now")


@dataclass
class AckResult:
    bare: dict[int, Sample]
    bot: dict[int, Sample]
    slow: dict[int, Sample]
    answered: dict[int, list[float]] = field(default_factory=dict)


def measure(count: int, slow_count: int, rounds: int, log: Callable[[str], None] = print) -> AckResult:
    result = AckResult(
        {c: Sample() for c in CONCURRENCY}, {c: Sample() for c in CONCURRENCY}, {c: Sample() for c in CONCURRENCY}
    )
    with tempfile.TemporaryDirectory() as folder, FakeSlackAPI() as fake:
        fake.add_user(LEAD, name="lena", tz=quiet_zone())
        fake.add_user("UBOT", name="practice-coach", is_bot=True)
        bot = bot_process(fake, f"sqlite:///{Path(folder) / 'ack.db'}", Path(folder), zone=quiet_zone())
        bare = bare_process(fake, Path(folder))
        client = Client()
        try:
            seed(bot, fake)
            for server, name in ((bare, "warm-bare"), (bot, "warm-bot")):
                client.batch(server, fake, concurrency=4, count=30, label=name)
            wait_quiet(fake)
            for concurrency in CONCURRENCY:
                for round_ in range(rounds):
                    # Alternate bare and bot in small rounds so both see the same machine noise.
                    for server, into in ((bare, result.bare), (bot, result.bot)):
                        label = f"{'bot' if server is bot else 'bare'}-c{concurrency}-r{round_}"
                        into[concurrency].extend(
                            client.batch(server, fake, concurrency=concurrency, count=count // rounds, label=label)
                        )
                        wait_quiet(fake)
                log(
                    f"  ack c={concurrency}: bare p50 {median(result.bare[concurrency].all):.1f} ms, "
                    f"bot p50 {median(result.bot[concurrency].all):.1f} ms"
                )
            fake.latency = SLOW_SECONDS
            for concurrency in CONCURRENCY:
                result.slow[concurrency] = client.batch(
                    bot, fake, concurrency=concurrency, count=slow_count, label=f"slow-c{concurrency}"
                )
                wait_quiet(fake, quiet=SLOW_SECONDS * 3, timeout=600)
                log(f"  ack c={concurrency} with a slow Web API: bot p50 {median(result.slow[concurrency].all):.1f} ms")
            result.answered = {c: result.bot[c].answered_after_ack(fake) for c in CONCURRENCY}
        finally:
            client.close()
            bot.stop()
            bare.stop()
    return result


def _ms(values: list[float], q: float) -> str:
    return f"{percentile(values, q):.1f}"


def _answered(delays: list[float]) -> str:
    return f"{_ms(delays, 50)} / {_ms(delays, 99)}" if delays else "-"


def section(result: AckResult) -> Section:
    table = [
        [
            "concurrency",
            "bare p50 ms",
            "bare p99 ms",
            "bot p50 ms",
            "bot p99 ms",
            "p50 ratio",
            "bot, Web API 300 ms/call: p50 / p99 ms",
            "per command p50 ms (reflect / feedback / summary)",
            "bot: ack to answer at response_url, p50 / p99 ms",
        ]
    ]
    ratios, worst_p99, slow_moves, failures = [], 0.0, [], 0
    for c in CONCURRENCY:
        bare, bot, slow = result.bare[c], result.bot[c], result.slow[c]
        ratio = median(bot.all) / median(bare.all)
        ratios.append((c, ratio))
        worst_p99 = max(worst_p99, percentile(bot.all, 99), percentile(slow.all, 99))
        slow_moves.append((c, median(slow.all) / median(bot.all)))
        failures += bot.failures + slow.failures
        per_command = " / ".join(f"{median(bot.by_command[name]):.1f}" for name in COMMAND_NAMES)
        table.append(
            [
                str(c),
                _ms(bare.all, 50),
                _ms(bare.all, 99),
                _ms(bot.all, 50),
                _ms(bot.all, 99),
                f"{ratio:.2f}x",
                f"{_ms(slow.all, 50)} / {_ms(slow.all, 99)}",
                per_command,
                _answered(result.answered.get(c, [])),
            ]
        )
    samples = len(result.bot[CONCURRENCY[0]].all)
    worst_ratio = max(r for _c, r in ratios)
    worst_move = max(m for _c, m in slow_moves)
    targets = [
        Target(
            "Ack p50 within 1.25x of a bare Bolt app",
            worst_ratio <= P50_RATIO_TARGET,
            ", ".join(f"c={c}: {r:.2f}x" for c, r in ratios),
        ),
        Target(
            f"Ack p99 under Slack's 3 s by a wide margin (< {P99_TARGET_MS:.0f} ms)",
            worst_p99 < P99_TARGET_MS and failures == 0,
            f"worst p99 {worst_p99:.0f} ms; {failures} non-200 answers",
        ),
        Target(
            "Ack latency unmoved by a Web API taking 300 ms per call (p50 within 1.25x)",
            worst_move <= P50_RATIO_TARGET,
            ", ".join(f"c={c}: {m:.2f}x" for c, m in slow_moves),
        ),
    ]
    notes = [
        f"{samples} requests per concurrency per server (bare and bot alternate in rounds), a third each of "
        "`/reflect <text>`, `/feedback @x <text>` and `/summary` (which also draws and uploads a chart); "
        "closed loop: each client sends its next request when the previous one is answered.",
        "The load generator is a process of its own; the fake Web API answering the bot's after-ack calls is another.",
        "The bot's work after each ack steps aside while other requests are being answered and until none has "
        f"been for {QUIET_SECONDS * 1000:.0f} ms, at most {MAX_DEFER_SECONDS * 1000:.0f} ms after its ack "
        "(foreground.py): in a burst, answers by response_url come up to that much later; acks do not wait "
        "for the GIL behind them.",
        "Ack to answer: from the client reading the ack to the fake receiving the answer at response_url. The "
        "closed loop sends commands far faster than their work is done (a /summary takes 100 ms or more), so "
        "answers queue behind each other's work; with the step-aside turned off (max_defer 0) a quick run "
        "gave 542 / 2,521, 333 / 2,206 and 340 / 4,721 ms at concurrency 1 / 8 / 32, against 530 / 1,930, "
        "585 / 2,420 and 366 / 2,394 ms with it (2026-11-23): the step-aside costs the answers little.",
        f"Slack's limit is {SLACK_ACK_LIMIT_MS / 1000:.0f} s.",
    ]
    return Section("Ack latency (request to HTTP response, ms)", table, notes, targets)


def run(quick: bool = False, log: Callable[[str], None] = print) -> Section:
    count, slow_count = (60, 30) if quick else (90, 45)
    return section(measure(count, slow_count, rounds=2, log=log))


# ---------------------------------------------------------------------------------------------- step-aside on/off

COMPARE_CONCURRENCY = (8, 32)


@dataclass
class Round:
    """One variant's batch at one concurrency, and the bare app's batch measured just before it."""

    variant: str
    concurrency: int
    round_: int
    bare: list[float]
    bot: list[float]
    answered: list[float]
    failures: int
    unanswered: int

    @property
    def ratio(self) -> float:
        return median(self.bot) / median(self.bare)


CHART_DONE = "files.completeUploadExternal"  # the last call a /summary makes: its chart by DM


def wait_done(fake: FakeSlackAPI, keys: set[str], charts: int, timeout: float = 180.0) -> None:
    """Until the bot's work for a batch is over: every command answered at response_url, as many charts uploaded
    as `charts` counts (or 20 s more), then no Web API call for 0.5 s. Waiting only for a quiet spell can end
    while every listener thread waits for the chart process and none calls Slack."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if keys <= {str(call.params.get("_key")) for call in fake.calls_to("response_url")}:
            break
        time.sleep(0.05)
    deadline = min(deadline, time.monotonic() + 20)
    while len(fake.calls_to(CHART_DONE)) < charts and time.monotonic() < deadline:
        time.sleep(0.05)
    wait_quiet(fake)


def compare_step_aside(
    rounds: int, count: int, variants: tuple[str, ...], log: Callable[[str], None] = print
) -> list[Round]:
    """Every variant runs as its own `python bot.py` (own SQLite database, same fake Web API, same bare app).
    c=1 once; then each round runs c=8 and c=32, and at each the variants take turns, the order rotated by one
    every round so that none is always first after the other concurrency. Before every bot batch the bare app
    gets the same batch; after it, the bot's after-ack work is waited out, so no batch runs against another's
    leftover work."""
    results: list[Round] = []
    with tempfile.TemporaryDirectory() as folder, FakeSlackAPI() as fake:
        fake.add_user(LEAD, name="lena", tz=quiet_zone())
        fake.add_user("UBOT", name="practice-coach", is_bot=True)
        bare = bare_process(fake, Path(folder))
        bots: dict[str, Server] = {}
        client = Client()
        try:
            for variant in variants:
                bots[variant] = bot_process(
                    fake,
                    f"sqlite:///{Path(folder) / f'{variant}.db'}",
                    Path(folder),
                    zone=quiet_zone(),
                    variant=variant,
                )
                seed(bots[variant], fake, prefix=f"seed-{variant}")
            client.batch(bare, fake, concurrency=4, count=30, label="warm-bare")
            for variant, bot in bots.items():
                charts = len(fake.calls_to(CHART_DONE))
                warm = client.batch(bot, fake, concurrency=4, count=30, label=f"warm-{variant}")
                wait_done(fake, set(warm.acked_at), charts + len(warm.by_command["/summary"]))

            def one(variant: str, concurrency: int, round_: int, n: int) -> None:
                tag = f"{variant}-c{concurrency}-r{round_}"
                bare_sample = client.batch(bare, fake, concurrency=concurrency, count=n, label=f"bare-{tag}")
                charts = len(fake.calls_to(CHART_DONE))
                sample = client.batch(bots[variant], fake, concurrency=concurrency, count=n, label=tag)
                wait_done(fake, set(sample.acked_at), charts + len(sample.by_command["/summary"]))
                answered = sample.answered_after_ack(fake)
                results.append(
                    Round(
                        variant,
                        concurrency,
                        round_,
                        bare_sample.all,
                        sample.all,
                        answered,
                        sample.failures + bare_sample.failures,
                        len(sample.acked_at) - len(answered),
                    )
                )
                r = results[-1]
                log(
                    f"  {tag} (load {_load()}): bare p50 {median(r.bare):.1f}, bot p50 {median(r.bot):.1f} "
                    f"p99 {percentile(r.bot, 99):.1f} ms, ratio {r.ratio:.2f}x, ack to answer p50 "
                    f"{_ms(answered, 50) if answered else '-'} ms"
                )

            for variant in variants:
                one(variant, 1, 0, max(3, count // 2))
            for round_ in range(rounds):
                turn = variants[round_ % len(variants) :] + variants[: round_ % len(variants)]
                for concurrency in COMPARE_CONCURRENCY:
                    for variant in turn:
                        one(variant, concurrency, round_, count)
        finally:
            client.close()
            for server in (*bots.values(), bare):
                server.stop()
    return results


def _spread(values: list[float], fmt: str = "{:.1f}") -> str:
    """Median over rounds, with the lowest and highest round."""
    if len(values) == 1:
        return fmt.format(values[0])
    return f"{fmt.format(median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def comparison_table(results: list[Round], variants: tuple[str, ...]) -> str:
    """Per variant and concurrency, medians over rounds (lowest–highest round in brackets)."""
    header = [
        "variant",
        "c",
        "rounds",
        "p50 ratio bot/bare",
        "bot p50 ms",
        "bot p99 ms",
        "bare p50 ms",
        "ack to answer p50 ms",
        "ack to answer p99 ms",
        "non-200 / unanswered",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for concurrency in (1, *COMPARE_CONCURRENCY):
        for variant in variants:
            rs = [r for r in results if r.variant == variant and r.concurrency == concurrency]
            if not rs:
                continue
            answered = [r for r in rs if r.answered]
            lines.append(
                "| "
                + " | ".join(
                    [
                        variant,
                        str(concurrency),
                        str(len(rs)),
                        _spread([r.ratio for r in rs], "{:.2f}x"),
                        _spread([median(r.bot) for r in rs]),
                        _spread([percentile(r.bot, 99) for r in rs]),
                        _spread([median(r.bare) for r in rs]),
                        _spread([percentile(r.answered, 50) for r in answered], "{:.0f}") if answered else "-",
                        _spread([percentile(r.answered, 99) for r in answered], "{:.0f}") if answered else "-",
                        f"{sum(r.failures for r in rs)} / {sum(r.unanswered for r in rs)}",
                    ]
                )
                + " |"
            )
    return "\n".join(lines)


def paired_lines(results: list[Round], variants: tuple[str, ...], against: str = "step-aside") -> list[str]:
    """Each variant against `against` round by round (the two batches of a round ran minutes apart at most):
    in how many rounds it had the lower p50 ratio, and the median difference of the ratios."""
    lines = []
    for concurrency in COMPARE_CONCURRENCY:
        base = {r.round_: r for r in results if r.variant == against and r.concurrency == concurrency}
        for variant in variants:
            if variant == against:
                continue
            pairs = [
                (r, base[r.round_])
                for r in results
                if r.variant == variant and r.concurrency == concurrency and r.round_ in base
            ]
            if not pairs:
                continue
            diffs = [r.ratio - b.ratio for r, b in pairs]
            answer_diffs = [
                percentile(r.answered, 50) - percentile(b.answered, 50) for r, b in pairs if r.answered and b.answered
            ]
            lower = sum(d < 0 for d in diffs)
            line = (
                f"c={concurrency}: {variant} vs {against}: lower p50 ratio in {lower} of {len(pairs)} rounds, "
                f"median difference {median(diffs):+.2f}x (rounds {min(diffs):+.2f} to {max(diffs):+.2f})"
            )
            if answer_diffs:
                line += (
                    f"; ack to answer p50 median difference {median(answer_diffs):+.0f} ms "
                    f"(rounds {min(answer_diffs):+.0f} to {max(answer_diffs):+.0f})"
                )
            lines.append(line)
    return lines


def _load() -> str:
    """The 1-minute load average (the benchmark's own processes included), to tell a busy machine."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests")
    parser.add_argument(
        "--compare-step-aside",
        action="store_true",
        help="the bot with the step-aside on and off and bigger listener executors (bench.bot_variant)",
    )
    parser.add_argument("--rounds", type=int, default=5, help="with --compare-step-aside: rounds at c=8 and c=32")
    parser.add_argument(
        "--count",
        type=int,
        default=60,
        help="with --compare-step-aside: requests per batch (one variant, one concurrency, one round)",
    )
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help=f"with --compare-step-aside: comma-separated, of {', '.join(VARIANTS)}",
    )
    args = parser.parse_args()
    if not args.compare_step_aside:
        result = run(args.quick)
        print(result.markdown())
        print("\n".join(target.line() for target in result.targets))
        return
    variants = tuple(v.strip() for v in args.variants.split(",") if v.strip())
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s): {', '.join(unknown)}")
    started, load = time.perf_counter(), _load()
    results = compare_step_aside(
        args.rounds, args.count, variants, log=lambda line: print(line, file=sys.stderr, flush=True)
    )
    minutes = (time.perf_counter() - started) / 60
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {machine()}, {args.rounds} rounds of {args.count} requests "
        f"per variant at c=8 and c=32 (c=1: one batch of {max(3, args.count // 2)}), {minutes:.1f} minutes; "
        f"load average {load} at the start, {_load()} at the end"
    )
    print()
    print(comparison_table(results, variants))
    print()
    print("\n".join(f"- {line}" for line in paired_lines(results, variants)))


if __name__ == "__main__":
    main()
