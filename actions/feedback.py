"""Helpful / not helpful buttons on answers, and the action that stores a click.

A button's payload names the answer it is about (``/feedback{"helpful": false, "answer":
"Buyer|Plant Manager|budget"}``), so a click on an older answer's button (Slack keeps them)
is stored against that answer, not against whatever the conversation is on now. Typed feedback
("that was not helpful") has no such payload and is stored against the latest answer that carried
the buttons. Feedback is stored only for an answer this conversation received (its key is among the
feedback payloads of the tracker's bot events) and once per answer and conversation; anything else
(a payload typed by hand, a second click) gets a plain reply and a log line and is never stored.
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
from actions.knowledge import KnowledgeAction
from actions.slots import PENDING, RANKED
from kb.usage import feedback_problem, has_feedback, record_feedback
from kb.wording import replies

logger = logging.getLogger(__name__)

FEEDBACK = "feedback"
HELPFUL, ANSWER = "helpful", "answer"
HELPFUL_TITLE, NOT_HELPFUL_TITLE = replies.HELPFUL_TITLE, replies.NOT_HELPFUL_TITLE
THANKS = replies.FEEDBACK_THANKS
REFUSED = replies.FEEDBACK_REFUSED
ALREADY = replies.FEEDBACK_ALREADY
NEGATED = re.compile(r"n't\b", re.IGNORECASE)  # "wasn't", "didn't": a negation by its ending


def answer_key(first: str, second: Optional[str], dimension: Optional[str]) -> str:
    """``first|second|dimension``: second empty for an answer about one role, dimension empty for a full
    comparison, or one of ``kb.usage.ANSWER_KINDS`` for an answer on no dimension
    ("Buyer|Plant Manager|career_route")."""
    return f"{first}|{second or ''}|{dimension or ''}"


def parse_answer_key(value: Any) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    """The role(s) and dimension an ``answer`` entity names, or None when it is not one."""
    if not isinstance(value, str) or value.count("|") != 2:
        return None
    first, second, dimension = value.split("|")
    return (first, second or None, dimension or None) if first else None


def feedback_buttons(first: str, second: Optional[str], dimension: Optional[str]) -> list[dict[str, str]]:
    """The two buttons, in the shape ``dispatcher.utter_message(buttons=...)`` takes."""
    answer = answer_key(first, second, dimension)
    return [
        {"title": title, "payload": f"/{FEEDBACK}{json.dumps({HELPFUL: helpful, ANSWER: answer})}"}
        for title, helpful in ((HELPFUL_TITLE, True), (NOT_HELPFUL_TITLE, False))
    ]


def answers_received(events: list[dict[str, Any]]) -> list[str]:
    """The answer keys of the feedback buttons on the bot's messages in ``events`` (a tracker's event
    dicts; Rasa keeps a message's buttons in ``data.buttons``), oldest first, each once."""
    keys: list[str] = []
    for event in events:
        data = event.get("data") if event.get("event") == "bot" else None
        for button in (data.get("buttons") if isinstance(data, dict) else None) or []:
            payload = button.get("payload") if isinstance(button, dict) else None
            if not isinstance(payload, str) or not payload.startswith(f"/{FEEDBACK}{{"):
                continue
            try:
                key = json.loads(payload[len(FEEDBACK) + 1 :]).get(ANSWER)
            except (ValueError, AttributeError):
                continue
            if isinstance(key, str) and key not in keys:
                keys.append(key)
    return keys


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
        received = answers_received(tracker.events)
        keys = [e.get("value") for e in entities if e.get("entity") == ANSWER]
        if not keys and received:  # typed feedback: about the latest answer that carried the buttons
            keys = [received[-1]]
        key = keys[0] if keys else None
        about = parse_answer_key(key) if key in received else None
        reply, problem = REFUSED, "no answer to rate" if key is None else "not an answer this conversation received"
        if about is not None:
            first, second, dimension = about
            problem = feedback_problem(session, first, second, dimension)
            if problem is None and has_feedback(session, tracker.sender_id, first, second, dimension):
                reply, problem = ALREADY, "this conversation already rated that answer"
        if problem is not None:
            logger.warning("Feedback from %s not stored: %s", tracker.sender_id, problem)
            dispatcher.utter_message(text=reply)
            return [SlotSet(PENDING, tracker.get_slot(PENDING)), SlotSet(RANKED, tracker.get_slot(RANKED))]
        with Session(self.knowledge.engine) as writing, writing.begin():
            record_feedback(writing, tracker.sender_id, helpful, first, second, dimension)
        dispatcher.utter_message(text=THANKS[helpful])
        kept = [SlotSet(PENDING, tracker.get_slot(PENDING)), SlotSet(RANKED, tracker.get_slot(RANKED))]
        return kept  # a question still open stays open, and so does a ranking
