"""The knowledge base is reachable through DATABASE_URL, file or in-memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from kb.build import build_database
from kb.content.load import Content
from kb.db import DEFAULT_DATABASE_URL, KnowledgeBaseUnavailable, database_url, make_engine, open_existing
from kb.queries import compare
from kb.results import Verdict


def test_default_is_the_embedded_sqlite_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url() == DEFAULT_DATABASE_URL
    monkeypatch.setenv("DATABASE_URL", "  ")
    assert database_url() == DEFAULT_DATABASE_URL


@pytest.mark.parametrize("kind", ["memory", "file"])
def test_build_and_query_through_database_url(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: Content, kind: str
) -> None:
    url = "sqlite:///:memory:" if kind == "memory" else f"sqlite:///{tmp_path / 'nested' / 'kb.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine()
    counts = build_database(engine, content)
    assert counts["roles"] == len(content.roles)
    if kind == "file":
        engine = open_existing()
    with Session(engine) as session:
        verdict = compare(session, "head of ops", "operations manger", "budget")
    assert isinstance(verdict, Verdict) and verdict.leader is not None
    assert verdict.leader.name == "Head of Operations"


def test_rebuilding_replaces_the_previous_content(tmp_path: Path, content: Content) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, content)
    build_database(engine, content)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM role")).scalar_one() == len(content.roles)


def test_a_missing_or_empty_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    missing = f"sqlite:///{tmp_path / 'nope.sqlite3'}"
    with pytest.raises(KnowledgeBaseUnavailable) as error:
        open_existing(missing)
    assert str(error.value) == (
        f"No knowledge base at {tmp_path / 'nope.sqlite3'} (DATABASE_URL={missing!r}). "
        "Run `make kb` to build it or set DATABASE_URL to a built database."
    )
    empty = tmp_path / "empty.sqlite3"
    make_engine(f"sqlite:///{empty}").connect().close()
    with pytest.raises(KnowledgeBaseUnavailable, match="missing tables"):
        open_existing(f"sqlite:///{empty}")
    with pytest.raises(KnowledgeBaseUnavailable, match="Cannot open"):
        open_existing("postgresql://nobody@127.0.0.1:1/none")


def test_a_file_kb_keeps_its_connections_with_wal_and_foreign_keys(tmp_path: Path, small_content: Content) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    connects: list[object] = []
    event.listen(engine, "connect", lambda *_: connects.append(1))
    for _ in range(3):
        with Session(engine) as session:
            pragmas = [
                session.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys")
            ]
            assert pragmas == ["wal", 1, 1]  # synchronous 1 is NORMAL
    assert connects == []  # the connection the build used, kept in the pool
