"""Every command and form, fed the inputs people really send by mistake (or on purpose): each gets a clear
answer, nothing in it pings anyone, and nothing crashes. The same cases make the "Bad input" table of
docs/commands.md.

A person from another workspace: a mention Slack's users.info doesn't know (`<@W0OTHER|x>`) is "not found";
one users.info says belongs to another workspace (UOTHER, team T0OTHER) can't be made a lead and can't be
given feedback (they share no practice team with anyone here)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import select

from adapters import ids
from storage.models import Answer, Delivery, Feedback
from tests.fakes.slack_api import FakeSlackAPI
from tests.feedback_helpers import form_values
from tests.harness import LEAD, TEAM_CHANNEL, Bot, eventually, text_of

COMMANDS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "commands.md"
LONG = "x" * 5000
EMOJI = "🙂🎧✨ 👍🏽"
RTL = "شكرا لك على صبرك"
SQL = "'; DROP TABLE answer; --"
FORM_OPENS = "(the form opens)"


@dataclass(frozen=True)
class Case:
    kind: str  # what sort of bad input, for the table in docs/commands.md
    where: str  # a slash command, or one of the forms below
    text: str  # what is sent
    answer: str  # words the person sees; "…" stands for whatever of the input the answer repeats
    shown: str = ""  # how the table shows the input, when `text` is too long or odd to print
    never: str = ""  # something typed that must not come back live (a mention that would ping)

    @property
    def label(self) -> str:
        return self.shown or self.text


ANSWER_FORM, FEEDBACK_FORM, TRY_FORM = "answer form", "feedback form", "what-I'll-try form"
NOT_A_PERSON = (
    "That isn't a person: mention one person, like …. "
    "Type @ and pick the person from Slack's list, so it turns into a mention."
)
PLAIN_MENTION = '"…" came through as plain text, not a mention. Type @ and pick the person from Slack\'s list'
UNKNOWN = 'I don\'t know "…". Send `/practice help` to see everything I can do.'
SAVED = "your answer. Only you can see it."
FEEDBACK_SENT = "Your feedback is on its way to <@UNY>."
NOT_A_WEEK = "I can't read “…” as a week. Try `/summary` (this week so far), `/summary last`, or an ISO week"
TOO_LONG_ANSWER = "That's 5,000 characters; answers can be up to 3,000."
TOO_LONG_FEEDBACK = '"Keep doing" is 5,000 characters; it can be up to 1,500.'
NO_SHARED_TEAM = "you two don't share one."
NOT_FOUND = "I can't find that person in this workspace."

CASES: tuple[Case, ...] = (
    # /practice (the lead, in the team channel)
    Case("empty", "/practice", "", "Practice Coach help", shown="(nothing)"),
    Case("whitespace", "/practice", "   \n\t ", "Practice Coach help", shown="(spaces, a tab, a newline)"),
    Case("5,000 characters", "/practice", LONG, UNKNOWN, shown="5,000 × x"),
    Case("emoji", "/practice", EMOJI, UNKNOWN),
    Case("right-to-left text", "/practice", RTL, UNKNOWN),
    Case("broadcast injection", "/practice", "<!channel> <!here>", UNKNOWN, never="<!"),
    Case("mention injection", "/practice", "<@UIN|ishan>", UNKNOWN, never="<@UIN"),
    Case("SQL-looking text", "/practice", SQL, UNKNOWN),
    Case("unknown subcommand", "/practice", "dance", 'I don\'t know "dance". Send `/practice help` to see everything'),
    Case(
        "time 25:99",
        "/practice",
        "schedule prompt 25:99",
        '"25:99" isn\'t a time I understand. Use 24-hour HH:MM, like 09:30.',
    ),
    Case(
        "unknown time zone",
        "/practice",
        "schedule tz Mars/Olympus",
        '"Mars/Olympus" isn\'t a time zone I know. Use an IANA name like Europe/Dublin or America/New_York.',
    ),
    Case(
        "impossible date",
        "/practice",
        "away until 2026-02-30",
        '"2026-02-30" isn\'t a real date. Use YYYY-MM-DD, like 2026-12-24.',
    ),
    Case("malformed mention", "/practice", "lead add <@>", NOT_A_PERSON),
    Case("malformed mention", "/practice", "lead add <@U123", NOT_A_PERSON),
    Case("malformed mention", "/practice", "lead add @nobody", PLAIN_MENTION),
    Case("unknown user id", "/practice", "lead add <@W0OTHER|x>", "I couldn't find that person in this workspace."),
    Case(
        "user of another workspace",
        "/practice",
        "lead add <@UOTHER|x>",
        "That person belongs to another workspace. A team's leads must be in this one.",
    ),
    # /reflect (a member, in their DM with the bot)
    Case("empty", "/reflect", "", FORM_OPENS, shown="(nothing)"),
    Case("whitespace", "/reflect", "   \n ", FORM_OPENS, shown="(spaces, a newline)"),
    Case("5,000 characters", "/reflect", LONG, TOO_LONG_ANSWER, shown="5,000 × x"),
    Case("emoji", "/reflect", EMOJI, SAVED),
    Case("right-to-left text", "/reflect", RTL, SAVED),
    Case("broadcast injection", "/reflect", "<!channel> listen first", SAVED, never="<!"),
    Case("mention injection", "/reflect", "<@UIN|ishan> helped me", SAVED, never="<@UIN"),
    Case("SQL-looking text", "/reflect", SQL, SAVED),
    # /feedback (a member)
    Case("empty", "/feedback", "", FORM_OPENS, shown="(nothing)"),
    Case("whitespace", "/feedback", "  \t ", FORM_OPENS, shown="(spaces, a tab)"),
    Case("5,000 characters", "/feedback", f"<@UNY|nia> {LONG}", TOO_LONG_FEEDBACK, shown="@nia + 5,000 × x"),
    Case(
        "5,000 characters", "/feedback", LONG, '"…" isn\'t a person. Mention one person, like @ann.', shown="5,000 × x"
    ),
    Case("emoji", "/feedback", f"<@UNY|nia> {EMOJI}", FEEDBACK_SENT, shown=f"@nia {EMOJI}"),
    Case("right-to-left text", "/feedback", f"<@UNY|nia> {RTL}", FEEDBACK_SENT, shown=f"@nia {RTL}"),
    Case(
        "broadcast injection",
        "/feedback",
        "<@UNY|nia> <!channel> you rock",
        FEEDBACK_SENT,
        shown="@nia <!channel> you rock",
        never="<!",
    ),
    Case(
        "mention injection",
        "/feedback",
        "<@UNY|nia> thanks to <@UIN|ishan>",
        FEEDBACK_SENT,
        shown="@nia thanks to <@UIN|ishan>",
        never="<@UIN",
    ),
    Case("SQL-looking text", "/feedback", f"<@UNY|nia> {SQL}", FEEDBACK_SENT, shown=f"@nia {SQL}"),
    Case("broadcast instead of a person", "/feedback", "<!channel> great job", NOT_A_PERSON, never="<!"),
    Case("malformed mention", "/feedback", "<@> thanks", NOT_A_PERSON),
    Case("malformed mention", "/feedback", "<@U123 thanks", NOT_A_PERSON),
    Case("malformed mention", "/feedback", "@nobody thanks", PLAIN_MENTION),
    Case("unknown user id", "/feedback", "<@W0OTHER|x> thanks", NOT_FOUND),
    Case("user of another workspace", "/feedback", "<@UOTHER|x> thanks", NO_SHARED_TEAM),
    Case("unknown subcommand", "/feedback", "dance", '"dance" isn\'t a person. Mention one person, like @ann.'),
    # /summary (the lead, in the team channel)
    Case("empty", "/summary", "", "Weekly summary · 2026-W48", shown="(nothing)"),
    Case("whitespace", "/summary", "   ", "Weekly summary · 2026-W48", shown="(spaces)"),
    Case("5,000 characters", "/summary", LONG, NOT_A_WEEK, shown="5,000 × x"),
    Case("emoji", "/summary", EMOJI, NOT_A_WEEK),
    Case("right-to-left text", "/summary", RTL, NOT_A_WEEK),
    Case("broadcast injection", "/summary", "<!channel>", NOT_A_WEEK, never="<!"),
    Case("mention injection", "/summary", "<@UIN|ishan>", NOT_A_WEEK, never="<@UIN"),
    Case("SQL-looking text", "/summary", SQL, NOT_A_WEEK),
    Case("week 2026-W60", "/summary", "2026-W60", "2026 has no week 60: its ISO weeks run from W01 to W53."),
    Case("year out of range", "/summary", "1999-W10", "1999 is out of range."),
    Case("unknown subcommand", "/summary", "dance", NOT_A_WEEK),
    # the forms
    Case("empty", ANSWER_FORM, "", "Write a sentence or two first: even a short answer counts.", shown="(nothing)"),
    Case("whitespace", ANSWER_FORM, " \n ", "Write a sentence or two first", shown="(spaces, a newline)"),
    Case("5,000 characters", ANSWER_FORM, LONG, TOO_LONG_ANSWER, shown="5,000 × x"),
    Case("broadcast injection", ANSWER_FORM, "<!channel> I listened", SAVED, never="<!"),
    Case("SQL-looking text", ANSWER_FORM, SQL, SAVED),
    Case(
        "empty",
        FEEDBACK_FORM,
        "",
        "Write what they should keep doing or do differently: at least one of the two.",
        shown="(nothing)",
    ),
    Case("whitespace", FEEDBACK_FORM, "  ", "Write what they should keep doing", shown="(spaces)"),
    Case("5,000 characters", FEEDBACK_FORM, LONG, TOO_LONG_FEEDBACK, shown="5,000 × x"),
    Case("broadcast injection", FEEDBACK_FORM, "<!here> kind words", FEEDBACK_SENT, never="<!"),
    Case("empty", TRY_FORM, "", "Write one thing you'll try, in a line.", shown="(nothing)"),
    Case(
        "5,000 characters",
        TRY_FORM,
        LONG,
        "That's 5,000 characters; keep it to one line of up to 300.",
        shown="5,000 × x",
    ),
)

# Who sends each, and from where.
SENDERS = {
    "/practice": (LEAD, TEAM_CHANNEL),
    "/summary": (LEAD, TEAM_CHANNEL),
    "/reflect": ("UDUB", "DUDUB"),
    "/feedback": ("UDUB", TEAM_CHANNEL),
}


def shows(answer: str, expected: str) -> bool:
    """The expected words, in order, around the parts marked "…"."""
    at = 0
    for part in expected.split("…"):
        at = answer.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def answer_to_command(bot: Bot, case: Case) -> str:
    user, channel = SENDERS[case.where]
    trigger = bot.command(case.where, case.text, user=user, channel=channel)
    key = trigger.removeprefix("trig-")
    found: list[str] = []

    def answered() -> bool:
        replies = [c for c in bot.slack.calls_to("response_url") if c.params.get("_key") == key]
        forms = [c for c in bot.slack.calls_to("views.open") if c.params.get("trigger_id") == trigger]
        found[:] = [text_of(c) for c in replies] or ([FORM_OPENS] if forms else [])
        return bool(found)

    eventually(answered, timeout=10)
    return "\n".join(found)


def answer_to_form(bot: Bot, case: Case) -> str:
    user = "UNY" if case.where == TRY_FORM else "UDUB"
    before = len([c for c in bot.slack.calls_to("chat.postMessage") if c.params.get("channel") == user])
    if case.where == ANSWER_FORM:
        values = {ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: case.text}}
        response = bot.requests.view_submission(
            user_id=user,
            callback_id=ids.ANSWER_MODAL,
            values=values,
            private_metadata=json.dumps({"delivery_id": open_prompt(bot)}),
        )
    elif case.where == FEEDBACK_FORM:
        response = bot.requests.view_submission(
            user_id=user, callback_id=ids.FEEDBACK_MODAL, values=form_values(recipient="UNY", keep=case.text)
        )
    else:
        values = {ids.FEEDBACK_TRY_BLOCK: {ids.FEEDBACK_TEXT_INPUT: case.text}}
        response = bot.requests.view_submission(
            user_id=user,
            callback_id=ids.FEEDBACK_TRY_MODAL,
            values=values,
            private_metadata=json.dumps({"feedback_id": a_feedback_id(bot)}),
        )
    assert response.status == 200
    errors = (response.json() or {}).get("errors")
    if errors:
        return "\n".join(errors.values())
    dm = bot.slack.wait_for("chat.postMessage", lambda c: c.params.get("channel") == user, count=before + 1)
    return text_of(dm[before])


def open_prompt(bot: Bot) -> int:
    prompts = [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if c.params.get("channel") == "UDUB" and c.params.get("metadata")
    ]
    if prompts:
        return prompts[-1].params["metadata"]["event_payload"]["delivery_id"]
    bot.ask("/reflect", "A first answer.", user="UDUB", channel="DUDUB")  # issues a prompt and answers it
    with bot.deps.sessions() as session:
        row = session.exec(select(Delivery).where(Delivery.recipient == "UDUB")).first()
        assert row is not None and row.id is not None
        return row.id


def a_feedback_id(bot: Bot) -> int:
    with bot.deps.sessions() as session:
        row = session.exec(select(Feedback).where(Feedback.recipient_id == "UNY")).first()
    if row is None:
        assert FEEDBACK_SENT in bot.ask("/feedback", "<@UNY|nia> Thanks for covering.", user="UDUB")
        return a_feedback_id(bot)
    assert row.id is not None
    return row.id


@pytest.fixture
def workspace(team: Bot, slack: FakeSlackAPI) -> Bot:
    """The usual team on the Wednesday of week 2026-W48, and someone from another workspace."""
    slack.add_user("UOTHER", name="olga", tz="Europe/Dublin", team_id="T0OTHER")
    team.clock.set(team.clock.now().replace(day=25, hour=12))
    return team


@pytest.mark.parametrize("where", sorted({c.where for c in CASES}))
def test_every_bad_input_gets_a_clear_answer_that_pings_nobody(workspace: Bot, where: str) -> None:
    wrong = []
    for case in (c for c in CASES if c.where == where):
        answer = answer_to_command(workspace, case) if where.startswith("/") else answer_to_form(workspace, case)
        if not shows(answer, case.answer) or (case.never and case.never in answer) or "<!" in answer:
            wrong.append(f"{case.where} {case.label[:60]!r}: expected {case.answer!r}, got {answer[:300]!r}")
    assert wrong == []
    if where == "/reflect":
        with workspace.deps.sessions() as session:  # the SQL-looking text was stored as text, nothing more
            assert SQL in [a.text for a in session.exec(select(Answer))]


# --- the table in docs/commands.md ------------------------------------------------------------------------------


def _cell(text: str) -> str:
    one_line = re.sub(r"\s+", " ", text).strip()
    return one_line.replace("|", "\\|")


def cases_table() -> str:
    lines = ["| input | where | what the person sees |", "|---|---|---|"]
    for case in CASES:
        described = case.shown.startswith("(") or "×" in case.shown
        shown = _cell(case.label) if described else f"`{_cell(case.label)}`"
        lines.append(f"| {case.kind}: {shown} | {case.where} | {_cell(case.answer)} |")
    return "\n".join(lines)


def test_the_bad_input_table_in_docs_is_these_cases() -> None:
    text = COMMANDS_PAGE.read_text(encoding="utf-8")
    section = text.split("## Bad input", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == cases_table(), "docs/commands.md's table is stale; replace it with:\n" + cases_table()


if __name__ == "__main__":  # `python -m tests.handlers.test_bad_input` prints the table for docs/commands.md
    print(cases_table())
