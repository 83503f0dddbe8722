"""The rules of peer feedback: who may receive it, what text is fine, when anonymity is offered, and
when the week-later follow-up is due."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain import feedback as rules
from domain.command_text import ParseError

NEW_YORK = ZoneInfo("America/New_York")
TEAM_OF_4, TEAM_OF_5 = rules.SharedTeam(1, 4), rules.SharedTeam(2, 5)


def test_a_bare_command_asks_for_the_picker_and_a_mention_for_a_form() -> None:
    assert rules.parse_request("  ") == rules.FeedbackRequest(None)
    assert rules.parse_request("<@U1|ann>") == rules.FeedbackRequest("U1")
    assert not rules.parse_request("<@U1|ann>").inline


def test_a_mention_with_text_is_feedback_given_at_once_as_slack_typed_it() -> None:
    request = rules.parse_request("<@U1|ann> great &amp; calm, thanks <@U2|bo> &lt;3 <!here>")
    assert request == rules.FeedbackRequest("U1", "great & calm, thanks @bo <3 @here")
    assert request.inline


def test_text_without_a_mention_is_a_friendly_parse_error() -> None:
    result = rules.parse_request("ann great work")
    assert isinstance(result, ParseError) and "isn't a person" in result.message


@pytest.mark.parametrize(
    ("recipient", "shared", "expected"),
    [
        (rules.Recipient("UME"), [TEAM_OF_4], rules.NOT_YOURSELF),
        (rules.Recipient("U2", found=False), [], rules.NOT_FOUND),
        (rules.Recipient("U2", is_bot=True), [TEAM_OF_4], rules.NOT_A_BOT),
        (rules.Recipient("U2", deleted=True), [TEAM_OF_4], rules.NOT_ACTIVE),
        (rules.Recipient("U2"), [], rules.NO_SHARED_TEAM),
        (rules.Recipient("U2"), [TEAM_OF_4], None),
    ],
)
def test_who_may_receive_feedback(recipient: rules.Recipient, shared: list, expected: str | None) -> None:
    assert rules.recipient_problem("UME", recipient, shared) == expected


def test_someone_in_no_team_at_all_is_told_how_to_join() -> None:
    assert rules.recipient_problem("UME", rules.Recipient("U2"), [], giver_in_a_team=False) == rules.NOT_IN_A_TEAM


def test_at_least_one_part_is_needed_and_neither_may_be_too_long() -> None:
    assert rules.text_problems("", "  ") == {"keep": rules.EMPTY}
    assert rules.text_problems("ok", None) == {}
    assert rules.text_problems(None, "ok") == {}
    too_long = "x" * (rules.MAX_PART_CHARS + 1)
    assert set(rules.text_problems("ok", too_long)) == {"change"}
    assert "1,501 characters" in rules.text_problems(too_long, None)["keep"]
    assert rules.inline_problem("x" * rules.MAX_PART_CHARS) is None


def test_what_i_will_try_is_one_short_line() -> None:
    assert rules.try_problem(" ") == rules.TRY_EMPTY
    assert rules.try_problem("x" * (rules.MAX_TRY_CHARS + 1)) is not None
    assert rules.try_problem("Ask before answering") is None


def test_anonymity_is_offered_only_with_a_shared_team_of_five() -> None:
    assert not rules.anonymity_offered([TEAM_OF_4])
    assert rules.anonymity_offered([TEAM_OF_4, TEAM_OF_5])
    assert not rules.anonymity_offered([])


def test_anonymous_feedback_is_counted_in_a_team_big_enough_to_hide_the_giver() -> None:
    assert rules.team_for([TEAM_OF_4, TEAM_OF_5], anonymous=True) == 2
    assert rules.team_for([TEAM_OF_4, TEAM_OF_5], anonymous=False) == 1


def test_the_follow_up_comes_a_week_later_in_civil_hours_on_a_fixed_date() -> None:
    tried = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # Sunday 22:00 in New York
    assert rules.followup_date(tried, datetime(2026, 11, 30, 3, 0, tzinfo=UTC), NEW_YORK) is None  # 22:00
    assert rules.followup_date(tried, datetime(2026, 11, 30, 13, 59, tzinfo=UTC), NEW_YORK) is None  # 08:59
    assert rules.followup_date(tried, datetime(2026, 11, 30, 14, 0, tzinfo=UTC), NEW_YORK) == date(2026, 11, 30)
    # After downtime it still goes out, in civil hours, under the same ledger date.
    assert rules.followup_date(tried, datetime(2026, 12, 2, 15, 0, tzinfo=UTC), NEW_YORK) == date(2026, 11, 30)
    assert rules.followup_date(tried, datetime(2026, 12, 2, 3, 0, tzinfo=UTC), NEW_YORK) is None


def test_a_plan_made_in_the_afternoon_is_followed_up_at_the_same_time_a_week_later() -> None:
    tried = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)  # Monday 14:00 in New York
    assert rules.followup_date(tried, datetime(2026, 11, 30, 18, 59, tzinfo=UTC), NEW_YORK) is None
    assert rules.followup_date(tried, datetime(2026, 11, 30, 19, 0, tzinfo=UTC), NEW_YORK) == date(2026, 11, 30)
