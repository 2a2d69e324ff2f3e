"""Channel layouts live in channels/, which never imports the actions (the GUIDE's layering)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.servers import ROOT

CHANNELS = ROOT / "channels"


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of the file (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_channels_module_imports_actions() -> None:
    files = sorted(CHANNELS.glob("*.py"))
    assert CHANNELS / "slack.py" in files and CHANNELS / "slack_blocks.py" in files
    offending = {
        path.name: sorted(m for m in imported_modules(path) if m == "actions" or m.startswith("actions."))
        for path in files
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_the_walk_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from actions import render\n    import actions.wording\n")
    assert imported_modules(module) == {"actions", "actions.wording"}
