"""Action, block and callback ids: one place, so a button and its listener can never drift apart."""

ANSWER_OPEN = "answer_open"
ANSWER_EDIT = "answer_edit"
# On the confirmation of an answer typed as a DM message: who may read it, one button per choice
# (ANSWER_VISIBILITY + the visibility; value: the delivery id).
ANSWER_VISIBILITY = "answer_visibility_"
# "Worth remembering": a checkbox in the answer form (ANSWER_REMEMBER_BLOCK / ANSWER_REMEMBER_INPUT, option value
# "remember") and on an answer's confirmation (action ANSWER_REMEMBER, in the block
# "<ANSWER_REMEMBER_BLOCK>:<delivery id>", since an unticked checkbox sends no value).
ANSWER_REMEMBER = "answer_remember"
ANSWER_REMEMBER_BLOCK = "answer_remember"
ANSWER_REMEMBER_INPUT = "remember"
# A returned lesson's buttons: used it, not yet, stop these (value: the lesson's delivery id).
LESSON_USED = "lesson_used"
LESSON_NOT_YET = "lesson_not_yet"
LESSON_STOP = "lesson_stop"
ANSWER_MODAL = "answer_modal"
ANSWER_BLOCK = "answer"
ANSWER_INPUT = "text"
VISIBILITY_BLOCK = "visibility"
VISIBILITY_INPUT = "choice"
DELIVERY_EVENT = "practice_delivery"

# --- Peer feedback ---
FEEDBACK_MODAL = "feedback_modal"  # the /feedback form; private_metadata is empty (all it needs is in the inputs)
FEEDBACK_RECIPIENT_BLOCK = "feedback_recipient"
FEEDBACK_RECIPIENT_INPUT = "person"
FEEDBACK_SKILL_BLOCK = "feedback_skill"
FEEDBACK_SKILL_INPUT = "skill"
FEEDBACK_KEEP_BLOCK = "feedback_keep"
FEEDBACK_CHANGE_BLOCK = "feedback_change"
FEEDBACK_TEXT_INPUT = "text"
FEEDBACK_ANONYMOUS_BLOCK = "feedback_anonymous"
FEEDBACK_ANONYMOUS_INPUT = "choice"
FEEDBACK_THANKS = "feedback_thanks"  # buttons on the recipient's DM carry only the feedback row id, never the giver
FEEDBACK_TRY = "feedback_try"
FEEDBACK_TRY_MODAL = "feedback_try_modal"  # private_metadata: {"feedback_id": id}
FEEDBACK_TRY_BLOCK = "feedback_try_text"
FEEDBACK_FOLLOWUP = "feedback_followup"  # the week-later "how did it go?" button (value: the follow-up delivery id)
FEEDBACK_FOLLOWUP_MODAL = "feedback_followup_modal"  # private_metadata: {"delivery_id": id}

# --- Weekly summaries ---
SUMMARY_SHARE = "summary_share"  # "Share with the team" on a lead's summary (value: "<team id>:<ISO week>")
HOME_SUMMARY = "home_summary"  # the App Home's "This week's summary" button (value: team id); handled with /summary

# --- App Home, self-rating and feedback partners ---
HOME_PAUSE = "home_pause"  # the Home's pause/resume button (value: "pause" or "resume")
RATING_BLOCK = "self_rating"  # the answer modal's optional 1-5 self-rating
RATING_INPUT = "rating"

# --- Data rights ---
FORGET_CONFIRM = "forget_confirm"
FORGET_CANCEL = "forget_cancel"

# --- Drills ---
# A drill's option buttons: DRILL_CHOOSE + the letter's place (action ids must differ within a block); value
# "<round id>:<option's place in the bank>". The confidence buttons: DRILL_SURE + the Confidence; value
# "<round id>:<option's place in the bank>".
DRILL_CHOOSE = "drill_choose_"
DRILL_SURE = "drill_sure_"
# Written drills: on a written-drill day, the practice DM's "Write your reply" button (value: the round id);
# the form for one's own first reply (private_metadata: {"drill_id": id}, and "round_id" when it came from
# that button), then the self-review form with the drill's strong-reply checks (private_metadata:
# {"writing_id": id}).
DRILL_WRITE_OPEN = "drill_write_open"
DRILL_WRITE_MODAL = "drill_write_modal"
DRILL_REPLY_BLOCK = "drill_reply"
DRILL_REPLY_INPUT = "text"
DRILL_SELF_MODAL = "drill_self_review_modal"
DRILL_TICKS_BLOCK = "drill_ticks"
DRILL_TICKS_INPUT = "checks"
# Peer review of a written drill: the reviewer's "Review it" button (value: the review request id; never the
# author) and its form (private_metadata: {"request_id": id}).
REVIEW_OPEN = "drill_review_open"
REVIEW_MODAL = "drill_review_modal"
REVIEW_TICKS_BLOCK = "review_ticks"
REVIEW_KEEP_BLOCK = "review_keep"
REVIEW_CHANGE_BLOCK = "review_change"
REVIEW_SIGN_BLOCK = "review_sign"
REVIEW_SIGN_INPUT = "sign"
DRILL_OFFER_BLOCK = "drill_offer"
DRILL_OFFER_INPUT = "offer"
# Calibration rounds: the "Rate it" button (value: the round id) and its form (private_metadata: {"round_id": id}).
CALIBRATE_OPEN = "calibration_open"
CALIBRATE_MODAL = "calibration_modal"
CALIBRATE_TICKS_BLOCK = "calibration_ticks"
CALIBRATE_OVERALL_BLOCK = "calibration_overall"
CALIBRATE_OVERALL_INPUT = "overall"
# Focus skills: on the offer (a DM every four weeks, or `/practice focus`), each skill's "Focus on this" button
# (value "<focus row id>:<skill key>") and "No focus this time" (value: the focus row id); at the end, "Tell me"
# (value: the focus row id) opens the one-line "what changed" form (private_metadata: {"focus_id": id}).
FOCUS_PICK = "focus_pick"
FOCUS_NONE = "focus_none"
FOCUS_OUTCOME_OPEN = "focus_outcome_open"
FOCUS_OUTCOME_MODAL = "focus_outcome_modal"
FOCUS_OUTCOME_BLOCK = "focus_outcome"
FOCUS_OUTCOME_INPUT = "text"
