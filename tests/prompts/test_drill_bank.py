"""The drill bank: what ships in prompts/drills.yaml, and how a broken drill is reported."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from domain.drills import DrillChannel, DrillSituation
from domain.skills import SKILL_KEYS
from prompts.bank import DRILLS_FILE, BankError, load_drills

SLACK_SPECIALS = ("<", ">", "&", "@", "*", "_", "~", "`")


def test_at_least_72_drills_eight_for_every_skill_at_three_levels() -> None:
    drills = load_drills()
    assert len(drills) >= 72
    counts = Counter(d.skill for d in drills)
    assert {key: counts[key] for key in SKILL_KEYS if counts[key] < 8} == {}
    assert {(s, level) for s in SKILL_KEYS for level in (1, 2, 3)} <= {(d.skill, int(d.level)) for d in drills}


def test_drills_cover_every_channel_and_every_weekly_situation() -> None:
    drills = load_drills()
    assert {d.channel for d in drills} == set(DrillChannel)
    assert {d.situation for d in drills} == set(DrillSituation)


def test_drill_ids_name_their_skill_and_are_unique() -> None:
    ids = [d.id for d in load_drills()]
    assert len(ids) == len(set(ids))
    for drill in load_drills():
        assert re.fullmatch(rf"drill-{drill.skill}-\d\d", drill.id), drill.id


def test_every_drill_has_one_best_reply_and_a_reason_for_each() -> None:
    for drill in load_drills():
        assert 3 <= len(drill.options) <= 4, drill.id
        assert sum(o.best for o in drill.options) == 1, drill.id
        assert all(o.why.strip() for o in drill.options), drill.id


def test_a_customer_message_is_short_enough_to_read_in_slack() -> None:
    assert [d.id for d in load_drills() if len(d.customer) > 650] == []


def test_the_best_reply_is_not_given_away_by_being_the_longest() -> None:
    drills = load_drills()
    longest = [d.id for d in drills if max(range(len(d.options)), key=lambda i: len(d.options[i].text)) == d.best]
    assert len(longest) * 10 <= len(drills) * 5, f"the best reply is the longest in {len(longest)} drills"


def test_drills_are_plain_text_and_never_repeat_a_message_or_a_reply() -> None:
    drills = load_drills()
    texts = [d.customer for d in drills] + [o.text for d in drills for o in d.options]
    assert len(texts) == len(set(texts))
    for drill in drills:
        for value in (drill.context, drill.customer, *(o.text for o in drill.options), *(o.why for o in drill.options)):
            assert not [c for c in SLACK_SPECIALS if c in value], drill.id


def test_every_drill_carries_two_or_three_observable_checks_and_a_sample_to_calibrate_on() -> None:
    drills = load_drills()
    for drill in drills:
        assert 2 <= len(drill.strong_reply) <= 3, drill.id
        assert all(re.match(r"[A-Z][a-z]+s\b|Never\b", check) for check in drill.strong_reply), drill.id
        assert 1 <= len(drill.sample_replies) <= 2, drill.id
        options = {o.text for o in drill.options}
        for sample in drill.sample_replies:
            assert sample.text not in options, drill.id
            assert set(sample.meets) <= set(range(len(drill.strong_reply))), drill.id
    shared = Counter(check for drill in drills for check in set(drill.strong_reply))
    assert {check: n for check, n in shared.items() if n > 3} == {}


def test_calibration_samples_meet_some_checks_and_miss_others() -> None:
    """A sample that meets every check, or none, teaches raters little; most should be in between."""
    samples = [(len(s.meets), len(d.strong_reply)) for d in load_drills() for s in d.sample_replies]
    between = [1 for met, total in samples if 0 < met < total]
    assert len(between) * 4 >= len(samples) * 3


# --- broken drill files --------------------------------------------------------------------------


def good_drill(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "drill-empathy-01",
        "skill": "empathy",
        "channel": "chat",
        "level": 1,
        "situation": "outage",
        "context": "Pro plan",
        "customer": "Is it down again?",
        "options": [
            {"text": "It is, and here is what we know.", "why": "Says what is known.", "best": True},
            {"text": "Sorry for the inconvenience.", "why": "Never says what happens next."},
            {"text": "Have you tried logging out?", "why": "Ignores the outage."},
        ],
        **overrides,
    }


def drills_file(tmp_path: Path, *entries: Any) -> Path:
    path = tmp_path / "drills.yaml"
    path.write_text(yaml.safe_dump({"drills": list(entries)}, sort_keys=False), encoding="utf-8")
    return path


def refused(tmp_path: Path, entry: dict[str, Any], *fragments: str) -> None:
    path = drills_file(tmp_path, entry)
    with pytest.raises(BankError) as caught:
        load_drills(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: entry 1 (id 'drill-empathy-01'): "), message
    for fragment in fragments:
        assert fragment in message, message


def test_a_valid_drill_loads_with_its_options_in_the_bank_s_order(tmp_path: Path) -> None:
    (drill,) = load_drills(drills_file(tmp_path, good_drill()))
    assert drill.best == 0 and [o.best for o in drill.options] == [True, False, False]
    assert drill.options[1].why == "Never says what happens next."


def test_a_drill_with_no_best_reply_is_refused(tmp_path: Path) -> None:
    options = [{k: v for k, v in o.items() if k != "best"} for o in good_drill()["options"]]
    refused(tmp_path, good_drill(options=options), "exactly one option must have best: true, 0 have")


def test_a_drill_with_two_best_replies_is_refused(tmp_path: Path) -> None:
    options = [{**o, "best": True} for o in good_drill()["options"]]
    refused(tmp_path, good_drill(options=options), "exactly one option must have best: true, 3 have")


def test_a_reply_without_its_why_is_refused(tmp_path: Path) -> None:
    options = good_drill()["options"]
    del options[2]["why"]
    refused(tmp_path, good_drill(options=options), "option 3: missing field 'why'")


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"options": good_drill()["options"][:2]}, "a drill has 3 or 4 options, this one has 2"),
        ({"options": good_drill()["options"] * 2}, "a drill has 3 or 4 options, this one has 6"),
        ({"situation": "rainy_day"}, "unknown situation 'rainy_day'"),
        ({"channel": "fax"}, "unknown channel 'fax' (expected one of: chat, email, phone, social)"),
        ({"level": 0}, "level 0 is not one of 1"),
        ({"options": "pick one"}, "field 'options' must be a list"),
        ({"customer": "x" * 701}, "field 'customer' is 701 characters long (limit 700)"),
        ({"context": "Plan: Pro & Team"}, "field 'context' contains '&'"),
    ],
)
def test_a_broken_drill_is_named_with_what_is_wrong(tmp_path: Path, overrides: dict[str, Any], fragment: str) -> None:
    refused(tmp_path, good_drill(**overrides), fragment)


WRITTEN = {
    "strong_reply": ["Says what happens next and when", "Never blames the customer"],
    "sample_replies": [{"text": "We are on it; next update at 3pm.", "meets": [0]}],
}


def test_a_drill_with_checks_and_a_sample_loads_them(tmp_path: Path) -> None:
    (drill,) = load_drills(drills_file(tmp_path, good_drill(**WRITTEN)))
    assert drill.strong_reply == ("Says what happens next and when", "Never blames the customer")
    assert drill.sample_replies[0].meets == (0,)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"strong_reply": ["Says what happens next"]}, "2 or 3 strong_reply checks, this one has 1"),
        ({"strong_reply": ["A", "B", "C", "D"]}, "2 or 3 strong_reply checks, this one has 4"),
        ({"strong_reply": "Says what happens next"}, "field 'strong_reply' must be a list of texts"),
        ({"sample_replies": [{"text": "Soon.", "meets": [2]}]}, "sample reply 1: meets [2] must name checks 0 to 1"),
        ({"sample_replies": [{"text": "Soon.", "meets": [0, 0]}]}, "once each"),
        ({"sample_replies": [{"text": "Soon.", "meets": "0"}]}, "must be a list of whole numbers"),
        ({"sample_replies": [{"text": "Soon.", "meets": [0]}] * 3}, "at most 2 sample_replies, this one has 3"),
        (
            {"sample_replies": [{"text": "Sorry for the inconvenience.", "meets": []}]},
            "sample reply 1 is one of the options",
        ),
    ],
)
def test_broken_checks_or_samples_are_named(tmp_path: Path, overrides: dict[str, Any], fragment: str) -> None:
    refused(tmp_path, good_drill(**{**WRITTEN, **overrides}), fragment)


def test_samples_need_checks_to_tick(tmp_path: Path) -> None:
    refused(tmp_path, good_drill(sample_replies=WRITTEN["sample_replies"]), "sample_replies need strong_reply checks")


def test_a_reply_flag_must_be_true_or_false(tmp_path: Path) -> None:
    options = good_drill()["options"]
    options[0]["best"] = "yes"
    refused(tmp_path, good_drill(options=options), "option 1: field 'best' must be true or false, got a string")


def test_a_drill_id_starts_with_drill(tmp_path: Path) -> None:
    path = drills_file(tmp_path, good_drill(id="empathy-01"))
    with pytest.raises(BankError, match="a drill's id starts with 'drill-'"):
        load_drills(path)


def test_the_default_drill_file_sits_beside_the_loader() -> None:
    assert DRILLS_FILE == Path(__file__).resolve().parents[2] / "prompts" / "drills.yaml"
    assert load_drills() == load_drills(DRILLS_FILE)
