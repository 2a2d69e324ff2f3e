"""The action-side cache is keyed by the KB build, so a rebuilt KB never serves stale answers."""

from __future__ import annotations

from pathlib import Path

from actions.knowledge import KnowledgeBase
from kb.build import build_database
from kb.content import Content
from kb.db import make_engine


def test_cached_values_are_recomputed_after_a_rebuild(tmp_path: Path, small_content: Content) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    knowledge = KnowledgeBase(engine, cache_size=2)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    with knowledge.session() as session:
        assert knowledge.cached(session, ("x",), compute) == 1
        assert knowledge.cached(session, ("x",), compute) == 1
    build_database(engine, small_content)
    with knowledge.session() as session:
        assert knowledge.cached(session, ("x",), compute) == 2
        knowledge.cached(session, ("y",), compute)
        knowledge.cached(session, ("z",), compute)
        assert knowledge.cached(session, ("x",), compute) == 5, "evicted once the cache is full"
