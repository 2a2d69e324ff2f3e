"""One router: a ``Question`` -> the one handler that answers its kind (its class).

Handlers are plain functions ``(knowledge, dispatcher, question, slots, session) -> events``
registered with ``@handles(Kind)`` in the module that answers that kind (``HANDLER_MODULES``).
They read the message only from the ``Question`` (roles with spans, dimensions, place, what it turns
down, references resolved) and the conversation only from ``slots`` (the tracker's slot values).
An action calls ``route(question, ...)``; a handler that finds the question is of another kind
("what comes next?" in a comparison) routes ``as_kind(question, Career)``: no action creates
another action, and handler modules never import each other (they are imported here by name,
when first needed). A ``Several`` question has each part routed in turn, in one reply, each part
seeing the slots the parts before it set.
"""

from __future__ import annotations

import importlib
from dataclasses import fields
from typing import Any, Callable, Mapping, Optional, TypeVar

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.knowledge import KnowledgeBase, default_knowledge_base
from actions.question import Question, Several

Slots = Mapping[str, Any]
Handler = Callable[[KnowledgeBase, CollectingDispatcher, Question, Slots, Session], list]
HANDLER_MODULES = ("actions.compare", "actions.careers", "actions.roles", "actions.education")
_HANDLERS: dict[type[Question], Handler] = {}
Q = TypeVar("Q", bound=Question)


def handles(*kinds: type[Question]) -> Callable[[Handler], Handler]:
    """Registers the decorated function as the handler of questions of the classes ``kinds``."""
    for kind in kinds:
        if not issubclass(kind, Question) or kind in (Question, Several):
            raise ValueError(f"not a kind of question: {kind!r}")

    def register(function: Handler) -> Handler:
        for kind in kinds:
            _HANDLERS[kind] = function
        return function

    return register


def as_kind(question: Question, kind: type[Q]) -> Q:
    """``question`` read as a question of ``kind`` (same roles, dimensions, place, text)."""
    return kind(**{f.name: getattr(question, f.name) for f in fields(Question)})


def route(
    question: Question,
    knowledge: Optional[KnowledgeBase],
    dispatcher: CollectingDispatcher,
    slots: Slots,
    session: Session,
) -> list:
    """The events of the handler of ``question``'s kind answering it (each part of a ``Several``, in
    order: "how do I become a plant manager, and do I need a degree?": the route, then the education).
    Each part sees the slots as the parts before it left them ("... and how long does it take?" continues
    from where the route before it ended)."""
    if isinstance(question, Several):
        events: list = []
        for part in question.parts:
            done = route(part, knowledge, dispatcher, slots, session)
            slots = {**slots, **{e["name"]: e["value"] for e in done if e.get("event") == "slot"}}
            events += done
        return events
    if type(question) not in _HANDLERS:
        for module in HANDLER_MODULES:
            importlib.import_module(module)
    return _HANDLERS[type(question)](knowledge or default_knowledge_base(), dispatcher, question, slots, session)


class Handling:
    """Base of the classes holding a handler's steps: the knowledge base they answer from."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self._knowledge = knowledge
