"""Fixtures for action tests: the small test KB (``tests/fixtures/small_kb``), a collecting
dispatcher and trackers built like Rasa's."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from ruamel.yaml import YAML
from sqlalchemy.engine import Engine

from actions.knowledge import KnowledgeBase
from kb.content.load import Content
from kb.db import make_engine
from kb.usage import create_usage_tables
from kb.wages.fetch import sha256_of
from kb.wages.load import load_wages
from tests.conftest import in_memory
from tests.servers import ROOT
from tests.fixtures.small_oews import write_small_oews
from actions.slots import DIMENSION, NEEDS_ROLES, PENDING, REQUESTED_SLOT, ROLE_A, ROLE_B

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"


@pytest.fixture()
def knowledge(small_engine: Engine) -> KnowledgeBase:
    return KnowledgeBase(small_engine)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A copy of the built KB (content and the loaded OEWS wages), so clicks land in a usage table of its own."""
    copy = tmp_path_factory.mktemp("kb") / "kb.sqlite3"
    shutil.copyfile(ROOT / "build" / "kb.sqlite3", copy)
    engine = make_engine(f"sqlite:///{copy}")
    create_usage_tables(engine)
    return KnowledgeBase(engine)


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return YAML(typ="safe").load(DOMAIN_FILE.read_text())


def make_tracker(
    text: str = "",
    intent: Optional[str] = None,
    roles: tuple[str, ...] = (),
    slots: Optional[dict[str, Any]] = None,
    entities: Optional[list[dict[str, Any]]] = None,
) -> Tracker:
    """A tracker whose latest message is ``text``; each role becomes a ``job_role`` entity found in it."""
    found = list(entities or [])
    for role in roles:
        start = text.lower().find(role.lower())
        entity: dict[str, Any] = {"entity": "job_role", "value": role}
        if start >= 0:
            entity.update(start=start, end=start + len(role))
        found.append(entity)
    all_slots = {ROLE_A: None, ROLE_B: None, DIMENSION: None, NEEDS_ROLES: False, REQUESTED_SLOT: None, PENDING: None}
    all_slots.update(slots or {})
    return Tracker(
        sender_id="test",
        slots=all_slots,
        latest_message={"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": found},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("text") or "" for m in dispatcher.messages]


def buttons(dispatcher: CollectingDispatcher, index: int = 0) -> list[dict[str, str]]:
    """The message's buttons, without the helpful / not helpful pair every answer ends with
    (``tests/actions/test_feedback.py`` checks those)."""
    return [b for b in dispatcher.messages[index].get("buttons") or [] if not b["payload"].startswith("/feedback")]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.fixture(scope="module")
def wage_engine(small_content: Content, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The small test KB with a tiny OEWS file loaded (tests/fixtures/small_oews.py)."""
    oews: Path = write_small_oews(tmp_path_factory.mktemp("oews") / "oews.sqlite")
    engine = in_memory(small_content)
    load_wages(engine, oews, sha256_of(oews), small_content)
    return engine


@pytest.fixture()
def outside_kb(wage_engine: Engine) -> KnowledgeBase:
    return KnowledgeBase(wage_engine)
