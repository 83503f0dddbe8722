"""Every benchmark of issue 5 in one run, then the README's "## Benchmarks" table rewritten with the results:

    .venv/bin/python -m bench            # about 8 minutes on 2 cores; needs PostgreSQL for the summary
    .venv/bin/python -m bench --quick    # a smoke run: fewer requests, no 5,000-member team, no 1M answers
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from bench import ack_latency, fanout, footprint, summary_bench
from bench.common import ROOT, machine
from bench.report import render, rewrite_readme


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run; leaves the README alone")
    parser.add_argument("--no-readme", action="store_true", help="print the table instead of writing README.md")
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
    body = render([ack, fan, summary, foot], day=date.today().isoformat(), machine=machine(), minutes=minutes,
                  command=command)
    if args.quick or args.no_readme:
        print(body)
    else:
        rewrite_readme(ROOT / "README.md", body)
        log(f"README.md updated ({minutes:.1f} minutes)")


if __name__ == "__main__":
    main()
