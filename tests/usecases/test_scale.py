"""Many people at one moment: 5,000 members who share a reminder time are each reminded once, on both
databases, and the prompts due at the same minute elsewhere still go out."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert
from sqlmodel import func, select

from adapters import ids
from domain.ledger import DeliveryKind, DeliveryStatus
from storage.db import transaction
from storage.models import Delivery, Person, Team, TeamMember
from tests.fakes.slack_api import FakeSlackAPI
from tests.harness import LEAD, Bot
from usecases import tick

MONDAY_MORNING = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
REMINDER_TIME = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TEAMS, TEAM_SIZE = 100, 50


def people_of(team: int) -> list[str]:
    return [f"UT{team:03d}M{n:02d}" for n in range(TEAM_SIZE)]


def seed_teams(bot: Bot, slack: FakeSlackAPI, *, prompted_at: datetime) -> list[str]:
    """100 teams of 50 in UTC whose members already had today's prompt at 09:30 and have not answered, with
    their directory freshly synced: written straight to the store, as a large deployment's would be."""
    everyone: list[str] = []
    with transaction(bot.deps.sessions) as session:
        for team in range(TEAMS):
            people = people_of(team)
            everyone.extend(people)
            channel = f"CT{team:03d}"
            slack.add_channel(channel, name=f"team-{team}", members=people)
            team_id = session.exec(
                insert(Team)
                .values(
                    channel_id=channel,
                    created_by=LEAD,
                    timezone="UTC",
                    created_at=prompted_at,
                    members_synced_at=prompted_at,
                )
                .returning(Team.id)
            ).scalar_one()
            session.exec(insert(TeamMember), params=[{"team_id": team_id, "user_id": p} for p in people])
            session.exec(
                insert(Delivery),
                params=[
                    {
                        "team_id": team_id,
                        "recipient": p,
                        "kind": DeliveryKind.PROMPT,
                        "local_date": prompted_at.date(),
                        "slot": 0,
                        "status": DeliveryStatus.SENT,
                        "item_id": bot.deps.prompts[0].id,
                        "skill": bot.deps.prompts[0].skill,
                        "claimed_at": prompted_at,
                        "sent_at": prompted_at,
                        "attempts": 1,
                    }
                    for p in people
                ],
            )
        session.exec(
            insert(Person),
            params=[{"user_id": p, "timezone": "UTC", "profile_refreshed_at": prompted_at} for p in everyone],
        )
    for user_id in everyone:
        slack.add_user(user_id, tz="UTC")
    return everyone


def test_five_thousand_people_sharing_a_reminder_time_are_each_reminded_once(bot: Bot, slack: FakeSlackAPI) -> None:
    bot.clock.set(MONDAY_MORNING)
    everyone = seed_teams(bot, slack, prompted_at=MONDAY_MORNING)
    bot.clock.set(REMINDER_TIME)

    outcome = tick.run_tick(bot.deps)
    bot.clock.set(REMINDER_TIME.replace(minute=1))
    again = tick.run_tick(bot.deps)

    assert outcome["reminder:sent"] == TEAMS * TEAM_SIZE
    assert not any(key.endswith(":failed") for key in outcome), outcome
    assert again["reminder:sent"] == 0
    with bot.deps.sessions() as session:
        rows = session.exec(
            select(Delivery.status, func.count())
            .where(Delivery.kind == DeliveryKind.REMINDER)
            .group_by(Delivery.status)
        ).all()
    assert rows == [(DeliveryStatus.SENT, TEAMS * TEAM_SIZE)]
    delivered = slack.dm_messages_of_type(everyone, ids.DELIVERY_EVENT)  # the prompts were seeded, not posted
    assert set(delivered.values()) == {1} and len(delivered) == TEAMS * TEAM_SIZE
