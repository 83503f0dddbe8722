"""The App Home: a member opens the tab and sees their open prompt, streak, skills, feedback and self-ratings;
leads also see their teams; anonymous feedback never shows who gave it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from adapters import ids
from domain.skills import skill
from storage.models import Answer, Feedback, Person, SelfRating, Team
from tests.fakes.slack_api import Call
from tests.harness import LEAD, TEAM_CHANNEL, Bot, eventually, text_of

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def open_home(bot: Bot, user: str, tab: str = "home") -> dict:
    """Open the App Home tab and return the view the bot published for that person."""
    before = len(published(bot, user))
    event = {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": tab}
    assert bot.requests.event(event).status == 200
    calls = bot.slack.wait_for("views.publish", lambda c: c.params["user_id"] == user, count=before + 1)
    return calls[-1].params["view"]


def published(bot: Bot, user: str) -> list[Call]:
    return [c for c in bot.slack.calls_to("views.publish") if c.params["user_id"] == user]


def buttons(view: dict) -> list[dict]:
    found = []
    for block in view["blocks"]:
        found += [e for e in block.get("elements", []) if e.get("type") == "button"]
        if (block.get("accessory") or {}).get("type") == "button":
            found.append(block["accessory"])
    return found


def seed(bot: Bot, *rows: object) -> None:
    with bot.deps.sessions() as session:
        session.add_all(rows)
        session.commit()


def team_id(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        return session.exec(select(Team.id).where(Team.channel_id == TEAM_CHANNEL)).one()


def practise_until_wednesday(team: Bot) -> None:
    """Dara answers Monday's and Tuesday's prompts; Wednesday's is still open."""
    team.run_until(MONDAY_MORNING)
    team.ask("/reflect", "Let the customer finish before answering.", user="UDUB", channel="DUDUB")
    team.run_until(MONDAY_MORNING + timedelta(days=1))
    team.ask("/reflect", "Asked what they had tried already.", user="UDUB", channel="DUDUB")
    team.run_until(WEDNESDAY_MORNING)


def test_a_member_opens_their_home_and_sees_prompt_streak_skills_feedback_and_ratings(team: Bot) -> None:
    practise_until_wednesday(team)
    (wednesday,) = team.sent_to("UDUB", "prompt")[-1:]
    now = team.clock.now()
    seed(
        team,
        Feedback(
            team_id=team_id(team),
            giver_id="UNY",
            recipient_id="UDUB",
            skill="listening",
            keep_doing="You let them finish <!channel>",
            created_at=now - timedelta(days=1),
        ),
        Feedback(
            team_id=team_id(team),
            giver_id="UIN",
            recipient_id="UDUB",
            skill="listening",
            do_differently="Summarise before you solve.",
            anonymous=True,
            created_at=now - timedelta(hours=1),
        ),
        SelfRating(user_id="UDUB", skill="listening", rating=2, created_at=now - timedelta(days=20)),
        SelfRating(user_id="UDUB", skill="listening", rating=4, created_at=now - timedelta(days=2)),
    )

    view = open_home(team, "UDUB")
    shown = text_of(published(team, "UDUB")[-1])

    assert view["type"] == "home" and len(view["blocks"]) <= 100
    (answer,) = [b for b in buttons(view) if b["action_id"] == ids.ANSWER_OPEN]
    assert answer["value"] == json.loads(json.dumps(wednesday.call.params["blocks"]))[2]["elements"][0]["value"]
    assert "Streak:* 2 practice days in a row" in shown
    with team.deps.sessions() as session:
        practised = [a.skill for a in session.exec(select(Answer).where(Answer.user_id == "UDUB"))]
    skills_block = next(b for b in view["blocks"] if b.get("fields"))
    assert len(skills_block["fields"]) == 9
    for key in set(practised):
        assert f"{skill(key).name}\n*{practised.count(key)}*" in [f["text"] for f in skills_block["fields"]]
    assert "*Listening*: you 4/5 · peers: 2 pieces of feedback (1 keep doing, 1 do differently)" in shown
    assert "*Empathy*: not rated yet · peers: no feedback yet" in shown
    assert "from <@UNY>" in shown and "from a teammate" in shown
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown


def test_an_anonymous_giver_never_appears_in_the_home(team: Bot, slack) -> None:
    seed(
        team,
        Feedback(
            team_id=team_id(team),
            giver_id="UIN",
            recipient_id="UDUB",
            skill="empathy",
            keep_doing="You stayed calm.",
            anonymous=True,
            created_at=team.clock.now(),
        ),
    )
    open_home(team, "UDUB")
    for call in published(team, "UDUB"):
        raw = json.dumps(call.params)
        assert "UIN" not in raw and "ishan" not in raw.lower()
    assert "You stayed calm." in text_of(published(team, "UDUB")[-1])


def test_a_lead_sees_their_teams_with_a_summary_button_and_a_member_does_not(team: Bot) -> None:
    lead_view = open_home(team, LEAD)
    (summary,) = [b for b in buttons(lead_view) if b["action_id"] == ids.HOME_SUMMARY]
    assert summary["value"] == str(team_id(team))
    assert f"<#{TEAM_CHANNEL}> · 4 members · active" in text_of(published(team, LEAD)[-1])

    member_view = open_home(team, "UNY")
    assert [b for b in buttons(member_view) if b["action_id"] == ids.HOME_SUMMARY] == []
    assert "Your teams" not in text_of(published(team, "UNY")[-1])


def test_a_lead_added_by_another_lead_sees_the_team_too(team: Bot) -> None:
    assert "now a lead" in team.ask("/practice", "lead add <@UNY|nia>", user=LEAD)
    view = open_home(team, "UNY")
    assert [b["value"] for b in buttons(view) if b["action_id"] == ids.HOME_SUMMARY] == [str(team_id(team))]


def paused(bot: Bot, user: str) -> bool:
    with bot.deps.sessions() as session:
        row = session.get(Person, user)
        return bool(row and row.paused)


def click_home(bot: Bot, user: str, view: dict, action_id: str, value: str) -> None:
    response = bot.requests.block_action(user_id=user, action_id=action_id, value=value, view={"id": "VHOME", **view})
    assert response.status == 200


def test_the_pause_button_pauses_my_prompts_and_republishes_the_home(team: Bot) -> None:
    view = open_home(team, "UDUB")
    (pause,) = [b for b in buttons(view) if b["action_id"] == ids.HOME_PAUSE]
    assert pause["text"]["text"] == "Pause my prompts"

    click_home(team, "UDUB", view, ids.HOME_PAUSE, pause["value"])
    eventually(lambda: len(published(team, "UDUB")) == 2)
    assert paused(team, "UDUB")
    republished = published(team, "UDUB")[-1].params["view"]
    (resume,) = [b for b in buttons(republished) if b["action_id"] == ids.HOME_PAUSE]
    assert resume["text"]["text"] == "Resume my prompts"
    team.run_until(MONDAY_MORNING)
    assert team.sent_to("UDUB", "prompt") == [] and len(team.sent_to("UIN", "prompt")) == 1

    click_home(team, "UDUB", republished, ids.HOME_PAUSE, resume["value"])
    eventually(lambda: len(published(team, "UDUB")) == 3)
    assert not paused(team, "UDUB")


def test_someone_in_no_team_sees_how_to_join(bot: Bot, slack) -> None:
    slack.add_user("UNEW", name="nora", tz="Europe/Dublin")
    view = open_home(bot, "UNEW")
    shown = text_of(published(bot, "UNEW")[-1])
    assert "not in a practice team yet" in shown and "/practice start" in shown
    assert [b for b in buttons(view) if b["action_id"] in (ids.HOME_PAUSE, ids.ANSWER_OPEN)] == []


def test_opening_the_messages_tab_publishes_nothing(team: Bot) -> None:
    assert (
        team.requests.event({"type": "app_home_opened", "user": "UNY", "channel": "DUNY", "tab": "messages"}).status
        == 200
    )
    open_home(team, "UDUB")
    assert published(team, "UNY") == []


def test_the_homes_answer_button_opens_the_answer_modal(team: Bot) -> None:
    team.run_until(MONDAY_MORNING)
    view = open_home(team, "UDUB")
    (answer,) = [b for b in buttons(view) if b["action_id"] == ids.ANSWER_OPEN]
    response = team.requests.block_action(
        user_id="UDUB",
        action_id=ids.ANSWER_OPEN,
        value=answer["value"],
        view={"id": "VHOME", **view},
        trigger_id="trig-home",
    )
    assert response.status == 200
    (opened,) = team.slack.wait_for("views.open", lambda c: c.params["trigger_id"] == "trig-home")
    assert json.loads(opened.params["view"]["private_metadata"]) == {"delivery_id": int(answer["value"])}


def test_an_out_of_date_answer_button_on_the_home_is_explained_by_dm(team: Bot) -> None:
    """Home clicks carry no response_url, so the explanation cannot be ephemeral: it comes by DM."""
    team.run_until(MONDAY_MORNING)
    view = open_home(team, "UDUB")
    (answer,) = [b for b in buttons(view) if b["action_id"] == ids.ANSWER_OPEN]
    click_home(team, "UIN", view, ids.ANSWER_OPEN, answer["value"])
    (dm,) = team.slack.wait_for(
        "chat.postMessage", lambda c: c.params["channel"] == "UIN" and "sent to someone else" in text_of(c)
    )
    assert team.slack.calls_to("views.open") == []
