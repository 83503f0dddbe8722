"""Action, block and callback ids: one place, so a button and its listener can never drift apart."""

ANSWER_OPEN = "answer_open"
ANSWER_EDIT = "answer_edit"
ANSWER_MODAL = "answer_modal"
ANSWER_BLOCK = "answer"
ANSWER_INPUT = "text"
VISIBILITY_BLOCK = "visibility"
VISIBILITY_INPUT = "choice"
DELIVERY_EVENT = "practice_delivery"

# --- Peer feedback ---

# --- Weekly summaries ---
HOME_SUMMARY = "home_summary"  # the App Home's "This week's summary" button (value: team id); handled with /summary

# --- App Home, self-rating and feedback partners ---
