"""A newcomer runs `python bot.py demo` and watches a small team's practice days end in the lead's summary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import bot
from demo import script

ROOT = Path(__file__).resolve().parents[1]


def run_demo(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = bot.main(["demo", *args])
    return code, capsys.readouterr().out


def test_a_small_team_practises_for_three_days_and_the_lead_sees_the_numbers_the_script_implies(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    code, out = run_demo(capsys, "--team-size", "4", "--days", "3", "--seed", "5", "--chart", str(chart))
    assert code == 0

    plan = script.plan(team_size=4, days=3, seed=5)
    days = script.practice_days(3)
    delivered = len(plan.people) * len(days)
    answered = Counter(user for user, _day in plan.replies)
    assert 0 < sum(answered.values()) < delivered, "the seed should give some answered and some unanswered prompts"

    assert out.count("TODAY'S PRACTICE") == delivered
    assert out.count("A gentle nudge") == delivered - sum(1 for r in plan.replies.values() if not r.late)
    assert len(re.findall(r"→ #support-team\n    │ Quote of the day", out)) == len(days)

    summary = out.split("━━ The lead's weekly summary ━━", 1)[1]
    assert f"Participation: {sum(answered.values())} of {delivered} prompts answered" in summary
    given = Counter(g.giver.user_id for g in plan.gifts)
    received = Counter(g.recipient.user_id for g in plan.gifts)
    for person in plan.people:
        n = answered[person.user_id]
        assert (f"@{person.display} {n}/{len(days)} answered ({round(100 * n / len(days))}%) · "
                f"feedback {given[person.user_id]} given, {received[person.user_id]} received") in summary
    assert f"{len(plan.gifts)} pieces of feedback exchanged" in summary

    assert chart.read_bytes().startswith(b"\x89PNG")
    assert f"saved at {chart}" in out


def test_every_line_is_stamped_with_its_readers_local_time(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    code, out = run_demo(capsys, "--team-size", "3", "--days", "1", "--chart", str(tmp_path / "c.png"))
    assert code == 0
    prompts = re.findall(r"^(\w{3} \d\d:\d\d) (\w[\w ]*?)\s+→ (\w+), by DM\n    │ TODAY'S PRACTICE", out, re.M)
    assert sorted(prompts) == sorted([("Mon 09:30", "Dublin", "Lena"), ("Mon 09:30", "New York", "Nia"),
                                      ("Mon 09:30", "Kolkata", "Ishan")])
    assert "Mon 09:00 Dublin    → #support-team" in out


@pytest.mark.parametrize("args", [["--team-size", "1"], ["--days", "0"], ["--days", "many"], ["--colour"]])
def test_options_out_of_range_are_refused_with_usage(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        bot.main(["demo", *args])
    assert stopped.value.code == 2
    assert "usage: python bot.py demo" in capsys.readouterr().err


def test_a_fresh_machine_needs_no_env_file_and_no_tokens(tmp_path: Path) -> None:
    chart = tmp_path / "out" / "chart.png"
    finished = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "demo", "--team-size", "2", "--days", "1", "--chart", str(chart)],
        cwd=tmp_path, env={"PATH": os.environ.get("PATH", "")}, capture_output=True, text=True, timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert "Participation: " in finished.stdout and f"saved at {chart}" in finished.stdout
    assert chart.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["out"]
