"""Each folder is one layer, and the imports say so: the Slack edge and the adapters never reach into storage,
the domain knows nothing of Slack or SQL, the use cases nothing of Bolt; and the demo, the benchmarks and the
fake Slack they share never import the tests (tests/ can change without breaking `python bot.py demo`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: layer folder -> the top-level packages its modules may not import
FORBIDDEN = {
    "handlers": {"storage", "sqlmodel"},
    "adapters": {"storage", "sqlmodel", "usecases", "handlers", "slack_bolt"},
    "domain": {"storage", "sqlmodel", "sqlalchemy", "slack_sdk", "slack_bolt", "handlers", "adapters", "usecases"},
    "usecases": {"slack_bolt", "handlers"},
    "storage": {"slack_sdk", "slack_bolt", "handlers", "adapters", "usecases"},
    "demo": {"tests"},
    "bench": {"tests"},
    "fake_slack": {"tests", "handlers", "usecases", "adapters", "storage"},
}


def imported(path: Path) -> set[str]:
    """The top-level package of every import in a module, wherever in it the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules(layer: str) -> list[Path]:
    found = sorted(p for p in (ROOT / layer).rglob("*.py") if "migrations" not in p.parts)
    assert found, f"{layer}/ has no Python modules: was it moved?"
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_module_of_a_layer_imports_what_its_layer_must_not(layer: str) -> None:
    crossings = [
        f"{p.relative_to(ROOT)} imports {sorted(imported(p) & FORBIDDEN[layer])}"
        for p in modules(layer)
        if imported(p) & FORBIDDEN[layer]
    ]
    assert not crossings, "\n".join(crossings)


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "listener.py"
    module.write_text("def f():\n    from storage import queries\n    import slack_bolt.app\nimport tests.harness\n")
    assert imported(module) == {"storage", "slack_bolt", "tests"}
