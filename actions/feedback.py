"""Helpful / not helpful buttons on answers, and the action that stores a click.

A button's payload names the answer it is about (``/feedback{"helpful": false, "answer":
"Buyer|Plant Manager|budget"}``), so a click on an older answer's button (Slack keeps them)
is stored against that answer, not against whatever the conversation is on now. Typed feedback
("that was not helpful") has no such payload and is stored against the conversation's current
pair and dimension. Feedback about a pair or dimension the KB does not have (a forged payload) is
refused with a plain reply and logged, never stored (``kb.usage.feedback_problem``).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.cues import UNHELPFUL
from actions.context import slot_dimension
from actions.knowledge import KnowledgeAction
from actions.slots import DIMENSION, PENDING, ROLE_A, ROLE_B
from kb.usage import feedback_problem, record_feedback
from kb.wording import replies

logger = logging.getLogger(__name__)

FEEDBACK = "feedback"
HELPFUL, ANSWER = "helpful", "answer"
HELPFUL_TITLE, NOT_HELPFUL_TITLE = replies.HELPFUL_TITLE, replies.NOT_HELPFUL_TITLE
THANKS = replies.FEEDBACK_THANKS
REFUSED = replies.FEEDBACK_REFUSED
NEGATED = re.compile(r"n't\b", re.IGNORECASE)  # "wasn't", "didn't": a negation by its ending


def answer_key(first: str, second: str, dimension: Optional[str]) -> str:
    """``first|second|dimension`` (dimension empty for a full comparison)."""
    return f"{first}|{second}|{dimension or ''}"


def parse_answer_key(value: Any) -> Optional[tuple[str, str, Optional[str]]]:
    """The pair and dimension an ``answer`` entity names, or None when it is not one."""
    if not isinstance(value, str) or value.count("|") != 2:
        return None
    first, second, dimension = value.split("|")
    return (first, second, dimension or None) if first and second else None


def feedback_buttons(first: str, second: str, dimension: Optional[str]) -> list[dict[str, str]]:
    """The two buttons, in the shape ``dispatcher.utter_message(buttons=...)`` takes."""
    answer = answer_key(first, second, dimension)
    return [
        {"title": title, "payload": f"/{FEEDBACK}{json.dumps({HELPFUL: helpful, ANSWER: answer})}"}
        for title, helpful in ((HELPFUL_TITLE, True), (NOT_HELPFUL_TITLE, False))
    ]


def was_helpful(entities: list[dict[str, Any]], text: str) -> bool:
    """The ``helpful`` entity of a click; for typed feedback, whether it is free of negative words."""
    for entity in entities:
        if entity.get("entity") == HELPFUL and isinstance(entity.get("value"), bool):
            return bool(entity["value"])
    return UNHELPFUL.search(text) is None and NEGATED.search(text) is None


class ActionFeedback(KnowledgeAction):
    """Stores a helpful / not helpful click (or typed verdict) on an answer, and says thanks."""

    def name(self) -> str:
        return "action_feedback"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        entities = tracker.latest_message.get("entities") or []
        helpful = was_helpful(entities, tracker.latest_message.get("text") or "")
        keys = [e.get("value") for e in entities if e.get("entity") == ANSWER]
        about = next((parse_answer_key(key) for key in keys), None)
        if about is None and not keys:  # typed feedback: about the conversation's current answer
            about = (tracker.get_slot(ROLE_A), tracker.get_slot(ROLE_B), slot_dimension(tracker.get_slot(DIMENSION)))
        first, second, dimension = about if about is not None else (None, None, None)
        problem = "no answer to rate" if first is None or second is None else None
        problem = problem or feedback_problem(session, first, second, dimension)
        if problem is not None:
            logger.warning("Feedback from %s not stored: %s", tracker.sender_id, problem)
            dispatcher.utter_message(text=REFUSED)
            return [SlotSet(PENDING, tracker.get_slot(PENDING))]
        with Session(self.knowledge.engine) as writing, writing.begin():
            record_feedback(writing, tracker.sender_id, helpful, first, second, dimension)
        dispatcher.utter_message(text=THANKS[helpful])
        return [SlotSet(PENDING, tracker.get_slot(PENDING))]  # a question still open stays open
