"""What a team can type after /practice, and what the bot understands from it."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.command_text import (
    Away,
    Back,
    Calibrate,
    CalibrateWeekly,
    DrillAsk,
    DrillProblem,
    DrillWrite,
    Help,
    HolidayAdd,
    HolidayList,
    HolidayRemove,
    LeadAdd,
    LeadList,
    LeadRemove,
    MyTime,
    MyTimeReset,
    Now,
    ParseError,
    Partners,
    Pause,
    Reminders,
    Resume,
    SetSchedule,
    ShowSchedule,
    Start,
    Status,
    Stop,
    parse_drill,
    parse_mention,
    parse_practice,
    split_leading_mention,
)
from domain.text import clip, escape_mrkdwn

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
DAY_WORDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FULL_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
QUICK = settings(max_examples=200, deadline=None)


def error_of(text: str) -> str:
    result = parse_practice(text)
    assert isinstance(result, ParseError), f"{text!r} parsed as {result!r}"
    assert_well_behaved(result)
    return result.message


def assert_well_behaved(error: ParseError) -> None:
    assert error.message.strip()
    assert len(error.message) <= 300
    assert "<!" not in error.message
    assert "<" not in error.message and ">" not in error.message  # every echo is escaped


def schedule(text: str) -> SetSchedule:
    result = parse_practice(f"schedule {text}")
    assert isinstance(result, SetSchedule), result
    return result


def days_of(text: str) -> frozenset[int]:
    days = schedule(f"days {text}").days
    assert days is not None
    return days


# --- asking for help --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "help", "HELP", "  Help  ", "?"])
def test_an_empty_command_or_help_asks_for_help(text):
    assert parse_practice(text) == Help()


def test_help_on_a_topic_keeps_the_topic_in_lowercase():
    assert parse_practice("help Schedule") == Help(topic="schedule")
    assert parse_practice("help  my-time\n") == Help(topic="my-time")


def test_a_help_topic_is_kept_short():
    topic = parse_practice("help " + "x" * 5000)
    assert isinstance(topic, Help) and topic.topic is not None
    assert len(topic.topic) <= 40


# --- the simple switches ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("start", Start()),
        ("stop", Stop()),
        ("now", Now()),
        ("status", Status()),
        ("back", Back()),
        ("START", Start()),
        ("\u00a0 Now \n", Now()),
    ],
)
def test_one_word_commands_are_understood_in_any_case_and_spacing(text, expected):
    assert parse_practice(text) == expected


@pytest.mark.parametrize("text", ["start now please", "stop it", "now immediately", "status report", "back today"])
def test_extra_words_after_a_one_word_command_get_a_friendly_correction(text):
    word = text.split()[0]
    message = error_of(text)
    assert f"`/practice {word}`" in message
    assert "on its own" in message


def test_the_correction_for_extra_words_repeats_them_safely():
    message = error_of("start <!channel> now")
    assert "&lt;!channel&gt;" in message


# --- pausing and resuming ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pause", Pause(None)),
        ("pause me", Pause("me")),
        ("Pause TEAM", Pause("team")),
        ("resume", Resume(None)),
        ("resume me", Resume("me")),
        ("resume team", Resume("team")),
    ],
)
def test_a_member_or_lead_pauses_and_resumes(text, expected):
    assert parse_practice(text) == expected


def test_pausing_something_other_than_me_or_the_team_shows_both_forms():
    message = error_of("pause everyone")
    assert '"everyone"' in message
    assert "`/practice pause me`" in message and "`/practice pause team`" in message


def test_pausing_with_extra_words_is_corrected():
    assert "on its own" in error_of("resume team tomorrow")


# --- the team schedule ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["schedule", "Schedule ", "schedule show"])
def test_schedule_on_its_own_shows_the_schedule(text):
    assert parse_practice(text) == ShowSchedule()


def test_a_lead_sets_the_team_schedule_in_one_line():
    result = parse_practice("schedule days mon-fri prompt 09:30 quote 09:00 reminder 15:00 tz Europe/Dublin")
    assert result == SetSchedule(
        days=frozenset({MON, TUE, WED, THU, FRI}),
        prompt_time=time(9, 30),
        quote_time=time(9, 0),
        reminder_time=time(15, 0),
        timezone="Europe/Dublin",
    )


def test_a_lead_may_change_one_setting_in_any_order_and_case():
    assert schedule("prompt 10:00") == SetSchedule(prompt_time=time(10, 0))
    assert schedule("TZ America/New_York  Days weekdays") == SetSchedule(
        days=frozenset(range(5)), timezone="America/New_York"
    )
    assert schedule("timezone UTC\nreminder 4pm") == SetSchedule(reminder_time=time(16), timezone="UTC")


def test_a_setting_given_twice_is_refused():
    message = error_of("schedule prompt 09:00 days mon-fri prompt 10:00")
    assert "prompt twice" in message


@pytest.mark.parametrize("key", ["days", "prompt", "quote", "reminder", "tz", "timezone"])
def test_a_setting_without_a_value_shows_an_example(key):
    message = error_of(f"schedule {key}")
    assert "needs a value" in message
    assert "`/practice schedule " in message


def test_a_setting_followed_by_another_setting_is_missing_its_value():
    assert "days needs a value" in error_of("schedule days prompt 09:30")


def test_a_misspelt_setting_gets_a_suggestion():
    message = error_of("schedule promt 09:30")
    assert '"promt"' in message
    assert "Did you mean `prompt`?" in message


def test_an_unknown_setting_lists_the_settings():
    message = error_of("schedule colour blue")
    assert "isn't a schedule setting" in message
    assert "days, prompt, quote, reminder, tz, drills or write" in message


def test_days_or_a_time_without_their_setting_word_get_a_hint():
    assert "Put `days` before the days" in error_of("schedule mon-fri")
    assert "prompt, quote or reminder" in error_of("schedule 09:30")


# --- days -------------------------------------------------------------------------------------------


def test_a_working_week_is_understood():
    assert days_of("mon-fri") == frozenset({MON, TUE, WED, THU, FRI})


def test_a_wraparound_shift_week_is_understood():
    assert days_of("fri-mon") == frozenset({FRI, SAT, SUN, MON})
    assert days_of("sat-tue") == frozenset({SAT, SUN, MON, TUE})


def test_a_range_that_starts_and_ends_on_the_same_day_is_that_day():
    assert days_of("wed-wed") == frozenset({WED})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,wed,fri", {MON, WED, FRI}),
        ("mon-wed,fri", {MON, TUE, WED, FRI}),
        ("mon, wed and fri", {MON, WED, FRI}),
        ("mon - fri", {MON, TUE, WED, THU, FRI}),
        ("mon to thu", {MON, TUE, WED, THU}),
        ("mon\u2013fri", {MON, TUE, WED, THU, FRI}),
        ("monday", {MON}),
        ("Tuesday,THURSDAY", {TUE, THU}),
        ("tues,thurs", {TUE, THU}),
        ("weekdays", {MON, TUE, WED, THU, FRI}),
        ("weekends", {SAT, SUN}),
        ("weekdays,sat", {MON, TUE, WED, THU, FRI, SAT}),
        ("daily", set(range(7))),
        ("everyday", set(range(7))),
        ("every-day", set(range(7))),
        ("every day", set(range(7))),
    ],
)
def test_days_can_be_written_the_way_people_write_them(text, expected):
    assert days_of(text) == frozenset(expected)


def test_days_written_with_spaces_stop_at_the_next_setting():
    assert schedule("days mon, tue prompt 08:00") == SetSchedule(days=frozenset({MON, TUE}), prompt_time=time(8, 0))


@pytest.mark.parametrize("text", ["funday", "mon-funday", "mon-", "mon-wed-fri", "weekdays-sun", ","])
def test_an_unknown_day_lists_the_accepted_forms(text):
    message = error_of(f"schedule days {text}")
    for form in ("mon-fri", "mon,wed,fri", "monday", "weekdays", "weekends", "daily"):
        assert form in message


@given(st.sampled_from(DAY_WORDS + FULL_NAMES), st.sampled_from(DAY_WORDS + FULL_NAMES))
@QUICK
def test_a_day_range_is_always_a_nonempty_run_of_the_week(start, end):
    days = days_of(f"{start}-{end}")
    first, last = (DAY_WORDS + FULL_NAMES).index(start) % 7, (DAY_WORDS + FULL_NAMES).index(end) % 7
    assert days and days <= frozenset(range(7))
    assert first in days and last in days
    assert len(days) == (last - first) % 7 + 1


@given(st.lists(st.sampled_from(DAY_WORDS + FULL_NAMES + ["weekdays", "weekends", "daily"]), min_size=1))
@QUICK
def test_a_day_list_is_always_a_nonempty_subset_of_the_week(words):
    days = days_of(",".join(words))
    assert days and days <= frozenset(range(7))


# --- times ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("9am", time(9, 0)),
        ("9AM", time(9, 0)),
        ("9:30am", time(9, 30)),
        ("2:30pm", time(14, 30)),
        ("12pm", time(12, 0)),
        ("12am", time(0, 0)),
        ("12:15am", time(0, 15)),
        ("11:59pm", time(23, 59)),
        ("9 am", time(9, 0)),
        ("2:30 PM", time(14, 30)),
    ],
)
def test_times_are_understood_in_24_hour_and_am_pm_forms(text, expected):
    assert schedule(f"prompt {text}").prompt_time == expected


@pytest.mark.parametrize("text", ["25:99", "24:00", "9:7", "930", "12:60", "0am", "13pm", "9.30", "noonish", "٠٩:٣٠"])
def test_an_impossible_time_gets_a_friendly_correction(text):
    assert error_of(f"schedule prompt {text}") == (
        f'"{text}" isn\'t a time I understand. Use 24-hour HH:MM, like 09:30.'
    )


@given(st.integers(0, 23), st.integers(0, 59))
@QUICK
def test_every_clock_time_round_trips(hour, minute):
    assert parse_practice(f"my-time {hour:02d}:{minute:02d}") == MyTime(time(hour, minute), None)
    assert schedule(f"quote {hour}:{minute:02d}").quote_time == time(hour, minute)


@given(st.integers(1, 12), st.integers(0, 59), st.sampled_from(["am", "pm"]))
@QUICK
def test_every_am_pm_time_means_the_same_clock_time(hour, minute, half):
    expected = time(hour % 12 + (12 if half == "pm" else 0), minute)
    assert schedule(f"reminder {hour}:{minute:02d}{half}").reminder_time == expected


# --- time zones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Dublin", "Europe/Dublin"),
        ("europe/dublin", "Europe/Dublin"),
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("utc", "UTC"),
        ("UTC", "UTC"),
        ("asia/kolkata", "Asia/Kolkata"),
    ],
)
def test_a_time_zone_is_understood_in_any_case_and_stored_canonically(text, expected):
    assert schedule(f"tz {text}").timezone == expected


@pytest.mark.parametrize(
    "text",
    ["Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "Europe/", "nul\x00l", "Europe/../UTC", "+01:00"],
)
def test_an_unknown_or_path_like_time_zone_is_refused_with_an_example(text):
    message = error_of(f"schedule tz {text}")
    assert "isn't a time zone I know" in message
    assert "Europe/Dublin" in message and "America/New_York" in message


def test_a_city_or_near_miss_time_zone_gets_a_suggestion():
    assert "Did you mean `Europe/Dublin`?" in error_of("schedule tz dublin")
    assert "Did you mean `America/New_York`?" in error_of("schedule tz new_york")
    assert "Did you mean `Europe/Dublin`?" in error_of("schedule tz Europe/Dublinn")


# --- leads and mentions -----------------------------------------------------------------------------


def test_a_lead_adds_and_removes_another_lead_by_mention():
    assert parse_practice("lead add <@U123ABC|ann>") == LeadAdd("U123ABC")
    assert parse_practice("Lead Remove <@W0ABC9>") == LeadRemove("W0ABC9")
    assert parse_practice("lead add <@U123ABC|Ann Lee>") == LeadAdd("U123ABC")


@pytest.mark.parametrize("text", ["lead list", "leads", "LEADS", "leads list"])
def test_anyone_can_list_the_leads(text):
    assert parse_practice(text) == LeadList()


def test_a_plain_at_name_asks_for_the_autocomplete():
    message = error_of("lead add @ann")
    assert '"@ann"' in message
    assert "pick the person from Slack's list" in message


@pytest.mark.parametrize("text", ["<!channel>", "<!here>", "<!everyone>", "<#C123|general>", "<!subteam^S1|@cs>"])
def test_a_channel_or_group_is_not_a_lead(text):
    message = error_of(f"lead add {text}")
    assert "mention one person" in message


@pytest.mark.parametrize("text", ["lead", "lead add", "lead remove", "lead promote <@U1>", "lead add ann"])
def test_an_incomplete_lead_command_shows_the_right_form(text):
    assert "/practice lead" in error_of(text)


def test_leads_are_added_one_at_a_time():
    assert "One person at a time" in error_of("lead add <@U1> <@U2>")
    assert "on its own" in error_of("lead add <@U1> please")
    assert "on its own" in error_of("lead list all")


def test_a_single_mention_gives_its_user_id():
    assert parse_mention("<@U123ABC|ann>") == "U123ABC"
    assert parse_mention("  <@W42>\n") == "W42"


@pytest.mark.parametrize("text", ["", "@ann", "<!here>", "<@u123>", "ann", "<@U1> <@U2>", "<@U1> hello"])
def test_anything_but_exactly_one_mention_is_refused(text):
    result = parse_mention(text)
    assert isinstance(result, ParseError)
    assert_well_behaved(result)


def test_feedback_text_after_a_leading_mention_is_kept_whole():
    assert split_leading_mention("<@U123|ann> thanks for the help") == ("U123", "thanks for the help")
    assert split_leading_mention("\u00a0<@U123>  great call:\nkeep it up  ") == ("U123", "great call:\nkeep it up")
    assert split_leading_mention("<@U123|ann>") == ("U123", "")


@pytest.mark.parametrize("text", ["", "thanks <@U123>", "@ann thanks", "<!channel> well done"])
def test_feedback_without_a_leading_mention_is_refused(text):
    result = split_leading_mention(text)
    assert isinstance(result, ParseError)
    assert_well_behaved(result)


# --- a member's own time ----------------------------------------------------------------------------


def test_a_member_picks_their_own_prompt_time_and_days():
    assert parse_practice("my-time 07:00 tue-sat") == MyTime(time(7, 0), frozenset({TUE, WED, THU, FRI, SAT}))


def test_a_member_time_without_days_keeps_the_team_days():
    assert parse_practice("my-time 07:00") == MyTime(time(7, 0), None)
    assert parse_practice("mytime 7am") == MyTime(time(7, 0), None)
    assert parse_practice("My Time 6:30 pm") == MyTime(time(18, 30), None)


@pytest.mark.parametrize("text", ["my-time reset", "my-time off", "MyTime Reset"])
def test_a_member_goes_back_to_the_team_time(text):
    assert parse_practice(text) == MyTimeReset()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("my-time", "`/practice my-time 07:00`"),
        ("my-time 930", "HH:MM"),
        ("my-time 07:00 someday", "isn't a day I know"),
        ("my-time reset now", "on its own"),
    ],
)
def test_a_bad_member_time_is_corrected(text, fragment):
    assert fragment in error_of(text)


# --- away, holidays, reminders ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["away until 2026-12-24", "away 2026-12-24", "Away Until 2026-12-24"])
def test_a_member_says_they_are_away_until_a_day(text):
    assert parse_practice(text) == Away(date(2026, 12, 24))


def test_a_date_in_the_past_is_for_the_caller_to_judge():
    assert parse_practice("away until 1999-01-01") == Away(date(1999, 1, 1))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("away", "Until when?"),
        ("away until", "Until when?"),
        ("away 2026-02-30", '"2026-02-30" isn\'t a real date. Use YYYY-MM-DD'),
        ("away 0000-01-01", "isn't a real date"),
        ("away 24/12/2026", '"24/12/2026" isn\'t a date I understand. Use YYYY-MM-DD'),
        ("away until tomorrow", "YYYY-MM-DD"),
        ("away until 2026-12-24 at least", "on its own"),
    ],
)
def test_a_bad_away_date_is_corrected(text, fragment):
    assert fragment in error_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("holiday 2026-12-25", HolidayAdd(date(2026, 12, 25))),
        ("holiday add 2026-12-25", HolidayAdd(date(2026, 12, 25))),
        ("holidays add 2026-12-25", HolidayAdd(date(2026, 12, 25))),
        ("holiday remove 2026-12-25", HolidayRemove(date(2026, 12, 25))),
        ("holidays", HolidayList()),
        ("holiday list", HolidayList()),
    ],
)
def test_a_lead_manages_team_holidays(text, expected):
    assert parse_practice(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("holiday", "`/practice holiday add 2026-12-25`"),
        ("holiday add", "Which day?"),
        ("holiday remove", "Which day?"),
        ("holiday xmas", "`/practice holidays`"),
        ("holiday 2026-13-01", "isn't a real date"),
        ("holiday 25/12", "YYYY-MM-DD"),
        ("holiday add 2026-12-25 2026-12-26", "on its own"),
        ("holidays list please", "on its own"),
    ],
)
def test_a_bad_holiday_is_corrected(text, fragment):
    assert fragment in error_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("reminders on", Reminders(True)), ("reminders off", Reminders(False)), ("Reminders OFF", Reminders(False))],
)
def test_a_member_turns_reminders_on_and_off(text, expected):
    assert parse_practice(text) == expected


@pytest.mark.parametrize("text", ["reminders", "reminders maybe", "reminders off forever"])
def test_a_bad_reminders_command_shows_both_forms(text):
    message = error_of(text)
    assert "`/practice reminders on`" in message or "on its own" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("partners on", Partners(True)), ("partners off", Partners(False)), ("Partners ON", Partners(True))],
)
def test_a_lead_turns_feedback_partners_on_and_off(text, expected):
    assert parse_practice(text) == expected


@pytest.mark.parametrize("text", ["partners", "partners <!channel>", "partners on please"])
def test_a_bad_partners_command_shows_both_forms(text):
    message = error_of(text)
    assert "`/practice partners on`" in message or "on its own" in message


# --- things the bot does not know -------------------------------------------------------------------


def test_an_unknown_command_suggests_help():
    message = error_of("dance")
    assert '"dance"' in message
    assert "`/practice help`" in message
    assert "Did you mean" not in message


@pytest.mark.parametrize(("typo", "meant"), [("shedule", "schedule"), ("statsu", "status"), ("pasue", "pause")])
def test_a_near_miss_command_gets_a_did_you_mean(typo, meant):
    assert f"Did you mean `{meant}`?" in error_of(typo)


@pytest.mark.parametrize(
    "text",
    [
        "<!channel>",
        "<!here> start",
        "schedule days <!everyone>",
        "lead add <@U1> <!channel>",
        "&lt;!channel&gt;",
        "schedule tz <!channel>",
    ],
)
def test_echoed_text_can_never_ping_anyone(text):
    message = error_of(text)
    assert "&lt;!" in message


def test_an_echo_is_never_longer_than_40_characters_of_what_was_typed():
    message = error_of("x" * 5000)
    assert "x" * 40 not in message
    assert "x" * 39 + "…" in message or "x" * 38 in message


@pytest.mark.parametrize(
    "template",
    [
        "{}",
        "start {}",
        "pause {}",
        "schedule {}",
        "schedule days {}",
        "schedule days mon {}",
        "schedule prompt {}",
        "schedule tz {}",
        "lead {}",
        "lead add {}",
        "lead add <@U1> {}",
        "my-time {}",
        "my-time 07:00 {}",
        "away {}",
        "away 2026-12-24 {}",
        "holiday {}",
        "holiday add {}",
        "reminders {}",
    ],
)
@pytest.mark.parametrize("filler", ["&" * 5000, "<" * 300, "@" + "&" * 100, "1" + "&" * 100, "é" * 5000])
def test_every_error_stays_short_and_safe_whatever_is_typed(template, filler):
    result = parse_practice(template.format(filler))
    if isinstance(result, ParseError):
        assert_well_behaved(result)


@pytest.mark.parametrize(
    "text",
    [
        "🙂🙂🙂 start",
        "start 🙂",
        "שלום עולם",
        "مرحبا /practice",
        "\u202eevil",
        "a" * 5000,
        " ".join(["schedule"] * 2500),
        "<!channel>",
        "<@",
        "<<<>>>",
        "\x00\x01\x02",
        "schedule days " + "mon," * 1000,
        "schedule tz " + "/" * 5000,
    ],
)
def test_strange_text_never_breaks_the_parser(text):
    result = parse_practice(text)
    if isinstance(result, ParseError):
        assert_well_behaved(result)


KEYWORDS = [
    "help", "start", "stop", "pause", "resume", "now", "status", "schedule", "days", "prompt", "quote",
    "reminder", "tz", "timezone", "lead", "leads", "add", "remove", "list", "my-time", "mytime", "reset", "off",
    "on", "away", "until", "back", "holiday", "holidays", "reminders", "me", "team", "mon-fri", "fri-mon",
    "weekdays", "09:30", "9am", "12pm", "25:99", "2026-12-24", "2026-02-30", "Europe/Dublin", "europe/dublin",
    "<@U123|ann>", "<@W9>", "@ann", "<!channel>", "<#C1|x>", "am", "pm", ",", "-", "&", "🙂",
]  # fmt: skip
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u200b", ", "])


@given(st.text())
@QUICK
def test_any_text_gives_a_command_or_a_well_behaved_error(text):
    result = parse_practice(text)
    if isinstance(result, ParseError):
        assert_well_behaved(result)


@given(st.lists(st.one_of(st.sampled_from(KEYWORDS), st.text(max_size=12)), max_size=8), SEPARATORS)
@QUICK
def test_keywords_mixed_with_random_words_give_a_command_or_a_well_behaved_error(words, separator):
    result = parse_practice(separator.join(words))
    if isinstance(result, ParseError):
        assert_well_behaved(result)
    elif isinstance(result, SetSchedule):
        assert any(value is not None for value in vars(result).values())
        assert result.days is None or (result.days and result.days <= frozenset(range(7)))


@given(st.text(alphabet=st.characters(categories=["L", "N"], include_characters="&<>"), min_size=41, max_size=300))
@QUICK
def test_an_unknown_word_is_never_echoed_past_40_characters(word):
    for text in (word, f"schedule tz {word}", f"schedule days {word}", f"away {word}", f"lead add {word}"):
        result = parse_practice(text)
        assert isinstance(result, ParseError)
        for shown in re.findall(r'"([^"]*)"', result.message):
            assert len(shown.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")) <= 40


@given(st.text(), st.text())
@QUICK
def test_feedback_mentions_never_raise(before, after):
    for text in (before, f"<@U1|{before}> {after}", f"{before}<@U1>{after}"):
        for result in (split_leading_mention(text), parse_mention(text)):
            if isinstance(result, ParseError):
                assert_well_behaved(result)


# --- the echo helpers -------------------------------------------------------------------------------


def test_echoed_text_is_escaped_for_mrkdwn():
    assert escape_mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_clip_shortens_with_an_ellipsis():
    assert clip("short", 40) == "short"
    assert clip("abcdefghij", 5) == "abcd…"
    assert len(clip("x" * 100, 40)) == 40
    assert clip("anything", 0) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("forget-me", "ForgetMe"), ("FORGETME", "ForgetMe"), ("export", "Export"), ("retention", "ShowRetention")],
)
def test_a_member_asks_for_their_data_or_to_be_forgotten(text, expected):
    assert type(parse_practice(text)).__name__ == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("retention 365", 365),
        ("retention 90 days", 90),
        ("retention 30d", 30),
        ("retention off", None),
        ("retention forever", None),
    ],
)
def test_a_lead_sets_how_long_answers_are_kept(text, days):
    command = parse_practice(text)
    assert type(command).__name__ == "Retention" and command.days == days


@pytest.mark.parametrize("text", ["retention 7", "retention 99999", "retention soon", "retention 90 weeks"])
def test_a_retention_period_out_of_range_or_unreadable_is_explained(text):
    error = parse_practice(text)
    assert isinstance(error, ParseError)
    assert "retention" in error.message


def test_forget_me_takes_no_arguments():
    error = parse_practice("forget-me now please")
    assert isinstance(error, ParseError) and "forget-me" in error.message


def test_a_lead_sets_drill_days_or_turns_them_off():
    assert parse_practice("schedule drills mon,wed,fri") == SetSchedule(drill_days=frozenset({0, 2, 4}))
    assert parse_practice("schedule drills off") == SetSchedule(drill_days=frozenset())
    assert "drills needs a value" in error_of("schedule drills")


def test_drill_write_names_a_skill_or_none():
    assert parse_drill("write") == DrillWrite()
    assert parse_drill("Write Receiving feedback") == DrillWrite("feedback")
    assert isinstance(parse_drill("write charm"), DrillProblem)
    assert parse_drill("listening") == DrillAsk("listening")


def test_a_lead_sets_the_written_drill_day_as_one_day_or_turns_it_off():
    assert parse_practice("schedule write thu") == SetSchedule(write_day=frozenset({3}))
    assert parse_practice("schedule writing off") == SetSchedule(write_day=frozenset())
    assert parse_practice("schedule drills mon write thu") == SetSchedule(
        drill_days=frozenset({0}), write_day=frozenset({3})
    )
    assert "one day a week" in error_of("schedule write mon,thu")
    assert "write needs a value" in error_of("schedule write")


def test_a_lead_starts_a_calibration_round_now_or_every_week_on_one_day():
    assert parse_practice("calibrate") == Calibrate()
    assert parse_practice("calibrate weekly Fri") == CalibrateWeekly(4)
    assert parse_practice("calibrate off") == CalibrateWeekly(None)
    assert parse_practice("calibrate weekly off") == CalibrateWeekly(None)
    assert "Which one day of the week" in error_of("calibrate weekly")
    assert "Which one day of the week" in error_of("calibrate weekly mon tue")
    assert "I can't calibrate" in error_of("calibrate now-ish")
