"""Properties of every parser of command text, for any input at all: it never raises, it answers with a command
or a refusal fit to show as is (no live `<!channel>`, `<@U…>` or any other Slack escape), and what it reads
round-trips (dates, ISO weeks, time zones, mentions). `test_command_text.py` holds the `/practice` ones."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import available_timezones

from hypothesis import given, settings
from hypothesis import strategies as st

from domain import feedback as rules
from domain import summary as ds
from domain.answers import MAX_ANSWER_CHARS, answer_problem
from domain.command_text import (
    Away,
    HolidayAdd,
    HolidayRemove,
    ParseError,
    SetSchedule,
    parse_mention,
    parse_practice,
    split_leading_mention,
)

QUICK = settings(max_examples=150, deadline=None)
SLACK_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80) | st.sampled_from(
    [
        "<!channel>",
        "<!here>",
        "<!everyone>",
        "<@U123|ann>",
        "<@W9>",
        "<@>",
        "<@U123",
        "@nobody",
        "&lt;@U1&gt;",
        "'; DROP TABLE answer; --",
        "2026-W60",
        "25:99",
        "🙂",
        "שלום",
        "\u200b",
        " \n\t ",
    ]
)
SENTENCES = st.lists(SLACK_TEXT, max_size=5).map(" ".join)
USER_ID = st.from_regex(r"[UW][A-Z0-9]{2,10}", fullmatch=True)
ZONES = sorted(available_timezones() - {"Factory", "localtime"})


def shows_safely(message: str) -> None:
    """A refusal is shown as is: nothing in it may be a Slack escape, whatever the person typed."""
    assert message.strip()
    assert "<" not in message and ">" not in message


@given(SENTENCES)
@QUICK
def test_a_summary_request_is_a_week_or_a_refusal_that_pings_nobody(text: str) -> None:
    result = ds.parse_request(text)
    if isinstance(result, ds.SummaryParseError):
        shows_safely(result.message)
    else:
        assert result.which in ("this", "last", "named") and (result.week is not None) == (result.which == "named")


@given(
    st.integers(2000, 9998), st.integers(1, 53), st.sampled_from(["{y}-W{w:02d}", "{y}w{w}", "{y}-w{w}"]), st.booleans()
)
@QUICK
def test_every_iso_week_round_trips_and_impossible_ones_are_refused(year: int, week: int, form: str, csv: bool) -> None:
    text = form.format(y=year, w=week) + (" csv" if csv else "")
    result = ds.parse_request(text)
    if week <= ds.weeks_in(year):
        assert result == ds.SummaryRequest("named", ds.Week(year, week), csv)
        assert ds.parse_request(ds.Week(year, week).label) == ds.SummaryRequest("named", ds.Week(year, week))
        assert ds.Week.of(ds.Week(year, week).monday) == ds.Week(year, week)
    else:
        assert isinstance(result, ds.SummaryParseError)
        assert f"{year} has no week {week}" in result.message


@given(SENTENCES)
@QUICK
def test_feedback_text_is_a_request_or_a_refusal_that_pings_nobody(text: str) -> None:
    result = rules.parse_request(text)
    if isinstance(result, ParseError):
        shows_safely(result.message)
    else:
        assert result.recipient_id is None or re.fullmatch(r"[UW][A-Z0-9]+", result.recipient_id)
        assert result.recipient_id is not None or not result.text


@given(
    USER_ID,
    st.text(alphabet=st.characters(blacklist_characters="<>|", blacklist_categories=["Cs"]), max_size=20),
    SENTENCES,
)
@QUICK
def test_a_mention_round_trips_with_or_without_its_label(user_id: str, label: str, rest: str) -> None:
    mention = f"<@{user_id}|{label}>" if label else f"<@{user_id}>"
    assert parse_mention(mention) == user_id
    split = split_leading_mention(f"  {mention} {rest}")
    assert not isinstance(split, ParseError) and split[0] == user_id
    request = rules.parse_request(f"{mention} {rest}")
    assert isinstance(request, rules.FeedbackRequest) and request.recipient_id == user_id


@given(SENTENCES, st.text(alphabet=st.characters(blacklist_characters="<>&", blacklist_categories=["Cs"])))
@QUICK
def test_feedback_text_readable_never_raises_and_leaves_plain_text_alone(slack_text: str, plain: str) -> None:
    """`readable` undoes Slack's escapes (what is left is escaped again wherever it is shown)."""
    assert isinstance(rules.readable(slack_text), str)
    assert rules.readable(plain) == plain
    assert rules.readable(f"<@U1|ann> {plain} <!here>") == f"@ann {plain} @here"


@given(st.text(max_size=MAX_ANSWER_CHARS + 50))
@settings(max_examples=60, deadline=None)
def test_answer_and_feedback_text_rules_never_raise_and_never_repeat_the_text(text: str) -> None:
    for problem in (
        answer_problem(text),
        rules.try_problem(text),
        rules.inline_problem(text),
        *rules.text_problems(text, text).values(),
    ):
        if problem is not None:
            shows_safely(problem)
            assert text.strip() not in problem or len(text.strip()) < 3


@given(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.sampled_from(["away until {d}", "away {d}", "holiday add {d}", "holiday remove {d}"]),
)
@QUICK
def test_every_real_date_round_trips(day: date, form: str) -> None:
    result = parse_practice(form.format(d=day.isoformat()))
    expected = {"away": Away(day), "holiday add": HolidayAdd(day), "holiday remove": HolidayRemove(day)}
    assert result == next(v for k, v in expected.items() if form.startswith(k))


@given(st.sampled_from(ZONES), st.sampled_from([str.lower, str.upper, lambda z: z]))
@settings(max_examples=100, deadline=None)
def test_every_time_zone_name_round_trips_in_any_case(zone: str, case) -> None:  # type: ignore[no-untyped-def]
    result = parse_practice(f"schedule tz {case(zone)}")
    if isinstance(result, ParseError):  # only names that differ by case alone are ambiguous
        assert "isn't a time zone I know" in result.message
        assert sum(1 for z in ZONES if z.lower() == zone.lower()) > 1
    else:
        assert isinstance(result, SetSchedule) and result.timezone is not None
        assert result.timezone.lower() == zone.lower()
