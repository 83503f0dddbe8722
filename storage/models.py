"""SQLModel tables. Times are stored in UTC; local dates are stored as the recipient's local calendar date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from domain.drills import DrillMode
from domain.ledger import DeliveryStatus
from domain.schedule import TeamStatus


def _utc_column(nullable: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


class Team(SQLModel, table=True):
    __table_args__ = (
        # Only the flagged teams are in it: the tick's "anything to plan?" is a probe of an almost empty index.
        Index("ix_team_replan", "replan", postgresql_where=text("replan"), sqlite_where=text("replan")),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel_id: str = Field(unique=True, index=True, max_length=32)
    workspace_id: str = Field(default="", max_length=32)
    created_by: str = Field(max_length=32)
    status: str = Field(default=TeamStatus.ACTIVE, max_length=16)  # a TeamStatus
    days: str = Field(default="0,1,2,3,4", max_length=16)
    prompt_time: str = Field(default="09:30", max_length=5)
    quote_time: str = Field(default="09:00", max_length=5)
    reminder_time: str = Field(default="15:00", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)
    created_at: datetime = Field(sa_column=_utc_column())
    members_synced_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True, index=True)
    )
    summary_time: str = Field(default="08:30", max_length=5)  # Monday, team-local: last week's summary to leads
    pairing_enabled: bool = False
    retention_days: int | None = Field(default=None, index=True)  # answers older than this are deleted; None keeps them
    question_day: int | None = None  # team-local weekday (0 Monday) whose quote comes with a team question; None: off
    drill_days: str | None = Field(default=None, max_length=16)  # weekdays whose practice DM is a drill ("0,2,4")
    write_day: int | None = None  # the weekday whose practice DM asks for a written first reply; None: off
    calibration_day: int | None = None  # team-local weekday a calibration round starts at the quote time; None: off
    calibration_by: str | None = Field(default=None, max_length=32)  # the lead who set it: the agreement goes to them
    # Something its sends' next moments depend on changed (schedule, members, their preferences or time
    # zones, holidays, status): the tick recomputes the team's NextSend rows, then clears the flag.
    replan: bool = True


class TeamMember(SQLModel, table=True):
    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    user_id: str = Field(primary_key=True, max_length=32, index=True)
    active: bool = True


class TeamLead(SQLModel, table=True):
    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    user_id: str = Field(primary_key=True, max_length=32)
    added_by: str = Field(max_length=32)


class TeamHoliday(SQLModel, table=True):
    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    day: date = Field(primary_key=True)


class Person(SQLModel, table=True):
    """A Slack user's cached profile (time zone) and their own practice preferences across teams."""

    user_id: str = Field(primary_key=True, max_length=32)
    timezone: str | None = Field(default=None, max_length=64)
    is_bot: bool = False
    deleted: bool = False
    profile_refreshed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    own_time: str | None = Field(default=None, max_length=5)
    own_days: str | None = Field(default=None, max_length=16)
    away_until: date | None = None
    paused: bool = False
    reminders: bool = True
    # When the bot last said, in the DM, that a message there had no open prompt to answer: at most once a day,
    # so a conversation never turns into a loop of replies.
    dm_hint_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    lessons: bool = True  # reflections marked worth remembering come back; "Stop these" turns it off


class Delivery(SQLModel, table=True):
    """The ledger: claimed before the Web API call, confirmed after, so nothing is ever sent twice. Its kinds,
    statuses and what `slot` and `item_id` hold per kind: domain/ledger.py."""

    __table_args__ = (
        UniqueConstraint("recipient", "kind", "local_date", "slot", name="uq_delivery_key"),
        Index("ix_delivery_team_date", "team_id", "local_date"),
        # Covers a person's sent prompts over a range of days, id included, so the summary's streaks walk it
        # without reading the table (storage.summary_queries.streaks).
        Index("ix_delivery_prompt_walk", "recipient", "kind", "status", "local_date", "slot", "id"),
        # The claims still open, few at any size: what a process's lease check looks through every few seconds.
        Index("ix_delivery_status_claimed", "status", "claimed_at"),
        # A reply in a thread names its parent message only by channel and ts.
        Index("ix_delivery_channel_ts", "channel", "ts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    recipient: str = Field(max_length=32)
    kind: str = Field(max_length=16)  # a DeliveryKind; domain/ledger.py says what slot and item_id hold per kind
    local_date: date
    slot: int = 0
    status: str = Field(default=DeliveryStatus.CLAIMED, max_length=16)  # a DeliveryStatus
    item_id: str | None = Field(default=None, max_length=64)
    skill: str | None = Field(default=None, max_length=32)
    channel: str | None = Field(default=None, max_length=32)
    ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    error: str | None = Field(default=None, max_length=200)
    claimed_at: datetime = Field(sa_column=_utc_column())
    claimed_by: str | None = Field(default=None, max_length=32)  # the Worker lease of the process that claimed it
    sent_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class NextSend(SQLModel, table=True):
    """When each scheduled send is next due, in UTC: the tick reads only the rows whose moment has come, so a
    quiet minute costs the same at any size. Rows are derived from the schedule (domain/schedule.next_sends)
    and rebuilt per team when its Team.replan is set; the delivery ledger still decides what is sent."""

    __tablename__ = "next_send"
    __table_args__ = (Index("ix_next_send_due_at", "due_at"),)

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    kind: str = Field(primary_key=True, max_length=16)  # a DeliveryKind: quote, prompt, reminder or summary
    recipient: str = Field(primary_key=True, max_length=32)  # a member, or the team's channel
    local_date: date  # the recipient's day this occurrence belongs to (the ledger key's date)
    due_at: datetime = Field(sa_column=_utc_column())
    until: datetime = Field(sa_column=_utc_column())  # the end of its catch-up window


class Worker(SQLModel, table=True):
    """A running process's lease, renewed every few seconds: its claims and fan-outs are its own while the lease
    is fresh, and anyone's once it lapses or is ended. Host and pid are for operators."""

    id: str = Field(primary_key=True, max_length=32)
    host: str = Field(default="", max_length=255)
    pid: int = 0
    started_at: datetime = Field(sa_column=_utc_column())
    renewed_at: datetime = Field(sa_column=_utc_column())


class FanOut(SQLModel, table=True):
    """A fan-out someone asked for (a lead's `/practice now`), written before its first post so that whichever
    process is alive finishes it; `owner` is the Worker running it, `finished_at` set when it is done."""

    __table_args__ = (Index("ix_fanout_unfinished", "finished_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)  # a FanOutKind
    requested_by: str = Field(max_length=32)
    requested_at: datetime = Field(sa_column=_utc_column())
    owner: str | None = Field(default=None, max_length=32)
    finished_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class Answer(SQLModel, table=True):
    __table_args__ = (
        Index("ix_answer_team_created", "team_id", "created_at"),
        # An answer typed as a DM message is found again by that message when it is edited or deleted; a
        # retried event finds it saved already.
        UniqueConstraint("user_id", "message_ts", name="uq_answer_message"),
        # Only the answers marked worth remembering: what a tick reads for the people whose prompt time came.
        Index("ix_answer_remembered", "user_id", postgresql_where=text("remember"), sqlite_where=text("remember")),
    )

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: int = Field(foreign_key="delivery.id", unique=True, ondelete="CASCADE")
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    user_id: str = Field(max_length=32, index=True)
    prompt_id: str = Field(max_length=64)
    skill: str = Field(max_length=32)
    text: str = Field(sa_column=Column(Text, nullable=False))
    visibility: str = Field(default="private", max_length=16)  # private | lead | team
    created_at: datetime = Field(sa_column=_utc_column())
    updated_at: datetime = Field(sa_column=_utc_column())
    message_ts: str | None = Field(default=None, max_length=32)  # the DM message it was typed as; None: a form
    remember: bool = False  # "worth remembering": it comes back to its writer 3, 10 and 30 days later


class LessonReply(SQLModel, table=True):
    """What someone said when a lesson came back (a LESSON delivery): used it, not yet, or stop. Counted as
    practice of the lesson's skill; the lesson's words stay in the answer it came from."""

    __tablename__ = "lesson_reply"
    __table_args__ = (
        Index("ix_lesson_reply_user_replied", "user_id", "replied_at"),
        Index("ix_lesson_reply_team_replied", "team_id", "replied_at"),
    )

    delivery_id: int = Field(foreign_key="delivery.id", primary_key=True, ondelete="CASCADE")
    user_id: str = Field(max_length=32)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    skill: str = Field(max_length=32)
    response: str = Field(max_length=16)  # a LessonResponse
    replied_at: datetime = Field(sa_column=_utc_column())


class TeamQuestionPost(SQLModel, table=True):
    """The team question a quote delivery carries: chosen when the quote is claimed, so a retried send asks the
    same question."""

    __tablename__ = "team_question"
    __table_args__ = (Index("ix_team_question_team_date", "team_id", "local_date"),)

    delivery_id: int = Field(foreign_key="delivery.id", primary_key=True, ondelete="CASCADE")
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    question_id: str = Field(max_length=64)
    skill: str = Field(max_length=32)
    local_date: date


class TeamReply(SQLModel, table=True):
    """Someone replied in a team question's thread: counted as practice of its skill. The words stay in Slack,
    where the thread shows them; only who replied and when is kept."""

    __tablename__ = "team_reply"
    __table_args__ = (
        UniqueConstraint("delivery_id", "message_ts", name="uq_team_reply_message"),
        Index("ix_team_reply_team_created", "team_id", "created_at"),
        Index("ix_team_reply_user_created", "user_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: int = Field(foreign_key="team_question.delivery_id", ondelete="CASCADE")
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    user_id: str = Field(max_length=32)
    skill: str = Field(max_length=32)
    message_ts: str = Field(max_length=32)
    created_at: datetime = Field(sa_column=_utc_column())


class RetiredItem(SQLModel, table=True):
    """A retired bank id whose rows have been pointed at its replacement, so start-up does that only once."""

    __tablename__ = "retired_item"

    bank: str = Field(primary_key=True, max_length=32)
    item_id: str = Field(primary_key=True, max_length=64)
    replaced_by: str = Field(max_length=64)
    handled_at: datetime = Field(sa_column=_utc_column())


class DrillCard(SQLModel, table=True):
    """Where one person stands with one drill: its Leitner box and when it falls due (their local date)."""

    __tablename__ = "drill_card"
    __table_args__ = (Index("ix_drill_card_user_due", "user_id", "due_on"),)

    user_id: str = Field(primary_key=True, max_length=32)
    drill_id: str = Field(primary_key=True, max_length=64)
    skill: str = Field(max_length=32)
    box: int
    due_on: date
    retired: bool = False
    answered_at: datetime = Field(sa_column=_utc_column())


class DrillRound(SQLModel, table=True):
    """One drill put in front of one person, answered at most once: the message's buttons carry its id."""

    __tablename__ = "drill_round"
    __table_args__ = (
        Index("ix_drill_round_user_answered", "user_id", "answered_at"),
        Index("ix_drill_round_team_answered", "team_id", "answered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=32)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    # The day's practice DM when a drill day's prompt is this drill; None for one asked for with /drill.
    delivery_id: int | None = Field(default=None, foreign_key="delivery.id", unique=True, ondelete="CASCADE")
    drill_id: str = Field(max_length=64)
    skill: str = Field(max_length=32)
    local_date: date
    sent_at: datetime = Field(sa_column=_utc_column())
    review: bool = False  # the drill had been answered before (a review), or it was new to them
    mode: str = Field(default=DrillMode.CHOOSE, max_length=8)  # a DrillMode: written rounds never move a card
    choice: int | None = None  # the chosen option's place in the bank's order
    confidence: str | None = Field(default=None, max_length=16)  # a Confidence
    best: bool | None = None
    answered_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class DrillWriting(SQLModel, table=True):
    """A first reply someone wrote to a drill's customer, and the strong-reply checks they ticked for it."""

    __tablename__ = "drill_writing"
    __table_args__ = (
        Index("ix_drill_writing_user_created", "user_id", "created_at"),
        Index("ix_drill_writing_team_created", "team_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=32)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    drill_id: str = Field(max_length=64)
    skill: str = Field(max_length=32)
    text: str = Field(sa_column=Column(Text, nullable=False))
    local_date: date
    created_at: datetime = Field(sa_column=_utc_column())
    self_ticks: str | None = Field(default=None, max_length=16)  # the checks they ticked ("0,2"); None until reviewed
    self_reviewed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    offered: bool = False  # offered for a teammate's blind review


class DrillReview(SQLModel, table=True):
    """A teammate asked to review an offered reply without knowing whose it is: the author's id is read from
    the writing only to deliver the review, and never goes into anything the reviewer is sent."""

    __tablename__ = "drill_review"
    __table_args__ = (
        Index("ix_drill_review_status_due", "status", "due_at"),
        Index("ix_drill_review_reviewer_asked", "reviewer_id", "asked_at"),
        Index("ix_drill_review_team_answered", "team_id", "answered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    writing_id: int = Field(foreign_key="drill_writing.id", index=True, ondelete="CASCADE")
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    reviewer_id: str = Field(max_length=32)
    asked_at: datetime = Field(sa_column=_utc_column())
    due_at: datetime = Field(sa_column=_utc_column())  # then it moves to another teammate once, or lapses
    moved: bool = False  # this request is the second one, after the first reviewer did not answer
    status: str = Field(default="open", max_length=16)  # a ReviewStatus
    ticks: str | None = Field(default=None, max_length=16)
    feedback_id: int | None = Field(default=None, foreign_key="feedback.id", ondelete="SET NULL")
    answered_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class CalibrationRound(SQLModel, table=True):
    """A team rates one sample reply together; revealed at MIN_RATERS ratings or when it closes."""

    __tablename__ = "calibration_round"
    __table_args__ = (
        Index("ix_calibration_round_open", "revealed_at", "closes_at"),
        # A weekly round starts once per team and day, however many ticks or replicas see it due.
        UniqueConstraint("team_id", "weekly_on", name="uq_calibration_round_weekly"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True, ondelete="CASCADE")
    drill_id: str = Field(max_length=64)
    sample: int = 0  # which of the drill's sample replies
    started_by: str = Field(max_length=32)
    started_at: datetime = Field(sa_column=_utc_column())
    closes_at: datetime = Field(sa_column=_utc_column())
    revealed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    weekly_on: date | None = None  # the team-local day a weekly round started on; None: started by a lead


class CalibrationRating(SQLModel, table=True):
    """One person's ticks and overall 1-5 for a round's sample: shown to them beside the team's spread, never
    to anyone else as theirs."""

    __tablename__ = "calibration_rating"
    __table_args__ = (UniqueConstraint("round_id", "user_id", name="uq_calibration_rating_rater"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="calibration_round.id", ondelete="CASCADE")
    user_id: str = Field(max_length=32, index=True)
    ticks: str = Field(default="", max_length=16)
    overall: int
    rated_at: datetime = Field(sa_column=_utc_column())


class Feedback(SQLModel, table=True):
    """Peer feedback. `giver_id` is kept for the giver's own view and data rights only; when `anonymous`,
    it must never reach the recipient, the channel or a lead."""

    __table_args__ = (
        Index("ix_feedback_team_created", "team_id", "created_at"),
        Index("ix_feedback_recipient_created", "recipient_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    giver_id: str = Field(max_length=32, index=True)
    recipient_id: str = Field(max_length=32)
    skill: str | None = Field(default=None, max_length=32)
    keep_doing: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    do_differently: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    anonymous: bool = False
    created_at: datetime = Field(sa_column=_utc_column())
    thanked_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    try_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    try_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True, index=True))


class SelfRating(SQLModel, table=True):
    """How a person rates themselves on a skill (1-5), asked now and then inside a reflection."""

    __table_args__ = (Index("ix_selfrating_user_created", "user_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=32)
    skill: str = Field(max_length=32)
    rating: int
    answer_id: int | None = Field(default=None, foreign_key="answer.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_column=_utc_column())


class Pairing(SQLModel, table=True):
    """This week's feedback partners (Donut-style); `week` is the Monday of the ISO week, team-local."""

    __table_args__ = (UniqueConstraint("team_id", "week", "user_a", name="uq_pairing_member_week"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    week: date
    user_a: str = Field(max_length=32)
    user_b: str = Field(max_length=32)
    user_c: str | None = Field(default=None, max_length=32)  # a trio when the team is odd
    created_at: datetime = Field(sa_column=_utc_column())


class Focus(SQLModel, table=True):
    """A focus skill offered to one person for four weeks, and what they chose (domain/focus.py): `skill` None
    once `chosen_at` is set is "no focus this time". Dates are the person's own days; the period runs from
    `starts_on` until the day before `ends_on`. `first_tries` and `first_best` are their drills on the skill
    when they chose it, so the end can say how that moved."""

    __table_args__ = (
        # One offer per person and day, however many ticks or processes find it due.
        UniqueConstraint("user_id", "offered_on", name="uq_focus_user_day"),
        # A person's latest row (the tick's offers, rotation, the Home) is the top of this index.
        Index("ix_focus_user_latest", "user_id", "id"),
        # Retention clears the "what changed" lines a team's members wrote before its period.
        Index("ix_focus_team_offered", "team_id", "offered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=32)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    suggested: str | None = Field(default=None, max_length=32)  # the skill with the most room; None: no signal
    skill: str | None = Field(default=None, max_length=32)
    offered_on: date
    offered_at: datetime = Field(sa_column=_utc_column())
    chosen_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    starts_on: date | None = None
    ends_on: date | None = None
    first_tries: int | None = None
    first_best: int | None = None
    outcome: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # "what changed", one line
    ended_asked_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
