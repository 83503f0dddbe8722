"""The delivery ledger's vocabulary. Every message the bot sends on its own initiative is one row of
`storage.models.Delivery`, claimed before the Web API call and confirmed after it, and keyed by
(recipient, kind, local_date, slot): whatever asks for the same send again finds the row.

What a row's `slot` and `item_id` hold depends on its kind; this table is the one place that says so.

- prompt: to a member, on the member's local day. slot 0 is the day's prompt, 1, 2, … the extra prompts asked
  for with `/reflect`; item_id is the prompt's id, or on the team's drill day the drill's (`drill-…`, with
  its drill_round claimed beside it).
- reminder: to a member, on the member's day; slot 0; item_id is the reminded prompt's delivery id.
- quote: to the team channel, on the team's day; slot 0; item_id is the quote's id.
- followup: the week-later "how did it go?" to a member; slot and item_id are the feedback's id.
- summary to a lead: on the Monday it is sent; slot is the team's id (a lead of two teams gets two); item_id
  is the ISO week (2026-W48).
- summary to the team channel (a lead shared it): on the day shared; slot is the ISO week as yyyyww (202648);
  item_id is the ISO week.
- pairing: the week's feedback partners to a member, on the Monday; slot is the team's id; no item_id.
- lesson: a reflection marked worth remembering, back to its writer on their local day, at most one a day;
  slot 0; item_id is "<answer id>:<stage>", the stage 1 to 3 (its SENT rows say which returns were made).
- calibration: a round's invitation to a member, on the team's day the round started; slot and item_id are
  the round's id.
- focus: to a member. Slot 0 is the four-weekly offer of a focus skill, on the member's day it was made; slot 1
  the question at the end, on the day the focus ended. item_id is the focus row's id (storage.models.Focus).
"""

from __future__ import annotations

from enum import StrEnum


class DeliveryKind(StrEnum):
    PROMPT = "prompt"
    REMINDER = "reminder"
    QUOTE = "quote"
    FOLLOWUP = "followup"
    SUMMARY = "summary"
    PAIRING = "pairing"
    LESSON = "lesson"
    FOCUS = "focus"
    CALIBRATION = "calibration"


class DeliveryStatus(StrEnum):
    """`claimed` by a process about to call Slack, then `sent` (with the message's channel and ts) or `failed`
    (with Slack's error code, retried at the next tick while the catch-up window lasts)."""

    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"


class SendResult(StrEnum):
    """What became of one send a tick or a command asked for."""

    SENT = "sent"
    FOUND = "found"  # an earlier attempt had posted it after all: confirmed, not sent again
    FAILED = "failed"
    SKIPPED = "skipped"  # another process holds the claim, or there was nothing left to say
    ALREADY = "already"  # the ledger already had it as sent


class FanOutKind(StrEnum):
    """What a durable fan-out job sends (storage.models.FanOut)."""

    PRACTICE_NOW = "practice_now"  # a lead's `/practice now`: today's quote and prompts for the team


class Missing(StrEnum):
    """Why a delivery a button or form names cannot be used."""

    GONE = "gone"
    NOT_YOURS = "not_yours"


def tally(kind: DeliveryKind | str, result: SendResult) -> str:
    """The key a tick's outcome counts sends under, e.g. `prompt:sent`."""
    return f"{kind}:{result}"
