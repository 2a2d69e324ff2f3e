"""How actions reach the knowledge base: passed in for tests, from DATABASE_URL otherwise."""

from __future__ import annotations

import asyncio
import logging
import threading
from abc import ABC, abstractmethod
from functools import lru_cache
from collections import OrderedDict
from typing import Any, Callable, Hashable, Optional, TypeVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.context import RoleFacts
from actions.render import Dispatcher
from actions.slots import PENDING, RANKED
from actions.usage import record_usage_later
from kb.db import KnowledgeBaseUnavailable, open_existing, read_session
from kb.models import Dimension, RoleAlias
from kb.snapshot import build_id, per_build
from kb.resolve import resolve_role, roles_named
from kb.results import RoleMatch
from kb.text import lookup_key
from kb.content.vocabulary import vocabulary
from kb.wording.replies import KB_UNAVAILABLE

logger = logging.getLogger(__name__)
T = TypeVar("T")
UNAVAILABLE = KB_UNAVAILABLE


class KnowledgeBase:
    """An engine, plus a small cache of answers that only change when the KB is rebuilt."""

    def __init__(self, engine: Engine, cache_size: int = 4096) -> None:
        self.engine = engine
        self._cache: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._cache_size = cache_size

    def session(self) -> Session:
        """A session reading one build of the KB, whatever a rebuild commits meanwhile (``kb.db.read_session``)."""
        return read_session(self.engine)

    def cached(self, session: Session, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per KB build: keys include the build id, so a rebuilt KB is never stale."""
        full_key = (build_id(session), *key)
        with self._lock:  # actions answer on worker threads (KnowledgeAction.run)
            if full_key in self._cache:
                self._cache.move_to_end(full_key)
                return self._cache[full_key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._cache[full_key] = value
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return value


@lru_cache(maxsize=1)
def default_knowledge_base() -> KnowledgeBase:
    """The KB named by DATABASE_URL (or the embedded SQLite file), opened once per process."""
    return KnowledgeBase(open_existing())


def role_facts(session: Session, names: list[str]) -> dict[str, RoleFacts]:
    return {name: RoleFacts(info.family, info.seniority) for name, info in roles_named(session, names).items()}


def dimension_vocabulary(session: Session) -> frozenset[str]:
    """Words that talk about dimensions, so they are never mistaken for an unknown role; read once per KB build."""

    def read() -> frozenset[str]:
        words: set[str] = set()
        for dimension in session.scalars(select(Dimension)):
            for label in (dimension.slug.replace("_", " "), dimension.name, *dimension.headings):
                words.update(label.lower().replace("-", " ").split())
                words.update(lookup_key(label).split())
        return frozenset(words - {"of", "the", "and", "a", "in", "with", "to", "how", "is", "working", "other"})

    return per_build(session, "dimension_vocabulary", read)


def alias_heads(session: Session) -> frozenset[str]:
    """Words that end aliases and never start or qualify one ("buyer", "dispatcher", "planner"): they make
    a phrase look like a job title, where "operations" (as in "operations manager") does not. Read once
    per KB build."""

    def read() -> frozenset[str]:
        slang = {lookup_key(form) for forms in vocabulary().titles.values() for form in forms}  # "ops guy"
        keys = [key.split() for key in session.scalars(select(RoleAlias.key)) if key not in slang]
        inner = {word for words in keys for word in words[:-1]}
        return frozenset(words[-1] for words in keys if words) - inner

    return per_build(session, "alias_heads", read)


def alias_words(session: Session) -> frozenset[str]:
    """Every word of the KB's aliases ("inventory", "control", "manager"), read once per KB build."""

    def read() -> frozenset[str]:
        return frozenset(word for key in session.scalars(select(RoleAlias.key)) for word in key.split())

    return per_build(session, "alias_words", read)


def canonical_roles(session: Session, values: list[Any]) -> tuple[list[str], list[str]]:
    """Entity values -> known canonical names (in order), plus the values that name no role."""
    known, unknown = [], []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        match = resolve_role(session, value)
        if isinstance(match, RoleMatch):
            known.append(match.role.name)
        else:
            unknown.append(value.strip())
    return known, unknown


def role_entities(tracker: Tracker, entity: str) -> list[dict[str, Any]]:
    entities = tracker.latest_message.get("entities") or []
    return [e for e in entities if e.get("entity") == entity]


def changes_only(events: list[dict[str, Any]], tracker: Tracker) -> list[dict[str, Any]]:
    """Drops slot events that would not change the slot: each event stays in the conversation's history,
    which Rasa reloads and sends to the action server on every turn."""
    return [e for e in events if e.get("event") != "slot" or tracker.slots.get(e["name"]) != e.get("value")]


class KnowledgeAction(Action, ABC):
    """Base for actions that answer from the KB: one session per request, errors become apologies.
    ``actions.free.FreeQuestionAction`` reads the message as a ``Question`` and routes it."""

    def __init__(self, knowledge: Optional[KnowledgeBase] = None) -> None:
        self._knowledge = knowledge

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._knowledge or default_knowledge_base()

    @abstractmethod
    def name(self) -> str:
        """The action's name in the domain."""

    @abstractmethod
    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        """Answer using ``session``; returns the events to apply."""

    def respond_in_session(self, recording: Dispatcher, tracker: Tracker, domain: dict) -> tuple[list, dict[str, Any]]:
        """``respond`` in a session of its own; returns its events and the notes it left on the session."""
        with self.knowledge.session() as session:
            return self.respond(recording, tracker, domain, session), dict(session.info)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        """``respond``, then remember the question with choices it asked (or that it asked none).

        The KB queries and fuzzy matching block, so they run on a worker thread: one slow answer
        does not hold up the other conversations this action server is answering.
        """
        try:
            recording = Dispatcher()
            events, notes = await asyncio.to_thread(self.respond_in_session, recording, tracker, domain)
            record_usage_later(self.knowledge.engine, tracker, notes)
            dispatcher.messages.extend(recording.messages)
            if not any(e.get("event") == "slot" and e.get("name") == PENDING for e in events):
                events.append(SlotSet(PENDING, recording.offered.to_slot() if recording.offered else None))
            if not any(e.get("event") == "slot" and e.get("name") == RANKED for e in events):
                events.append(SlotSet(RANKED, None))  # "and the worst?" follows only a ranking
            return changes_only(events, tracker)
        except (SQLAlchemyError, KnowledgeBaseUnavailable):
            logger.exception("Knowledge base unavailable in %s", self.name())
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
