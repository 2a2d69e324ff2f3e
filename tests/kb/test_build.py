"""Loading the KB: one transaction that readers never see half done, and no reload of unchanged content."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.build import build_database, built_fingerprint, fingerprint
from kb.content.load import Content
from kb.db import make_engine
from kb.models import Build
from kb.queries import compare
from kb.results import Verdict
from tests.conftest import SMALL_KB_DIR
from tests.servers import ROOT, clean_env

def test_the_fingerprint_follows_the_content(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(SMALL_KB_DIR, copy)
    before = fingerprint(copy)
    assert fingerprint(copy) == before
    buyer = copy / "roles" / "buyer.yml"
    buyer.write_text(buyer.read_text().replace("name: Buyer", "name: Buyer ", 1))
    assert fingerprint(copy) != before


def test_a_build_records_its_fingerprint(small_content: Content, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    assert built_fingerprint(engine) is None
    build_database(engine, small_content, "f" * 64)
    assert built_fingerprint(engine) == "f" * 64


def test_an_older_schema_is_replaced(small_content: Content, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE kb_build (id VARCHAR(32) PRIMARY KEY, built_at VARCHAR(40))"))
    build_database(engine, small_content, "a" * 64)
    assert built_fingerprint(engine) == "a" * 64


def kb_build(database: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "kb", "build", "--pipeline", str(database.parent / "spacy"), *extra],
        cwd=ROOT,
        env={**clean_env(), "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def build_id(database: Path) -> str:
    with Session(make_engine(f"sqlite:///{database}")) as session:
        return session.execute(select(Build.id)).scalar_one()


def test_kb_build_does_not_reload_unchanged_content(tmp_path: Path) -> None:
    database = tmp_path / "kb.sqlite3"
    assert kb_build(database).startswith(f"Built knowledge base at sqlite:///{database}: 12 dimensions, ")
    first = build_id(database)
    assert kb_build(database).startswith(
        f"Knowledge base at sqlite:///{database} is up to date (content and loader unchanged); not reloaded."
    )
    assert build_id(database) == first
    assert kb_build(database, "--force").startswith(f"Built knowledge base at sqlite:///{database}: ")
    assert build_id(database) != first


def readers_during_rebuilds(engine: Engine, content: Content, rebuilds: int) -> tuple[int, list[str]]:
    """Compare two roles over and over in another thread while the KB is rebuilt; (reads, wrong answers)."""
    done, reads, wrong = threading.Event(), [0], []

    def read() -> None:
        while not done.is_set():
            with Session(engine) as session:
                try:
                    verdict = compare(session, "buyer", "procurement manager", "budget")
                except Exception as error:  # a reader must never see a half-built KB
                    wrong.append(repr(error))
                    continue
            leader = verdict.leader if isinstance(verdict, Verdict) else None
            if leader is None or leader.name != "Procurement Manager":
                wrong.append(repr(verdict))
            reads[0] += 1

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(rebuilds):
            build_database(engine, content, uuid.uuid4().hex)
    finally:
        done.set()
        reader.join()
    return reads[0], wrong


def test_readers_never_see_a_half_built_sqlite_kb(small_content: Content, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content, "0" * 64)
    reads, wrong = readers_during_rebuilds(engine, small_content, rebuilds=15)
    assert wrong == []
    assert reads > 15


def test_readers_never_see_a_half_built_postgresql_kb(small_content: Content, postgres_kb: str) -> None:
    engine = make_engine(postgres_kb)
    build_database(engine, small_content, "0" * 64)
    reads, wrong = readers_during_rebuilds(engine, small_content, rebuilds=10)
    engine.dispose()
    assert wrong == []
    assert reads > 10
