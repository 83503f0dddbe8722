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

from domain.content import Channel, Level, Prompt, Quote, Retired, Situation, TeamQuestion
from domain.drills import Drill, DrillChannel, DrillOption, DrillSituation, SampleReply
from domain.skills import SKILL_KEYS

FOLDER: Path = Path(__file__).resolve().parent
PROMPTS_FILE: Path = FOLDER / "prompts.yaml"
QUOTES_FILE: Path = FOLDER / "quotes.yaml"
TEAM_QUESTIONS_FILE: Path = FOLDER / "team_questions.yaml"
RETIRED_FILE: Path = FOLDER / "retired.yaml"
DRILLS_FILE: Path = FOLDER / "drills.yaml"

MAX_PROMPT_TEXT = 500
MAX_QUOTE_TEXT = 600
MAX_LOOK_FOR = 300
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")  # used with fullmatch: `$` would let "x\n" through
FORBIDDEN_CHARS = "<>&"  # Slack reads these as markup in mrkdwn and escapes them in plain_text
YEAR = re.compile(r"(?<!\d)(1[5-9]|20)\d\d(?!\d)")


class BankError(ValueError):
    """A broken bank file; str() names the file and the entry (id or index) and what is wrong."""


@dataclass(frozen=True)
class _Field:
    """One field of a bank entry: whether it may be left out, and the values it may take."""

    name: str
    required: bool = True
    whole_number: bool = False
    flag: bool = False
    choices: tuple[str, ...] | None = None
    longest: int | None = None
    #: A list of mappings, each checked like an entry of this shape (a drill's options).
    items: _Shape | None = None
    #: A list of short texts (a drill's strong-reply checks), each at most `longest` characters.
    texts: bool = False
    #: A list of whole numbers (a sample reply's ticks).
    numbers: bool = False


@dataclass(frozen=True)
class _Shape:
    """What one kind of bank file looks like, so every bank shares one set of checks."""

    key: str
    fields: tuple[_Field, ...]
    check: Callable[[dict[str, Any]], str | None] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _skill_field() -> _Field:
    """Rotation balances the nine skills, so a misspelt skill would silently unbalance it."""
    return _Field("skill", choices=SKILL_KEYS)


def _check_source(entry: dict[str, Any]) -> str | None:
    """A quote's attribution must be checkable: the work and its year at least."""
    if YEAR.search(entry["source"]):
        return None
    return f"source {entry['source']!r} names no year; give the work, its year and, where one exists, the page"


def _check_levels(entry: dict[str, Any]) -> str | None:
    if entry["level"] in {level.value for level in Level}:
        return None
    return f"level {entry['level']} is not one of 1 (recall), 2 (analyse), 3 (rewrite or rehearse)"


_PROMPTS = _Shape(
    "prompts",
    (
        _Field("id"),
        _skill_field(),
        _Field("channel", choices=tuple(c.value for c in Channel)),
        _Field("level", whole_number=True),
        _Field("situation", required=False, choices=tuple(s.value for s in Situation)),
        _Field("text", longest=MAX_PROMPT_TEXT),
        _Field("look_for", longest=MAX_LOOK_FOR),
    ),
    _check_levels,
)
_QUOTES = _Shape(
    "quotes",
    (
        _Field("id"),
        _skill_field(),
        _Field("text", longest=MAX_QUOTE_TEXT),
        _Field("author"),
        _Field("source"),
        _Field("address", required=False),
    ),
    _check_source,
)
_TEAM_QUESTIONS = _Shape("team_questions", (_Field("id"), _skill_field(), _Field("text", longest=MAX_PROMPT_TEXT)))
MAX_OPTION_TEXT = 400
MAX_WHY = 200
MAX_CUSTOMER = 700
MAX_CONTEXT = 300
_OPTION = _Shape(
    "option",
    (
        _Field("text", longest=MAX_OPTION_TEXT),
        _Field("why", longest=MAX_WHY),
        _Field("best", required=False, flag=True),
    ),
)


MAX_CHECK = 75  # Slack's limit for a checkbox's label, where each check is ticked
MAX_SAMPLE = 700
_SAMPLE = _Shape("sample reply", (_Field("text", longest=MAX_SAMPLE), _Field("meets", numbers=True)))


def _check_drill(entry: dict[str, Any]) -> str | None:
    """A drill needs one best reply to reveal, and a reason for every reply someone might choose."""
    if not entry["id"].startswith("drill-"):
        return f"a drill's id starts with 'drill-' (like drill-{entry['skill']}-01), got {entry['id']!r}"
    if (level := _check_levels(entry)) is not None:
        return level
    options = entry["options"]
    if not 3 <= len(options) <= 4:
        return f"a drill has 3 or 4 options, this one has {len(options)}"
    best = sum(1 for option in options if option.get("best"))
    if best != 1:
        return f"exactly one option must have best: true, {best} have"
    return _check_written(entry)


def _check_written(entry: dict[str, Any]) -> str | None:
    """A written reply is reviewed against 2 or 3 yes/no checks; a sample's ticks must name checks that exist."""
    checks = entry.get("strong_reply")
    samples = entry.get("sample_replies", [])
    if checks is None:
        return "sample_replies need strong_reply checks to tick" if samples else None
    if not 2 <= len(checks) <= 3:
        return f"a drill has 2 or 3 strong_reply checks, this one has {len(checks)}"
    if len(samples) > 2:
        return f"a drill has at most 2 sample_replies, this one has {len(samples)}"
    for position, sample in enumerate(samples, start=1):
        wrong = [i for i in sample["meets"] if not 0 <= i < len(checks)]
        if wrong or len(set(sample["meets"])) != len(sample["meets"]):
            return (
                f"sample reply {position}: meets {sample['meets']} must name checks 0 to {len(checks) - 1}, once each"
            )
        if sample["text"] in {option["text"] for option in entry["options"]}:
            return f"sample reply {position} is one of the options; a sample must be a reply of its own"
    return None


_DRILLS = _Shape(
    "drills",
    (
        _Field("id"),
        _skill_field(),
        _Field("channel", choices=tuple(c.value for c in DrillChannel)),
        _Field("level", whole_number=True),
        _Field("situation", choices=tuple(s.value for s in DrillSituation)),
        _Field("context", longest=MAX_CONTEXT),
        _Field("customer", longest=MAX_CUSTOMER),
        _Field("options", items=_OPTION),
        _Field("strong_reply", required=False, texts=True, longest=MAX_CHECK),
        _Field("sample_replies", required=False, items=_SAMPLE),
    ),
    _check_drill,
)
_BANK_KEYS = (_PROMPTS.key, _QUOTES.key, _TEAM_QUESTIONS.key, _DRILLS.key)
_RETIRED = _Shape("retired", (_Field("bank", choices=_BANK_KEYS), _Field("id"), _Field("replaced_by")))


@dataclass(frozen=True)
class Banks:
    prompts: tuple[Prompt, ...]
    quotes: tuple[Quote, ...]
    team_questions: tuple[TeamQuestion, ...]
    retired: Retired
    drills: tuple[Drill, ...] = ()


def load_prompts(path: Path = PROMPTS_FILE) -> tuple[Prompt, ...]:
    """The reflection prompts in file order, so ids and rotation stay predictable for editors."""
    return tuple(
        Prompt(
            **{
                **entry,
                "channel": Channel(entry["channel"]),
                "level": Level(entry["level"]),
                "situation": Situation(entry["situation"]) if "situation" in entry else None,
            }
        )
        for entry in _load(Path(path), _PROMPTS)
    )


def load_quotes(path: Path = QUOTES_FILE) -> tuple[Quote, ...]:
    """The quotes of the day in file order; each names its skill and a source that can be checked."""
    return tuple(Quote(**entry) for entry in _load(Path(path), _QUOTES))


def load_team_questions(path: Path = TEAM_QUESTIONS_FILE) -> tuple[TeamQuestion, ...]:
    return tuple(TeamQuestion(**entry) for entry in _load(Path(path), _TEAM_QUESTIONS))


def load_drills(path: Path = DRILLS_FILE) -> tuple[Drill, ...]:
    """The practice drills in file order; every option keeps its place, and each person sees them shuffled."""
    return tuple(
        Drill(
            id=entry["id"],
            skill=entry["skill"],
            channel=DrillChannel(entry["channel"]),
            level=Level(entry["level"]),
            situation=DrillSituation(entry["situation"]),
            context=entry["context"],
            customer=entry["customer"],
            options=tuple(DrillOption(**option) for option in entry["options"]),
            strong_reply=tuple(entry.get("strong_reply", ())),
            sample_replies=tuple(
                SampleReply(sample["text"], tuple(sample["meets"])) for sample in entry.get("sample_replies", ())
            ),
        )
        for entry in _load(Path(path), _DRILLS)
    )


def load_banks(folder: Path = FOLDER) -> Banks:
    """All five files, and the rule across them: a published id is never reused, and every retired id names
    the entry that replaces it."""
    folder = Path(folder)
    prompts = load_prompts(folder / PROMPTS_FILE.name)
    quotes = load_quotes(folder / QUOTES_FILE.name)
    questions = load_team_questions(folder / TEAM_QUESTIONS_FILE.name)
    drills = load_drills(folder / DRILLS_FILE.name)
    retired_file = folder / RETIRED_FILE.name
    current: dict[str, set[str]] = {
        _PROMPTS.key: {p.id for p in prompts},
        _QUOTES.key: {q.id for q in quotes},
        _TEAM_QUESTIONS.key: {t.id for t in questions},
        _DRILLS.key: {d.id for d in drills},
    }
    skills = {entry.id: entry.skill for entry in (*prompts, *questions, *drills)}
    retired: dict[str, dict[str, str]] = {key: {} for key in _BANK_KEYS}
    for index, entry in enumerate(_load(retired_file, _RETIRED, unique=False), start=1):
        bank, old, new = entry["bank"], entry["id"], entry["replaced_by"]
        where = f"{retired_file}: entry {index} (id {old!r})"
        if old in retired[bank]:
            raise BankError(f"{where}: {old!r} is retired twice from {bank}")
        if old in current[bank]:
            raise BankError(
                f"{folder / (bank + '.yaml')}: id {old!r} was retired (see {retired_file.name}); a published id is "
                "never reused, so give the entry the next free id"
            )
        if new not in current[bank]:
            raise BankError(f"{where}: replaced_by {new!r} is not an id in {bank}.yaml")
        if bank != _QUOTES.key and skills[new] != _skill_of(old):
            raise BankError(f"{where}: replaced_by {new!r} is a {skills[new]} entry; replace it within its own skill")
        retired[bank][old] = new
    return Banks(prompts, quotes, questions, Retired(*(retired[key] for key in _BANK_KEYS)), drills)


def _skill_of(entry_id: str) -> str:
    """A prompt's, team question's or drill's id names its skill: `listening-05`, `team-listening-01`,
    `drill-listening-01`."""
    return entry_id.removeprefix("team-").removeprefix("drill-").rsplit("-", 1)[0]


def _load(path: Path, shape: _Shape, *, unique: bool = True) -> list[dict[str, Any]]:
    """Every entry checked before any is returned, so callers never see half a bank."""
    entries = _read_entries(path, shape.key)
    seen: dict[str, int] = {}
    return [_check_entry(path, index, raw, shape, seen if unique else {}) for index, raw in enumerate(entries, start=1)]


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


def _check_entry(path: Path, index: int, raw: Any, shape: _Shape, seen: dict[str, int]) -> dict[str, Any]:
    """One entry's problems, reported with the id when there is one to search the file for."""
    where = f"{path}: entry {index}"
    if not isinstance(raw, dict):
        raise BankError(f"{where}: expected a mapping with fields {', '.join(shape.names)}, got {_kind(raw)}")
    entry_id = raw.get("id")
    if isinstance(entry_id, str) and entry_id.strip():
        where += f" (id {entry_id!r})"

    def fail(problem: str) -> BankError:
        return BankError(f"{where}: {problem}")

    for name in raw:
        if name not in shape.names:
            raise fail(f"unknown field {str(name)!r} (allowed: {', '.join(shape.names)})")
    for spec in shape.fields:
        if spec.required and spec.name not in raw:
            raise fail(f"missing field {spec.name!r}")

    entry: dict[str, Any] = {}
    for spec in shape.fields:
        if spec.name not in raw:
            continue
        entry[spec.name] = _value(spec, raw[spec.name], fail)

    return _checked(entry, shape, index, seen, fail)


def _check_item(shape: _Shape, position: int, raw: Any, fail: Callable[[str], BankError]) -> dict[str, Any]:
    """One mapping inside an entry's list (a drill's option), named by its place in the list."""

    def fail_here(problem: str) -> BankError:
        return fail(f"{shape.key} {position}: {problem}")

    if not isinstance(raw, dict):
        raise fail_here(f"expected a mapping with fields {', '.join(shape.names)}, got {_kind(raw)}")
    for name in raw:
        if name not in shape.names:
            raise fail_here(f"unknown field {str(name)!r} (allowed: {', '.join(shape.names)})")
    for spec in shape.fields:
        if spec.required and spec.name not in raw:
            raise fail_here(f"missing field {spec.name!r}")
    return {spec.name: _value(spec, raw[spec.name], fail_here) for spec in shape.fields if spec.name in raw}


def _checked(
    entry: dict[str, Any], shape: _Shape, index: int, seen: dict[str, int], fail: Callable[[str], BankError]
) -> dict[str, Any]:
    entry_id = entry["id"]
    if not ID_PATTERN.fullmatch(entry_id):
        raise fail(f"invalid id {entry_id!r}: must match ^{ID_PATTERN.pattern}$")
    if entry_id in seen:
        raise fail(f"duplicate id {entry_id!r} (already used by entry {seen[entry_id]})")
    seen[entry_id] = index

    if shape.check is not None and (problem := shape.check(entry)) is not None:
        raise fail(problem)
    for name, value in _strings(entry):
        for char in FORBIDDEN_CHARS:
            if char in value:
                raise fail(f"field {name!r} contains {char!r}, which Slack treats as markup; write it in words")
    return entry


def _strings(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """Every text in an entry, those of its options included."""
    found = []
    for name, value in entry.items():
        if isinstance(value, str):
            found.append((name, value))
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    found.append((name, item))
                elif isinstance(item, dict):
                    found += [(f"{name}.{inner}", text) for inner, text in _strings(item)]
    return found


def _value(spec: _Field, value: Any, fail: Callable[[str], BankError]) -> Any:
    name = spec.name
    if spec.items is not None:
        if not isinstance(value, list) or not value:
            raise fail(f"field {name!r} must be a list of {', '.join(spec.items.names)} entries, got {_kind(value)}")
        return [_check_item(spec.items, position, item, fail) for position, item in enumerate(value, start=1)]
    if spec.texts:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"field {name!r} must be a list of texts, got {_kind(value)}")
        for text in value:
            if spec.longest is not None and len(text.strip()) > spec.longest:
                raise fail(f"field {name!r} has a text of {len(text.strip())} characters (limit {spec.longest})")
        return [v.strip() for v in value]
    if spec.numbers:
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise fail(f"field {name!r} must be a list of whole numbers, like [0, 2], got {_kind(value)}")
        return value
    if spec.flag:
        if not isinstance(value, bool):
            raise fail(f"field {name!r} must be true or false, got {_kind(value)}")
        return value
    if spec.whole_number:
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(f"field {name!r} must be a whole number, got {_kind(value)}")
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        hint = "; omit it instead" if not spec.required else ""
        raise fail(f"field {name!r} is empty{hint}")
    if not isinstance(value, str):
        shown = f" {value!r}; put it in quotes" if not isinstance(value, dict | list) else ""
        raise fail(f"field {name!r} must be a string, got {_kind(value)}{shown}")
    if name != "id":
        value = value.strip()
    if spec.choices is not None and value not in spec.choices:
        raise fail(f"unknown {name} {value!r} (expected one of: {', '.join(spec.choices)})")
    if spec.longest is not None and len(value) > spec.longest:
        label = "text" if name == "text" else f"field {name!r}"
        raise fail(f"{label} is {len(value)} characters long (limit {spec.longest})")
    return value


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
