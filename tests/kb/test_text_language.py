"""Telling another language apart costs no heavy import: the check reads spaCy's stop-word lists as
files, so a process that never loaded spaCy (the action server) answers its first foreign message
without loading it (that import took 11 s)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = (
    "import sys; from kb.text import foreign_language, prepare_language_check; prepare_language_check(); "
    "print(foreign_language('bonjour, quelle est la différence entre un acheteur et un directeur'), "
    "foreign_language('whos da boss in a warehous'), 'spacy' in sys.modules)"
)


def test_a_foreign_message_is_told_apart_without_importing_spacy() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout == "fr None False\n"
