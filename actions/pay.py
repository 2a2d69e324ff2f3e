"""The full BLS figures behind a pay answer: a pay answer carries a short summary and a button
(``actions.render.pay_detail_button``: ``/pay_detail{"job_role": [...]}``); clicking it, or asking
"show me the full pay figures", gets every figure of each role's SOC occupations
(``kb.wording.answers.pay_text``), read from the KB.

The roles come from the click's payload, else the conversation's pair, else the role in focus.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import attachments, render
from kb.wording import replies as wording
from actions.knowledge import KnowledgeAction
from actions.question import Question
from actions.reading import read_question
from actions.router import Slots
from actions.slots import FOCUS_ROLE, ROLE_A, ROLE_B
from kb.wording.answers import pay_text
from kb.resolve import resolve_role
from kb.results import RoleInfo, RoleMatch
from kb.usage import PAY_FIGURES
from kb.wages.figures import pay_figures


def asked_roles(question: Question, slots: Slots) -> list[str]:
    """The click's roles, else the conversation's pair, else the role in focus (names as given)."""
    named = [t.text for t in question.titles if not t.referred]
    if named:
        return list(dict.fromkeys(named))
    pair = [slots.get(ROLE_A), slots.get(ROLE_B)]
    if all(pair):
        return pair
    focus = slots.get(FOCUS_ROLE)
    return [focus] if focus else []


def known_roles(session: Session, names: list[str]) -> list[RoleInfo]:
    matches = [resolve_role(session, name) for name in names]
    return [m.role for m in matches if isinstance(m, RoleMatch) and m.confidence == 1.0]


class ActionPayDetail(KnowledgeAction):
    """Every BLS figure for the roles of a pay answer, with its source."""

    def name(self) -> str:
        return "action_pay_detail"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        question = read_question(self.knowledge, session, tracker)
        roles = known_roles(session, asked_roles(question, tracker.slots))[:2]
        pay = pay_figures(session, roles) if roles else None
        start = len(dispatcher.messages)
        render.send(dispatcher, [render.Reply(pay_text(pay) if pay else wording.NO_PAY_DETAIL)])
        if pay:
            second = roles[1].name if len(roles) > 1 else None
            attachments.add_feedback(dispatcher.messages[start:], roles[0].name, second, PAY_FIGURES)
        return []
