"""Typed replies to the bot's choices read against the tracker: which offered choices a reply picks
(``actions.choices.pick``), and a choice as the message its button would send."""

from __future__ import annotations

import copy
from typing import Optional

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from actions.choices import Choice, Neither, Pending, parse_payload, pick
from actions.mentions import placed_roles
from actions.pronouns import PAIR_WORDS
from actions.slots import CHOOSE, FALLBACK, INFORM, PENDING

CHOICE_INTENTS = (CHOOSE, INFORM, FALLBACK)
MAX_FOLLOWED = 2


def picked(session: Session, tracker: Tracker) -> Optional[tuple[Choice, ...] | Neither]:
    """The offered choices a typed reply picks, when the bot last asked something with choices."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent not in CHOICE_INTENTS:
        return None
    text = tracker.latest_message.get("text") or ""
    pending = Pending.from_slot(tracker.get_slot(PENDING))
    if pending is not None and pending.menu and PAIR_WORDS.search(text):
        return None  # "the latter" after suggestions means the pair's second role (actions.pronouns)
    return pick(text, placed_roles(session, tracker), pending)


def as_clicked(tracker: Tracker, choice: Choice) -> Tracker:
    """The tracker as if the choice's button had been clicked: its payload is the latest message."""
    intent, entities = parse_payload(choice.payload)
    clicked = copy.copy(tracker)
    clicked.latest_message = {"text": choice.payload, "intent": {"name": intent, "confidence": 1.0},
                              "entities": entities}  # fmt: skip
    return clicked
