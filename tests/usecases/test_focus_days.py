"""Four weeks of a focus on a manual clock, through the real bot: the offer comes with a member's first prompt,
they pick the skill with the most room, and from then on at least 2 of every 5 of their practice days (drill days'
drills and reflection prompts alike) are on it, no prompt repeated; at the end they are asked what changed, and
the next practice day brings a new offer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from adapters import ids
from domain.focus import AT_LEAST, WINDOW
from storage.db import transaction
from storage.models import Delivery, Focus
from tests.handlers.test_focus import drilled, focuses, press, rate, value_for, values
from tests.handlers.test_home import open_home
from tests.handlers.test_reflect import click
from tests.harness import LEAD, Bot, text_of

FIRST_PROMPT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Monday, after Dublin's 09:30
DUBLIN = ZoneInfo("Europe/Dublin")


def practice_days(bot: Bot, user: str) -> list[Delivery]:
    """The member's daily practice DMs (not bonus prompts), oldest first."""
    with bot.deps.sessions() as session:
        return list(
            session.exec(
                select(Delivery)
                .where(Delivery.recipient == user, Delivery.kind == "prompt", Delivery.slot == 0)
                .order_by(Delivery.local_date)
            )
        )


def test_a_member_picks_a_focus_and_two_of_every_five_practice_days_are_on_it(team: Bot) -> None:
    team.ask("/practice", "schedule drills mon,wed,fri", user=LEAD)
    rate(team, "UDUB", "listening", 2)
    rate(team, "UDUB", "empathy", 4)
    drilled(team, "UDUB", "questioning", tries=2, best=2)
    team.run_until(FIRST_PROMPT, step=timedelta(minutes=30))
    (offer,) = team.sent_to("UDUB", "focus")
    assert "The most room: *Listening*" in text_of(offer.call)
    assert "Your focus is *Listening* until Sun 20 Dec" in press(
        team, "UDUB", ids.FOCUS_PICK, value_for(offer.call, "listening")
    )

    team.run_by_schedule(datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
    assert "*Focus: Listening* · 14 days left" in str(open_home(team, "UDUB"))
    team.run_by_schedule(datetime(2026, 12, 21, 12, 0, tzinfo=UTC))

    days = [d for d in practice_days(team, "UDUB") if date(2026, 11, 23) <= d.local_date < date(2026, 12, 21)]
    assert [d.local_date.weekday() for d in days] == [0, 1, 2, 3, 4] * 4  # one a day, Monday to Friday
    drills = [d.item_id.startswith("drill-") for d in days]
    assert drills == [d.local_date.weekday() in (0, 2, 4) for d in days]  # drill days stay drill days
    on_focus = [d.skill == "listening" for d in days]
    for start in range(len(days) - WINDOW + 1):
        assert sum(on_focus[start : start + WINDOW]) >= AT_LEAST, [d.skill for d in days]
    assert sum(on_focus[1:]) >= 8  # Monday's came before the choice
    assert any(on and drill for on, drill in zip(on_focus, drills, strict=True))  # a drill on listening too
    assert any(on and not drill for on, drill in zip(on_focus, drills, strict=True))
    prompts = [d.item_id for d in practice_days(team, "UDUB") if not d.item_id.startswith("drill-")]
    assert len(prompts) == len(set(prompts))  # no prompt repeated
    assert team.sent_to("UNY", "focus") == []  # nothing to suggest without a signal

    (end,) = [s for s in team.sent_to("UDUB", "focus") if "are over" in text_of(s.call)]
    assert end.at.astimezone(DUBLIN).date() == date(2026, 12, 21)
    assert "Your four weeks on Listening are over." in text_of(end.call) and "0 answers on it" in text_of(end.call)
    assert "drills right first try: none yet when you began" in text_of(end.call)
    form = click(team, "UDUB", ids.FOCUS_OUTCOME_OPEN, values(end.call, ids.FOCUS_OUTCOME_OPEN)[0])
    response = team.requests.view_submission(
        user_id="UDUB",
        callback_id=form["callback_id"],
        values={ids.FOCUS_OUTCOME_BLOCK: {ids.FOCUS_OUTCOME_INPUT: {"type": "plain_text_input", "value": "  "}}},
        private_metadata=form["private_metadata"],
    )
    assert response.status == 200 and "one line" in response.body
    response = team.requests.view_submission(
        user_id="UDUB",
        callback_id=form["callback_id"],
        values={
            ids.FOCUS_OUTCOME_BLOCK: {
                ids.FOCUS_OUTCOME_INPUT: {"type": "plain_text_input", "value": "I ask what they tried first."}
            }
        },
        private_metadata=form["private_metadata"],
    )
    assert response.status == 200
    team.slack.wait_for("chat.postMessage", lambda c: "Saved: what changed with Listening" in text_of(c))
    assert focuses(team)[0].outcome == "I ask what they tried first."

    team.run_by_schedule(datetime(2026, 12, 22, 12, 0, tzinfo=UTC))
    offers = [s for s in team.sent_to("UDUB", "focus") if "Your focus for the next four weeks" in text_of(s.call)]
    assert [s.at.astimezone(DUBLIN).date() for s in offers] == [date(2026, 11, 23), date(2026, 12, 22)]
    with team.deps.sessions() as session:
        assert len(session.exec(select(Focus).where(Focus.user_id == "UDUB")).all()) == 2


def test_once_the_focus_skill_s_prompts_are_used_up_in_the_cycle_a_focus_day_brings_one_of_its_drills(
    team: Bot,
) -> None:
    """No drill days in this team: the drill is what keeps the day on the focus without repeating a prompt."""
    listening = [p for p in team.deps.prompts if p.skill == "listening"]
    seen_at = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    with transaction(team.deps.sessions) as session:
        for n, prompt in enumerate(listening):
            session.add(
                Delivery(
                    team_id=1,
                    recipient="UDUB",
                    kind="prompt",
                    local_date=date(2026, 10, 1) + timedelta(days=n),
                    status="sent",
                    item_id=prompt.id,
                    skill=prompt.skill,
                    claimed_at=seen_at,
                    sent_at=seen_at,
                    attempts=1,
                )
            )
        session.add(
            Focus(
                user_id="UDUB",
                team_id=1,
                suggested="listening",
                skill="listening",
                offered_on=date(2026, 11, 23),
                offered_at=seen_at,
                chosen_at=seen_at,
                starts_on=date(2026, 11, 23),
                ends_on=date(2026, 12, 21),
                first_tries=0,
                first_best=0,
            )
        )
    team.run_until(FIRST_PROMPT, step=timedelta(minutes=30))
    (today,) = [d for d in practice_days(team, "UDUB") if d.local_date == date(2026, 11, 23)]
    assert today.item_id.startswith("drill-listening-") and today.skill == "listening"
    assert "What would you send first?" in text_of(team.sent_to("UDUB", "prompt")[0].call)
    assert team.sent_to("UDUB", "focus") == []  # a focus is running: nothing to offer
