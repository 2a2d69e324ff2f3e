"""The action-side cache is keyed by the KB build, so a rebuilt KB never serves stale answers."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.knowledge import KnowledgeAction, KnowledgeBase
from kb.build import build_database
from kb.content.load import Content
from kb.db import make_engine
from tests.actions.conftest import make_tracker


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


class Answers(KnowledgeAction):
    """A knowledge action whose answer takes ``seconds`` of blocking work (a slow query, say)."""

    def __init__(self, knowledge: KnowledgeBase, label: str, seconds: float, finished: list[str]) -> None:
        super().__init__(knowledge)
        self.label, self.seconds, self.finished = label, seconds, finished

    def name(self) -> str:
        return f"action_{self.label}"

    def respond(self, dispatcher: Any, tracker: Tracker, domain: dict, session: Session) -> list:
        time.sleep(self.seconds)
        self.finished.append(self.label)
        return []


async def test_a_slow_answer_does_not_hold_up_the_others(knowledge: KnowledgeBase, domain: dict) -> None:
    finished: list[str] = []
    slow, quick = Answers(knowledge, "slow", 1.0, finished), Answers(knowledge, "quick", 0.0, finished)

    async def quick_after_slow_started() -> None:
        await asyncio.sleep(0.1)
        await quick.run(CollectingDispatcher(), make_tracker(text="hi"), domain)

    await asyncio.gather(slow.run(CollectingDispatcher(), make_tracker(text="hi"), domain), quick_after_slow_started())
    assert finished == ["quick", "slow"]
