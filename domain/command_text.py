"""Parse the text of `/practice ...` (and the mention at the start of `/feedback ...`) into typed commands.

Pure and total: every input, however odd, gives either a command or a `ParseError` whose message is
friendly, says what was wrong, shows the right form, never repeats more than 40 characters of what
the user typed, and escapes what it repeats so nothing in it can ping a channel or a person.

Whether a command is allowed (leads only, in a team channel, a date in the past) is not decided here:
the caller knows who is asking and what time it is.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from domain.skills import names_to_keys
from domain.text import clip, escape_mrkdwn

Weekday = int  # 0=Monday .. 6=Sunday
Scope = Literal["me", "team"]


# --------------------------------------------------------------------------------------------------
# The commands


@dataclass(frozen=True)
class Help:
    """`/practice`, `/practice help`, `/practice help schedule` (topic lowercased, at most 40 chars)."""

    topic: str | None = None


@dataclass(frozen=True)
class Start:
    pass


@dataclass(frozen=True)
class Stop:
    pass


@dataclass(frozen=True)
class Pause:
    scope: Scope | None = None


@dataclass(frozen=True)
class Resume:
    scope: Scope | None = None


@dataclass(frozen=True)
class Now:
    pass


@dataclass(frozen=True)
class Status:
    pass


@dataclass(frozen=True)
class ShowSchedule:
    pass


@dataclass(frozen=True)
class SetSchedule:
    """Only the settings given are changed; the parser guarantees at least one is not None."""

    days: frozenset[Weekday] | None = None
    prompt_time: time | None = None
    quote_time: time | None = None
    reminder_time: time | None = None
    timezone: str | None = None
    drill_days: frozenset[Weekday] | None = None  # empty: drills off
    write_day: frozenset[Weekday] | None = None  # the one day a written reply is asked for instead; empty: off


@dataclass(frozen=True)
class LeadAdd:
    user_id: str


@dataclass(frozen=True)
class LeadRemove:
    user_id: str


@dataclass(frozen=True)
class LeadList:
    pass


@dataclass(frozen=True)
class MyTime:
    """A member's own prompt time; `days` None keeps the team's days."""

    time: time
    days: frozenset[Weekday] | None = None


@dataclass(frozen=True)
class MyTimeReset:
    pass


@dataclass(frozen=True)
class Away:
    """Away up to and including `until`."""

    until: date


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class HolidayAdd:
    day: date


@dataclass(frozen=True)
class HolidayRemove:
    day: date


@dataclass(frozen=True)
class HolidayList:
    pass


@dataclass(frozen=True)
class Reminders:
    on: bool


@dataclass(frozen=True)
class Lessons:
    """Whether answers marked worth remembering come back to their writer."""

    on: bool


@dataclass(frozen=True)
class Calibrate:
    """A lead starts a calibration round: the whole team rates the same sample reply."""


@dataclass(frozen=True)
class CalibrateWeekly:
    """The team-local weekday a calibration round starts on its own, at the quote time; None turns it off."""

    day: Weekday | None


@dataclass(frozen=True)
class QuestionDay:
    """The weekday whose quote of the day comes with a team question for the thread; None turns it off."""

    day: Weekday | None


@dataclass(frozen=True)
class Partners:
    """Weekly feedback partners for the team, on or off."""

    on: bool


@dataclass(frozen=True)
class Focus:
    """My signals per skill side by side, a suggested focus skill for four weeks, and the choice."""


@dataclass(frozen=True)
class ForgetMe:
    """Delete my answers and feedback I gave (after a confirmation button)."""


@dataclass(frozen=True)
class Export:
    """Send me everything the bot keeps about me, as a file."""


@dataclass(frozen=True)
class ShowRetention:
    pass


@dataclass(frozen=True)
class Retention:
    """Answers older than `days` are deleted; None keeps them."""

    days: int | None


@dataclass(frozen=True)
class ParseError:
    """What went wrong, in words fit to show the user as-is (already mrkdwn-safe)."""

    message: str


PracticeCommand = (
    Help
    | Start
    | Stop
    | Pause
    | Resume
    | Now
    | Status
    | ShowSchedule
    | SetSchedule
    | LeadAdd
    | LeadRemove
    | LeadList
    | MyTime
    | MyTimeReset
    | Away
    | Back
    | HolidayAdd
    | HolidayRemove
    | HolidayList
    | Reminders
    | Partners
    | QuestionDay
    | Lessons
    | Calibrate
    | CalibrateWeekly
    | Focus
    | ForgetMe
    | Export
    | ShowRetention
    | Retention
)


# --------------------------------------------------------------------------------------------------
# Echoing user text safely

ECHO_LIMIT = 40  # characters of user input a message may repeat
_ECHO_MAX_ESCAPED = 80  # and what they may grow to once escaped (`&` becomes `&amp;`)
_SPACE = re.compile(r"[\s\u200b\u2060\ufeff]+")
_EDGE_SPACE = re.compile(r"^[\s\u200b\u2060\ufeff]+|[\s\u200b\u2060\ufeff]+$")


def _unescape(text: str) -> str:
    # Slack sends a literally typed `<`, `>` or `&` as an entity; undo that before escaping once.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _q(text: str) -> str:
    """User text, fit to repeat inside a message: one line, at most 40 characters, escaped."""
    plain = _SPACE.sub(" ", _unescape(text)).strip()
    for limit in range(ECHO_LIMIT, 0, -1):
        shown = escape_mrkdwn(clip(plain, limit))
        if len(shown) <= _ECHO_MAX_ESCAPED:
            return shown
    return ""  # pragma: no cover - one character always fits


def _error(message: str) -> ParseError:
    return ParseError(message)


# --------------------------------------------------------------------------------------------------
# Tokens

# A Slack escape such as `<@U123|Ann Lee>` may hold spaces, so it is one token; otherwise split on any
# whitespace (newlines, non-breaking and zero-width spaces too).
_TOKEN = re.compile(r"<[^<>]*>|[^\s<>\u200b\u2060\ufeff]+|[<>]")


def _tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


# --------------------------------------------------------------------------------------------------
# Mentions

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
_NEED_MENTION = "Type @ and pick the person from Slack's list, so it turns into a mention."


def _mention(token: str, example: str) -> str | ParseError:
    match = _MENTION.fullmatch(token)
    if match:
        return match.group(1)
    if token.startswith("<"):
        return _error(f"That isn't a person: mention one person, like {example}. {_NEED_MENTION}")
    if token.startswith("@"):
        return _error(f'"{_q(token)}" came through as plain text, not a mention. {_NEED_MENTION} Like {example}.')
    return _error(f'"{_q(token)}" isn\'t a person. Mention one person, like {example}. {_NEED_MENTION}')


def parse_mention(text: str) -> str | ParseError:
    """Exactly one Slack user mention (`<@U123|ann>` or `<@U123>`) and nothing else -> the user id."""
    tokens = _tokenize(text if isinstance(text, str) else "")
    if not tokens:
        return _error(f"Mention one person, like @ann. {_NEED_MENTION}")
    user_id = _mention(tokens[0], "@ann")
    if isinstance(user_id, ParseError):
        return user_id
    if len(tokens) > 1:
        return _error("Mention just one person, like @ann, with nothing after it.")
    return user_id


def split_leading_mention(text: str) -> tuple[str, str] | ParseError:
    """`<@U123|ann> thanks for the help` -> ("U123", "thanks for the help").

    The rest is returned as Slack sent it (stripped, otherwise untouched): escape it before echoing.
    """
    text = text if isinstance(text, str) else ""
    stripped = _EDGE_SPACE.sub("", text)
    match = _MENTION.match(stripped)
    if match:
        return match.group(1), _EDGE_SPACE.sub("", stripped[match.end() :])
    tokens = _tokenize(stripped)
    if not tokens:
        return _error(f"Who is it for? Start with a mention of one person, like @ann. {_NEED_MENTION}")
    result = _mention(tokens[0], "@ann")
    if isinstance(result, ParseError):
        return result
    return _error(f"Start with a mention of one person, like @ann. {_NEED_MENTION}")  # pragma: no cover


# --------------------------------------------------------------------------------------------------
# Times, days, dates, time zones

_TIME_24 = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TIME_12 = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?(am|pm)")
_TIME_NUMBER = re.compile(r"[0-9]{1,2}(?::[0-9]{2})?")


def _parse_time(raw: str) -> time | ParseError:
    text = raw.lower().replace(" ", "")
    match = _TIME_24.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    match = _TIME_12.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if match.group(3) == "pm" else 0), minute)
    return _error(f'"{_q(raw)}" isn\'t a time I understand. Use 24-hour HH:MM, like 09:30.')


def _take_time(args: Sequence[str], i: int) -> tuple[time | ParseError, int]:
    """The time at args[i] (also `9 am` as two words) and the index after it."""
    raw = args[i]
    if i + 1 < len(args) and args[i + 1].lower() in ("am", "pm") and _TIME_NUMBER.fullmatch(raw):
        return _parse_time(f"{raw} {args[i + 1]}"), i + 2
    return _parse_time(raw), i + 1


def _day_names() -> dict[str, Weekday]:
    spellings = (
        ("mon", "monday"),
        ("tue", "tues", "tuesday"),
        ("wed", "weds", "wednesday"),
        ("thu", "thur", "thurs", "thursday"),
        ("fri", "friday"),
        ("sat", "saturday"),
        ("sun", "sunday"),
    )
    names: dict[str, Weekday] = {}
    for number, words in enumerate(spellings):
        for word in words:
            names[word] = number
            if len(word) > 5:
                names[word + "s"] = number  # "mondays"
    return names


_DAY_NAMES = _day_names()
_ALL_DAYS = frozenset(range(7))
_DAY_GROUPS: dict[str, frozenset[Weekday]] = {
    "weekdays": frozenset(range(5)),
    "weekday": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "weekend": frozenset({5, 6}),
    "daily": _ALL_DAYS,
    "everyday": _ALL_DAYS,
    "every-day": _ALL_DAYS,
}
_DAY_FILLERS = frozenset({"and", "&", "to", "through", "thru", "every", "day"})
_DAYS_HELP = (
    "Use a range like mon-fri (or fri-mon across the weekend), a list like mon,wed,fri, "
    "full names like monday, or weekdays, weekends or daily."
)


def _dashes(text: str) -> str:
    return text.replace("\u2013", "-").replace("\u2014", "-")


def _looks_like_days(token: str) -> bool:
    """Whether a word could continue a days value (`mon, wed` or `mon - fri` typed with spaces)."""
    text = _dashes(token.lower())
    if text in _SCHEDULE_KEYS:
        return False
    pieces = [p for p in re.split(r"[,\-]", text) if p]
    return all(p in _DAY_NAMES or p in _DAY_GROUPS or p in _DAY_FILLERS for p in pieces)


def _parse_days(tokens: Sequence[str]) -> frozenset[Weekday] | ParseError:
    expr = _dashes(" ".join(tokens).lower())
    expr = re.sub(r"\bevery[\s-]+day\b", "everyday", expr)
    expr = re.sub(r"\s+(?:to|through|thru)\s+", "-", expr)
    expr = re.sub(r"\s*-\s*", "-", expr)
    items = [p for p in re.split(r"[,\s&]+", expr) if p and p != "and"]
    if not items:
        return _error(f'"{_q(" ".join(tokens))}" isn\'t a set of days I understand. {_DAYS_HELP}')
    days: set[Weekday] = set()
    for item in items:
        if item in _DAY_GROUPS:
            days |= _DAY_GROUPS[item]
            continue
        ends = item.split("-")
        if len(ends) == 2 and ends[0] in _DAY_NAMES and ends[1] in _DAY_NAMES:
            first, last = _DAY_NAMES[ends[0]], _DAY_NAMES[ends[1]]
            days.update((first + k) % 7 for k in range((last - first) % 7 + 1))
        elif item in _DAY_NAMES:
            days.add(_DAY_NAMES[item])
        else:
            return _error(f'"{_q(item)}" isn\'t a day I know. {_DAYS_HELP}')
    return frozenset(days)


_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _parse_date(raw: str, example: str = "2026-12-24") -> date | ParseError:
    match = _DATE.fullmatch(raw)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return _error(f'"{_q(raw)}" isn\'t a real date. Use YYYY-MM-DD, like {example}.')
    return _error(f'"{_q(raw)}" isn\'t a date I understand. Use YYYY-MM-DD, like {example}.')


_ZONE_AREAS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


@functools.cache
def _zones() -> tuple[dict[str, str], dict[str, str]]:
    """(lowercase name -> canonical name, lowercase city -> canonical name), built once, on first use."""
    try:
        names = set(available_timezones())
    except (OSError, ValueError):  # pragma: no cover - a broken tz database still leaves UTC
        names = set()
    names.add("UTC")
    by_lower: dict[str, str | None] = {}
    by_city: dict[str, str | None] = {}
    for name in names:
        key = name.lower()
        by_lower[key] = None if key in by_lower else name  # ambiguous spellings are not guessed
        if name.startswith(_ZONE_AREAS):
            city = key.rsplit("/", 1)[-1]
            by_city[city] = None if city in by_city else name
    return (
        {k: v for k, v in by_lower.items() if v is not None},
        {k: v for k, v in by_city.items() if v is not None},
    )


def _loads(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _parse_timezone(raw: str) -> str | ParseError:
    by_lower, by_city = _zones()
    key = raw.strip().lower()
    canonical = by_lower.get(key)
    if canonical is not None and _loads(canonical):
        return canonical
    short = key[:ECHO_LIMIT]
    guess = by_city.get(re.sub(r"[\s-]+", "_", short)) if "/" not in short else None
    if guess is None:
        close = difflib.get_close_matches(short, by_lower.keys(), n=1, cutoff=0.8)
        guess = by_lower[close[0]] if close else None
    hint = f" Did you mean `{guess}`?" if guess else ""
    return _error(
        f'"{_q(raw)}" isn\'t a time zone I know.{hint} Use an IANA name like Europe/Dublin or America/New_York.'
    )


# --------------------------------------------------------------------------------------------------
# The subcommands

_P = "/practice"
_SCHEDULE_EXAMPLE = f"`{_P} schedule days mon-fri prompt 09:30 tz Europe/Dublin`"
_SCHEDULE_KEYS: dict[str, str] = {
    "days": "days",
    "prompt": "prompt_time",
    "prompts": "prompt_time",
    "quote": "quote_time",
    "quotes": "quote_time",
    "reminder": "reminder_time",
    "reminders": "reminder_time",
    "tz": "timezone",
    "timezone": "timezone",
    "time-zone": "timezone",
    "drills": "drill_days",
    "drill": "drill_days",
    "write": "write_day",
    "writing": "write_day",
}
_KEY_WORD = {
    "days": "days",
    "prompt_time": "prompt",
    "quote_time": "quote",
    "reminder_time": "reminder",
    "timezone": "tz",
    "drill_days": "drills",
    "write_day": "write",
}
_KEY_EXAMPLE = {
    "days": "days mon-fri",
    "prompt_time": "prompt 09:30",
    "quote_time": "quote 09:00",
    "reminder_time": "reminder 15:00",
    "timezone": "tz Europe/Dublin",
    "drill_days": "drills mon,wed,fri",
    "write_day": "write thu",
}

Handler = Callable[[list[str]], "PracticeCommand | ParseError"]


def _nothing_after(words: str, args: Sequence[str]) -> ParseError:
    return _error(
        f'`{_P} {words}` doesn\'t take anything after it, but I got "{_q(" ".join(args))}". '
        f"Send `{_P} {words}` on its own."
    )


def _bare(words: str, command: PracticeCommand) -> Handler:
    def handle(args: list[str]) -> PracticeCommand | ParseError:
        return _nothing_after(words, args) if args else command

    return handle


def _help(args: list[str]) -> PracticeCommand | ParseError:
    topic = " ".join(a.lower() for a in args)
    return Help(clip(topic, ECHO_LIMIT) or None)


def _scoped(word: str, make: Callable[[Scope | None], PracticeCommand]) -> Handler:
    def handle(args: list[str]) -> PracticeCommand | ParseError:
        if not args:
            return make(None)
        said = args[0].lower()
        if said not in ("me", "team"):
            return _error(
                f'I can\'t {word} "{_q(args[0])}". Use `{_P} {word} me` for just you, '
                f"or `{_P} {word} team` for the whole team."
            )
        scope: Scope = "me" if said == "me" else "team"
        if len(args) > 1:
            return _nothing_after(f"{word} {scope}", args[1:])
        return make(scope)

    return handle


def _schedule(args: list[str]) -> PracticeCommand | ParseError:
    if args and args[0].lower() in ("show", "set") and len(args) == 1:
        return ShowSchedule()
    if args and args[0].lower() == "set":
        args = args[1:]
    if not args:
        return ShowSchedule()
    values: dict[str, object] = {}
    i = 0
    while i < len(args):
        raw = args[i]
        key = _SCHEDULE_KEYS.get(raw.lower())
        if key is None:
            return _unknown_schedule_key(raw)
        if key in values:
            return _error(f"You gave {_KEY_WORD[key]} twice. Give each setting once, like {_SCHEDULE_EXAMPLE}.")
        i += 1
        if i >= len(args) or args[i].lower() in _SCHEDULE_KEYS:
            return _error(f"{_KEY_WORD[key]} needs a value after it, like `{_P} schedule {_KEY_EXAMPLE[key]}`.")
        value: object
        if key in ("drill_days", "write_day") and args[i].lower() in ("off", "none"):
            value, i = frozenset(), i + 1
        elif key in ("days", "drill_days", "write_day"):
            end = i + 1
            while end < len(args) and _looks_like_days(args[end]):
                end += 1
            value, i = _parse_days(args[i:end]), end
            if key == "write_day" and isinstance(value, frozenset) and len(value) != 1:
                value = _error(f"Written drills come one day a week. Pick one, like `{_P} schedule write thu`.")
        elif key == "timezone":
            value, i = _parse_timezone(args[i]), i + 1
        else:
            value, i = _take_time(args, i)
        if isinstance(value, ParseError):
            return value
        values[key] = value
    return SetSchedule(**values)  # type: ignore[arg-type]


def _unknown_schedule_key(raw: str) -> ParseError:
    if not isinstance(_parse_days([raw]), ParseError):
        return _error(f"Put `days` before the days, like `{_P} schedule days mon-fri`.")
    if not isinstance(_parse_time(raw), ParseError):
        return _error(f"Say which time that is (prompt, quote or reminder), like `{_P} schedule prompt 09:30`.")
    close = difflib.get_close_matches(raw.lower()[:ECHO_LIMIT], list(_SCHEDULE_KEYS), n=1, cutoff=0.7)
    hint = f" Did you mean `{close[0]}`?" if close else ""
    return _error(
        f'"{_q(raw)}" isn\'t a schedule setting.{hint} Use days, prompt, quote, reminder, tz, drills or write, '
        f"like {_SCHEDULE_EXAMPLE}."
    )


def _lead(args: list[str]) -> PracticeCommand | ParseError:
    usage = f"Use `{_P} lead add @ann`, `{_P} lead remove @ann` or `{_P} lead list`."
    if not args:
        return _error(f"What should I do with leads? {usage}")
    sub = args[0].lower()
    if sub == "list":
        return _nothing_after("lead list", args[1:]) if len(args) > 1 else LeadList()
    if sub not in ("add", "remove"):
        return _error(f'I can\'t "{_q(args[0])}" a lead. {usage}')
    example = f"`{_P} lead {sub} @ann`"
    if len(args) < 2:
        return _error(f"Who? Mention one person, like {example}. {_NEED_MENTION}")
    user_id = _mention(args[1], example)
    if isinstance(user_id, ParseError):
        return user_id
    if len(args) > 2:
        if _MENTION.fullmatch(args[2]):
            return _error(f"One person at a time, please, like {example}.")
        return _nothing_after(f"lead {sub} @person", args[2:])
    return LeadAdd(user_id) if sub == "add" else LeadRemove(user_id)


def _leads(args: list[str]) -> PracticeCommand | ParseError:
    return _lead(args) if args else LeadList()


def _my_time(args: list[str]) -> PracticeCommand | ParseError:
    if not args:
        return _error(
            f"What time would you like your prompt? Like `{_P} my-time 07:00`, "
            f"`{_P} my-time 07:00 tue-sat`, or `{_P} my-time reset` to follow the team again."
        )
    if args[0].lower() in ("reset", "off"):
        return _nothing_after(f"my-time {args[0].lower()}", args[1:]) if len(args) > 1 else MyTimeReset()
    at, i = _take_time(args, 0)
    if isinstance(at, ParseError):
        return at
    if i == len(args):
        return MyTime(at, None)
    days = _parse_days(args[i:])
    if isinstance(days, ParseError):
        return days
    return MyTime(at, days)


def _away(args: list[str]) -> PracticeCommand | ParseError:
    i = 1 if args and args[0].lower() == "until" else 0
    if i >= len(args):
        return _error(f"Until when? Give your last day away, like `{_P} away until 2026-12-24`.")
    until = _parse_date(args[i])
    if isinstance(until, ParseError):
        return until
    if len(args) > i + 1:
        return _nothing_after("away until YYYY-MM-DD", args[i + 1 :])
    return Away(until)


def _holiday(args: list[str], plural: bool) -> PracticeCommand | ParseError:
    usage = f"Use `{_P} holiday add 2026-12-25`, `{_P} holiday remove 2026-12-25` or `{_P} holidays`."
    if not args:
        return HolidayList() if plural else _error(f"Which day? {usage}")
    sub = args[0].lower()
    if sub == "list":
        return _nothing_after("holiday list", args[1:]) if len(args) > 1 else HolidayList()
    if sub in ("add", "remove"):
        args = args[1:]
        if not args:
            return _error(f"Which day? Like `{_P} holiday {sub} 2026-12-25`.")
    elif re.search(r"[0-9]", sub):
        sub = "add"
    else:
        return _error(f'I can\'t "{_q(args[0])}" a holiday. {usage}')
    day = _parse_date(args[0], "2026-12-25")
    if isinstance(day, ParseError):
        return day
    if len(args) > 1:
        return _nothing_after(f"holiday {sub} YYYY-MM-DD", args[1:])
    return HolidayAdd(day) if sub == "add" else HolidayRemove(day)


def _on_off(word: str, make: Callable[[bool], PracticeCommand]) -> Handler:
    def handle(args: list[str]) -> PracticeCommand | ParseError:
        if not args or args[0].lower() not in ("on", "off"):
            said = f'"{_q(args[0])}" isn\'t on or off. ' if args else ""
            return _error(f"{said}Use `{_P} {word} on` or `{_P} {word} off`.")
        if len(args) > 1:
            return _nothing_after(f"{word} {args[0].lower()}", args[1:])
        return make(args[0].lower() == "on")

    return handle


RETENTION_MIN_DAYS, RETENTION_MAX_DAYS = 30, 3650


def _retention(args: list[str]) -> PracticeCommand | ParseError:
    if not args:
        return ShowRetention()
    word = args[0].lower()
    rest = args[1:]
    if word in ("off", "forever", "never", "none"):
        return _nothing_after(f"retention {word}", rest) if rest else Retention(None)
    if rest and rest[0].lower() in ("day", "days"):
        rest = rest[1:]
    if rest:
        return _nothing_after(f"retention {word}", rest)
    number = word.removesuffix("d")
    if not number.isdigit() or not RETENTION_MIN_DAYS <= int(number) <= RETENTION_MAX_DAYS:
        return _error(
            f'"{_q(args[0])}" isn\'t a retention period I can use. Give a number of days from '
            f"{RETENTION_MIN_DAYS} to {RETENTION_MAX_DAYS}, like `{_P} retention 365`, or `{_P} retention off`."
        )
    return Retention(int(number))


def _calibrate(args: list[str]) -> PracticeCommand | ParseError:
    usage = (
        f"Use `{_P} calibrate` for a round now, `{_P} calibrate weekly fri` for one every Friday, "
        f"or `{_P} calibrate off`."
    )
    words = [a.lower() for a in args]
    if not words:
        return Calibrate()
    if words == ["off"] or words == ["weekly", "off"]:
        return CalibrateWeekly(None)
    if words[0] != "weekly":
        return _error(f'I can\'t calibrate "{_q(args[0])}". {usage}')
    if len(words) != 2 or words[1] not in _DAY_NAMES:
        return _error(f"Which one day of the week should the round start? {usage}")
    return CalibrateWeekly(_DAY_NAMES[words[1]])


def _question(args: list[str]) -> PracticeCommand | ParseError:
    usage = f"Use `{_P} question wed` for a team question with Wednesday's quote, or `{_P} question off`."
    if not args:
        return _error(f"Which day should the team question come? {usage}")
    if len(args) > 1:
        return _nothing_after(f"question {args[0].lower()}", args[1:])
    word = args[0].lower()
    if word == "off":
        return QuestionDay(None)
    day = _DAY_NAMES.get(word)
    if day is None:
        return _error(f'"{_q(args[0])}" isn\'t one day of the week. {usage}')
    return QuestionDay(day)


_COMMANDS: dict[str, Handler] = {
    "help": _help,
    "?": _help,
    "start": _bare("start", Start()),
    "stop": _bare("stop", Stop()),
    "pause": _scoped("pause", Pause),
    "resume": _scoped("resume", Resume),
    "now": _bare("now", Now()),
    "status": _bare("status", Status()),
    "schedule": _schedule,
    "lead": _lead,
    "leads": _leads,
    "my-time": _my_time,
    "mytime": _my_time,
    "away": _away,
    "back": _bare("back", Back()),
    "holiday": lambda args: _holiday(args, plural=False),
    "holidays": lambda args: _holiday(args, plural=True),
    "reminders": _on_off("reminders", lambda on: Reminders(on=on)),
    "reminder": _on_off("reminders", lambda on: Reminders(on=on)),
    "lessons": _on_off("lessons", lambda on: Lessons(on=on)),
    "partners": _on_off("partners", lambda on: Partners(on=on)),
    "question": _question,
    "calibrate": _calibrate,
    "focus": _bare("focus", Focus()),
    "forget-me": _bare("forget-me", ForgetMe()),
    "forgetme": _bare("forget-me", ForgetMe()),
    "export": _bare("export", Export()),
    "retention": _retention,
}
_SUGGESTIBLE = [word for word in _COMMANDS if word not in ("?", "mytime", "reminder", "forgetme")]


def _unknown(word: str) -> ParseError:
    close = difflib.get_close_matches(word.lower()[:ECHO_LIMIT], _SUGGESTIBLE, n=1, cutoff=0.7)
    hint = f" Did you mean `{close[0]}`?" if close else ""
    return _error(f'I don\'t know "{_q(word)}".{hint} Send `{_P} help` to see everything I can do.')


def parse_practice(text: str) -> PracticeCommand | ParseError:
    """The text after `/practice` -> a command, or a friendly ParseError. Never raises."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        return _error(f"I couldn't read that command. Send `{_P} help` to see what I can do.")
    tokens = _tokenize(text)
    if not tokens:
        return Help()
    head, args = tokens[0].lower(), tokens[1:]
    if head == "my" and args and args[0].lower() == "time":  # "my time 07:00"
        head, args = "my-time", args[1:]
    handler = _COMMANDS.get(head)
    if handler is None:
        return _unknown(tokens[0])
    return handler(args)


# --------------------------------------------------------------------------------------------------
# /drill


@dataclass(frozen=True)
class DrillAsk:
    """`/drill` or `/drill <skill>`: one drill now."""

    skill: str | None = None


@dataclass(frozen=True)
class DrillWrite:
    """`/drill write` or `/drill write <skill>`: write your own first reply, then review it."""

    skill: str | None = None


@dataclass(frozen=True)
class DrillHelp:
    pass


@dataclass(frozen=True)
class DrillProblem:
    text: str


def parse_drill(text: str | None) -> DrillAsk | DrillWrite | DrillHelp | DrillProblem:
    """The text after `/drill`: nothing, `help`, `write`, or a skill by its key or name in any case (after
    `write` too)."""
    skill_names = names_to_keys()
    words = " ".join((text or "").lower().split())
    if not words:
        return DrillAsk()
    if words in ("help", "?"):
        return DrillHelp()
    if words == "write" or words.startswith("write "):
        asked = parse_drill(words.removeprefix("write").strip())
        if isinstance(asked, DrillAsk):
            return DrillWrite(asked.skill)
        return asked if isinstance(asked, DrillProblem) else DrillWrite()
    key = skill_names.get(words) or skill_names.get(words.replace("-", " ")) or skill_names.get(words.replace(" ", "_"))
    if key is not None:
        return DrillAsk(key)
    return DrillProblem(
        f'"{_q(text or "")}" isn\'t a skill I have drills for. Try `/drill` for one chosen for you, '
        "`/drill listening`, or `/drill help` for the skills."
    )
