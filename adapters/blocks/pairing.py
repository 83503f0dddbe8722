"""Block Kit for the week's feedback partners."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from adapters.blocks.common import Message, context, render, section


def partners_message(partners: Sequence[str], week: date) -> Message:
    """The Monday DM that tells a person who their feedback partner(s) are this week."""
    names = " and ".join(f"<@{p}>" for p in partners)
    plural = "s" if len(partners) > 1 else ""
    example = f"/feedback <@{partners[0]}>" if partners else "/feedback @partner"
    return Message(
        text=f"Your feedback partner{plural} this week: {names}",
        blocks=render(
            [
                section(
                    f"*Your feedback partner{plural} for the week of {week:%-d %B}:* {names}\n"
                    "Notice one thing they do well and one thing to try, then tell them with "
                    f"`{example}`. They'll do the same for you."
                ),
                context(
                    "Partners change every Monday so everyone meets everyone. "
                    "A lead can turn this off with `/practice partners off`."
                ),
            ]
        ),
    )


# --- Data rights ---
