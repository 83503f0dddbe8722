"""The App Home use case: gather what a person's tab shows and publish it with views.publish."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from adapters.blocks import home as blocks
from deps import Deps
from domain.home import DrillHome, DrillSkill, HomeData
from domain.schedule import local_now, member_day_off, zone
from domain.skills import SKILL_KEYS
from domain.streaks import MAX_LOOKBACK_DAYS, current_streak
from storage import home_queries, lesson_queries, queries
from storage import team_question_queries as tq
from usecases import focus, practice

RECENT = timedelta(weeks=8)


def home_data(deps: Deps, user_id: str) -> HomeData:
    """Everything for one person in a handful of aggregate queries; anonymous givers are dropped in storage."""
    now = deps.clock.now()
    every_team = user_id in deps.settings.lead_user_ids
    with deps.sessions() as session:
        led = home_queries.led_teams(session, user_id=user_id, every_team=every_team, limit=blocks.HOME_TEAMS_SHOWN)
        more = home_queries.count_led_teams(session, user_id=user_id, every_team=every_team) - len(led)
        teams = queries.teams_of_user(session, user_id=user_id)
        if not teams:
            return HomeData(user_id, in_team=False, teams=led, more_teams=more)
        team = teams[0]
        prefs = queries.prefs_of(queries.find_person(session, user_id=user_id))
        schedule = queries.team_schedule(team, queries.holidays(session, team_id=team.id))
        today = local_now(now, zone(prefs.timezone, team.timezone)).date()
        opened = queries.open_prompt(session, user_id=user_id, since=queries.recent_window(today))
        answered = home_queries.answered_dates(
            session, user_id=user_id, since=today - timedelta(days=MAX_LOOKBACK_DAYS)
        )
        skills = Counter(home_queries.skill_counts(session, user_id=user_id, since=now - RECENT))
        skills.update(tq.replies_by_skill(session, user_id=user_id, since=now - RECENT))
        skills.update(home_queries.drill_skill_counts(session, user_id=user_id, since=now - RECENT))
        skills.update(lesson_queries.practised_by_skill(session, user_id=user_id, since=now - RECENT))
        drills = _drills(deps, session, user_id, today, zone(prefs.timezone, team.timezone))
        feedback = home_queries.recent_feedback(session, user_id=user_id, limit=5)
        ratings = home_queries.latest_ratings(session, user_id=user_id)
        peers = home_queries.peer_counts(session, user_id=user_id, since=now - RECENT)
        focusing = focus.home(session, user_id, today)
    prompt = deps.prompt(opened.item_id) if opened else None
    return HomeData(
        user_id,
        in_team=True,
        open_prompt=prompt,
        open_delivery_id=opened.id if opened and prompt else None,
        streak=current_streak(answered, today, lambda day: not member_day_off(schedule, prefs, day)),
        skills=dict(skills),
        drills=drills,
        feedback=feedback,
        ratings=ratings,
        peers=peers,
        paused=prefs.paused,
        teams=led,
        more_teams=more,
        focus=focusing,
    )


def _drills(deps: Deps, session: Session, user_id: str, today: date, tz: ZoneInfo) -> DrillHome:
    """This month's drills (the person's own month), reviews due, and per skill first-try accuracy and the
    share of drills retired."""
    month_start = datetime.combine(today.replace(day=1), time(0), tz).astimezone(UTC)
    done, due, first, retired = home_queries.drill_counts(
        session, user_id=user_id, month_start=month_start, today=today
    )
    written, self_reviewed = home_queries.writing_counts(session, user_id=user_id, since=month_start)
    given, received = home_queries.review_counts(session, user_id=user_id, since=month_start)
    in_bank = Counter(d.skill for d in deps.drills)
    return DrillHome(
        done_this_month=done,
        reviews_due=due,
        written_this_month=written,
        self_reviewed_this_month=self_reviewed,
        reviews_given=given,
        reviews_received=received,
        calibrations=home_queries.calibrations_rated(session, user_id=user_id, since=month_start),
        skills={
            key: DrillSkill(*first.get(key, (0, 0)), retired=retired.get(key, 0), in_bank=in_bank[key])
            for key in SKILL_KEYS
        },
    )


def publish(deps: Deps, user_id: str) -> None:
    deps.client.views_publish(user_id=user_id, view=blocks.home_view(home_data(deps, user_id)))


def set_paused(deps: Deps, user_id: str, paused: bool) -> None:
    """The same switch as `/practice pause me` and `/practice resume me`."""
    practice.pause_me(deps, practice.Caller(user_id, ""), paused)
