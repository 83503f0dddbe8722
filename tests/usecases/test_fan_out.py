"""A big team: the directory is read with the fewest slow calls, and a fan-out posts many people at once
while still sending each person exactly one prompt."""

from __future__ import annotations

from sqlmodel import select

from adapters import ids
from adapters.blocks import reflect as blocks
from adapters.blocks.common import Message
from domain.content import Prompt
from storage.models import Delivery, Person
from tests.delivered import ledgered_in_dms
from tests.fakes.slack_api import Call, FakeSlackAPI
from tests.harness import LEAD, TEAM_CHANNEL, Bot
from usecases import ledger

LATENCY = 0.05  # seconds the fake takes per call, so calls made together overlap visibly


def big_team(slack: FakeSlackAPI, size: int) -> list[str]:
    people = [f"UB{n:04d}" for n in range(size - 1)]
    for user_id in people:
        slack.add_user(user_id, tz="Europe/Dublin")
    slack.add_channel(TEAM_CHANNEL, name="support-team", members=(LEAD, *people, "UBOT"))
    return [LEAD, *people]


def most_in_flight(calls: list[Call], held: float) -> int:
    """The most calls Slack was answering at once: each is held at least `held` seconds after it arrives."""
    return max(sum(1 for other in calls if call.at <= other.at < call.at + held) for call in calls)


def test_starting_a_team_of_450_pages_users_list_alongside_the_member_pages(bot: Bot, slack: FakeSlackAPI) -> None:
    people = big_team(slack, 450)
    slack.latency = LATENCY

    assert "450 members" in bot.ask("/practice", "start", user=LEAD)

    member_pages, user_pages = slack.calls_to("conversations.members"), slack.calls_to("users.list")
    assert len(member_pages) == 3 and len(user_pages) == 3
    assert user_pages[0].at < member_pages[-1].at  # users.list (Tier 2, the slow one) did not wait for them
    assert not slack.calls_to("users.info")
    with bot.deps.sessions() as session:
        saved = {p.user_id: p.timezone for p in session.exec(select(Person))}
    assert {user_id: saved.get(user_id) for user_id in people} == dict.fromkeys(people, "Europe/Dublin")


def test_practice_now_for_120_people_posts_several_at_once_and_each_person_once(bot: Bot, slack: FakeSlackAPI) -> None:
    people = big_team(slack, 120)
    bot.ask("/practice", "start", user=LEAD)
    slack.reset_calls()
    slack.latency = LATENCY

    bot.command("/practice", "now", user=LEAD)
    (reply,) = slack.wait_for("response_url", timeout=30)

    assert reply.params["text"] == "Sent today's prompt to 120 members and the quote of the day to this channel."
    prompts = [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] != TEAM_CHANNEL]
    assert 2 <= most_in_flight(prompts, LATENCY) <= ledger.POST_WORKERS
    assert ledgered_in_dms(slack, people) == dict.fromkeys(people, 1)
    with bot.deps.sessions() as session:
        rows = session.exec(select(Delivery).where(Delivery.kind == "prompt")).all()
    assert len(rows) == 120 and {r.status for r in rows} == {"sent"}


def test_a_second_practice_now_sends_nobody_anything_new(bot: Bot, slack: FakeSlackAPI) -> None:
    big_team(slack, 120)
    bot.ask("/practice", "start", user=LEAD)
    bot.ask("/practice", "now", user=LEAD)
    posted = len(slack.calls_to("chat.postMessage"))

    reply = bot.ask("/practice", "now", user=LEAD)

    assert reply.startswith("Today's prompts and quote have already gone out, so I sent nothing more.")
    assert len(slack.calls_to("chat.postMessage")) == posted


def test_prompts_built_from_one_template_each_carry_their_own_answer_button() -> None:
    prompt = Prompt("p-cached", "empathy", "What did they need to hear first?")
    first = blocks.prompt_message(prompt, 101)
    second = blocks.prompt_message(prompt, 202)

    def button_values(message: Message) -> list[str]:
        elements = [e for b in message.blocks for e in b.get("elements", [])]
        return [e["value"] for e in elements if e.get("action_id") == ids.ANSWER_OPEN]

    assert button_values(first) == ["101"] and button_values(second) == ["202"]
    assert first.blocks[:2] == second.blocks[:2] and first.blocks[0] is not second.blocks[0]
