"""A user's clone has nothing beside it: no project file may name a path outside the repository, and every
link in the docs leads to a file inside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Ways a path can leave the repository: a parent step into a named folder, a `..` path part, an absolute
#: path of this machine's work folders, or the reference folder kept beside the repository.
OUTSIDE = re.compile(
    r"""\.\./[\w.-]"""  # ../something
    r"""|/\s*["']\.\.["']"""  # Path(...) / ".."
    r"""|["']\.\.["']\s*,"""  # os.path.join(x, "..", ...)
    r"""|/work/|/home/\w"""
    r"""|shared[/]slack-api|shared[/]DESIGN"""
)
#: Hostile input that the time-zone parser's tests feed it on purpose.
HOSTILE_INPUT = ("../../etc/passwd", "Europe/../UTC")
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".toml", ".ini", ".txt", ".cfg", ".example", ".sh", ""}
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


def project_files() -> list[Path]:
    """What git would hand a user (tracked files and new ones it does not ignore), or every file outside a
    checkout; Slack's copied specs are data, not paths."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        files = [ROOT / name for name in listed]
    except (OSError, subprocess.CalledProcessError):
        files = [p for p in ROOT.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts]
    return [
        p
        for p in files
        if p.is_file() and "slack_spec" not in p.parts and (p.suffix in TEXT_SUFFIXES or p.parent.name == ".ci")
    ]


def leaves_the_repository(line: str) -> bool:
    """Markdown links are left to the link check below, which resolves each (docs/ may link ../README.md)."""
    for text in HOSTILE_INPUT:
        line = line.replace(text, "")
    return OUTSIDE.search(LINK.sub("]()", line)) is not None


def test_no_project_file_names_a_path_outside_the_repository() -> None:
    offenders = []
    for path in project_files():
        if path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if leaves_the_repository(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not offenders, "paths outside the repository:\n" + "\n".join(offenders)


def test_the_check_catches_the_ways_a_path_leaves_the_repository() -> None:
    for line in (
        'SPEC = ROOT / ".." / "specs"',
        "see ../notes/DESIGN.md",
        "the brief in shared/DESIGN.md",
        'os.path.join(here, "..", "x")',
        "open('/work/main/x')",
    ):
        assert leaves_the_repository(line), line
    assert not leaves_the_repository('"Europe/../UTC", "../../etc/passwd"')


def test_every_link_in_the_docs_leads_to_a_file_in_the_repository() -> None:
    broken = []
    for page in [p for p in project_files() if p.suffix == ".md"]:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):  # https:, mailto:
                continue
            resolved = (page.parent / target).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert not broken, "links that lead nowhere in the repository:\n" + "\n".join(broken)


def test_ci_runs_the_readmes_test_command_verbatim_in_a_fresh_temporary_copy() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -q -r requirements-dev.txt && .venv/bin/python -m pytest"
    assert command in readme
    assert command in ci
    assert "mktemp -d" in ci and ci.index("mktemp -d") < ci.index(command)
