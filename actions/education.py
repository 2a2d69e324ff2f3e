"""Education and certification questions: "do I need a degree to be a plant manager?", "is CPIM
useful for an inventory manager?", "compare the education of a buyer and a procurement manager".

A thin adapter: the roles come from the message (else the conversation's pair, else the user's own
role), certifications from the KB catalogue (``kb.education.certifications_in_text``); the answer
is one of ``kb.education``'s queries worded by ``kb.wording.education``.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render, wording
from actions.context import masked
from actions.knowledge import KnowledgeAction, KnowledgeBase
from actions.pronouns import with_focus_role
from actions.question import Several
from actions.reading import part_kinds, read_question
from actions.router import handles, route_parts
from actions.mentions import focused, mentioned_roles, report_unknown
from actions.slots import CURRENT_ROLE, EDUCATION, ROLE_A, ROLE_B
from kb.wording import education as answers_education
from kb.education import (
    certification_fit,
    certifications_in_text,
    compare_education,
    role_education,
)
from kb.queries import common_roles
from kb.content.vocabulary import vocabulary

CERTIFICATION_WORDS = re.compile(r"\b(cert\w*|credential\w*|licen[cs]\w*|accredit\w*|belts?|course\w*)\b", re.I)
# A short form typed in capitals ("is CPMI useful ...?") or a name followed by "certification".
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9/-]{1,7}\b")
NAMED = re.compile(
    r"\b(?:is|are|does|would)\s+(?:an?\s+|the\s+)?([\w-]+(?:\s[\w-]+)?)\s+"
    r"(?:certification|certificate|cert|credential)s?\b",
    re.I,
)
# Words of education questions, never unknown role names ("do I need a degree?").
EDUCATION_WORDS = frozenset(vocabulary().list("education"))  # kb/data/vocabulary.yml
NOT_CERTIFICATIONS = frozenset(
    {"MBA", "BA", "BSC", "MSC", "PHD", "US", "UK", "EU", "OK", "HR", "IT", "ERP", "SAP", "KPI"}
)


def unknown_certification(text: str) -> Optional[str]:
    """A certification name the message seems to ask about, for when no catalogue name was found."""
    named = NAMED.search(text)
    if named:
        return named.group(1)
    acronyms = [a for a in ACRONYM.findall(text) if a.upper() not in NOT_CERTIFICATIONS]
    return acronyms[0] if acronyms else None


def education_reply(session: Session, roles: list[str], text: str) -> str:
    """The answer for one or two roles, given the message's words (``text``, roles masked out)."""
    if len(roles) >= 2:
        result: answers_education.EducationResult = compare_education(session, roles[0], roles[1])
    else:
        named = certifications_in_text(session, text)
        asked = named[0].name if named else unknown_certification(text)
        result = certification_fit(session, roles[0], asked) if asked else role_education(session, roles[0])
    return answers_education.education_answer_text(result, bool(CERTIFICATION_WORDS.search(text)))


class ActionEducation(KnowledgeAction):
    """Typical education and helpful certifications of a role, or of two roles side by side."""

    def name(self) -> str:
        return "action_education"

    def resolved(self, tracker: Tracker) -> Tracker:
        """ "Do they need a degree?", "how do I qualify to become one?": the role in focus."""
        return with_focus_role(tracker)

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        question = read_question(self.knowledge, session, tracker)
        if isinstance(question, Several):  # "how do I become X, and do I need a degree?"
            return route_parts(part_kinds(question), self.knowledge, dispatcher, tracker, session)
        return education(self.knowledge, dispatcher, tracker, session)


@handles("education")
def education(knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session) -> list:
    """The education answer for the roles named, else those in focus; unknown roles named back."""
    tracker = focused(tracker)
    known, unknown, spans = mentioned_roles(session, tracker)
    if (unknown or not known) and report_unknown(
        dispatcher, session, tracker, unknown, spans, EDUCATION, EDUCATION_WORDS
    ):
        return []
    roles = list(dict.fromkeys(known)) or in_focus(tracker)
    if not roles:
        render.send(dispatcher, [render.ask_role_reply(wording.ASK_EDUCATION, common_roles(session), EDUCATION)])
        return []
    text = tracker.latest_message.get("text") or ""
    render.send(dispatcher, [render.Reply(education_reply(session, roles, masked(text, spans)))])
    return []

def in_focus(tracker: Tracker) -> list[str]:
    """No role named: the pair being compared, else the role the user said they hold."""
    pair = [tracker.get_slot(ROLE_A), tracker.get_slot(ROLE_B)]
    if all(pair):
        return [str(name) for name in pair]
    current = tracker.get_slot(CURRENT_ROLE)
    return [str(current)] if current else [str(name) for name in pair if name]
