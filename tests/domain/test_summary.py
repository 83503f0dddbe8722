"""Weeks for `/summary`, week-over-week change, streak caps and who may need a nudge: pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from domain import summary as ds
from domain.summary import NO_ANSWERS, NO_FEEDBACK, PersonWeek, Streak, SummaryParseError, SummaryRequest, Tally, Week

WEDNESDAY = date(2026, 12, 2)  # in 2026-W49


def test_this_week_last_week_and_a_named_iso_week() -> None:
    assert ds.parse_request("").resolve(WEDNESDAY) == Week(2026, 49)
    assert ds.parse_request("this week").resolve(WEDNESDAY) == Week(2026, 49)
    assert ds.parse_request("last").resolve(WEDNESDAY) == Week(2026, 48)
    assert ds.parse_request("2026-W47") == SummaryRequest("named", Week(2026, 47))
    assert ds.parse_request("2026w05").resolve(WEDNESDAY) == Week(2026, 5)


def test_csv_can_be_asked_for_with_any_week() -> None:
    assert ds.parse_request("last csv") == SummaryRequest("last", csv=True)
    assert ds.parse_request("2026-W47 CSV") == SummaryRequest("named", Week(2026, 47), csv=True)
    assert ds.parse_request("csv") == SummaryRequest("this", csv=True)


def test_last_week_in_january_is_in_the_previous_iso_year() -> None:
    assert ds.parse_request("last").resolve(date(2027, 1, 6)) == Week(2026, 53)
    assert ds.parse_request("last").resolve(date(2026, 1, 7)) == Week(2026, 1)


def test_week_53_exists_only_in_long_iso_years() -> None:
    assert ds.parse_request("2020-W53") == SummaryRequest("named", Week(2020, 53))
    assert Week(2020, 53).monday == date(2020, 12, 28)
    assert ds.parse_request("2026-W53") == SummaryRequest("named", Week(2026, 53))  # 1 Jan 2026 is a Thursday
    refused = ds.parse_request("2025-W53")
    assert isinstance(refused, SummaryParseError)
    assert "2025 has no week 53" in refused.message and "W52" in refused.message


def test_bad_weeks_get_an_answer_with_an_example() -> None:
    for text, hint in (
        ("2026-W60", "2026 has no week 60"),
        ("2026-W00", "no week 0"),
        ("yesterday", "can't read “yesterday”"),
        ("last month", "can't read"),
    ):
        refused = ds.parse_request(text)
        assert isinstance(refused, SummaryParseError), text
        assert hint in refused.message and "/summary 2026-W47" in refused.message


def test_what_a_person_typed_is_escaped_and_clipped_when_repeated() -> None:
    refused = ds.parse_request("<!channel> " + "x" * 100)
    assert isinstance(refused, SummaryParseError)
    assert "<!channel>" not in refused.message and "&lt;!channel&gt;" in refused.message
    assert "x" * 41 not in refused.message


def test_a_week_that_has_not_started_is_refused() -> None:
    assert ds.week_problem(Week(2026, 50), WEDNESDAY) is not None
    assert ds.week_problem(Week(2026, 49), WEDNESDAY) is None


def test_week_bounds_are_the_teams_local_midnights() -> None:
    start, end = Week(2026, 48).utc_bounds(ZoneInfo("America/New_York"))
    assert start == datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
    assert Week(2026, 48).end == date(2026, 11, 30)


def test_the_monday_summary_is_due_from_its_time_until_midnight_or_on_the_first_day_after_holidays() -> None:
    at = time(8, 30)
    monday = date(2026, 11, 30)
    assert ds.weekly_due(datetime(2026, 11, 30, 8, 29), at, ()) is None
    assert ds.weekly_due(datetime(2026, 11, 30, 8, 30), at, ()) == monday
    assert ds.weekly_due(datetime(2026, 11, 30, 23, 59), at, ()) == monday
    assert ds.weekly_due(datetime(2026, 12, 1, 9, 0), at, ()) is None
    assert ds.weekly_due(datetime(2026, 11, 30, 9, 0), at, [monday]) is None
    assert ds.weekly_due(datetime(2026, 12, 1, 9, 0), at, [monday]) == monday


def test_week_over_week_change_in_answers_and_rate_points() -> None:
    change = ds.week_over_week(Tally(19, 10), Tally(10, 5))
    assert change.answered == 5 and change.rate_points == 2.6
    assert ds.week_over_week(Tally(4, 1), Tally(0, 0)).rate_points is None
    assert ds.week_over_week(Tally(10, 2), Tally(10, 6)).answered == -4


def test_history_buckets_days_into_weeks_with_skills() -> None:
    weeks = [Week(2026, 47), Week(2026, 48)]
    rows = [
        (date(2026, 11, 17), "listening", 2, 2),
        (date(2026, 11, 17), None, 1, 0),
        (date(2026, 11, 24), "empathy", 1, 1),
        (date(2026, 12, 1), "empathy", 5, 5),
    ]
    first, second = ds.history(weeks, rows)
    assert (first.prompts, dict(first.skills)) == (Tally(3, 2), {"listening": 2})
    assert (second.prompts, dict(second.skills)) == (Tally(1, 1), {"empathy": 1})


def test_nudges_are_for_members_without_answers_or_without_feedback_in_a_month() -> None:
    people = (
        PersonWeek("UA", Tally(5, 0)),
        PersonWeek("UB", Tally(5, 3)),
        PersonWeek("UC", Tally(0, 0)),  # away all week: not nudged for not answering
        PersonWeek("UD", Tally(5, 0), member=False),  # left the team
    )
    nudges = ds.nudges(people, feedback_active={"UA", "UC"})
    assert [(n.user_id, n.reasons) for n in nudges] == [("UA", (NO_ANSWERS,)), ("UB", (NO_FEEDBACK,))]


def test_people_are_listed_by_id_never_by_how_much_they_did() -> None:
    people = ds.people(["UZ", "UA"], {"UM": Tally(1, 1), "UZ": Tally(5, 5)}, {}, {}, {})
    assert [p.user_id for p in people] == ["UA", "UM", "UZ"]
    assert [p.member for p in people] == [True, False, True]


def test_a_streak_reaching_back_past_the_lookback_is_shown_as_capped() -> None:
    since = date(2026, 9, 7)
    capped = ds.streak_of(60, None, since, since)
    assert capped == Streak(60, capped=True) and str(capped) == "60+"
    assert ds.streak_of(12, date(2026, 11, 10), since, since) == Streak(12)  # a miss ends it
    assert ds.streak_of(12, None, date(2026, 11, 10), since) == Streak(12)  # they started recently
    assert ds.streak_of(0, None, None, since) == Streak(0)


def test_the_csv_has_counts_only() -> None:
    summary = ds.WeekSummary(
        team_id=1,
        channel_id="C1",
        week=Week(2026, 48),
        so_far=False,
        people=(PersonWeek("UA", Tally(5, 4), 1, 2, Streak(3)), PersonWeek("UB", Tally(0, 0))),
        history=(ds.WeekPoint(Week(2026, 48), Tally(5, 4)),),
        drills_by_person={"UA": 3},
        writing_by_person={"UA": (1, 0, 2, 1)},
    )
    assert ds.csv_text(summary).splitlines() == [
        ",".join(ds.CSV_HEADER),
        "UA,2026-W48,5,4,0.80,1,2,3,3,1,0,2,1",
        "UB,2026-W48,0,0,,0,0,0,0,0,0,0,0",
    ]


def test_the_csv_adds_the_team_s_drills_per_skill_never_per_person_accuracy() -> None:
    summary = ds.WeekSummary(
        team_id=1,
        channel_id="C1",
        week=Week(2026, 48),
        so_far=False,
        people=(PersonWeek("UA", Tally(5, 4)), PersonWeek("UB", Tally(5, 5))),
        history=(ds.WeekPoint(Week(2026, 48), Tally(10, 9)),),
        drills={"listening": ds.DrillWeek(3, 2, 1), "empathy": ds.DrillWeek(1, 0, 0)},
        drills_by_person={"UA": 3, "UB": 1},
    )
    lines = ds.csv_text(summary).splitlines()
    assert lines[1:3] == ["UA,2026-W48,5,4,0.80,0,0,0,3,0,0,0,0", "UB,2026-W48,5,5,1.00,0,0,0,1,0,0,0,0"]
    assert lines[3:] == [
        "",
        ",".join(ds.DRILL_CSV_HEADER),
        "listening,2026-W48,3,2,1,0.50",
        "empathy,2026-W48,1,0,0,",
    ]
