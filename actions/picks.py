"""Typed replies to the bot's choices: which offered choices a reply picks (``actions.choices.pick``),
a question read as a pick, and a choice as the question its button would send."""

from __future__ import annotations

from typing import Optional

from sqlalchemy.orm import Session

from actions.choices import Choice, Neither, Pending, parse_payload, pick
from actions.interpret import KINDS
from actions.knowledge import canonical_roles
from actions.mentions import NOWHERE, placed_roles
from actions.pronouns import PAIR_WORDS
from actions.router import Slots, as_kind
from actions.question import Compare, Pick, Question, Title
from actions.slots import CHOOSE, DIMENSION_INTENT_PREFIX, FALLBACK, INFORM, JOB_ROLE, PENDING

CHOICE_INTENTS = (CHOOSE, INFORM, FALLBACK)
MAX_FOLLOWED = 2


def picked(question: Question, slots: Slots) -> Optional[tuple[Choice, ...] | Neither]:
    """The offered choices a typed reply picks, when the bot last asked something with choices."""
    asks = (question.intent or "").startswith(DIMENSION_INTENT_PREFIX) and not question.titles  # "the second
    if question.intent not in CHOICE_INTENTS and not asks:  # one - what does it pay?": a pick with a question
        return None
    pending = Pending.from_slot(slots.get(PENDING))
    if pending is not None and pending.menu and PAIR_WORDS.search(question.text):
        return None  # "the latter" after suggestions means the pair's second role (actions.interpret)
    return pick(question.text, placed_roles(question), pending)


def clicked(session: Session, choice: Choice) -> Question:
    """The question the choice's button would send (its payload: an intent and its entities)."""
    intent, entities = parse_payload(choice.payload)
    titles = []
    for entity in entities:
        if entity["entity"] == JOB_ROLE:
            known, _ = canonical_roles(session, [entity["value"]])
            titles.append(Title(str(entity["value"]), NOWHERE, known[0] if known else None))
    values = tuple((str(e["entity"]), str(e["value"])) for e in entities if e["entity"] != JOB_ROLE)
    kind = Compare if intent.startswith(DIMENSION_INTENT_PREFIX) else KINDS.get(intent, Compare)
    return kind(text=choice.payload, titles=tuple(titles), intent=intent, values=values)


def as_pick(question: Question, slots: Slots) -> Question:
    """``question`` read as a ``Pick`` when it picks among the bot's offered choices ("the second one",
    "both", "the buyer"), whatever kind its words had; else unchanged."""
    if isinstance(question, Pick) or picked(question, slots) is None:
        return question
    return as_kind(question, Pick)
