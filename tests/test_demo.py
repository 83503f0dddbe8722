"""A newcomer runs `python bot.py demo` and watches a small team's week, the weeks before it, and the lead's
Monday summary: every day in the team's time, nobody repeating anyone, the same bytes for the same seed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import bot
from demo import run, script, texts
from domain.summary import CHART_WEEKS, Week

ROOT = Path(__file__).resolve().parents[1]
STAMP = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d\d:\d\d)(?: \(([A-Za-z ]+?) (?:\w{3} )?\d\d:\d\d\))? ", re.M)
HEADER = re.compile(r"^━━ (\w+day \d+ \w+) ━━$", re.M)
LINE = r"^\w{3} \d\d:\d\d(?: \([^)]*\))? +"  # a line's stamp: team time, and the reader's own in brackets
# Everything someone writes: answers inline and in the form, feedback, what they'll try and how it went.
WRITTEN = (
    re.compile(LINE + r"(\w+), in the DM with the bot: /reflect (.+)$", re.M),
    re.compile(LINE + r"(\w+), in the DM with the bot: /feedback @\w+ (.+)$", re.M),
    re.compile(LINE + r"(\w+) writes “(.+?)”", re.M),
    re.compile(LINE + r"(\w+) replies in the thread of the team question: “(.+?)”", re.M),
    re.compile(LINE + r"(\w+) types in the DM with the bot: “(.+?)”$", re.M),
)


def run_demo(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = bot.main(["demo", *args])
    return code, capsys.readouterr().out


def written(out: str) -> list[tuple[str, str]]:
    """(who, text) for everything people type in the demo."""
    return [match.groups() for pattern in WRITTEN for match in pattern.finditer(out)]


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A team of six with one week behind it, then Monday 23 to Sunday 29 November and the Monday after."""
    chart = tmp_path_factory.mktemp("demo") / "chart.png"
    code, out = _run_in_process("--team-size", "6", "--days", "7", "--weeks-before", "1", "--chart", str(chart))
    assert code == 0
    assert chart.read_bytes().startswith(b"\x89PNG") and f"saved at {chart}" in out
    return out


def _run_in_process(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = bot.main(["demo", *args])
    return code, out.getvalue()


def test_every_day_has_a_header_and_the_weekend_says_why_it_is_quiet(week: str) -> None:
    shown = week.split("━━ Monday 23 November ━━", 1)[1]
    assert HEADER.findall("━━ Monday 23 November ━━" + shown) == [
        "Monday 23 November",
        "Tuesday 24 November",
        "Wednesday 25 November",
        "Thursday 26 November",
        "Friday 27 November",
        "Saturday 28 November",
        "Sunday 29 November",
        "Monday 30 November",
    ]
    for day in ("Saturday 28 November", "Sunday 29 November"):
        body = week.split(f"━━ {day} ━━\n", 1)[1].split("━━", 1)[0]
        assert body.strip() == "(Nothing from the bot today: the team practises Monday to Friday.)"


def test_each_days_events_are_in_the_teams_time_with_the_readers_own_in_brackets(week: str) -> None:
    shown = week.split("━━ Monday 23 November ━━", 1)[1]
    for day in re.split(r"^━━ .* ━━$", shown, flags=re.M):
        stamps = [time for _day, time, _city in STAMP.findall(day)]
        assert stamps == sorted(stamps), "a day's lines are not in time order"
    # Kolkata is 5:30 ahead of Dublin in November, New York 5:00 behind: prompts at 09:30 their time.
    assert "Mon 04:00 (Kolkata 09:30)  → Ishan, by DM\n    │ TODAY'S PRACTICE" in week
    assert "Mon 14:30 (New York 09:30) → Nia, by DM\n    │ TODAY'S PRACTICE" in week
    assert re.search(r"^Mon 09:30 {18}→ (Lena|Dara), by DM\n    │ TODAY'S PRACTICE", week, re.M)
    assert "Mon 09:00                  → #support-team\n    │ Quote of the day" in week
    # Feedback is acted on in the recipient's working hours, never in their night.
    for city, clock in re.findall(r"\((\w[\w ]*?) (\d\d:\d\d)\) +\w+ clicks \[ (?:Thank you|What I'll try) \]", week):
        assert "09:00" <= clock < "18:40", (city, clock)


def test_nobody_says_what_anyone_else_said_or_the_same_thing_twice(week: str) -> None:
    said = written(week)
    assert len(said) > 20  # Tuesday's and Thursday's practice is a drill: a choice, not words
    counts = Counter(text for _who, text in said)
    assert [text for text, n in counts.items() if n > 1] == []
    assert {who for who, _text in said} == {p.display for p in script.cast(6)}


def test_the_lead_gets_last_weeks_summary_by_dm_on_monday_morning_from_the_tick(week: str) -> None:
    monday = week.split("━━ Monday 30 November ━━", 1)[1]
    assert "Mon 08:30                  → Lena, by DM\n    │ WEEKLY SUMMARY · 2026-W48\n" in monday
    assert "/summary" not in week  # nobody asked: the scheduler's tick sent it
    assert "Last week's summary; the chart of the last 8 weeks follows." in monday
    assert "Mon 08:30                  → Lena, by DM: file practice-2026-W48.png" in monday
    assert "Mon 08:40                  Lena clicks [ Share with the team ]\n" in monday
    assert "→ #support-team\n    │ OUR WEEK OF PRACTICE · 2026-W48" in monday
    # The week before (the only one played quickly) had its own Monday summary, printed as one line.
    assert "Mon 08:30                  → Lena, by DM: Weekly summary 2026-W47: " in week
    assert "Week over week: " in monday and "(week before: " in monday


def test_the_home_tab_and_the_what_ill_try_follow_up_are_shown(week: str) -> None:
    assert re.search(
        LINE
        + r"(\w+) opens Practice Coach in Slack and looks at its Home tab\n"
        + LINE[1:]
        + r"\1's Home tab\n    │ YOUR PRACTICE\n",
        week,
        re.M,
    )
    home = week.split("'s Home tab\n", 1)[1].split("\n\n", 1)[0]
    assert "Streak: " in home and "Skills practised · last 8 weeks" in home and "RECENT FEEDBACK RECEIVED" in home
    skills = home.split("Skills practised · last 8 weeks\n", 1)[1].split("\n    │ Drills", 1)[0]
    assert "Integrity " in skills and "Integrity\n" not in skills  # fields side by side, as in Slack
    # Someone notes what they'll try after some feedback...
    assert re.search(r"clicks \[ What I'll try \] on the feedback\n.*sees a form\n    │ ┌ What I'll try\n", week)
    assert "    │ Noted: you'll try\n" in week
    # ...and a week after the one tried in the week before, the bot asks how it went, and they tell it.
    assert "    │ A week ago, after some feedback, you said you'd try:\n" in week
    told = re.search(
        LINE + r"(\w+) writes “(.+?)”, picks “Me and my team lead” and clicks \[ Save \]\n"
        r".*\n    │ Saved: that counts as practising Receiving feedback",
        week,
        re.M,
    )
    assert told and told.group(2) in {outcome for _plan, outcome in texts.TRIES}


def test_wednesday_s_quote_asks_the_team_question_and_two_teammates_answer_in_its_thread(week: str) -> None:
    wednesday = week.split("━━ Wednesday 25 November ━━\n", 1)[1].split("━━ Thursday", 1)[0]
    quote = wednesday.split("→ #support-team\n", 1)[1].split("\n\n", 1)[0]
    assert "Quote of the day" in quote and "Team question of the week · " in quote
    skill_name = quote.split("Team question of the week · ", 1)[1].split("\n", 1)[0]
    replies = re.findall(LINE + r"(\w+) replies in the thread of the team question: “(.+?)”", wednesday, re.M)
    assert len(replies) == 2 and len({who for who, _text in replies}) == 2
    assert {text for _who, text in replies} <= {text for pair in texts.TEAM_REPLIES.values() for text in pair}
    assert wednesday.count(f"Your reply counts as {skill_name} practice on your Home.") == 2
    assert "2 people replied in the thread in #support-team." in week.rsplit("━━ What next ━━", 1)[0]
    assert "Lena: /practice question wed" in week


def test_tuesday_s_practice_is_a_drill_answered_with_a_pick_and_how_sure(week: str) -> None:
    tuesday = week.split("━━ Tuesday 24 November ━━\n", 1)[1].split("━━ Wednesday", 1)[0]
    assert "Lena: /practice schedule drills tue,thu" in week
    assert "What would you send first?" in tuesday and "TODAY'S PRACTICE" not in tuesday
    picks = re.findall(LINE + r"(\w+) picks ([A-D]) and says “(Sure|Think so|Guessing)”", tuesday, re.M)
    assert picks
    assert tuesday.count("first reply") >= len(picks)  # each pick is followed by the reveal
    assert "*Drills:*" not in week or "right first try" in week


def test_it_ends_saying_what_to_do_next(week: str) -> None:
    ending = week.rsplit("━━ What next ━━\n", 1)[1]
    assert "manifest.yml" in ending and "README" in ending
    assert "python bot.py check" in ending and "/practice start" in ending
    assert ending.index("bot.py check") < ending.index("/practice start")


def test_a_new_team_practises_for_three_days_and_the_lead_sees_the_numbers_the_script_implies(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chart = tmp_path / "chart.png"
    code, out = run_demo(
        capsys, "--team-size", "4", "--days", "3", "--seed", "5", "--weeks-before", "0", "--chart", str(chart)
    )
    assert code == 0

    plan = script.plan(team_size=4, days=3, seed=5, weeks_before=0)
    days = script.practice_days(3)
    delivered = len(plan.people) * len(days)
    answered = Counter(user for user, _day in plan.replies)
    assert 0 < sum(answered.values()) < delivered, "the seed should give some answered and some unanswered prompts"

    assert len(re.findall(r", by DM\n    │ (?:TODAY'S PRACTICE|Drill · )", out)) == delivered
    assert out.count("A gentle nudge") == delivered - sum(1 for r in plan.replies.values() if not r.late)
    assert len(re.findall(r"→ #support-team\n    │ Quote of the day", out)) == len(days)
    assert HEADER.findall(out) == [
        "Sunday 22 November",
        "Monday 23 November",
        "Tuesday 24 November",
        "Wednesday 25 November",
    ]

    # The week isn't over on Wednesday night, so the lead asks for it.
    summary = out.split("Lena, in #support-team: /summary 2026-W48", 1)[1]
    assert f"Participation: {sum(answered.values())} of {delivered} prompts answered" in summary
    assert (
        "Week over week: nothing to compare with yet: no prompts went out the week before "
        "(a first week, or a paused one)."
    ) in summary
    assert "0 of 0" not in summary
    given = Counter(g.giver.user_id for g in plan.gifts)
    received = Counter(g.recipient.user_id for g in plan.gifts)
    # A peer review is feedback too, unsigned so anonymous: counted for the writer only.
    assert plan.writing is not None and len(re.findall(LINE + r"\w+ clicks \[ Review it \]", out, re.M)) == 1
    received[plan.writing.person.user_id] += 1
    for person in plan.people:
        n = answered[person.user_id]
        assert (
            f"@{person.display} {n}/{len(days)} answered ({round(100 * n / len(days))}%) · "
            f"feedback {given[person.user_id]} given, {received[person.user_id]} received"
        ) in summary
    assert f"{len(plan.gifts) + 1} pieces of feedback exchanged" in summary  # the gifts and the review
    assert chart.read_bytes().startswith(b"\x89PNG") and f"saved at {chart}" in out


def _subprocess_demo(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "demo", *args, "--chart", "out/chart.png"],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", "")},
        capture_output=True,
        timeout=180,
    )


def test_the_same_seed_prints_the_same_bytes_on_a_fresh_machine_with_no_env_file(tmp_path: Path) -> None:
    """Two processes at once: same-minute messages (the tick posts on many threads) come out in one order."""
    folders = [tmp_path / "first", tmp_path / "second"]
    for folder in folders:
        folder.mkdir()
    args = ("--team-size", "6", "--days", "2", "--weeks-before", "1", "--seed", "3")
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda folder: _subprocess_demo(folder, *args), folders)
    assert first.returncode == 0, first.stderr.decode()
    assert second.returncode == 0, second.stderr.decode()
    assert first.stdout == second.stdout
    out = first.stdout.decode()
    assert "Participation: " in out and "saved at out/chart.png" in out
    assert re.search(r"^Tue 09:30 {18}→ Lena.*\n(?:    │.*\n)+\nTue 09:30 {18}→ Dara", out, re.M)
    for folder in folders:
        assert (folder / "out" / "chart.png").exists() and sorted(p.name for p in folder.iterdir()) == ["out"]


def test_by_default_the_weeks_before_fill_most_of_the_leads_chart() -> None:
    options = run.parse_options([])
    assert (options.days, options.team_size, options.weeks_before) == (7, 6, 5)
    plan = script.plan(
        team_size=options.team_size, days=options.days, seed=options.seed, weeks_before=options.weeks_before
    )
    final = Week.of(script.day_date(plan.days - 1))
    chart_weeks = {final.shifted(-n) for n in range(CHART_WEEKS)}
    practised = {Week.of(script.day_date(day)) for day in script.practice_days(plan.days, plan.weeks_before)}
    assert len(chart_weeks & practised) == 6


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_feedback_and_tries_are_never_handed_out_twice(seed: int) -> None:
    plan = script.plan(team_size=8, days=14, seed=seed, weeks_before=3)
    assert len(plan.gifts) <= len(texts.FEEDBACK)
    assert len({g.text for g in plan.gifts}) == len(plan.gifts)
    tries = [g.tried for g in plan.gifts if g.tried]
    assert tries and len(set(tries)) == len(tries)


def test_answers_come_from_the_prompt_then_its_skill_and_none_is_handed_out_twice() -> None:
    writer = script.Writer()
    given = [writer.answer("empathy-03", "empathy") for _ in range(5)]
    assert given[:2] == list(texts.ANSWERS["empathy-03"]) and given[2:] == list(texts.SPARE["empathy"])
    everything = [t for pool in (*texts.ANSWERS.values(), *texts.SPARE.values()) for t in pool]
    assert len(set(everything)) == len(everything)
    assert not set(everything) & {t for pool in texts.EARLIER.values() for t in pool}
    assert not set(everything) & set(texts.FEEDBACK)


def test_follow_ups_and_reactions_fall_in_working_hours() -> None:
    utc = datetime.fromisoformat
    # Feedback sent at 05:30 Dublin reaches New York at 00:30: read there at 09:40.
    assert run.working_hours(utc("2026-11-23T05:30+00:00"), "America/New_York") == utc("2026-11-23T14:40+00:00")
    # Friday evening in Kolkata: Monday morning.
    assert run.working_hours(utc("2026-11-27T14:00+00:00"), "Asia/Kolkata") == utc("2026-11-30T04:10+00:00")
    tried = utc("2026-11-24T20:00+00:00")  # 15:00 in New York; the follow-up a week later, on the half hour
    assert run.followup_moment(tried, "America/New_York") == tried + timedelta(days=7)
    assert run.followup_moment(utc("2026-11-24T16:10+00:00"), "Asia/Kolkata") == utc("2026-12-02T03:30+00:00")


@pytest.mark.parametrize(
    "args", [["--team-size", "1"], ["--days", "0"], ["--days", "many"], ["--colour"], ["--weeks-before", "13"]]
)
def test_options_out_of_range_are_refused_with_usage(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        bot.main(["demo", *args])
    assert stopped.value.code == 2
    assert "usage: python bot.py demo" in capsys.readouterr().err


def test_the_week_shows_a_blind_peer_review_round_trip(week: str) -> None:
    wednesday = week.split("━━ Wednesday 25 November ━━", 1)[1].split("━━ Thursday", 1)[0]
    assert "Ishan, in the DM with the bot: /drill write" in wednesday
    assert "Ishan ticks “" in wednesday and "offers it for a blind review" in wednesday
    (reviewer,) = re.findall(r"→ (\w+), by DM\n    │ A teammate asks for your review", wednesday)
    assert reviewer != "Ishan"
    assert f"{reviewer} clicks [ Review it ]" in wednesday
    reviewed = wednesday.split("A teammate reviewed your first reply", 1)[1].split("[ Thank you ]", 1)[0]
    assert "You've received feedback from a teammate." in reviewed and reviewer not in reviewed  # blind both ways
    assert "Ishan clicks [ Thank you ] on the review" in wednesday
    assert "(they still don't know it was you)" in wednesday


def test_the_week_shows_a_weekly_calibration_round_revealed_at_the_fifth_rating(week: str) -> None:
    assert "Lena: /practice calibrate weekly fri" in week
    friday = week.split("━━ Friday 27 November ━━", 1)[1].split("━━ Saturday", 1)[0]
    invited = re.findall(r"→ (\w+), by DM\n    │ Calibration round · ", friday)
    assert sorted(invited) == sorted(p.display for p in script.cast(6))
    raters = re.findall(LINE + r"(\w+) clicks \[ Rate it \]", friday, re.M)
    assert len(raters) == 5  # the sixth finds it revealed and has nothing to do
    before, after = friday.split("Calibration results", 1)
    assert len(re.findall(LINE + r"\w+ ticks \d of \d, rates it \d of 5", before, re.M)) == 5
    assert sorted(re.findall(r"→ (\w+), by DM\n    │ Calibration results", friday)) == sorted(raters)
    assert "→ Lena, by DM\n    │ Calibration round closed" in after and "agree with the bank" in after


def test_some_answer_by_just_typing_in_the_dm_and_a_remembered_one_comes_back_on_thursday(week: str) -> None:
    shown = week.split("━━ Monday 23 November ━━", 1)[1]
    typed = re.findall(LINE + r"(\w+) types in the DM with the bot: “", shown, re.M)
    assert len(typed) >= 3
    assert shown.count("Saved your message as your answer") == len(typed)
    (writer,) = re.findall(LINE + r"(\w+) writes “[^\n]*ticks “Worth remembering” and clicks \[ Save \]", shown, re.M)
    thursday = shown.split("━━ Thursday 26 November ━━", 1)[1].split("━━ Friday", 1)[0]
    assert f"→ {writer}, by DM\n    │ A lesson of yours · " in thursday and "Did you use it this week?" in thursday
    assert f"{writer} clicks [ Yes ] on the lesson" in thursday
