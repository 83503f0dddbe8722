"""The shape every benchmark returns, and the results in docs/benchmarks.md that `python -m bench` rewrites from
them (the README links that page)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """One benchmark target: what it asks, whether this run met it, and the numbers that say so."""

    name: str
    met: bool
    detail: str

    def line(self) -> str:
        return f"| {self.name} | {'met' if self.met else '**missed**'} | {self.detail} |"


@dataclass
class Section:
    """A benchmark's markdown table (header row first) with notes and the targets it judges."""

    title: str
    table: list[list[str]]
    notes: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def markdown(self) -> str:
        header, *rows = self.table
        lines = [f"**{self.title}**", "", "| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        if self.notes:
            lines += [""] + [f"- {note}" for note in self.notes]
        return "\n".join(lines)


def render(sections: list[Section], *, day: str, machine: str, minutes: float, command: str) -> str:
    targets = [t for s in sections for t in s.targets]
    parts = [
        f"Measured {day} on this machine ({machine}, shared with other work) by `{command}` in {minutes:.1f} minutes.",
        "",
        "| target | result | measured |",
        "|---|---|---|",
        *[t.line() for t in targets],
        "",
        *[s.markdown() + "\n" for s in sections],
    ]
    return "\n".join(parts).rstrip() + "\n"


#: Where the results live, relative to the repository root.
RESULTS_PAGE = Path("docs") / "benchmarks.md"
RESULTS_HEADING = "## Results\n"


def rewrite_results(path: Path, body: str, name: str = "bench") -> None:
    """Replace what sits between the `<name>:start` and `<name>:end` markers in `path` (added under
    "## Results" if missing): each benchmark that runs on its own keeps its own block."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8")
    block = f"{start}\n{body}{end}"
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        at = text.index(RESULTS_HEADING) + len(RESULTS_HEADING)
        text = text[:at] + "\n" + block + "\n" + text[at:]
    path.write_text(text, encoding="utf-8")
