"""The build a session reads (kb/snapshot.py): read once per session, and every cache keyed by it sees a rebuild."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from kb.aspects import aspect_in
from kb.build import build_database
from kb.content.load import Content
from kb.db import make_engine
from kb.snapshot import build_id, per_build


def test_the_build_is_read_once_per_session(tmp_path: Path, small_content: Content) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, statement, *_: statements.append(statement))
    with Session(engine) as session:
        first = build_id(session)
        assert (build_id(session), len(first), len(statements)) == (first, 32, 1)


def test_a_rebuilt_kb_is_seen_by_the_next_session_and_its_aspects(tmp_path: Path, small_content: Content) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    with Session(engine) as session:
        before = build_id(session)
        found = aspect_in(session, "is it stressful?")
        assert found is not None and found.says == "I don't compare stress in the test KB."
    stress = next(a for a in small_content.aspects if a.slug == "stress")
    reworded = dataclasses.replace(stress, says="Stress is not something I compare.")
    aspects = [reworded if a is stress else a for a in small_content.aspects]
    build_database(engine, dataclasses.replace(small_content, aspects=aspects))
    with Session(engine) as session:
        assert build_id(session) != before
        found = aspect_in(session, "is it stressful?")
        assert found is not None and found.says == "Stress is not something I compare."


def test_a_value_read_per_build_is_read_once_and_again_after_a_rebuild(tmp_path: Path, small_content: Content) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    reads: list[str] = []

    def read(session: Session) -> str:
        reads.append(build_id(session))
        return f"read {len(reads)}"

    for _ in range(3):
        with Session(engine) as session:
            assert per_build(session, "test value", lambda: read(session)) == "read 1"
    build_database(engine, small_content)
    with Session(engine) as session:
        assert per_build(session, "test value", lambda: read(session)) == "read 2"
        assert per_build(session, "another value", lambda: "its own") == "its own"
    assert len(set(reads)) == 2
