"""The Makefile's knowledge-base rules: each build step runs once, and only when needed.

``make -n`` prints the recipes make would run without running them, so these read the plan for a
clone whose database and stamp live in a temporary directory."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KB_BUILD = "-m kb build"
LOOKUP = "-m nlu.generate"
ECHOED = re.compile(r'echo "[^"]*"')


def plan(tmp_path: Path, target: str) -> str:
    db, stamp, installed = tmp_path / "kb.sqlite3", tmp_path / ".kb-stamp", tmp_path / ".installed"
    installed.touch()  # an installed .venv: these tests are about the knowledge base's rules
    names = {"db": str(db), "stamp": str(stamp)}
    overrides = [f"KB_DB={db}", f"KB_STAMP={stamp}", f"STAMP={installed}"]
    command = ["make", "-n", "--no-print-directory", *overrides, names[target]]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    planned = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    return ECHOED.sub("", planned)  # a recipe names each step once to print it and once to run it


@pytest.mark.parametrize("target", ["stamp", "db"])
def test_a_fresh_clone_builds_the_kb_once(tmp_path: Path, target: str) -> None:
    planned = plan(tmp_path, target)
    assert planned.count(KB_BUILD) == 1, planned
    assert planned.count(LOOKUP) == 1, planned


@pytest.mark.parametrize("target", ["stamp", "db"])
def test_a_missing_database_is_built_again_once(tmp_path: Path, target: str) -> None:
    (tmp_path / ".kb-stamp").touch()
    planned = plan(tmp_path, target)
    assert planned.count(KB_BUILD) == 1, planned


@pytest.mark.parametrize("target", ["stamp", "db"])
def test_a_built_kb_is_not_built_again(tmp_path: Path, target: str) -> None:
    (tmp_path / "kb.sqlite3").touch()
    (tmp_path / ".kb-stamp").touch()
    planned = plan(tmp_path, target)
    assert KB_BUILD not in planned and LOOKUP not in planned, planned
