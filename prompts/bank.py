"""Load and check the prompt and quote banks.

The banks are hand-edited data files, so every mistake an editor can make is caught here with one
line that names the file and the entry (numbered from 1, plus its id when it has one): a bad edit
then fails at start-up or in CI instead of in a team's DMs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from domain.content import Prompt, Quote
from domain.skills import SKILL_KEYS, is_skill

PROMPTS_FILE: Path = Path(__file__).resolve().with_name("prompts.yaml")
QUOTES_FILE: Path = Path(__file__).resolve().with_name("quotes.yaml")

MAX_PROMPT_TEXT = 500
MAX_QUOTE_TEXT = 600
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")  # used with fullmatch: `$` would let "x\n" through
FORBIDDEN_CHARS = "<>&"  # Slack reads these as markup in mrkdwn and escapes them in plain_text


class BankError(ValueError):
    """A broken bank file; str() names the file and the entry (id or index) and what is wrong."""


@dataclass(frozen=True)
class _Shape:
    """What one kind of bank file looks like, so both banks share one set of checks."""

    key: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    max_text: int
    check: Callable[[dict[str, str]], str | None] | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return self.required + self.optional


def _check_skill(entry: dict[str, str]) -> str | None:
    """Rotation balances the nine skills, so a misspelt skill would silently unbalance it."""
    if is_skill(entry["skill"]):
        return None
    return f"unknown skill {entry['skill']!r} (expected one of: {', '.join(SKILL_KEYS)})"


_PROMPTS = _Shape("prompts", ("id", "skill", "text"), (), MAX_PROMPT_TEXT, _check_skill)
_QUOTES = _Shape("quotes", ("id", "text", "author"), ("source",), MAX_QUOTE_TEXT)


def load_prompts(path: Path = PROMPTS_FILE) -> tuple[Prompt, ...]:
    """The reflection prompts in file order, so ids and rotation stay predictable for editors."""
    return tuple(Prompt(**entry) for entry in _load(Path(path), _PROMPTS))


def load_quotes(path: Path = QUOTES_FILE) -> tuple[Quote, ...]:
    """The quotes of the day in file order; a quote without a source gets None."""
    return tuple(Quote(**entry) for entry in _load(Path(path), _QUOTES))


def _load(path: Path, shape: _Shape) -> list[dict[str, str]]:
    """Every entry checked before any is returned, so callers never see half a bank."""
    entries = _read_entries(path, shape.key)
    seen: dict[str, int] = {}
    return [_check_entry(path, index, raw, shape, seen) for index, raw in enumerate(entries, start=1)]


def _read_entries(path: Path, key: str) -> list[Any]:
    """Turn file and YAML failures into one readable line instead of a traceback."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise BankError(f"{path}: cannot read file: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise BankError(f"{path}: cannot read file: {exc.strerror or exc}") from None

    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise BankError(f"{path}: invalid YAML{_yaml_where(exc)}: {_yaml_problem(exc)}") from None

    if data is None:
        raise BankError(f"{path}: missing top-level key {key!r} (the file is empty)")
    if not isinstance(data, dict):
        raise BankError(f"{path}: expected a mapping with a top-level {key!r} list, got {_kind(data)}")
    if key not in data:
        raise BankError(f"{path}: missing top-level key {key!r}")
    for other in data:
        if other != key:
            raise BankError(f"{path}: unknown top-level key {str(other)!r} (expected only {key!r})")
    entries = data[key]
    if entries is None or entries == []:
        raise BankError(f"{path}: {key!r} is empty; the bank needs at least one entry")
    if not isinstance(entries, list):
        raise BankError(f"{path}: {key!r} must be a list of entries, got {_kind(entries)}")
    return entries


def _check_entry(path: Path, index: int, raw: Any, shape: _Shape, seen: dict[str, int]) -> dict[str, str]:
    """One entry's problems, reported with the id when there is one to search the file for."""
    where = f"{path}: entry {index}"
    if not isinstance(raw, dict):
        raise BankError(f"{where}: expected a mapping with fields {', '.join(shape.fields)}, got {_kind(raw)}")
    entry_id = raw.get("id")
    if isinstance(entry_id, str) and entry_id.strip():
        where += f" (id {entry_id!r})"

    def fail(problem: str) -> BankError:
        return BankError(f"{where}: {problem}")

    for name in raw:
        if name not in shape.fields:
            raise fail(f"unknown field {str(name)!r} (allowed: {', '.join(shape.fields)})")
    for name in shape.required:
        if name not in raw:
            raise fail(f"missing field {name!r}")

    entry: dict[str, str] = {}
    for name in shape.fields:
        if name not in raw:
            continue
        value = raw[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            hint = "; omit it instead" if name in shape.optional else ""
            raise fail(f"field {name!r} is empty{hint}")
        if not isinstance(value, str):
            shown = f" {value!r}; put it in quotes" if not isinstance(value, dict | list) else ""
            raise fail(f"field {name!r} must be a string, got {_kind(value)}{shown}")
        entry[name] = value if name == "id" else value.strip()

    entry_id = entry["id"]
    if not ID_PATTERN.fullmatch(entry_id):
        raise fail(f"invalid id {entry_id!r}: must match ^{ID_PATTERN.pattern}$")
    if entry_id in seen:
        raise fail(f"duplicate id {entry_id!r} (already used by entry {seen[entry_id]})")
    seen[entry_id] = index

    if shape.check is not None and (problem := shape.check(entry)) is not None:
        raise fail(problem)
    if len(entry["text"]) > shape.max_text:
        raise fail(f"text is {len(entry['text'])} characters long (limit {shape.max_text})")
    for name, value in entry.items():
        for char in FORBIDDEN_CHARS:
            if char in value:
                raise fail(f"field {name!r} contains {char!r}, which Slack treats as markup; write it in words")
    return entry


def _yaml_where(exc: yaml.YAMLError) -> str:
    """PyYAML counts lines from 0; editors count from 1."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return ""
    return f" at line {mark.line + 1}, column {mark.column + 1}"


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Keep the message to one line: PyYAML's str() spans several and repeats the file snippet."""
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    text = " ".join(part for part in (context, problem) if part) or str(exc)
    return " ".join(text.split())


def _kind(value: Any) -> str:
    """Editors know YAML shapes, not Python class names."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__
