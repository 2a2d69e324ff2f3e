"""The shape of ``kb/``: grouped by role (``content/`` reads and validates the authored files in ``data/``,
``wording/`` words results, ``wages/`` holds wages, outside occupations and pay mix, ``ingest/`` drafts
contrasts), no module over 300 lines, and nothing from the chatbot: no Rasa, no ``actions``, ``channels``,
``runtime`` or ``nlu``. Import cycles among ``kb`` modules are checked in ``tests/actions/test_structure.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KB = Path(__file__).resolve().parents[2] / "kb"
MAX_LINES = 300
CHATBOT = ("rasa", "rasa_sdk", "actions", "channels", "runtime", "nlu")
SUBPACKAGES = ("content", "wording", "wages", "ingest")
MODULES = sorted(KB.rglob("*.py"))


def top_names(path: Path) -> set[str]:
    """The top-level package of everything ``path`` imports (top level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(KB)))
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(KB)))
def test_kb_imports_nothing_of_the_chatbot(path: Path) -> None:
    assert top_names(path) & set(CHATBOT) == set()


def test_the_import_reader_sees_imports_inside_functions(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text("import os.path\n\ndef run():\n    from rasa_sdk.events import SlotSet\n    return SlotSet\n")
    assert top_names(path) == {"os", "rasa_sdk"}


def test_each_role_is_a_subpackage_and_no_folder_shadows_a_module() -> None:
    assert all((KB / name / "__init__.py").is_file() for name in SUBPACKAGES)
    folders = {p.name for p in KB.iterdir() if p.is_dir() and p.name != "__pycache__"}
    modules = {p.stem for p in KB.glob("*.py")}
    assert folders & modules == set()
    assert not (KB / "data" / "__init__.py").exists()  # the authored content is data, not code


def test_no_top_level_module_carries_a_subpackage_prefix() -> None:
    prefixes = ("content_", "validate", "answers", "wage", "outside", "ingest_", "chart")
    assert [p.name for p in KB.glob("*.py") if p.stem.startswith(prefixes)] == []
