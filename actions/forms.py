"""The comparison form: asks for whichever of the two roles is missing."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from sqlalchemy.orm import Session

from actions import render
from actions.choices import Pending, pick
from actions.context import CAREER_WORDS, intent_dimension, is_question, masked, slot_dimension
from actions.knowledge import KnowledgeAction, KnowledgeBase, default_knowledge_base
from actions.mentions import mentioned_roles, placed_roles, report_unknown
from actions.question import Question
from actions.reading import read_question
from actions.slots import CHOOSE, DIMENSION, FALLBACK, FORM, INFORM, PENDING, REQUESTED_SLOT, ROLE_A, ROLE_B, STATE_ROLE
from kb.queries import common_roles
from kb.related import counterparts
from kb.resolve import resolve_dimension, resolve_role
from kb.results import DimensionInfo, RoleInfo, RoleMatch

CHOICES = 5


class ValidateComparisonForm(FormValidationAction):
    """Fills both role slots from whatever roles the reply names; explains unknown ones."""

    def __init__(self, knowledge: KnowledgeBase | None = None) -> None:
        self._knowledge = knowledge

    def name(self) -> str:
        return f"validate_{FORM}"

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._knowledge or default_knowledge_base()

    async def extract_role_a(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> dict[str, Any]:
        """Both role slots from one reply ("a buyer and a planner" fills both): rasa-sdk calls this,
        then ``extract_role_b``, then the ``validate_*`` methods, from ``FormValidationAction.run``."""

        def fill_in_session() -> list[dict[str, Any]]:
            with self.knowledge.session() as session:
                return self.fill(dispatcher, tracker, session)

        events = await asyncio.to_thread(fill_in_session)  # off the event loop, like KnowledgeAction
        return {event["name"]: event["value"] for event in events}

    async def extract_role_b(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> dict[str, Any]:
        """Nothing of its own: ``extract_role_a`` reads both roles from the reply."""
        return {}

    async def validate_role_a(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return {ROLE_A: await asyncio.to_thread(self.known_role, value)}

    async def validate_role_b(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return {ROLE_B: await asyncio.to_thread(self.known_role, value)}

    def known_role(self, value: Any) -> Optional[str]:
        """The canonical name of the role ``value`` names, or None (the form asks again)."""
        if not isinstance(value, str) or not value.strip():
            return None
        with self.knowledge.session() as session:
            match = resolve_role(session, value)
        return match.role.name if isinstance(match, RoleMatch) else None

    def fill(self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session) -> list[dict[str, Any]]:
        """Roles from a reply to the form's question; anything else is left to the other rules.

        A reply answers the form when it names roles ("a buyer"), picks one of the offered
        buttons by typing ("the second one"), or asks a new comparison naming roles. A question
        of another kind ("what does a plant manager do?", "list the roles") never fills a slot.
        """
        requested = tracker.get_slot(REQUESTED_SLOT)
        if requested is None:
            return []  # the form starting: the question's own roles are already in the slots
        read = read_question(self.knowledge, session, tracker)
        question = replace(read, titles=tuple(t for t in read.titles if not t.referred))  # roles typed, not "it"
        intent, text = question.intent, question.text
        known, unknown_values, spans = mentioned_roles(question)
        if career_question(question, spans):
            return []  # "I'm a line cook. could I become a warehouse manager?": answered, not a role for the form
        if intent in (INFORM, CHOOSE, FALLBACK, STATE_ROLE):
            chosen = pick(text, placed_roles(question), Pending.from_slot(tracker.get_slot(PENDING)))
            if isinstance(chosen, tuple):
                known = [role for choice in chosen for role in choice.roles]
        elif not (is_question(intent) and known):
            return []
        roles = list(dict.fromkeys(known))
        first = tracker.get_slot(ROLE_A)
        if not roles:
            if intent not in (INFORM, CHOOSE, STATE_ROLE) or not report_unknown(
                dispatcher, session, question, unknown_values, spans, INFORM
            ):
                return []  # nothing for this form: let the other rules handle the message
            return [SlotSet(requested, None)]
        if is_question(intent) and len(roles) >= 2:
            return [SlotSet(ROLE_A, roles[0]), SlotSet(ROLE_B, roles[1])]
        events = []
        if first is None:
            first = roles.pop(0)
            events.append(SlotSet(ROLE_A, first))
        rest = [r for r in roles if r != first]
        if rest:
            events.append(SlotSet(ROLE_B, rest[0]))
        elif not events:
            render.send(dispatcher, [render.same_as_first_reply(first)])
            events.append(SlotSet(ROLE_B, None))
        return events


def career_question(question: Question, spans: list[tuple[int, int]]) -> bool:
    """Whether a reply to the form is someone's own job (outside the map, or with a career question:
    "I'm a line cook. could I become a warehouse manager?") rather than roles to compare."""
    if question.text.startswith("/"):
        return False
    return bool(question.occupations) or (
        question.intent == STATE_ROLE and CAREER_WORDS.search(masked(question.text, spans)) is not None
    )


def role_choices(session: Session, first: str | None) -> list[RoleInfo]:
    """Roles worth offering: the first role's closest comparisons, else the most asked-about roles."""
    options = counterparts(session, first, limit=CHOICES) if first else []
    for role in common_roles(session, limit=CHOICES + 1):
        if role.name != first and role not in options:
            options.append(role)
    return options[:CHOICES]


class ActionAskRoleA(KnowledgeAction):
    def name(self) -> str:
        return f"action_ask_{ROLE_A}"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        choices = role_choices(session, None)
        render.send(dispatcher, [render.ask_roles_reply(None, choices, dimension_of(session, tracker))])
        return []


class ActionAskRoleB(KnowledgeAction):
    def name(self) -> str:
        return f"action_ask_{ROLE_B}"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        first = tracker.get_slot(ROLE_A)
        match = resolve_role(session, first) if first else None
        role = match.role if isinstance(match, RoleMatch) else None
        choices = role_choices(session, role.name if role else None)
        render.send(dispatcher, [render.ask_roles_reply(role, choices, dimension_of(session, tracker))])
        return []


def dimension_of(session: Session, tracker: Tracker) -> Optional[DimensionInfo]:
    """The dimension a pending question is about, for wording the form's questions."""
    slug = slot_dimension(tracker.get_slot(DIMENSION)) or intent_dimension(
        (tracker.latest_message.get("intent") or {}).get("name")
    )
    if not slug:
        return None
    found = resolve_dimension(session, slug)
    return found if isinstance(found, DimensionInfo) else None
