"""The full BLS figures behind a pay answer: a pay answer carries a short summary and one button
(``actions.render.pay_detail_button``: ``/pay_detail{"job_role": [...], "area": [...]}``, the OEWS area
codes of the places it gave figures for, none for the national figures); clicking it, or asking "show me
the full pay figures", gets every figure of each role's SOC occupations in each of those places
(``kb.wording.pay.pay_detail_text``), read from the KB.

The roles and places come from the click's payload; typed, from the button on the bot's latest message
(the answer just given), else the conversation's pair, else the role in focus, with the national figures.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import attachments, render
from kb.wording import replies as wording
from actions.knowledge import KnowledgeAction
from actions.question import Question
from actions.reading import read_question
from actions.router import Slots
from actions.slots import AREA, FOCUS_ROLE, JOB_ROLE, PAY_DETAIL, ROLE_A, ROLE_B
from kb.wording.pay import pay_detail_text
from kb.resolve import resolve_role
from kb.results import AreaInfo, RoleInfo, RoleMatch
from kb.usage import PAY_FIGURES
from kb.wages.figures import area_by_code, pay_figures

Asked = tuple[list[str], list[str]]  # role names, OEWS area codes


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


def offered(events: list[dict[str, Any]]) -> Optional[Asked]:
    """The roles and area codes of the "Full BLS pay figures" button on the bot's latest message, if it has one."""
    latest = next((e for e in reversed(events) if e.get("event") == "bot"), None)
    data = latest.get("data") if latest else None
    for button in (data.get("buttons") if isinstance(data, dict) else None) or []:
        payload = button.get("payload") if isinstance(button, dict) else None
        if isinstance(payload, str) and payload.startswith(f"/{PAY_DETAIL}{{"):
            try:
                entities = json.loads(payload[len(PAY_DETAIL) + 1 :])
            except ValueError:
                return None
            roles, areas = entities.get(JOB_ROLE), entities.get(AREA, [])
            if isinstance(roles, list) and isinstance(areas, list):
                return [str(r) for r in roles], [str(a) for a in areas]
    return None


def what_was_asked(question: Question, tracker: Tracker) -> Asked:
    """The roles and area codes to give every figure for (see the module's docstring)."""
    clicked = [value for name, value in question.values if name == AREA]
    named = [t for t in question.titles if not t.referred]
    if not named and not clicked:
        answer = offered(tracker.events)
        if answer is not None:
            return answer
    return asked_roles(question, tracker.slots), clicked


def known_roles(session: Session, names: list[str]) -> list[RoleInfo]:
    matches = [resolve_role(session, name) for name in names]
    return [m.role for m in matches if isinstance(m, RoleMatch) and m.confidence == 1.0]


class ActionPayDetail(KnowledgeAction):
    """Every BLS figure for the roles of a pay answer, in its places, with the source."""

    def name(self) -> str:
        return "action_pay_detail"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        names, codes = what_was_asked(read_question(self.knowledge, session, tracker), tracker)
        roles = known_roles(session, names)[:2]
        places = [area for area in (area_by_code(session, code) for code in codes) if area is not None]
        areas: list[Optional[AreaInfo]] = places if codes else [None]  # None: the national figures
        found = [pay_figures(session, roles, area) for area in areas] if roles else []
        pays = [pay for pay in found if pay is not None]
        start = len(dispatcher.messages)
        render.send(dispatcher, [render.Reply(pay_detail_text(pays) if pays else wording.NO_PAY_DETAIL)])
        if pays:
            second = roles[1].name if len(roles) > 1 else None
            attachments.add_feedback(dispatcher.messages[start:], roles[0].name, second, PAY_FIGURES)
        return []
