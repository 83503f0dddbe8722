"""A member's own data: everything the bot keeps about them (export), deleting it (forget-me), and a team's
retention period. The delivery ledger stays: it holds no one's words and keeps "never twice" true."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, select

from storage.models import (
    Answer,
    CalibrationRating,
    Delivery,
    DrillCard,
    DrillReview,
    DrillRound,
    DrillWriting,
    Feedback,
    Focus,
    LessonReply,
    Person,
    SelfRating,
    TeamMember,
    TeamReply,
)

FORGOTTEN = "forgotten"


def export(session: Session, *, user_id: str) -> dict:
    """Plain data, ready for JSON. Anonymous feedback they received stays anonymous here too."""
    person = session.get(Person, user_id)
    answers = session.exec(
        select(Answer, Delivery.local_date)
        .join(Delivery, Delivery.id == Answer.delivery_id)
        .where(Answer.user_id == user_id)
        .order_by(Answer.created_at)
    ).all()
    given = session.exec(select(Feedback).where(Feedback.giver_id == user_id).order_by(Feedback.created_at)).all()
    received = session.exec(
        select(Feedback).where(Feedback.recipient_id == user_id).order_by(Feedback.created_at)
    ).all()
    ratings = session.exec(
        select(SelfRating).where(SelfRating.user_id == user_id).order_by(SelfRating.created_at)
    ).all()
    teams = session.exec(select(TeamMember.team_id).where(TeamMember.user_id == user_id)).all()
    replies = session.exec(select(TeamReply).where(TeamReply.user_id == user_id).order_by(TeamReply.created_at)).all()
    cards = session.exec(select(DrillCard).where(DrillCard.user_id == user_id).order_by(DrillCard.drill_id)).all()
    drills = session.exec(select(DrillRound).where(DrillRound.user_id == user_id).order_by(DrillRound.id)).all()
    writings = session.exec(select(DrillWriting).where(DrillWriting.user_id == user_id).order_by(DrillWriting.id)).all()
    reviews = session.exec(select(DrillReview).where(DrillReview.reviewer_id == user_id).order_by(DrillReview.id)).all()
    calibrations = session.exec(
        select(CalibrationRating).where(CalibrationRating.user_id == user_id).order_by(CalibrationRating.id)
    ).all()
    lessons = session.exec(
        select(LessonReply).where(LessonReply.user_id == user_id).order_by(LessonReply.replied_at)
    ).all()
    focuses = session.exec(select(Focus).where(Focus.user_id == user_id).order_by(Focus.id)).all()
    return {
        "user_id": user_id,
        "settings": None
        if person is None
        else {
            "timezone": person.timezone,
            "own_time": person.own_time,
            "own_days": person.own_days,
            "away_until": person.away_until.isoformat() if person.away_until else None,
            "paused": person.paused,
            "reminders": person.reminders,
            "lessons": person.lessons,
        },
        "teams": sorted(teams),
        "answers": [
            {
                "date": local_date.isoformat(),
                "prompt_id": a.prompt_id,
                "skill": a.skill,
                "text": a.text,
                "visibility": a.visibility,
                "worth_remembering": a.remember,
                "created_at": a.created_at.isoformat(),
            }
            for a, local_date in answers
        ],
        "feedback_given": [_feedback(f, giver=False) | {"to": f.recipient_id, "anonymous": f.anonymous} for f in given],
        "feedback_received": [_feedback(f, giver=not f.anonymous) | {"what_i_will_try": f.try_text} for f in received],
        "self_ratings": [
            {"skill": r.skill, "rating": r.rating, "created_at": r.created_at.isoformat()} for r in ratings
        ],
        # The words are in the channel's thread, where Slack keeps them; the bot keeps only that you replied.
        "team_question_replies": [
            {"skill": r.skill, "message_ts": r.message_ts, "created_at": r.created_at.isoformat()} for r in replies
        ],
        "drill_cards": [
            {"drill_id": c.drill_id, "box": c.box, "due_on": c.due_on.isoformat(), "retired": c.retired} for c in cards
        ],
        "drills": [
            {
                "drill_id": r.drill_id,
                "skill": r.skill,
                "date": r.local_date.isoformat(),
                "review": r.review,
                "mode": r.mode,
                "choice": r.choice,
                "confidence": r.confidence,
                "best": r.best,
                "answered_at": r.answered_at.isoformat() if r.answered_at else None,
            }
            for r in drills
        ],
        "written_drills": [
            {
                "drill_id": w.drill_id,
                "skill": w.skill,
                "date": w.local_date.isoformat(),
                "text": w.text,
                "self_review": w.self_ticks,
                "offered_for_review": w.offered,
            }
            for w in writings
        ],
        # Reviews they were asked for: whose reply it was stays unknown to them, here too.
        "reviews_asked_of_me": [
            {"asked_at": r.asked_at.isoformat(), "status": r.status, "ticks": r.ticks} for r in reviews
        ],
        "calibration_ratings": [
            {"round": c.round_id, "ticks": c.ticks, "overall": c.overall, "rated_at": c.rated_at.isoformat()}
            for c in calibrations
        ],
        "lessons_brought_back": [
            {"skill": r.skill, "response": r.response, "replied_at": r.replied_at.isoformat()} for r in lessons
        ],
        "focus_skills": [
            {
                "offered_on": f.offered_on.isoformat(),
                "suggested": f.suggested,
                "chosen_at": f.chosen_at.isoformat() if f.chosen_at else None,
                "skill": f.skill,
                "starts_on": f.starts_on.isoformat() if f.starts_on else None,
                "ends_on": f.ends_on.isoformat() if f.ends_on else None,
                "drill_first_tries_then": f.first_tries,
                "drill_first_tries_best_then": f.first_best,
                "what_changed": f.outcome,
            }
            for f in focuses
        ],
    }


def _feedback(row: Feedback, *, giver: bool) -> dict:
    shown = {
        "skill": row.skill,
        "keep_doing": row.keep_doing,
        "do_differently": row.do_differently,
        "created_at": row.created_at.isoformat(),
    }
    if giver:
        shown["from"] = row.giver_id
    return shown


def forget(session: Session, *, user_id: str) -> dict[str, int]:
    """Delete their answers, self-ratings, drills (answered and written) and their boxes, record of
    team-question replies, focus skills (with what changed), 'what I'll try' notes and the feedback they gave
    openly; anonymous feedback they gave stays with its recipient but no longer points at them."""
    counts = {
        "answers": session.exec(delete(Answer).where(Answer.user_id == user_id)).rowcount,
        "self_ratings": session.exec(delete(SelfRating).where(SelfRating.user_id == user_id)).rowcount,
        "team_question_replies": session.exec(delete(TeamReply).where(TeamReply.user_id == user_id)).rowcount,
        "drills": session.exec(delete(DrillRound).where(DrillRound.user_id == user_id)).rowcount,
        "written_drills": session.exec(delete(DrillWriting).where(DrillWriting.user_id == user_id)).rowcount,
        "reviews_asked_of_me": session.exec(delete(DrillReview).where(DrillReview.reviewer_id == user_id)).rowcount,
        "calibration_ratings": session.exec(
            delete(CalibrationRating).where(CalibrationRating.user_id == user_id)
        ).rowcount,
        "drill_cards": session.exec(delete(DrillCard).where(DrillCard.user_id == user_id)).rowcount,
        "lessons_brought_back": session.exec(delete(LessonReply).where(LessonReply.user_id == user_id)).rowcount,
        "focus_skills": session.exec(delete(Focus).where(Focus.user_id == user_id)).rowcount,
        "feedback_given": session.exec(
            delete(Feedback).where(Feedback.giver_id == user_id, Feedback.anonymous.is_(False))
        ).rowcount,
    }
    session.exec(update(Feedback).where(Feedback.giver_id == user_id).values(giver_id=FORGOTTEN))
    session.exec(
        update(Feedback)
        .where(Feedback.recipient_id == user_id, Feedback.try_text.is_not(None))
        .values(try_text=None, try_at=None)
    )
    return counts


def apply_retention(session: Session, *, team_id: int, days: int, now: datetime) -> int:
    """People's words written in this team before the retention period are deleted: answers, replies written
    to drills (with their reviews), and what changed in a focus; returns how many."""
    cutoff = now - timedelta(days=days)
    answers = session.exec(delete(Answer).where(Answer.team_id == team_id, Answer.created_at < cutoff)).rowcount
    old = select(DrillWriting.id).where(DrillWriting.team_id == team_id, DrillWriting.created_at < cutoff)
    session.exec(delete(DrillReview).where(DrillReview.writing_id.in_(old)))
    writings = session.exec(
        delete(DrillWriting).where(DrillWriting.team_id == team_id, DrillWriting.created_at < cutoff)
    ).rowcount
    outcomes = session.exec(
        update(Focus)
        .where(Focus.team_id == team_id, Focus.offered_at < cutoff, Focus.outcome.is_not(None))
        .values(outcome=None)
    ).rowcount
    return answers + writings + outcomes
