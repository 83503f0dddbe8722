"""The demo and the benchmarks run the bot against fake_slack, never against the tests' code: tests/ can change
(or be left out of a deployment) without breaking `python bot.py demo` or `python -m bench`."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Folders whose modules must not import the `tests` package (fake_slack too: demo/ and bench/ import it).
OUTSIDE_TESTS = ("bench", "demo", "fake_slack")


def imported_modules(source: str) -> list[str]:
    """Every module an absolute `import` or `from ... import` names (a relative import cannot reach tests/ from
    a sibling top-level package)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


def imports_tests(module: str) -> bool:
    return module == "tests" or module.startswith("tests.")


def test_no_module_of_the_demo_or_the_benchmarks_imports_tests() -> None:
    offending = []
    for folder in OUTSIDE_TESTS:
        paths = sorted((ROOT / folder).rglob("*.py"))
        assert paths, f"{folder}/ has no Python modules: was it moved?"
        for path in paths:
            offending += [
                f"{path.relative_to(ROOT)} imports {module}"
                for module in imported_modules(path.read_text(encoding="utf-8"))
                if imports_tests(module)
            ]
    assert offending == []


def test_the_check_sees_imports_of_tests_in_every_form() -> None:
    source = (
        "import tests.harness\n"
        "from tests import harness\n"
        "from tests.fakes.slack_api import Call\n"
        "def later():\n"
        "    import tests\n"
        "from fake_slack.web_api import FakeSlackAPI\n"
        "import testsuite\n"
    )
    modules = imported_modules(source)
    assert [m for m in modules if imports_tests(m)] == ["tests.harness", "tests", "tests.fakes.slack_api", "tests"]
    assert "fake_slack.web_api" in modules and not imports_tests("testsuite")
