"""Every benchmark in one run, then the results table in docs/benchmarks.md rewritten with them:

.venv/bin/python -m bench            # about 7 minutes on 2 cores; needs PostgreSQL for the summary
.venv/bin/python -m bench --quick    # a smoke run: fewer requests, no 5,000-member team, no 1M answers
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from bench import ack_latency, fanout, footprint, summary_bench
from bench.common import ROOT, machine
from bench.report import RESULTS_PAGE, render, rewrite_results


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"a smoke run; leaves {RESULTS_PAGE} alone")
    parser.add_argument("--print", action="store_true", help=f"print the table instead of writing {RESULTS_PAGE}")
    args = parser.parse_args()
    started = time.perf_counter()
    log("ack latency ...")
    ack = ack_latency.run(args.quick, log)
    log("fan-out ...")
    fan, runs = fanout.run(args.quick, log)
    log("summary at scale ...")
    summary = summary_bench.run(args.quick, log)
    log("footprint ...")
    foot = footprint.run(runs, args.quick, log)
    minutes = (time.perf_counter() - started) / 60
    command = "python -m bench" + (" --quick" if args.quick else "")
    body = render(
        [ack, fan, summary, foot], day=date.today().isoformat(), machine=machine(), minutes=minutes, command=command
    )
    if args.quick or args.print:
        print(body)
    else:
        rewrite_results(ROOT / RESULTS_PAGE, body)
        log(f"{RESULTS_PAGE} updated ({minutes:.1f} minutes)")


if __name__ == "__main__":
    main()
