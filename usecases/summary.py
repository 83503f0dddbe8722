"""Weekly summary use cases: a lead's /summary, sharing, CSV, chart, and the Monday DM.

Who may ask: a lead of the team (usecases.leads.is_lead: LEAD_USER_IDS or a TeamLead row). Who gets the
Monday DM: the team's TeamLead rows only (the lead who ran `/practice start` is one), not every
LEAD_USER_IDS admin, who may oversee many teams and can still ask with `/summary`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from adapters import summary_chart, web_api
from adapters.blocks import summary as blocks
from adapters.blocks.common import Message, plain
from adapters.replies import Reply
from deps import Deps
from domain import summary as ds
from domain.calibration import agreement
from domain.ledger import DeliveryKind, SendResult, tally
from domain.schedule import Due, TeamStatus, local_now, zone
from storage import lesson_queries, queries
from storage import summary_queries as sq
from storage import team_question_queries as tq
from storage.models import Delivery, Team
from usecases.leads import LEADS_ONLY, is_lead
from usecases.ledger import liveness, send_once
from usecases.parts import Part, team_by_team

NOT_A_TEAM = "Run `/summary` in your team's channel: this one isn't a practice team."
CHART_FILENAME = "practice-{label}.png"
CHART_SENT = "A chart of the last 8 weeks is on its way to our DM."


@dataclass(frozen=True)
class Asked:
    """The answer to `/summary ...`: what to show, and the summary behind it when there is one."""

    message: Message
    summary: ds.WeekSummary | None = None
    as_csv: bool = False


def team_today(deps: Deps, team: Team) -> date:
    return local_now(deps.clock.now(), zone(team.timezone, deps.settings.default_timezone)).date()


def compute(deps: Deps, session: Session, team: Team, week: ds.Week, today: date) -> ds.WeekSummary:
    """Every number of one team's week, from SQL aggregates: a dozen queries whatever the team's size.

    Only this week and the one before are read here; the chart's 8 weeks are read after the answer is sent."""
    tz = zone(team.timezone, deps.settings.default_timezone)
    start, end = week.utc_bounds(tz)
    as_of = min(today, week.end - timedelta(days=1))
    lookback = as_of - timedelta(days=ds.STREAK_LOOKBACK_DAYS - 1)

    members = sq.members(session, team_id=team.id)
    tallies = {
        u: ds.Tally(d, a)
        for u, (d, a) in sq.prompt_tallies(session, team_id=team.id, start=week.monday, end=week.end).items()
    }
    given, received, feedback_total = sq.feedback_counts(session, team_id=team.id, start=start, end=end)
    streaks = {
        u: ds.streak_of(days, missed, first_day, lookback)
        for u, (days, missed, first_day) in sq.streaks(session, team_id=team.id, since=lookback, as_of=as_of).items()
    }
    people = ds.people(members, tallies, given, received, streaks)

    daily = sq.daily_prompts(session, team_id=team.id, start=week.shifted(-1).monday, end=week.end)
    until = min(end, deps.clock.now())
    active = sq.feedback_active(
        session, team_id=team.id, start=until - timedelta(days=ds.NUDGE_FEEDBACK_DAYS), end=until
    )
    shared, shared_total = sq.shared_answers(
        session, team_id=team.id, start=week.monday, end=week.end, limit=blocks.SUMMARY_SHARED_SHOWN
    )
    drills, drills_by_person = sq.drills_between(session, team_id=team.id, start=start, end=end)
    written, self_reviewed = sq.writings_between(session, team_id=team.id, start=start, end=end)
    lessons_back, lessons_used = lesson_queries.team_counts(
        session, team_id=team.id, monday=week.monday, end=week.end, start=start, until=end
    )
    quotes = [
        deps.quote(q)
        for q in sq.quote_ids(session, team_id=team.id, channel_id=team.channel_id, start=week.monday, end=week.end)
    ]
    return ds.WeekSummary(
        team_id=team.id,
        channel_id=team.channel_id,
        week=week,
        so_far=week.monday <= today < week.end,
        people=people,
        history=ds.history([week.shifted(-1), week], daily),
        quotes=tuple(ds.QuoteLine(q.text, q.author) for q in quotes if q is not None),
        shared=tuple(ds.SharedAnswer(*row[:5], look_for=_look_for(deps, row[5])) for row in shared),
        shared_total=shared_total,
        nudges=ds.nudges(people, active),
        feedback_total=feedback_total,
        drills={key: ds.DrillWeek(*counts) for key, counts in drills.items()},
        drills_by_person=drills_by_person,
        written=written,
        self_reviewed=self_reviewed,
        peer_reviews=sq.reviews_between(session, team_id=team.id, start=start, end=end),
        writing_by_person=sq.writing_and_reviews_by_person(session, team_id=team.id, start=start, end=end),
        calibrations=_calibrations(deps, sq.calibrations_between(session, team_id=team.id, start=start, end=end)),
        lessons_back=lessons_back,
        lessons_used=lessons_used,
        focus=sq.focus_counts(session, team_id=team.id, on=as_of),
        team_questions=tuple(
            ds.TeamQuestionWeek(row.day, row.skill, question.text, row.took_part)
            for row in tq.asked_between(session, team_id=team.id, start=week.monday, end=week.end)
            if (question := deps.team_question(row.question_id)) is not None
        ),
    )


def _calibrations(deps: Deps, rounds: list[tuple[str, int, list[str]]]) -> tuple[ds.CalibrationWeek, ...]:
    found = []
    for drill_id, sample, ratings in rounds:
        drill = deps.drill(drill_id)
        if drill is None or sample >= len(drill.sample_replies):
            continue
        ticks = [[int(t) for t in r.split(",") if t] for r in ratings]
        agree = agreement(ticks, drill.sample_replies[sample].meets, len(drill.strong_reply))
        possible = len(ticks) * len(drill.strong_reply)
        found.append(ds.CalibrationWeek(drill.skill, len(ticks), sum(agree) / possible if possible else None))
    return tuple(found)


def _look_for(deps: Deps, prompt_id: str) -> str:
    prompt = deps.prompt(prompt_id)
    return prompt.look_for if prompt else ""


def week_summary(deps: Deps, team_id: int, week: ds.Week) -> ds.WeekSummary | None:
    with deps.sessions() as session:
        team = queries.team_by_id(session, team_id=team_id)
        if team is None:
            return None
        return compute(deps, session, team, week, team_today(deps, team))


def ask(deps: Deps, user_id: str, channel_id: str, text: str) -> Asked:
    """`/summary [this|last|2026-W47] [csv]` in a team channel, by a lead of that team."""
    request = ds.parse_request(text)
    with deps.sessions() as session:
        team = queries.team_by_channel(session, channel_id=channel_id)
        if team is None or team.status == TeamStatus.STOPPED:
            return Asked(plain(NOT_A_TEAM))
        if not is_lead(deps, session, team, user_id):
            return Asked(plain(LEADS_ONLY))
        if isinstance(request, ds.SummaryParseError):
            return Asked(plain(request.message))
        today = team_today(deps, team)
        week = request.resolve(today)
        if problem := ds.week_problem(week, today):
            return Asked(plain(problem))
        summary = compute(deps, session, team, week, today)
    if request.csv:
        return Asked(
            plain(f"The CSV for {week.label} is in our DM: one row per person, counts only."), summary, as_csv=True
        )
    return Asked(blocks.summary_for_lead(summary, chart_note=CHART_SENT), summary)


def answer_command(deps: Deps, user_id: str, channel_id: str, text: str, reply: Reply) -> None:
    """The summary answers at once; the chart follows by DM. A CSV is uploaded before saying it is there."""
    asked = ask(deps, user_id, channel_id, text)
    if asked.summary is None:
        reply(asked.message)
    elif asked.as_csv:
        send_csv(deps, user_id, asked.summary)
        reply(asked.message)
    else:
        reply(asked.message)
        send_chart(deps, user_id, asked.summary)


def send_csv(deps: Deps, user_id: str, summary: ds.WeekSummary) -> None:
    """Raises SlackApiError or OSError (told to the lead by the listener); a failed upload step becomes one."""
    try:
        web_api.upload_to_dm(
            deps.client,
            user_id,
            filename=f"practice-{summary.week.label}.csv",
            content=ds.csv_text(summary),
            title=f"Practice summary {summary.week.label}",
            comment=f"Week {summary.week.label}, one row per person (counts only).",
        )
    except SlackRequestError as error:
        raise OSError("file upload failed") from error


def chart_history(deps: Deps, team_id: int, week: ds.Week) -> tuple[ds.WeekPoint, ...]:
    first = week.shifted(1 - ds.CHART_WEEKS)
    with deps.sessions() as session:
        daily = sq.daily_prompts(session, team_id=team_id, start=first.monday, end=week.end)
    return ds.history([first.shifted(n) for n in range(ds.CHART_WEEKS)], daily)


def send_chart(deps: Deps, user_id: str, summary: ds.WeekSummary) -> bool:
    """A chart that cannot be drawn or uploaded is logged and skipped: it never stops the summary."""
    label = summary.week.label
    try:
        png = summary_chart.png(chart_history(deps, summary.team_id, summary.week))
        web_api.upload_to_dm(
            deps.client,
            user_id,
            filename=CHART_FILENAME.format(label=label),
            content=png,
            title=f"Practice over the 8 weeks to {label}",
            alt_txt="Bar charts: the team's answer rate per week, and answers per skill per week.",
        )
    except (SlackApiError, SlackRequestError, SQLAlchemyError, OSError, ValueError, RuntimeError) as error:
        deps.logger.warning(
            "summary chart failed team=%s week=%s error=%s", summary.team_id, label, type(error).__name__
        )
        return False
    return True


def _week_of(value: str) -> tuple[int, ds.Week] | None:
    """A button value "<team id>:<ISO week>"."""
    team_part, _, week_part = value.partition(":")
    request = ds.parse_request(week_part)
    if not team_part.isdigit() or not isinstance(request, ds.SummaryRequest) or request.week is None:
        return None
    return int(team_part), request.week


def share(deps: Deps, user_id: str, value: str) -> Message:
    """ "Share with the team": the channel version, once per week shared per day (a double click or a replayed
    request posts nothing more)."""
    parsed = _week_of(value)
    if parsed is None:
        return plain("That button is out of date. Run `/summary` again.")
    team_id, week = parsed
    with deps.sessions() as session:
        team = queries.team_by_id(session, team_id=team_id)
        if team is None or team.status == TeamStatus.STOPPED:
            return plain("That team has stopped practising, so there is nothing to share.")
        if not is_lead(deps, session, team, user_id):
            return plain(LEADS_ONLY)
        today = team_today(deps, team)
    due = Due(DeliveryKind.SUMMARY, team.id, team.channel_id, today)

    def message(_row: Delivery) -> Message | None:
        shared = week_summary(deps, team.id, week)
        return blocks.summary_for_channel(shared) if shared else None

    outcome = send_once(deps, due, message, item_id=week.label, slot=week.slot)
    if outcome == SendResult.SENT:
        return plain(f"Shared the {week.label} summary in <#{team.channel_id}>: totals, skills and quotes only.")
    if outcome == SendResult.SKIPPED:
        return plain(f"The {week.label} summary is already in <#{team.channel_id}> today.")
    return plain(
        f"I couldn't post in <#{team.channel_id}> just now. Is the app still in the channel? "
        "Please try again in a minute."
    )


def home_summary(deps: Deps, user_id: str, value: str) -> Asked:
    """The App Home's button: this week's summary for a lead of that team, to send by DM."""
    if not value.isdigit():
        return Asked(plain("That button is out of date. Open the Home tab again."))
    with deps.sessions() as session:
        team = queries.team_by_id(session, team_id=int(value))
        if team is None or team.status == TeamStatus.STOPPED:
            return Asked(plain("That team has stopped practising, so there is no summary to show."))
        if not is_lead(deps, session, team, user_id):
            return Asked(plain(LEADS_ONLY))
        today = team_today(deps, team)
        summary = compute(deps, session, team, ds.Week.of(today), today)
    return Asked(blocks.summary_for_lead(summary, chart_note=CHART_SENT), summary)


def dm_home_summary(deps: Deps, user_id: str, value: str) -> None:
    """Nowhere to answer ephemerally on the Home tab, so the summary (or the refusal) comes by DM."""
    asked = home_summary(deps, user_id, value)
    web_api.post(deps.client, user_id, asked.message)
    if asked.summary is not None:
        send_chart(deps, user_id, asked.summary)


@dataclass(frozen=True)
class WeeklyDue:
    """One lead's Monday summary that is due and neither sent nor in flight."""

    team: Team
    lead: str
    monday: date


def summaries_due(deps: Deps, session: Session, *, team_ids: Iterable[int]) -> list[WeeklyDue]:
    """The read half of the Monday summary, for the teams whose summary moment has come (NextSend): on Monday
    at the team's summary time, last week's summary for each lead not yet sent, once.

    Paused teams get it too (their history still matters); stopped teams don't, and nor does a week in
    which the team got no prompts at all (a new team, or paused all week): there would be nothing to read."""
    now = deps.clock.now()
    teams = sq.summary_teams(session, team_ids=team_ids)
    local = {t.id: local_now(now, zone(t.timezone, deps.settings.default_timezone)) for t in teams}
    # Before its summary time nothing is due for a team whatever its holidays: no need to read them.
    past_time = [t for t in teams if local[t.id].time() >= queries.summary_time_of(t)]
    if not past_time:
        return []
    days = [local[t.id].date() for t in past_time]
    off = sq.holidays_between(
        session,
        team_ids=[t.id for t in past_time],
        start=min(days) - timedelta(days=7),
        end=max(days) + timedelta(days=1),
    )
    due_teams = {
        t.id: (t, monday)
        for t in past_time
        if (monday := ds.weekly_due(local[t.id], queries.summary_time_of(t), off.get(t.id, ()))) is not None
    }
    if not due_teams:
        return []
    leads = sq.leads_of(session, team_ids=due_teams)
    settled: set[tuple[str, int]] = set()
    for day in {day for _t, day in due_teams.values()}:
        settled |= sq.summaries_settled(session, local_date=day, team_ids=due_teams, live=liveness(deps, now))
    worth_it = {
        team_id
        for team_id, (_t, monday) in due_teams.items()
        if any((lead, team_id) not in settled for lead in leads.get(team_id, []))
        and sq.had_prompts(session, team_id=team_id, start=monday - timedelta(days=7), end=monday)
    }
    return [
        WeeklyDue(due_teams[team_id][0], lead, due_teams[team_id][1])
        for team_id in sorted(worth_it)
        for lead in leads.get(team_id, [])
        if (lead, team_id) not in settled
    ]


def send_weekly(deps: Deps, due: list[WeeklyDue]) -> Counter[str]:
    """The send half, after the read session is closed: each due summary is claimed and sent once."""
    return team_by_team(
        deps,
        Part.SUMMARIES,
        due,
        lambda item: item.team.id,
        lambda item: Counter({tally(DeliveryKind.SUMMARY, _send_to_lead(deps, item.team, item.lead, item.monday)): 1}),
    )


def _send_to_lead(deps: Deps, team: Team, lead: str, monday: date) -> str:
    week = ds.Week.of(monday).shifted(-1)
    built: list[ds.WeekSummary] = []

    def message(_row: Delivery) -> Message | None:
        summary = week_summary(deps, team.id, week)
        if summary is None:
            return None
        built.append(summary)
        return blocks.summary_for_lead(
            summary, chart_note="Last week's summary; the chart of the last 8 weeks follows."
        )

    outcome = send_once(
        deps, Due(DeliveryKind.SUMMARY, team.id, lead, monday), message, item_id=week.label, slot=team.id
    )
    if outcome == SendResult.SENT and built:
        send_chart(deps, lead, built[0])
    return outcome
