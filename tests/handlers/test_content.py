"""What the banks bring to a team: what a thoughtful answer touches on (for the author and the lead), a quote on
the skill the team practised least, and rows that named a retired id pointed at its replacement at start-up."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlmodel import select

from deps import build_deps
from domain.ledger import DeliveryKind, DeliveryStatus
from domain.skills import SKILL_KEYS
from storage import data_rights
from storage.models import Answer, Delivery, RetiredItem, Team, TeamQuestionPost, TeamReply
from tests.handlers.test_reflect import MONDAY_MORNING, todays_prompt
from tests.harness import LEAD, TEAM_CHANNEL, Bot, text_of

AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def team_row(bot: Bot) -> Team:
    with bot.deps.sessions() as session:
        return session.exec(select(Team).where(Team.channel_id == TEAM_CHANNEL)).one()


def answered(
    bot: Bot, user: str, prompt_id: str, day: date, *, visibility: str = "private", text: str = "Yes."
) -> None:
    team_id = team_row(bot).id
    prompt = bot.deps.prompt(prompt_id)
    skill = prompt.skill if prompt else prompt_id.rsplit("-", 1)[0]
    with bot.deps.sessions() as session:
        row = Delivery(
            team_id=team_id,
            recipient=user,
            kind=DeliveryKind.PROMPT,
            local_date=day,
            slot=9,
            status=DeliveryStatus.SENT,
            item_id=prompt_id,
            skill=skill,
            claimed_at=AT,
        )
        session.add(row)
        session.flush()
        session.add(
            Answer(
                delivery_id=row.id,
                team_id=team_id,
                user_id=user,
                prompt_id=prompt_id,
                skill=skill,
                text=text,
                visibility=visibility,
                created_at=AT,
                updated_at=AT,
            )
        )
        session.commit()


def test_after_answering_the_author_sees_what_a_thoughtful_answer_touches_on(team: Bot) -> None:
    todays_prompt(team, "UDUB")
    with team.deps.sessions() as session:
        sent = session.exec(select(Delivery).where(Delivery.recipient == "UDUB", Delivery.kind == "prompt")).one()
    prompt = team.deps.prompt(sent.item_id)
    reply = team.ask("/reflect", "Let them finish, then asked one question.", user="UDUB", channel="DUDUB")
    assert "Saved your answer" in reply
    assert f"A thoughtful answer touches on:* {prompt.look_for}" in reply


def test_the_lead_reads_a_shared_answer_beside_what_to_look_for(team: Bot) -> None:
    team.clock.set(MONDAY_MORNING)
    answered(team, "UDUB", "listening-01", date(2026, 11, 23), visibility="lead", text="I waited for the pause.")
    summary = team.ask("/summary", user=LEAD)
    assert "I waited for the pause." in summary
    assert f"_Look for:_ {team.deps.prompt('listening-01').look_for}" in summary


def test_the_day_s_quote_speaks_to_the_skill_the_team_practised_least(team: Bot) -> None:
    for number, key in enumerate(SKILL_KEYS):
        if key != "empathy":
            answered(team, "UDUB", f"{key}-{'11' if key != 'integrity' else '12'}", date(2026, 11, 10 + number))
    team.run_until(datetime(2026, 11, 23, 9, 5, tzinfo=UTC))
    (quote,) = team.sent_to(TEAM_CHANNEL, "quote")
    with team.deps.sessions() as session:
        row = session.exec(select(Delivery).where(Delivery.kind == DeliveryKind.QUOTE)).one()
    assert team.deps.quote(row.item_id).skill == "empathy"
    assert team.deps.quote(row.item_id).text in text_of(quote.call)
    assert team.deps.quote(row.item_id).source in text_of(quote.call)


def test_rows_naming_a_retired_id_are_pointed_at_its_replacement_once_at_start_up(team: Bot) -> None:
    retired_prompt, replacement = "value-02", team.deps.retired.prompts["value-02"]
    retired_quote = "angelou-how-you-made-them-feel"
    team_id = team_row(team).id
    answered(team, "UDUB", retired_prompt, date(2026, 11, 20), text="Kept as answered.")
    with team.deps.sessions() as session:
        session.add_all(
            [
                Delivery(
                    team_id=team_id,
                    recipient="UNY",
                    kind=DeliveryKind.PROMPT,
                    local_date=date(2026, 11, 23),
                    status=DeliveryStatus.SENT,
                    item_id=retired_prompt,
                    skill="value",
                    claimed_at=AT,
                ),
                Delivery(
                    team_id=team_id,
                    recipient=TEAM_CHANNEL,
                    kind=DeliveryKind.QUOTE,
                    local_date=date(2026, 11, 23),
                    status=DeliveryStatus.FAILED,
                    item_id=retired_quote,
                    claimed_at=AT,
                ),
                Delivery(
                    team_id=team_id,
                    recipient=TEAM_CHANNEL,
                    kind=DeliveryKind.QUOTE,
                    local_date=date(2026, 11, 20),
                    status=DeliveryStatus.SENT,
                    item_id=retired_quote,
                    claimed_at=AT,
                ),
            ]
        )
        session.exec(RetiredItem.__table__.delete())  # as before this version: nothing handled yet
        session.commit()
    build_deps(team.deps.settings, clock=team.clock, client=team.deps.client).engine.dispose()
    with team.deps.sessions() as session:
        items = {
            (row.recipient, row.kind, row.local_date): row.item_id
            for row in session.exec(select(Delivery).where(Delivery.slot == 0).order_by(Delivery.id))
        }
        handled = session.exec(select(RetiredItem).where(RetiredItem.item_id == retired_prompt)).one()
        answers = session.exec(select(Answer.prompt_id)).all()
    assert items[("UNY", DeliveryKind.PROMPT, date(2026, 11, 23))] == replacement  # open: it now opens
    assert items[(TEAM_CHANNEL, DeliveryKind.QUOTE, date(2026, 11, 23))] == team.deps.retired.quotes[retired_quote]
    assert items[(TEAM_CHANNEL, DeliveryKind.QUOTE, date(2026, 11, 20))] == retired_quote  # posted: as posted
    assert answers == [retired_prompt]  # an answer keeps what it answered
    assert handled.replaced_by == replacement
    team.clock.set(MONDAY_MORNING)
    team.command("/reflect", user="UNY", channel="DUNY")
    (opened,) = team.slack.wait_for("views.open")
    assert team.deps.prompt(replacement).text in json.dumps(opened.params["view"], ensure_ascii=False)


def test_a_person_s_export_has_their_team_question_replies_and_forget_me_deletes_them(team: Bot) -> None:
    with team.deps.sessions() as session:
        quote = Delivery(
            team_id=team_row(team).id,
            recipient=TEAM_CHANNEL,
            kind=DeliveryKind.QUOTE,
            local_date=date(2026, 11, 25),
            status=DeliveryStatus.SENT,
            item_id="covey-intent-to-reply",
            claimed_at=AT,
            channel=TEAM_CHANNEL,
            ts="1790000000.000001",
        )
        session.add(quote)
        session.flush()
        session.add(
            TeamQuestionPost(
                delivery_id=quote.id,
                team_id=quote.team_id,
                question_id="team-listening-01",
                skill="listening",
                local_date=date(2026, 11, 25),
            )
        )
        session.flush()
        session.add(
            TeamReply(
                delivery_id=quote.id,
                team_id=quote.team_id,
                user_id="UDUB",
                skill="listening",
                message_ts="1790000000.000100",
                created_at=AT,
            )
        )
        session.commit()
        exported = json.loads(json.dumps(data_rights.export(session, user_id="UDUB")))
    (reply,) = exported["team_question_replies"]
    assert (reply["skill"], reply["message_ts"]) == ("listening", "1790000000.000100")
    assert reply["created_at"].startswith("2026-11-23T09:30:00")
    assert "text" not in reply
    with team.deps.sessions() as session:
        counts = data_rights.forget(session, user_id="UDUB")
        session.commit()
        left = session.exec(select(TeamReply)).all()
    assert counts["team_question_replies"] == 1 and left == []
