"""The weekly team question: a lead picks its day, that day's quote asks it, the team answers in the thread, and
each reply counts as practice of its skill in the lead's summary and on the replier's Home. The words stay in
the thread; the bot keeps only who replied."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from domain.skills import skill
from storage.models import Delivery, TeamQuestionPost, TeamReply
from tests.handlers.test_home import open_home
from tests.harness import LEAD, TEAM_CHANNEL, Bot, Sent, eventually, text_of

#: 09:00 in Dublin, the team's time zone: the quote of Wednesday 25 November 2026 is due.
WEDNESDAY_QUOTE = datetime(2026, 11, 25, 9, 5, tzinfo=UTC)
REPLY = "I say what I'll do next and when, before I explain anything."


def quotes(bot: Bot) -> list[Sent]:
    return bot.sent_to(TEAM_CHANNEL, "quote")


def wednesday_with_a_question(team: Bot) -> Sent:
    assert "Every Wednesday" in team.ask("/practice", "question wed", user=LEAD)
    team.run_until(WEDNESDAY_QUOTE)
    return quotes(team)[-1]


def reply_in_thread(bot: Bot, quote: Sent, user: str, ts: str, **extra: object) -> None:
    event = {
        "type": "message",
        "channel": TEAM_CHANNEL,
        "channel_type": "channel",
        "user": user,
        "text": REPLY,
        "ts": ts,
        "thread_ts": quote.call.response["ts"],
        **extra,
    }
    assert bot.requests.event(event).status == 200


def replies(bot: Bot) -> list[TeamReply]:
    with bot.deps.sessions() as session:
        return list(session.exec(select(TeamReply).order_by(TeamReply.id)))


def thanks(bot: Bot) -> list[str]:
    return [text_of(c) for c in bot.slack.calls_to("chat.postEphemeral") if "Thanks for joining in" in text_of(c)]


def wait_for_replies(bot: Bot, count: int) -> list[TeamReply]:
    bot.slack.wait_for("chat.postEphemeral", lambda c: "Thanks for joining in" in text_of(c), count=count)
    return replies(bot)


def test_on_the_question_day_the_quote_asks_the_team_a_question_on_the_same_skill(team: Bot) -> None:
    quote = wednesday_with_a_question(team)
    text = text_of(quote.call)
    assert "Team question of the week" in text and "Reply in this thread" in text
    with team.deps.sessions() as session:
        row = session.exec(select(Delivery).where(Delivery.kind == "quote").order_by(Delivery.id.desc())).first()
        asked = session.get(TeamQuestionPost, row.id)
    question = team.deps.team_question(asked.question_id)
    assert question.text in text
    assert team.deps.quote(row.item_id).skill == question.skill == asked.skill
    other_days = [q for q in quotes(team) if q is not quote]
    assert other_days and not [q for q in other_days if "Team question" in text_of(q.call)]


def test_replies_in_the_thread_count_once_each_and_the_first_is_thanked_privately(team: Bot) -> None:
    quote = wednesday_with_a_question(team)
    reply_in_thread(team, quote, "UDUB", "1790000000.000100")
    reply_in_thread(team, quote, "UNY", "1790000000.000200")
    wait_for_replies(team, 2)
    reply_in_thread(team, quote, "UDUB", "1790000000.000300")
    team.requests.event(
        {
            "type": "message",
            "channel": TEAM_CHANNEL,
            "channel_type": "channel",
            "user": "UDUB",
            "text": REPLY,
            "ts": "1790000000.000100",
            "thread_ts": quote.call.response["ts"],
        },
        retry_num=1,
    )
    eventually(lambda: len(replies(team)) == 3)
    found = replies(team)
    assert sorted((r.user_id, r.message_ts) for r in found) == [
        ("UDUB", "1790000000.000100"),
        ("UDUB", "1790000000.000300"),
        ("UNY", "1790000000.000200"),
    ]
    assert len(thanks(team)) == 2  # one each, never for a second reply
    whispered = [c for c in team.slack.calls_to("chat.postEphemeral") if "Thanks for joining in" in text_of(c)]
    assert {c.params["user"] for c in whispered} == {"UDUB", "UNY"}
    assert {c.params["thread_ts"] for c in whispered} == {quote.call.response["ts"]}
    assert not [r for r in found if REPLY in repr(r)], "the reply's words are never stored"


def test_a_deleted_reply_no_longer_counts(team: Bot) -> None:
    quote = wednesday_with_a_question(team)
    reply_in_thread(team, quote, "UDUB", "1790000000.000100")
    assert len(wait_for_replies(team, 1)) == 1
    deleted = {
        "type": "message",
        "subtype": "message_deleted",
        "channel": TEAM_CHANNEL,
        "channel_type": "channel",
        "ts": "1790000000.000900",
        "deleted_ts": "1790000000.000100",
        "hidden": True,
        "previous_message": {"ts": "1790000000.000100", "thread_ts": quote.call.response["ts"], "user": "UDUB"},
    }
    assert team.requests.event(deleted).status == 200
    eventually(lambda: replies(team) == [])


def test_messages_that_are_not_replies_to_a_team_question_are_left_alone(team: Bot) -> None:
    quote = wednesday_with_a_question(team)
    thread = quote.call.response["ts"]
    others = [
        {"user": "UDUB", "ts": "1790000000.000100"},  # in the channel, not in a thread
        {"user": "UDUB", "ts": thread, "thread_ts": thread},  # the thread's parent
        {"user": "UDUB", "ts": "1790000000.000200", "thread_ts": "1700000000.000001"},  # another thread
        {"bot_id": "B1", "user": "UBOT", "ts": "1790000000.000300", "thread_ts": thread},  # a bot
        {"user": "UDUB", "ts": "1790000000.000400", "thread_ts": thread, "subtype": "channel_join"},
        {"user": "UDUB", "ts": "1790000000.000500", "thread_ts": thread, "channel_type": "im"},
    ]
    for extra in others:
        event = {"type": "message", "channel": TEAM_CHANNEL, "channel_type": "channel", "text": REPLY, **extra}
        assert team.requests.event(event).status == 200
    reply_in_thread(team, quote, "UNY", "1790000000.000600")  # a real one, to know the others were handled
    assert [r.user_id for r in wait_for_replies(team, 1)] == ["UNY"]


def test_the_lead_s_summary_and_the_home_count_replies_as_practice_of_the_skill(team: Bot) -> None:
    quote = wednesday_with_a_question(team)
    reply_in_thread(team, quote, "UDUB", "1790000000.000100")
    reply_in_thread(team, quote, "UNY", "1790000000.000200")
    wait_for_replies(team, 2)
    with team.deps.sessions() as session:
        skill_key = session.exec(select(TeamQuestionPost.skill)).one()
    summary = team.ask("/summary", user=LEAD)
    assert "*Team question* · Wed 25 Nov" in summary
    assert "2 people replied in the thread" in summary
    assert f"{skill(skill_key).name} 2" in summary
    assert REPLY not in summary
    home = open_home(team, "UDUB")
    (skills,) = [b for b in home["blocks"] if "Skills practised" in (b.get("text") or {}).get("text", "")]
    fields = {f["text"].split("\n")[0]: f["text"].split("\n")[1] for f in skills["fields"]}
    assert fields[skill(skill_key).name] == "*1*"
    assert [n for name, n in fields.items() if name != skill(skill_key).name] == ["*0*"] * 8


def test_a_lead_turns_the_question_off_and_is_told_about_a_day_off(team: Bot) -> None:
    reply = team.ask("/practice", "question sat", user=LEAD)
    assert "Every Saturday" in reply and "isn't one of the team's practice days" in reply
    assert "*Team question:* with the quote every Saturday" in team.ask("/practice", "schedule", user=LEAD)
    assert "team question is off" in team.ask("/practice", "question off", user=LEAD)
    assert "*Team question:* off" in team.ask("/practice", "schedule", user=LEAD)
    team.run_until(WEDNESDAY_QUOTE)
    assert not [q for q in quotes(team) if "Team question" in text_of(q.call)]


def test_a_member_cannot_set_the_question_day_and_a_wrong_day_is_explained(team: Bot) -> None:
    assert "lead" in team.ask("/practice", "question wed", user="UDUB").lower()
    assert "isn't one day of the week" in team.ask("/practice", "question someday", user=LEAD)
    assert "Which day" in team.ask("/practice", "question", user=LEAD)
