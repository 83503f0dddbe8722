"""The prompt and quote banks: what ships in prompts/, and how a broken bank file is reported."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from domain.content import Prompt, Quote
from domain.skills import SKILL_KEYS
from prompts.bank import (
    MAX_PROMPT_TEXT,
    MAX_QUOTE_TEXT,
    PROMPTS_FILE,
    QUOTES_FILE,
    BankError,
    load_prompts,
    load_quotes,
)

# Characters that Slack mrkdwn would turn into markup, mentions or formatting.
SLACK_SPECIALS = ("<", ">", "&", "@", "*", "_", "~", "`")
STOP_WORDS = set(
    "a an the you your did what how and or to of in it was were that this with for they them their be "
    "when is do on at as from by had have about one i if which so not but would could".split()
)


# --- the shipped prompt bank ---------------------------------------------------------------------


def test_default_bank_files_sit_beside_the_loader() -> None:
    assert PROMPTS_FILE == Path(__file__).resolve().parents[2] / "prompts" / "prompts.yaml"
    assert QUOTES_FILE == Path(__file__).resolve().parents[2] / "prompts" / "quotes.yaml"


def test_every_skill_has_at_least_nine_prompts() -> None:
    counts = Counter(p.skill for p in load_prompts())
    assert set(counts) == set(SKILL_KEYS)
    assert {key: n for key, n in counts.items() if n < 9} == {}


def test_prompt_ids_are_unique() -> None:
    ids = [p.id for p in load_prompts()]
    assert len(ids) == len(set(ids))


def test_prompt_ids_are_the_skill_and_a_two_digit_number() -> None:
    for prompt in load_prompts():
        assert re.fullmatch(rf"{prompt.skill}-\d\d", prompt.id), prompt.id


def test_prompts_are_short_enough_to_answer_in_slack_in_two_minutes() -> None:
    too_long = [p.id for p in load_prompts() if len(p.text) >= 300]
    assert too_long == []


def test_prompts_are_plain_text_without_slack_markup() -> None:
    for prompt in load_prompts():
        assert not [c for c in SLACK_SPECIALS if c in prompt.text], prompt.id
        assert "\n" not in prompt.text, prompt.id


def test_prompts_ask_a_question() -> None:
    assert [p.id for p in load_prompts() if "?" not in p.text] == []


def test_no_two_prompts_are_duplicates_or_near_duplicates() -> None:
    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z']+", text.lower())) - STOP_WORDS

    prompts = load_prompts()
    assert len({p.text.lower() for p in prompts}) == len(prompts)
    for a, b in itertools.combinations(prompts, 2):
        wa, wb = words(a.text), words(b.text)
        overlap = len(wa & wb) / len(wa | wb)
        assert overlap < 0.5, f"{a.id} and {b.id} are too alike ({overlap:.2f})"


def test_prompts_load_in_file_order() -> None:
    prompts = load_prompts()
    assert prompts[0] == Prompt(id="integrity-01", skill="integrity", text=prompts[0].text)
    assert [p.skill for p in prompts[:10]] == ["integrity"] * 10


# --- the shipped quote bank ----------------------------------------------------------------------


def test_quote_bank_has_at_least_thirty_six_quotes_with_attributions() -> None:
    quotes = load_quotes()
    assert len(quotes) >= 36
    assert all(q.author.strip() for q in quotes)


def test_quote_bank_includes_gates_and_branson() -> None:
    by_id = {q.id: q for q in load_quotes()}
    gates = by_id["gates-unhappy-customers"]
    assert gates.author == "Bill Gates"
    assert gates.text == "Your most unhappy customers are your greatest source of learning."
    branson = by_id["branson-exceed-expectations"]
    assert branson.author == "Richard Branson"
    assert branson.text.startswith("The key is to set realistic customer expectations")
    assert "exceed them" in branson.text


def test_quote_ids_are_unique() -> None:
    ids = [q.id for q in load_quotes()]
    assert len(ids) == len(set(ids))


def test_no_quote_appears_twice() -> None:
    texts = [" ".join(q.text.lower().split()) for q in load_quotes()]
    assert len(texts) == len(set(texts))


def test_quotes_are_short_and_plain() -> None:
    for quote in load_quotes():
        assert len(quote.text) < 400, quote.id
        for value in (quote.text, quote.author, quote.source or ""):
            assert not [c for c in "<>&" if c in value], quote.id


def test_quote_sources_are_absent_rather_than_empty() -> None:
    quotes = load_quotes()
    assert all(q.source is None or q.source.strip() for q in quotes)
    assert any(q.source is None for q in quotes)
    assert Quote(id="x", text="t", author="a").source is None


# --- broken bank files: one clear line naming the file and the entry ----------------------------


def good_prompt(**overrides: Any) -> dict[str, Any]:
    return {"id": "listening-01", "skill": "listening", "text": "What did you hear today?", **overrides}


def good_quote(**overrides: Any) -> dict[str, Any]:
    return {"id": "gates-unhappy-customers", "text": "Learn from them.", "author": "Bill Gates", **overrides}


def write(tmp_path: Path, content: str | bytes | dict[str, Any], name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def prompts_file(tmp_path: Path, *entries: Any) -> Path:
    return write(tmp_path, {"prompts": list(entries)})


def quotes_file(tmp_path: Path, *entries: Any) -> Path:
    return write(tmp_path, {"quotes": list(entries)})


def bank_error(load: Any, path: Path, *fragments: str) -> str:
    with pytest.raises(BankError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message, message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a_valid_file_loads_into_prompts_in_order(tmp_path: Path) -> None:
    path = prompts_file(
        tmp_path,
        good_prompt(id="value-02", skill="value", text="  Second?  "),
        good_prompt(id="value-01", skill="value", text="First?"),
    )
    assert load_prompts(path) == (
        Prompt(id="value-02", skill="value", text="Second?"),
        Prompt(id="value-01", skill="value", text="First?"),
    )


def test_a_valid_file_loads_into_quotes_with_optional_source(tmp_path: Path) -> None:
    path = quotes_file(tmp_path, good_quote(), good_quote(id="drucker", author="Peter Drucker", source="A book"))
    assert load_quotes(path) == (
        Quote(id="gates-unhappy-customers", text="Learn from them.", author="Bill Gates"),
        Quote(id="drucker", text="Learn from them.", author="Peter Drucker", source="A book"),
    )


def test_bank_error_is_a_value_error() -> None:
    assert issubclass(BankError, ValueError)


def test_missing_file_is_named(tmp_path: Path) -> None:
    bank_error(load_prompts, tmp_path / "nope.yaml", "file not found")


def test_unreadable_file_is_named(tmp_path: Path) -> None:
    bank_error(load_quotes, write(tmp_path, b"quotes:\n  - id: \xff\xfe\n"), "cannot read file", "UTF-8")


def test_a_directory_is_an_unreadable_file(tmp_path: Path) -> None:
    bank_error(load_prompts, tmp_path, "cannot read file")


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'prompts:\n  - id: a-01\n    skill: value\n    text: "unclosed\n')
    bank_error(load_prompts, path, "invalid YAML at line 5")


def test_invalid_yaml_indentation_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "prompts:\n  - id: a-01\n    skill: value\n   text: oops\n")
    bank_error(load_prompts, path, "invalid YAML at line 4")


def test_empty_file_is_missing_its_top_level_key(tmp_path: Path) -> None:
    bank_error(load_prompts, write(tmp_path, ""), "missing top-level key 'prompts'")


def test_missing_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, {"quotes": [good_quote()]})
    bank_error(load_prompts, path, "missing top-level key 'prompts'")


def test_top_level_that_is_not_a_mapping(tmp_path: Path) -> None:
    bank_error(load_prompts, write(tmp_path, "- id: a\n"), "expected a mapping", "'prompts'")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, {"prompts": [good_prompt()], "extra": 1})
    bank_error(load_prompts, path, "unknown top-level key 'extra'")


def test_top_level_key_that_is_not_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, {"prompts": {"id": "x"}})
    bank_error(load_prompts, path, "'prompts' must be a list", "a mapping")


def test_empty_bank(tmp_path: Path) -> None:
    bank_error(load_prompts, write(tmp_path, {"prompts": []}), "'prompts' is empty")


def test_empty_bank_written_as_a_bare_key(tmp_path: Path) -> None:
    bank_error(load_quotes, write(tmp_path, "quotes:\n"), "'quotes' is empty")


def test_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(), "just a string")
    bank_error(load_prompts, path, "entry 2:", "expected a mapping", "a string")


def test_missing_field(tmp_path: Path) -> None:
    entry = good_prompt(id="listening-03")
    del entry["text"]
    path = prompts_file(tmp_path, good_prompt(), entry)
    bank_error(load_prompts, path, "entry 2 (id 'listening-03'): missing field 'text'")


def test_missing_id_names_the_entry_by_position(tmp_path: Path) -> None:
    entry = good_prompt()
    del entry["id"]
    bank_error(load_prompts, prompts_file(tmp_path, entry), "entry 1: missing field 'id'")


def test_missing_quote_author(tmp_path: Path) -> None:
    entry = good_quote()
    del entry["author"]
    path = quotes_file(tmp_path, entry)
    bank_error(load_quotes, path, "entry 1 (id 'gates-unhappy-customers'): missing field 'author'")


def test_empty_field(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(text="   "))
    bank_error(load_prompts, path, "entry 1 (id 'listening-01'): field 'text' is empty")


def test_field_left_blank_in_yaml_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "prompts:\n  - id: value-01\n    skill:\n    text: Hi?\n")
    bank_error(load_prompts, path, "entry 1 (id 'value-01'): field 'skill' is empty")


def test_empty_optional_source_should_be_omitted(tmp_path: Path) -> None:
    path = quotes_file(tmp_path, good_quote(source=""))
    bank_error(load_quotes, path, "(id 'gates-unhappy-customers'): field 'source' is empty; omit it")


def test_unknown_extra_field(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(skil="value"))
    bank_error(load_prompts, path, "entry 1 (id 'listening-01'): unknown field 'skil'", "id, skill, text")


def test_unknown_extra_field_in_a_quote(tmp_path: Path) -> None:
    path = quotes_file(tmp_path, good_quote(year=1999))
    bank_error(load_quotes, path, "unknown field 'year'", "id, text, author, source")


def test_non_string_field(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(text=42))
    bank_error(load_prompts, path, "entry 1 (id 'listening-01'): field 'text' must be a string, got a number")


def test_non_string_id_names_the_entry_by_position(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(), good_prompt(id=7))
    bank_error(load_prompts, path, "entry 2: field 'id' must be a string")


def test_yaml_boolean_is_not_a_string(tmp_path: Path) -> None:
    path = write(tmp_path, "quotes:\n  - id: yes-quote\n    text: Hi\n    author: yes\n")
    bank_error(load_quotes, path, "(id 'yes-quote'): field 'author' must be a string, got a boolean")


def test_duplicate_id(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(), good_prompt(text="Another?"), good_prompt(text="Third?"))
    bank_error(load_prompts, path, "entry 2 (id 'listening-01'): duplicate id 'listening-01'", "entry 1")


def test_duplicate_quote_id(tmp_path: Path) -> None:
    path = quotes_file(tmp_path, good_quote(), good_quote(text="Other."))
    bank_error(load_quotes, path, "entry 2 (id 'gates-unhappy-customers'): duplicate id")


@pytest.mark.parametrize("bad_id", ["Listening-01", "-listening", "listening 01", "listening.01", "émpathy"])
def test_id_not_matching_the_slug_pattern(tmp_path: Path, bad_id: str) -> None:
    path = prompts_file(tmp_path, good_prompt(id=bad_id))
    bank_error(load_prompts, path, f"entry 1 (id {bad_id!r}): invalid id", "^[a-z0-9][a-z0-9_-]*$")


def test_id_with_trailing_newline_is_rejected(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(id="listening-01\n"))
    bank_error(load_prompts, path, "invalid id")


def test_unknown_skill(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(), good_prompt(id="listening-03", skill="listning"))
    bank_error(
        load_prompts,
        path,
        "entry 2 (id 'listening-03'): unknown skill 'listning' (expected one of: integrity, value, ",
        ", ".join(SKILL_KEYS),
    )


def test_prompt_text_too_long(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(text="x" * (MAX_PROMPT_TEXT + 1)))
    bank_error(load_prompts, path, f"(id 'listening-01'): text is {MAX_PROMPT_TEXT + 1} characters long")


def test_prompt_text_at_the_limit_is_fine(tmp_path: Path) -> None:
    path = prompts_file(tmp_path, good_prompt(text="x" * MAX_PROMPT_TEXT))
    assert len(load_prompts(path)[0].text) == MAX_PROMPT_TEXT


def test_quote_text_too_long(tmp_path: Path) -> None:
    path = quotes_file(tmp_path, good_quote(text="x" * (MAX_QUOTE_TEXT + 1)))
    bank_error(load_quotes, path, f"(id 'gates-unhappy-customers'): text is {MAX_QUOTE_TEXT + 1} characters")


@pytest.mark.parametrize("char", ["<", ">", "&"])
def test_prompt_text_with_slack_markup_characters(tmp_path: Path, char: str) -> None:
    path = prompts_file(tmp_path, good_prompt(text=f"Ask {char}here{char} today?"))
    bank_error(load_prompts, path, f"entry 1 (id 'listening-01'): field 'text' contains {char!r}")


@pytest.mark.parametrize("field", ["text", "author", "source"])
def test_quote_with_slack_markup_characters(tmp_path: Path, field: str) -> None:
    path = quotes_file(tmp_path, good_quote(**{field: "Johnson & Johnson"}))
    bank_error(load_quotes, path, f"(id 'gates-unhappy-customers'): field {field!r} contains '&'")


def test_default_paths_are_used_when_none_given() -> None:
    assert load_prompts() == load_prompts(PROMPTS_FILE)
    assert load_quotes() == load_quotes(QUOTES_FILE)
