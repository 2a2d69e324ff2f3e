"""The comparison form: asks for whichever of the two roles is missing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from sqlalchemy.orm import Session

from actions import render
from actions.compare import dimension_of, mentioned_roles, report_unknown
from actions.knowledge import KnowledgeAction, KnowledgeBase, default_knowledge_base
from actions.slots import FORM, INFORM, REQUESTED_SLOT, ROLE_A, ROLE_B
from kb.queries import common_roles, counterparts
from kb.resolve import resolve_role
from kb.results import RoleInfo, RoleMatch

CHOICES = 5


class ValidateComparisonForm(FormValidationAction):
    """Fills both role slots from whatever roles the reply names; explains unknown ones."""

    def __init__(self, knowledge: KnowledgeBase | None = None) -> None:
        self._knowledge = knowledge

    def name(self) -> str:
        return f"validate_{FORM}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        knowledge = self._knowledge or default_knowledge_base()
        with knowledge.session() as session:
            return self.fill(dispatcher, tracker, session)

    def fill(self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session) -> list[dict[str, Any]]:
        requested = tracker.get_slot(REQUESTED_SLOT) or ROLE_A
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        known, unknown_values, spans = mentioned_roles(session, tracker)
        roles = list(dict.fromkeys(known))
        first = tracker.get_slot(ROLE_A)
        if not roles:
            if not report_unknown(dispatcher, session, tracker, unknown_values, spans, intent or INFORM):
                return []  # nothing for this form: let the other rules handle the message
            return [SlotSet(requested, None)]
        events = []
        if first is None:
            first = roles.pop(0)
            events.append(SlotSet(ROLE_A, first))
        rest = [r for r in roles if r != first]
        if rest:
            events.append(SlotSet(ROLE_B, rest[0]))
        elif not events:
            dispatcher.utter_message(text=f"We already have the {first}. Name a different role to compare it with.")
            events.append(SlotSet(ROLE_B, None))
        return events


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
