"""One router: a kind of question -> the one handler that answers it.

Handlers are plain functions ``(knowledge, dispatcher, tracker, session) -> events`` registered
with ``@handles("kind")`` in the module that answers that kind (``HANDLER_MODULES``). An action,
or a handler that finds the message asks another kind of question ("what comes next?" read as a
comparison), calls ``route(kind, ...)``: no action creates another action, and handler modules
never import each other (they are imported here by name, when first needed).
"""

from __future__ import annotations

import importlib
from typing import Callable, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.knowledge import KnowledgeBase, default_knowledge_base

Handler = Callable[[KnowledgeBase, CollectingDispatcher, Tracker, Session], list]
HANDLER_MODULES = ("actions.compare", "actions.careers", "actions.roles", "actions.education")
KINDS = ("answer", "compare", "describe", "list", "career", "about_me", "education")
_HANDLERS: dict[str, Handler] = {}


def handles(kind: str) -> Callable[[Handler], Handler]:
    """Registers the decorated function as the handler of ``kind`` (one of ``KINDS``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of question {kind!r}")

    def register(function: Handler) -> Handler:
        _HANDLERS[kind] = function
        return function

    return register


def route(
    kind: str,
    knowledge: Optional[KnowledgeBase],
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    session: Session,
) -> list:
    """The events of the handler of ``kind`` answering the latest message of ``tracker``."""
    if kind not in _HANDLERS:
        for module in HANDLER_MODULES:
            importlib.import_module(module)
    return _HANDLERS[kind](knowledge or default_knowledge_base(), dispatcher, tracker, session)


def route_parts(
    kinds: list[str],
    knowledge: Optional[KnowledgeBase],
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    session: Session,
) -> list:
    """Each part of a several-part message answered by its own handler, in order, in one reply
    ("how do I become a plant manager, and do I need a degree?": the route, then the education)."""
    events: list = []
    for kind in kinds:
        events += route(kind, knowledge, dispatcher, tracker, session)
    return events


class Handling:
    """Base of the classes holding a handler's steps: the knowledge base they answer from."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self._knowledge = knowledge
