"""Now and then the answer modal asks "how would you rate yourself on this skill today?" (1-5, optional)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from adapters import ids
from domain.skills import skill
from storage.models import Answer, Delivery, SelfRating
from tests.handlers.test_reflect import answer_values, button_value, click, todays_prompt
from tests.harness import Bot, text_of


def ratings(bot: Bot) -> list[SelfRating]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(SelfRating)))


def rating_block(view: dict) -> dict | None:
    return next((b for b in view["blocks"] if b.get("block_id") == ids.RATING_BLOCK), None)


def submit(bot: Bot, user: str, view: dict, text: str, rating: str | None) -> None:
    values = answer_values(text)
    if rating is not None:
        values[ids.RATING_BLOCK] = {ids.RATING_INPUT: {"type": "radio_buttons", "selected_option": {"value": rating}}}
    response = bot.requests.view_submission(
        user_id=user, callback_id=view["callback_id"], values=values, private_metadata=view["private_metadata"]
    )
    assert response.status == 200 and response.body == ""


def saved(bot: Bot, verb: str = "Saved") -> None:
    bot.slack.wait_for("chat.postMessage", lambda c: f"{verb} your answer" in text_of(c))


def opened_modal(team: Bot, user: str = "UDUB") -> tuple[dict, str]:
    prompt = todays_prompt(team, user)
    view = click(team, user, ids.ANSWER_OPEN, button_value(prompt, ids.ANSWER_OPEN))
    return view, button_value(prompt, ids.ANSWER_OPEN)


def prompt_skill(team: Bot, delivery_id: str) -> str:
    with team.deps.sessions() as session:
        row = session.get(Delivery, int(delivery_id))
        assert row is not None and row.skill
        return row.skill


def test_a_first_reflection_on_a_skill_asks_for_an_optional_self_rating_and_stores_it(team: Bot) -> None:
    view, delivery_id = opened_modal(team)
    block = rating_block(view)
    assert block is not None and block["optional"] is True
    name = skill(prompt_skill(team, delivery_id)).name
    assert block["label"]["text"] == f"How would you rate yourself on {name} today?"
    assert [o["value"] for o in block["element"]["options"]] == ["1", "2", "3", "4", "5"]
    assert [b.get("block_id") for b in view["blocks"]][-2:] == [ids.VISIBILITY_BLOCK, ids.ANSWER_REMEMBER_BLOCK]

    submit(team, "UDUB", view, "I asked before answering.", "4")
    saved(team)
    (rating,) = ratings(team)
    with team.deps.sessions() as session:
        (answer,) = session.exec(select(Answer))
    assert (rating.user_id, rating.skill, rating.rating, rating.answer_id) == (
        "UDUB",
        prompt_skill(team, delivery_id),
        4,
        answer.id,
    )


def test_editing_a_rated_answer_changes_its_rating_without_adding_another(team: Bot) -> None:
    view, _ = opened_modal(team)
    submit(team, "UDUB", view, "First thoughts.", "4")
    saved(team)
    confirmation = team.slack.wait_for("chat.postMessage", lambda c: "Saved your answer" in text_of(c))[0]

    edit_view = click(team, "UDUB", ids.ANSWER_EDIT, button_value(confirmation, ids.ANSWER_EDIT))
    block = rating_block(edit_view)
    assert block is not None and block["element"]["initial_option"]["value"] == "4"
    submit(team, "UDUB", edit_view, "Second thoughts.", "2")
    saved(team, "Updated")
    assert [r.rating for r in ratings(team)] == [2]


def test_leaving_the_rating_empty_saves_the_answer_and_no_rating(team: Bot) -> None:
    view, _ = opened_modal(team)
    assert rating_block(view) is not None
    submit(team, "UDUB", view, "No rating today.", None)
    saved(team)
    assert ratings(team) == []


def test_a_skill_rated_in_the_last_four_weeks_is_not_asked_about_again(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    delivery_id = button_value(prompt, ids.ANSWER_OPEN)
    with team.deps.sessions() as session:
        session.add(
            SelfRating(
                user_id="UDUB",
                skill=prompt_skill(team, delivery_id),
                rating=3,
                created_at=team.clock.now() - timedelta(days=10),
            )
        )
        session.commit()
    view = click(team, "UDUB", ids.ANSWER_OPEN, delivery_id)
    assert rating_block(view) is None
    submit(team, "UDUB", view, "Still practising.", None)
    saved(team)
    assert [r.rating for r in ratings(team)] == [3]


def test_a_rating_older_than_four_weeks_is_asked_again(team: Bot) -> None:
    prompt = todays_prompt(team, "UDUB")
    delivery_id = button_value(prompt, ids.ANSWER_OPEN)
    with team.deps.sessions() as session:
        session.add(
            SelfRating(
                user_id="UDUB",
                skill=prompt_skill(team, delivery_id),
                rating=3,
                created_at=team.clock.now() - timedelta(days=29),
            )
        )
        session.commit()
    view = click(team, "UDUB", ids.ANSWER_OPEN, delivery_id)
    assert rating_block(view) is not None
