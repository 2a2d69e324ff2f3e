"""The interpreter fed from a Rasa tracker: the message's role mentions looked up in the KB, the slots
as the conversation state, the OEWS area names of the KB. ``read_question`` is the one place
actions turn a latest message into a ``Question`` (``actions.interpret`` holds the rules).
"""

from __future__ import annotations

import copy

from sqlalchemy import select
from sqlalchemy.orm import Session
from rasa_sdk import Tracker

from actions.interpret import Lexicon, State, area_keys, interpret
from actions.knowledge import KnowledgeBase, canonical_roles, role_entities
from actions.question import Career, Compare, Describe, Education, Question, Several, Title
from actions.slots import CURRENT_ROLE, DIMENSION, FOCUS_ROLE, INFORM, JOB_ROLE, ROLE_A, ROLE_B
from kb.content.vocabulary import vocabulary
from kb.wages.models import WageArea


def lexicon(knowledge: KnowledgeBase, session: Session) -> Lexicon:
    """The KB's OEWS areas by the names people type, once per KB build."""

    def build() -> Lexicon:
        names = list(session.scalars(select(WageArea.name).where(WageArea.kind != "N")))
        return Lexicon(areas=area_keys(names, vocabulary()))

    return knowledge.cached(session, ("lexicon",), build)


# The router's kind for each kind of part.
PART_KINDS = {Career: "career", Education: "education", Describe: "describe", Compare: "compare"}


def part_kinds(question: Several) -> list[str]:
    """The router's kinds of a several-part question's parts, in order."""
    return [PART_KINDS[type(part)] for part in question.parts if type(part) in PART_KINDS]


def titles_of(session: Session, tracker: Tracker) -> tuple[Title, ...]:
    """The latest message's ``job_role`` mentions, each looked up (``role`` None when the KB has none)."""
    found = []
    for entity in role_entities(tracker, JOB_ROLE):
        value = entity.get("value")
        if not isinstance(value, str) or "start" not in entity:
            continue
        known, _ = canonical_roles(session, [value])
        found.append(Title(value, (int(entity["start"]), int(entity["end"])), known[0] if known else None))
    return tuple(found)


def read_question(knowledge: KnowledgeBase, session: Session, tracker: Tracker) -> Question:
    """What the latest message asks, in the light of the slots."""
    state = State(
        focus_role=tracker.get_slot(FOCUS_ROLE),
        role_a=tracker.get_slot(ROLE_A),
        role_b=tracker.get_slot(ROLE_B),
        dimension=tracker.get_slot(DIMENSION),
        current_role=tracker.get_slot(CURRENT_ROLE),
    )
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return interpret(text, state, titles_of(session, tracker), intent, lexicon(knowledge, session))


def as_inform(tracker: Tracker) -> Tracker:
    """The tracker with the latest message read as a role given on its own (a follow-up)."""
    follow_up = copy.copy(tracker)
    follow_up.latest_message = {**tracker.latest_message, "intent": {"name": INFORM, "confidence": 1.0}}
    return follow_up
