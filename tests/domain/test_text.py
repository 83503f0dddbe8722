"""What the bot writes agrees with its numbers, and user text it repeats can never ping anyone."""

from __future__ import annotations

from domain.text import clip, counted, escape_mrkdwn


def test_one_of_a_thing_is_singular_and_any_other_count_plural() -> None:
    assert counted(1, "answer") == "1 answer"
    assert counted(0, "answer") == "0 answers"
    assert counted(1, "piece of feedback", "pieces of feedback") == "1 piece of feedback"
    assert counted(3, "piece of feedback", "pieces of feedback") == "3 pieces of feedback"


def test_repeated_text_cannot_ping_the_channel_and_long_text_is_clipped() -> None:
    assert escape_mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert clip("abcdef", 4) == "abc…" and clip("abc", 4) == "abc"
