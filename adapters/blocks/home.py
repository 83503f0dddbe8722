"""Block Kit for a person's App Home."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from adapters import ids
from adapters.blocks import focus as focus_blocks
from adapters.blocks.common import context, quoted, section
from adapters.blocks.reflect import answer_button
from domain.home import DrillHome, DrillSkill, FeedbackSeen, HomeData, LedTeam, PeerCounts
from domain.skills import SKILLS, is_skill, skill
from domain.summary import percent
from domain.text import clip, counted

# --- App Home, self-rating and feedback partners ---
HOME_FEEDBACK_CLIP = 300
HOME_TEAMS_SHOWN = 10


def _open_prompt_block(data: HomeData) -> SectionBlock:
    if data.open_prompt is None or data.open_delivery_id is None:
        return section("*No open prompt right now.* `/reflect` gives you a fresh one whenever you like.")
    text = f"*Open prompt · {skill(data.open_prompt.skill).name}*\n{quoted(data.open_prompt.text)}"
    return SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)), accessory=answer_button(data.open_delivery_id))


def _skills_block(counts: dict[str, int]) -> SectionBlock:
    fields = [MarkdownTextObject(text=f"{s.name}\n*{counts.get(s.key, 0)}*") for s in SKILLS]
    return SectionBlock(text=MarkdownTextObject(text="*Skills practised* · last 8 weeks"), fields=fields)


def _drill_blocks(drills: DrillHome | None) -> list[Block]:
    """Your own drills only: this month's, the reviews due, and per skill how first tries went."""
    if drills is None or not drills.started:
        return [context("*Drills:* `/drill` puts a customer's message in front of you: what would you send first?")]
    fields = []
    for item in SKILLS:
        counts = drills.skills.get(item.key, DrillSkill())
        if not (counts.first_tries or counts.retired):
            continue
        accuracy = (
            f"{counts.first_best}/{counts.first_tries} right first try ({percent(counts.accuracy)})"
            if counts.accuracy is not None
            else "no first tries yet"
        )
        fields.append(
            MarkdownTextObject(text=f"{item.name}\n{accuracy} · {counts.retired} of {counts.in_bank} retired")
        )
    head = (
        f"*Drills* · {counted(drills.done_this_month, 'drill')} this month · "
        f"{counted(drills.reviews_due, 'review')} due (`/drill`)"
    )
    if drills.written_this_month:
        head += (
            f"\n{counted(drills.written_this_month, 'reply', 'replies')} written this month, "
            f"{drills.self_reviewed_this_month} checked against a strong reply (`/drill write`)"
        )
    if drills.reviews_given or drills.reviews_received:
        head += f"\nPeer reviews this month: {drills.reviews_given} given, {drills.reviews_received} received"
    if drills.calibrations:
        head += f"\nCalibration rounds you rated this month: {drills.calibrations}"
    return [SectionBlock(text=MarkdownTextObject(text=head), fields=fields or None)]


def _peer_words(counts: PeerCounts | None) -> str:
    if counts is None or counts.total == 0:
        return "no feedback yet"
    notes = counted(counts.total, "piece of feedback", "pieces of feedback")
    return f"{notes} ({counts.keep_doing} keep doing, {counts.do_differently} do differently)"


def _ratings_block(data: HomeData) -> SectionBlock:
    lines = ["*How you rate yourself, beside what peers say* · peers: last 8 weeks"]
    for s in SKILLS:
        mine = f"you {data.ratings[s.key]}/5" if s.key in data.ratings else "not rated yet"
        lines.append(f"• *{s.name}*: {mine} · peers: {_peer_words(data.peers.get(s.key))}")
    return section("\n".join(lines))


def _feedback_block(item: FeedbackSeen) -> SectionBlock:
    name = skill(item.skill).name if item.skill and is_skill(item.skill) else "Feedback"
    who = f"<@{item.giver_id}>" if item.giver_id else "a teammate"
    parts = [f"*{name}* · from {who} · {item.created_at:%-d %b}"]
    if item.keep_doing:
        parts.append(f"_Keep doing_\n{quoted(clip(item.keep_doing, HOME_FEEDBACK_CLIP))}")
    if item.do_differently:
        parts.append(f"_Do differently_\n{quoted(clip(item.do_differently, HOME_FEEDBACK_CLIP))}")
    return section("\n".join(parts))


def _pause_blocks(paused: bool) -> list[Block]:
    button = ButtonElement(
        text="Resume my prompts" if paused else "Pause my prompts",
        action_id=ids.HOME_PAUSE,
        value="resume" if paused else "pause",
    )
    note = (
        "Your prompts are paused. Your team carries on without you until you resume."
        if paused
        else "Pausing stops only your own prompts; your team carries on."
    )
    return [ActionsBlock(elements=[button]), context(note)]


def _team_blocks(teams: Sequence[LedTeam], more: int) -> list[Block]:
    if not teams:
        return []
    body: list[Block] = [HeaderBlock(text="Your teams")]
    for team in teams:
        members = f"{team.members} member{'s' if team.members != 1 else ''}"
        body.append(
            SectionBlock(
                text=MarkdownTextObject(text=f"<#{team.channel_id}> · {members} · {team.status}"),
                accessory=ButtonElement(
                    text="This week's summary", action_id=ids.HOME_SUMMARY, value=str(team.team_id)
                ),
            )
        )
    if more:
        body.append(context(f"…and {more} more teams: run `/summary` in a team's channel."))
    return body


def home_view(data: HomeData) -> dict:
    """The personal App Home: about 30 blocks at most, well inside Slack's 100."""
    if not data.in_team:
        body: list[Block] = [
            HeaderBlock(text="Welcome to Practice Coach"),
            section(
                "You're not in a practice team yet. Practice Coach sends a short reflection prompt on "
                "practice days, a quote of the day, and lets teammates give each other feedback.\n"
                "*To join:* ask your team lead to run `/practice start` in your team's channel, or to add "
                "you to that channel if it is already a team. Then this tab shows your streak, the skills "
                "you practised and the feedback you received."
            ),
        ]
    else:
        body = [
            HeaderBlock(text="Your practice"),
            _open_prompt_block(data),
            section(f"*Streak:* {data.streak} practice day{'s' if data.streak != 1 else ''} in a row"),
            context("Days off (yours or the team's) neither break nor extend a streak."),
            focus_blocks.home_block(data.focus),
            _skills_block(data.skills),
            *_drill_blocks(data.drills),
            _ratings_block(data),
            context("You rate yourself now and then when you answer a prompt; only you see your ratings."),
            HeaderBlock(text="Recent feedback received"),
        ]
        body += [_feedback_block(f) for f in data.feedback] or [section("No feedback yet.")]
        body += _pause_blocks(data.paused)
    body += _team_blocks(data.teams, data.more_teams)
    view = View(type="home", blocks=body)
    view.validate_json()
    return view.to_dict()
