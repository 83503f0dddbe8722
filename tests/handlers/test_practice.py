"""Leads set a channel up as a team and shape its schedule; members shape their own."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from storage.models import Person, Team, TeamLead
from tests.harness import LEAD, TEAM_CHANNEL, Bot


def test_a_lead_starts_a_team_with_the_default_schedule(team: Bot) -> None:
    with team.deps.sessions() as session:
        row = session.exec(select(Team)).one()
        assert (row.days, row.prompt_time, row.quote_time) == ("0,1,2,3,4", "09:30", "09:00")
        assert session.get(Person, "UIN").timezone == "Asia/Kolkata"
    assert "Mon–Fri" in team.ask("/practice", "schedule", user="UNY")


def test_starting_counts_people_not_bots(bot: Bot, slack) -> None:
    slack.add_user("UA", tz="Europe/Dublin")
    slack.add_channel(TEAM_CHANNEL, members=(LEAD, "UA", "UBOT"))
    assert "with 2 members" in bot.ask("/practice", "start", user=LEAD)


def test_someone_who_is_not_a_lead_cannot_start_a_team(bot: Bot, slack) -> None:
    slack.add_user("UA")
    slack.add_channel(TEAM_CHANNEL, members=(LEAD, "UA"))
    assert "Only a team lead" in bot.ask("/practice", "start", user="UA")
    with bot.deps.sessions() as session:
        assert session.exec(select(Team)).first() is None


def test_starting_in_a_direct_message_explains_where_to_run_it(bot: Bot) -> None:
    assert "in your team's channel" in bot.ask("/practice", "start", user=LEAD, channel="DLEAD")


def test_starting_twice_says_it_is_already_a_team(team: Bot) -> None:
    assert "already a practice team" in team.ask("/practice", "start", user=LEAD)


def test_starting_where_the_bot_was_not_invited_says_how_to_invite_it(bot: Bot) -> None:
    assert "/invite" in bot.ask("/practice", "start", user=LEAD, channel="CNOWHERE")


def test_a_lead_changes_days_times_and_time_zone_in_one_line(team: Bot) -> None:
    reply = team.ask(
        "/practice", "schedule days tue-sat prompt 10:15 quote 08:45 reminder 16:00 tz America/Chicago", user=LEAD
    )
    assert "Tue, Wed, Thu, Fri, Sat" in reply and "10:15" in reply and "08:45" in reply
    with team.deps.sessions() as session:
        row = session.exec(select(Team)).one()
        assert (row.days, row.prompt_time, row.timezone) == ("1,2,3,4,5", "10:15", "America/Chicago")


def test_a_member_cannot_change_the_schedule(team: Bot) -> None:
    assert "Only a team lead" in team.ask("/practice", "schedule prompt 07:00", user="UNY")


def test_a_bad_time_gets_a_friendly_correction(team: Bot) -> None:
    assert "09:30" in team.ask("/practice", "schedule prompt 25:99", user=LEAD)


def test_commands_outside_a_team_channel_say_so(bot: Bot) -> None:
    assert "isn't a practice team" in bot.ask("/practice", "now", user=LEAD, channel="COTHER")


def test_help_explains_every_command(bot: Bot) -> None:
    reply = bot.ask("/practice", "help", user="UNY")
    for word in (
        "start",
        "schedule",
        "pause",
        "resume",
        "now",
        "stop",
        "lead add",
        "my-time",
        "away",
        "back",
        "holiday",
        "reminders",
        "/reflect",
    ):
        assert word in reply, word


def test_a_lead_adds_and_removes_another_lead(team: Bot) -> None:
    assert "now a lead" in team.ask("/practice", "lead add <@UNY|nia>", user=LEAD)
    assert "New schedule" in team.ask("/practice", "schedule prompt 08:00", user="UNY")
    assert "no longer a lead" in team.ask("/practice", "lead remove <@UNY>", user=LEAD)
    assert "Only a team lead" in team.ask("/practice", "schedule prompt 08:00", user="UNY")


def test_a_member_cannot_add_leads_and_bots_cannot_be_leads(team: Bot) -> None:
    assert "Only a team lead" in team.ask("/practice", "lead add <@UIN>", user="UNY")
    assert "not apps" in team.ask("/practice", "lead add <@UBOT>", user=LEAD)
    with team.deps.sessions() as session:
        assert [r.user_id for r in session.exec(select(TeamLead))] == [LEAD]


def test_the_last_team_lead_cannot_be_removed(bot: Bot, slack) -> None:
    slack.add_user("UA")
    slack.add_user("UB")
    slack.add_channel(TEAM_CHANNEL, members=(LEAD, "UA", "UB"))
    bot.ask("/practice", "start", user=LEAD)
    bot.ask("/practice", "lead add <@UA>", user=LEAD)
    assert "no longer a lead" in bot.ask("/practice", "lead remove <@ULEAD>", user="UA")
    assert "at least one lead" in bot.ask("/practice", "lead remove <@UA>", user="UA")


def test_a_member_pauses_only_their_own_prompts(team: Bot) -> None:
    assert "Your prompts are paused" in team.ask("/practice", "pause", user="UNY")
    team.run_until(team.clock.now() + timedelta(days=1, hours=1))
    assert team.sent_to("UNY") == []
    assert len(team.sent_to("UDUB", "prompt")) == 1
    assert "back on" in team.ask("/practice", "resume", user="UNY")


def test_a_lead_pauses_and_resumes_the_whole_team(team: Bot) -> None:
    assert "team is paused" in team.ask("/practice", "pause", user=LEAD)
    team.run_until(team.clock.now() + timedelta(days=1, hours=1))
    assert team.sent == []
    assert "back on its schedule" in team.ask("/practice", "resume", user=LEAD)
    team.run_until(team.clock.now() + timedelta(days=1))
    assert len(team.sent_to("UDUB", "prompt")) == 1


def test_a_stopped_team_gets_nothing_more(team: Bot) -> None:
    assert "Stopped" in team.ask("/practice", "stop", user=LEAD)
    team.run_until(team.clock.now() + timedelta(days=2))
    assert team.sent == []
    assert "isn't a practice team" in team.ask("/practice", "now", user=LEAD)


def test_a_shift_worker_sets_their_own_time_and_days(team: Bot) -> None:
    reply = team.ask("/practice", "my-time 07:00 tue-sat", user="UDUB", channel="DUDUB")
    assert "07:00" in reply and "Tue, Wed, Thu, Fri, Sat" in reply
    team.run_until(team.clock.now() + timedelta(days=6, hours=12))
    days = [s.at.date().weekday() for s in team.sent_to("UDUB", "prompt")]
    assert days == [1, 2, 3, 4, 5]
    assert {s.at.hour for s in team.sent_to("UDUB", "prompt")} == {7}


def test_a_member_away_until_a_date_gets_nothing_until_then_and_can_come_back_early(team: Bot) -> None:
    assert "No prompts until after" in team.ask("/practice", "away until 2026-11-24", user="UDUB", channel="DUDUB")
    team.run_until(team.clock.now() + timedelta(days=2, hours=14))
    assert [s.at.date().isoformat() for s in team.sent_to("UDUB")] == ["2026-11-25"]
    assert "already passed" in team.ask("/practice", "away until 2026-01-01", user="UDUB", channel="DUDUB")
    team.ask("/practice", "away until 2026-12-24", user="UDUB", channel="DUDUB")
    assert "Welcome back" in team.ask("/practice", "back", user="UDUB", channel="DUDUB")
    team.run_until(team.clock.now() + timedelta(days=1))
    assert len(team.sent_to("UDUB", "prompt")) == 2


def test_a_team_holiday_sends_nothing_to_anyone(team: Bot) -> None:
    assert "team holiday" in team.ask("/practice", "holiday 2026-11-23", user=LEAD)
    assert "2026-11-23" in team.ask("/practice", "holidays", user="UNY")
    team.run_until(team.clock.now() + timedelta(hours=23))
    assert team.sent == []
    assert "already passed" in team.ask("/practice", "holiday 2026-11-01", user=LEAD)
    assert "Only a team lead" in team.ask("/practice", "holiday 2026-12-25", user="UNY")


def test_status_shows_a_members_own_settings(team: Bot) -> None:
    team.ask("/practice", "my-time 07:00", user="UNY", channel="DUNY")
    reply = team.ask("/practice", "status", user="UNY", channel="DUNY")
    assert "07:00" in reply and "America/New_York" in reply and "<#CTEAM>" in reply


def test_an_unknown_subcommand_points_to_help(bot: Bot) -> None:
    assert "/practice help" in bot.ask("/practice", "florb", user="UNY")
