"""`python -m kb build --force` under live pay questions: content, wages and every derived table
change in one transaction, so a reader sees the old KB or the new one, never a mix.

The real content and the real OEWS file (``build/oews``, fetched by ``make kb``) are loaded by the
real command in a separate process, on SQLite and on PostgreSQL, while a thread keeps asking the
pay question the bot answers (``kb.queries.compare`` worded by ``kb.wording.answers.verdict_text``) in a
session from ``kb.db.read_session``, as the action server does.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path


from kb.wording import answers
from kb.db import make_engine, read_session
from kb.queries import compare
from kb.results import Verdict
from kb.snapshot import build_id
from tests.servers import ROOT, clean_env

QUESTION = ("operations manager", "logistics manager", "compensation")
REBUILDS = 2


def kb_build(url: str, pipeline: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kb", "--database-url", url, "build", "--force", "--pipeline", str(pipeline)],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def pay_answer(url: str) -> tuple[str, str]:
    """(build id, the bot's pay answer) read in one session."""
    engine = make_engine(url)
    try:
        with read_session(engine) as session:
            result = compare(session, *QUESTION)
            assert isinstance(result, Verdict)
            return build_id(session), answers.verdict_text(result)
    finally:
        engine.dispose()


def answers_during_rebuilds(url: str, pipeline: Path) -> tuple[str, list[str], set[str], int]:
    """(the answer before, every answer that differed from it, build ids seen, reads) over ``REBUILDS`` rebuilds."""
    first_build, expected = pay_answer(url)
    engine = make_engine(url)
    done, reads, wrong, builds = threading.Event(), [0], [], {first_build}

    def read() -> None:
        while not done.is_set():
            try:
                with read_session(engine) as session:
                    result = compare(session, *QUESTION)
                    builds.add(build_id(session))
                    got = answers.verdict_text(result) if isinstance(result, Verdict) else repr(result)
            except Exception as error:  # a reader must never see a half-built KB
                got = repr(error)
            if got != expected:
                wrong.append(got)
            reads[0] += 1

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(REBUILDS):
            kb_build(url, pipeline)
    finally:
        done.set()
        reader.join()
        engine.dispose()
    return expected, wrong, builds, reads[0]


def test_sqlite_pay_answers_stay_whole_while_the_kb_is_rebuilt(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    kb_build(url, tmp_path / "spacy")
    expected, wrong, builds, reads = answers_during_rebuilds(url, tmp_path / "spacy")
    assert "\nSource: US BLS OEWS, May 2025 (national)." in expected
    assert "General and Operations Managers (SOC 11-1021): median $105,770 a year" in expected
    assert wrong == []
    assert len(builds) == REBUILDS + 1  # the reader saw every build: it read through both rebuilds
    assert reads > 50


def test_postgresql_pay_answers_stay_whole_while_the_kb_is_rebuilt(postgres_kb: str, tmp_path: Path) -> None:
    kb_build(postgres_kb, tmp_path / "spacy")
    expected, wrong, builds, reads = answers_during_rebuilds(postgres_kb, tmp_path / "spacy")
    assert "\nSource: US BLS OEWS, May 2025 (national)." in expected
    assert wrong == []
    assert len(builds) == REBUILDS + 1
    assert reads > 50
