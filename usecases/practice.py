"""The `/practice` use cases: each takes the caller and a parsed command and returns the reply to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from adapters import web_api
from adapters.blocks import calibration as calibration_blocks
from adapters.blocks import data_rights as data_rights_blocks
from adapters.blocks import practice as practice_blocks
from adapters.blocks import team_question as team_question_blocks
from adapters.blocks.common import Message, plain
from deps import Deps
from domain import command_text as ct
from domain.ledger import DeliveryKind, SendResult, tally
from domain.schedule import TeamStatus, describe_days, local_now, zone
from storage import pairing_queries, queries, schedule_queries, team_question_queries
from storage.db import transaction
from storage.models import Team
from usecases import calibration, data_rights, focus, lessons, recovery
from usecases.leads import LEADS_ONLY, is_lead

NOT_A_TEAM = "This channel isn't a practice team yet. A team lead can run `/practice start` here."


@dataclass(frozen=True)
class Caller:
    user_id: str
    channel_id: str
    workspace_id: str = ""


def _today(deps: Deps, session: Session, user_id: str) -> date:
    row = queries.find_person(session, user_id=user_id)
    tz = zone(row.timezone if row else None, deps.settings.default_timezone)
    return local_now(deps.clock.now(), tz).date()


def _team_today(deps: Deps, team: Team) -> date:
    return local_now(deps.clock.now(), zone(team.timezone, deps.settings.default_timezone)).date()


def run(deps: Deps, caller: Caller, command: ct.PracticeCommand | ct.ParseError) -> Message:
    """Dispatch one parsed `/practice` command, in this one place; every path ends in a message for the caller."""
    pausing = isinstance(command, ct.Pause)
    match command:
        case ct.ParseError(message=message):
            return plain(message)
        case ct.Help():
            return practice_blocks.help_message()
        case ct.Start():
            return start(deps, caller)
        case ct.ForgetMe():
            return data_rights_blocks.forget_confirm()
        case ct.Export():
            return data_rights.export(deps, caller.user_id)
        case ct.MyTime() | ct.MyTimeReset():
            return my_time(deps, caller, command)
        case ct.Away() | ct.Back():
            return away(deps, caller, command)
        case ct.Reminders(on=on):
            return reminders(deps, caller, on)
        case ct.Lessons(on=on):
            return lessons.set_on(deps, caller.user_id, on)
        case ct.Status():
            return status(deps, caller)
        case ct.Focus():
            return focus.view(deps, caller.user_id)
        case ct.Pause(scope="me") | ct.Resume(scope="me"):
            return pause_me(deps, caller, pausing)
        case ct.Pause(scope=scope) | ct.Resume(scope=scope):
            return _pause(deps, caller, pausing, team_asked=scope == "team")
        case ct.ShowSchedule():
            return _in_team(deps, caller, lambda team: _schedule_reply(deps, team, "Schedule"))
        case ct.LeadList():
            return _in_team(deps, caller, lambda team: _lead_list(deps, team))
        case ct.HolidayList():
            return _in_team(deps, caller, lambda team: _holiday_list(deps, team))
        case ct.ShowRetention():
            return _in_team(deps, caller, data_rights.show_retention)
        case ct.Stop():
            return _as_lead(deps, caller, lambda team: stop(deps, team))
        case ct.Now():
            return _as_lead(deps, caller, lambda team: now(deps, team, caller))
        case ct.SetSchedule():
            return _as_lead(deps, caller, lambda team: set_schedule(deps, team, command))
        case ct.LeadAdd(user_id=user_id):
            return _as_lead(deps, caller, lambda team: lead_add(deps, caller, team, user_id))
        case ct.LeadRemove(user_id=user_id):
            return _as_lead(deps, caller, lambda team: lead_remove(deps, team, user_id))
        case ct.HolidayAdd(day=day):
            return _as_lead(deps, caller, lambda team: holiday_add(deps, team, day))
        case ct.HolidayRemove(day=day):
            return _as_lead(deps, caller, lambda team: holiday_remove(deps, team, day))
        case ct.Partners(on=on):
            return _as_lead(deps, caller, lambda team: partners(deps, team, on))
        case ct.Calibrate():
            return _as_lead(deps, caller, lambda team: calibration.start(deps, team, caller.user_id))
        case ct.CalibrateWeekly(day=day):
            return _as_lead(deps, caller, lambda team: calibration.set_weekly(deps, team, caller.user_id, day))
        case ct.QuestionDay(day=day):
            return _as_lead(deps, caller, lambda team: question_day(deps, team, day))
        case ct.Retention(days=days):
            return _as_lead(deps, caller, lambda team: data_rights.set_retention(deps, team, days))
    raise AssertionError(f"no use case for {command!r}")


def _team_and_lead(deps: Deps, caller: Caller) -> tuple[Team | None, bool]:
    """The running team of the channel the command was typed in (None when there is none), and whether the
    caller leads it."""
    with deps.sessions() as session:
        team = queries.team_by_channel(session, channel_id=caller.channel_id)
        lead = is_lead(deps, session, team, caller.user_id)
    return (None if team is None or team.status == TeamStatus.STOPPED else team), lead


def _in_team(deps: Deps, caller: Caller, act: Callable[[Team], Message]) -> Message:
    team, _lead = _team_and_lead(deps, caller)
    return plain(NOT_A_TEAM) if team is None else act(team)


def _as_lead(deps: Deps, caller: Caller, act: Callable[[Team], Message]) -> Message:
    team, lead = _team_and_lead(deps, caller)
    if team is None:
        return plain(NOT_A_TEAM)
    return act(team) if lead else plain(LEADS_ONLY)


def _pause(deps: Deps, caller: Caller, pausing: bool, *, team_asked: bool) -> Message:
    """`/practice pause`: a lead in the team's channel pauses the team; anyone else, or anywhere else, pauses
    their own prompts (`pause team` by a member is refused)."""
    team, lead = _team_and_lead(deps, caller)
    if team is not None and lead:
        return pause_team(deps, team, pausing)
    if team is not None and team_asked:
        return plain(LEADS_ONLY)
    return pause_me(deps, caller, pausing)


def start(deps: Deps, caller: Caller) -> Message:
    if not caller.channel_id.startswith(("C", "G")):
        return plain("Run `/practice start` in your team's channel: its members become the team.")
    with deps.sessions() as session:
        team = queries.team_by_channel(session, channel_id=caller.channel_id)
        allowed = is_lead(deps, session, team, caller.user_id)
    if not allowed:
        return plain(LEADS_ONLY)
    if team is not None and team.status != TeamStatus.STOPPED:
        return plain("This channel is already a practice team. `/practice schedule` shows its schedule.")
    try:
        members, profiles = web_api.directory(deps.client, caller.channel_id)
    except SlackApiError as error:
        if error.response.get("error") in ("not_in_channel", "channel_not_found"):
            return plain(
                "I can't see this channel's members yet. Invite me first with `/invite @Practice Coach`, "
                "then run `/practice start` again."
            )
        raise
    now = deps.clock.now()
    with transaction(deps.sessions) as session:
        team, created = queries.start_team(
            session,
            channel_id=caller.channel_id,
            workspace_id=caller.workspace_id,
            lead_id=caller.user_id,
            timezone=deps.settings.default_timezone,
            now=now,
        )
        queries.sync_members(session, team_id=team.id, user_ids=members, now=now)
        queries.save_profiles(session, profiles=profiles, now=now)
        schedule = queries.team_schedule(team)
    humans = sum(1 for p in profiles if not p.is_bot and not p.deleted)
    return practice_blocks.team_started(schedule, humans, created)


def _schedule_reply(deps: Deps, team: Team, head: str) -> Message:
    with deps.sessions() as session:
        days_off = queries.holidays(session, team_id=team.id, since=_team_today(deps, team))
        fresh = queries.team_by_id(session, team_id=team.id)
    current = fresh or team
    state = " *The team is paused.*" if current.status == TeamStatus.PAUSED else ""
    question = team_question_blocks.question_day_line(current.question_day)
    calibrating = calibration_blocks.weekly_line(current.calibration_day)
    schedule = practice_blocks.schedule_summary(queries.team_schedule(current, days_off))
    return plain(f"*{head}:* {schedule}{state}\n{question}\n{calibrating}")


def _holiday_list(deps: Deps, team: Team) -> Message:
    with deps.sessions() as session:
        return practice_blocks.holiday_list(queries.holidays(session, team_id=team.id, since=_team_today(deps, team)))


def _lead_list(deps: Deps, team: Team) -> Message:
    with deps.sessions() as session:
        leads = queries.team_lead_ids(session, team_id=team.id)
    return plain("*Team leads:* " + (", ".join(f"<@{u}>" for u in leads) or "none yet"))


def stop(deps: Deps, team: Team) -> Message:
    with transaction(deps.sessions) as session:
        queries.set_team_status(session, team_id=team.id, status=TeamStatus.STOPPED)
    return plain(
        "Stopped: no more prompts, quotes or reminders for this team. Answers are kept. "
        "`/practice start` brings it back with the same schedule."
    )


def pause_team(deps: Deps, team: Team, pausing: bool) -> Message:
    with transaction(deps.sessions) as session:
        queries.set_team_status(session, team_id=team.id, status=TeamStatus.PAUSED if pausing else TeamStatus.ACTIVE)
    if pausing:
        return plain("The team is paused: no prompts, quotes or reminders until a lead runs `/practice resume`.")
    return plain("The team is back on its schedule.")


def pause_me(deps: Deps, caller: Caller, pausing: bool) -> Message:
    with transaction(deps.sessions) as session:
        queries.person(session, user_id=caller.user_id).paused = pausing
        schedule_queries.replan_person(session, user_id=caller.user_id)
    if pausing:
        return plain("Your prompts are paused. `/practice resume me` starts them again.")
    return plain("Your prompts are back on.")


def now(deps: Deps, team: Team, caller: Caller) -> Message:
    outcome, finished = recovery.practice_now(deps, team.id, caller.user_id)
    if not finished:
        return plain("I'm restarting: the rest of today's prompts go out in a moment.")
    prompt, quote = DeliveryKind.PROMPT, DeliveryKind.QUOTE
    sent_prompts = outcome[tally(prompt, SendResult.SENT)]
    sent_quote = outcome[tally(quote, SendResult.SENT)]
    failed = outcome[tally(prompt, SendResult.FAILED)] + outcome[tally(quote, SendResult.FAILED)]
    if sent_prompts == 0 and sent_quote == 0 and failed == 0:
        return plain("Today's prompts and quote have already gone out, so I sent nothing more.")
    parts = []
    if sent_prompts:
        parts.append(f"today's prompt to {sent_prompts} member{'s' if sent_prompts != 1 else ''}")
    if sent_quote:
        parts.append("the quote of the day to this channel")
    text = "Sent " + " and ".join(parts) + "." if parts else "Nothing new to send."
    if already := outcome[tally(prompt, SendResult.ALREADY)]:
        text += f" {already} already had today's prompt."
    if failed:
        text += f" {failed} could not be delivered; I'll retry them in a minute."
    return plain(text)


def set_schedule(deps: Deps, team: Team, command: ct.SetSchedule) -> Message:
    with transaction(deps.sessions) as session:
        queries.update_schedule(
            session,
            team_id=team.id,
            days=command.days,
            prompt_time=command.prompt_time,
            quote_time=command.quote_time,
            reminder_time=command.reminder_time,
            timezone=command.timezone,
            drill_days=command.drill_days,
            write_day=command.write_day,
        )
    return _schedule_reply(deps, team, "New schedule")


def lead_add(deps: Deps, caller: Caller, team: Team, user_id: str) -> Message:
    try:
        user = deps.client.users_info(user=user_id)["user"]
    except SlackApiError:
        return plain("I couldn't find that person in this workspace. Pick them from the @ list.")
    if user.get("is_bot") or user.get("deleted"):
        return plain("Leads must be active people, not apps or deactivated accounts.")
    if caller.workspace_id and user.get("team_id", caller.workspace_id) != caller.workspace_id:
        return plain("That person belongs to another workspace. A team's leads must be in this one.")
    with transaction(deps.sessions) as session:
        added = queries.add_lead(session, team_id=team.id, user_id=user_id, added_by=caller.user_id)
    if not added:
        return plain(f"<@{user_id}> is already a lead of this team.")
    return plain(f"<@{user_id}> is now a lead of this team.")


def lead_remove(deps: Deps, team: Team, user_id: str) -> Message:
    with transaction(deps.sessions) as session:
        leads = queries.team_lead_ids(session, team_id=team.id)
        if user_id not in leads:
            return plain(f"<@{user_id}> isn't a lead of this team.")
        if leads == [user_id] and user_id not in deps.settings.lead_user_ids:
            return plain("A team needs at least one lead: add another lead before removing the last one.")
        queries.remove_lead(session, team_id=team.id, user_id=user_id)
    return plain(f"<@{user_id}> is no longer a lead of this team.")


def holiday_add(deps: Deps, team: Team, day: date) -> Message:
    if day < _team_today(deps, team):
        return plain(f"{day.isoformat()} has already passed. Pick today or a later date.")
    with transaction(deps.sessions) as session:
        queries.add_holiday(session, team_id=team.id, day=day)
    return plain(f"{day:%A %-d %B %Y} is a team holiday: no prompts, quotes or reminders that day.")


def holiday_remove(deps: Deps, team: Team, day: date) -> Message:
    with transaction(deps.sessions) as session:
        removed = queries.remove_holiday(session, team_id=team.id, day=day)
    if not removed:
        return plain(f"{day.isoformat()} wasn't a team holiday.")
    return plain(f"{day.isoformat()} is a practice day again.")


def partners(deps: Deps, team: Team, on: bool) -> Message:
    with transaction(deps.sessions) as session:
        pairing_queries.set_pairing(session, team_id=team.id, enabled=on)
    if on:
        return plain(
            "Feedback partners are on: every Monday at the team's prompt time, each member gets a "
            "partner (a trio when the team is odd) by DM, rotating so everyone meets everyone."
        )
    return plain("Feedback partners are off. Nobody gets a partner from next Monday on.")


def question_day(deps: Deps, team: Team, day: int | None) -> Message:
    with transaction(deps.sessions) as session:
        team_question_queries.set_question_day(session, team_id=team.id, day=day)
    return team_question_blocks.question_day_set(day, queries.team_schedule(team).days)


def my_time(deps: Deps, caller: Caller, command: ct.MyTime | ct.MyTimeReset) -> Message:
    with transaction(deps.sessions) as session:
        row = queries.person(session, user_id=caller.user_id)
        schedule_queries.replan_person(session, user_id=caller.user_id)
        if isinstance(command, ct.MyTimeReset):
            row.own_time = None
            row.own_days = None
            return plain("You're back on your team's schedule.")
        row.own_time = queries.time_to_text(command.time)
        row.own_days = queries.days_to_text(command.days) if command.days is not None else None
        where = row.timezone or deps.settings.default_timezone
    days = f" on {describe_days(command.days)}" if command.days is not None else " on your team's practice days"
    return plain(f"Your prompts will come at {command.time:%H:%M} ({where}){days}.")


def away(deps: Deps, caller: Caller, command: ct.Away | ct.Back) -> Message:
    with transaction(deps.sessions) as session:
        row = queries.person(session, user_id=caller.user_id)
        schedule_queries.replan_person(session, user_id=caller.user_id)
        if isinstance(command, ct.Back):
            was_away = row.away_until is not None
            row.away_until = None
            return plain(
                "Welcome back! Your prompts start again on your next practice day."
                if was_away
                else "You weren't marked away, so nothing changed."
            )
        if command.until < _today(deps, session, caller.user_id):
            return plain(f"{command.until.isoformat()} has already passed. Give the last day you'll be away.")
        row.away_until = command.until
    return plain(
        f"Enjoy your time off. No prompts until after {command.until:%A %-d %B}; `/practice back` if you return early."
    )


def reminders(deps: Deps, caller: Caller, on: bool) -> Message:
    with transaction(deps.sessions) as session:
        queries.person(session, user_id=caller.user_id).reminders = on
        schedule_queries.replan_person(session, user_id=caller.user_id)
    return plain(
        "Reminders are on: one nudge a day if your prompt is still open."
        if on
        else "Reminders are off. Your daily prompt still comes."
    )


def status(deps: Deps, caller: Caller) -> Message:
    with deps.sessions() as session:
        prefs = queries.prefs_of(queries.find_person(session, user_id=caller.user_id))
        teams = queries.teams_of_user(session, user_id=caller.user_id)
    lines = [f"*Your teams:* {', '.join(f'<#{t.channel_id}>' for t in teams) or 'none yet'}"]
    if prefs.own_time or prefs.own_days is not None:
        days = describe_days(prefs.own_days) if prefs.own_days is not None else "team days"
        time_text = f"{prefs.own_time:%H:%M}" if prefs.own_time else "team time"
        lines.append(f"*Your own time:* {time_text}, {days}")
    lines.append(f"*Your time zone:* {prefs.timezone or deps.settings.default_timezone}")
    if prefs.paused:
        lines.append("*Paused:* yes (`/practice resume me`)")
    if prefs.away_until:
        lines.append(f"*Away until:* {prefs.away_until.isoformat()}")
    lines.append(f"*Reminders:* {'on' if prefs.reminders else 'off'}")
    paired = [f"<#{t.channel_id}>" for t in teams if t.pairing_enabled]
    if teams:
        lines.append(f"*Feedback partners:* {'on in ' + ', '.join(paired) if paired else 'off'}")
    return plain("\n".join(lines))
