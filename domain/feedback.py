"""Rules for peer feedback: what `/feedback` asked for, who may receive it, what text is acceptable,
when anonymity is offered and when the week-later follow-up is due. Pure: the caller gathers the facts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.command_text import ParseError, split_leading_mention

MAX_PART_CHARS = 1500  # per part ("keep doing", "do differently"): a few paragraphs, never an essay
MAX_TRY_CHARS = 300  # "What I'll try" is one line
# Fewer people than this and an anonymous giver is easy to guess.
MIN_TEAM_FOR_ANONYMOUS = 5
FOLLOWUP_AFTER = timedelta(days=7)
# The follow-up is sent in the recipient's own civil hours only, never at night.
CIVIL_START = time(9, 0)
CIVIL_END = time(20, 0)

NOT_YOURSELF = (
    "Feedback is for someone else: you can't send it to yourself. Try `/reflect` to look back on your own day."
)
NOT_A_BOT = "That's a bot or an app, so it can't take feedback. Pick a person instead."
NOT_ACTIVE = "That person's account is deactivated, so they can't receive feedback."
NOT_FOUND = "I can't find that person in this workspace. Type @ and pick them from Slack's list."
NO_SHARED_TEAM = "You can only send feedback to someone in one of your practice teams, and you two don't share one."
NOT_IN_A_TEAM = (
    "You're not in a practice team yet, so there's no one to send feedback to. "
    "Ask your team lead to run `/practice start` in your team's channel."
)
EMPTY = "Write what they should keep doing or do differently: at least one of the two."
ANONYMITY_NOT_OFFERED = (
    f"Sending anonymously is only offered when you share a team of at least "
    f"{MIN_TEAM_FOR_ANONYMOUS} people with them; in a smaller team you'd be easy to guess."
)
ANONYMITY_ANY_TEAM = (
    f"Anonymous sending works only for someone who shares a team of at least {MIN_TEAM_FOR_ANONYMOUS} people with you."
)
TRY_EMPTY = "Write one thing you'll try, in a line."


@dataclass(frozen=True)
class FeedbackRequest:
    """What `/feedback ...` asked for: a form (for someone, or with a picker) or feedback given inline."""

    recipient_id: str | None
    text: str = ""

    @property
    def inline(self) -> bool:
        return bool(self.recipient_id and self.text)


@dataclass(frozen=True)
class Recipient:
    """What is known about the person feedback is for, from the cached profile or `users.info`."""

    user_id: str
    found: bool = True
    is_bot: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class SharedTeam:
    team_id: int
    active_members: int


_SLACK_ESCAPE = re.compile(r"<([@#!])([^<>|]*)(?:\|([^<>]*))?>")
_LINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^<>|]*)(?:\|([^<>]*))?>", re.IGNORECASE)


def readable(text: str) -> str:
    """Slash command text as the person typed it: Slack's `<@U1|ann>`, `<!here>` and `&lt;` escapes
    turned back into `@ann`, `@here` and `<`, so stored feedback reads the same from a command or a form."""

    def mention(match: re.Match[str]) -> str:
        sigil, target, label = match.groups()
        if sigil == "!":
            shown = (label or target.split("^")[0]).lstrip("@")
            return f"@{shown}"
        return f"{sigil}{(label or target).lstrip(sigil)}"

    def link(match: re.Match[str]) -> str:
        url, label = match.groups()
        return f"{label} ({url})" if label else url

    text = _LINK.sub(link, _SLACK_ESCAPE.sub(mention, text))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_request(text: str) -> FeedbackRequest | ParseError:
    """`` (picker), `@ann` (form for ann) or `@ann some text` (keep doing, at once)."""
    if not (text or "").strip():
        return FeedbackRequest(None)
    split = split_leading_mention(text)
    if isinstance(split, ParseError):
        return split
    recipient_id, rest = split
    return FeedbackRequest(recipient_id, readable(rest).strip())


def recipient_problem(
    giver_id: str, recipient: Recipient, shared: Sequence[SharedTeam], *, giver_in_a_team: bool = True
) -> str | None:
    """Why feedback can't go to this person, or None. Self first: it needs no lookup."""
    if recipient.user_id == giver_id:
        return NOT_YOURSELF
    if not recipient.found:
        return NOT_FOUND
    if recipient.is_bot:
        return NOT_A_BOT
    if recipient.deleted:
        return NOT_ACTIVE
    if not shared:
        return NO_SHARED_TEAM if giver_in_a_team else NOT_IN_A_TEAM
    return None


def part_problem(text: str | None, label: str) -> str | None:
    stripped = (text or "").strip()
    if len(stripped) > MAX_PART_CHARS:
        return (
            f'"{label}" is {len(stripped):,} characters; it can be up to {MAX_PART_CHARS:,}. '
            "Could you trim it a little?"
        )
    return None


def text_problems(keep_doing: str | None, do_differently: str | None) -> dict[str, str]:
    """Problems keyed by part ("keep", "change"); at least one part must have words."""
    problems = {
        key: problem
        for key, text, label in (("keep", keep_doing, "Keep doing"), ("change", do_differently, "Do differently"))
        if (problem := part_problem(text, label))
    }
    if not (keep_doing or "").strip() and not (do_differently or "").strip():
        problems["keep"] = EMPTY
    return problems


def inline_problem(text: str) -> str | None:
    problems = text_problems(text, None)
    return problems.get("keep")


def try_problem(text: str | None) -> str | None:
    stripped = (text or "").strip()
    if not stripped:
        return TRY_EMPTY
    if len(stripped) > MAX_TRY_CHARS:
        return f"That's {len(stripped):,} characters; keep it to one line of up to {MAX_TRY_CHARS}."
    return None


def anonymity_offered(shared: Sequence[SharedTeam]) -> bool:
    return any(team.active_members >= MIN_TEAM_FOR_ANONYMOUS for team in shared)


def team_for(shared: Sequence[SharedTeam], *, anonymous: bool) -> int:
    """The team the feedback is counted in: for anonymous feedback, one big enough to hide the giver."""
    candidates = [t for t in shared if t.active_members >= MIN_TEAM_FOR_ANONYMOUS] if anonymous else []
    return min(t.team_id for t in (candidates or shared))


def followup_date(tried_at: datetime, now: datetime, tz: ZoneInfo) -> date | None:
    """The local date the follow-up belongs to, once it is due and it is a civil hour for the recipient.

    A week after "What I'll try", at the first civil hour from then. The date is fixed by `tried_at`
    alone, so a retry on a later day (after downtime) keeps the same ledger key and is never sent twice."""
    due = (tried_at + FOLLOWUP_AFTER).astimezone(tz)
    if due.time() >= CIVIL_END:
        due = datetime.combine(due.date() + timedelta(days=1), CIVIL_START, tz)
    elif due.time() < CIVIL_START:
        due = datetime.combine(due.date(), CIVIL_START, tz)
    local = now.astimezone(tz)
    if local < due or not CIVIL_START <= local.time() < CIVIL_END:
        return None
    return due.date()
