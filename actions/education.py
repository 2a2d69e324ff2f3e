"""Education and certification questions: "do I need a degree to be a plant manager?", "is CPIM
useful for an inventory manager?", "compare the education of a buyer and a procurement manager".

A thin adapter: the roles come from the message (else the conversation's pair, else the user's own
role), certifications from the KB catalogue (``kb.education.certifications_in_text``); the answer
is one of ``kb.education``'s queries worded by ``kb.wording.education``.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.cues import CERTIFICATION, NOT_CERTIFICATIONS, SCHOOLING
from actions import render
from kb.wording import replies as wording
from actions.context import masked
from actions.free import FreeQuestionAction
from actions.knowledge import KnowledgeBase
from actions.question import Education, Question, Several
from actions.router import Slots, handles, route
from actions.mentions import focused, mentioned_roles, report_unknown
from actions.slots import CURRENT_ROLE, EDUCATION, FOCUS_ROLE, ROLE_A, ROLE_B
from kb.wording import education as answers_education
from kb.education import (
    certification_choice,
    certification_fit,
    certification_roles,
    certifications_in_text,
    compare_education,
    role_education,
)
from kb.queries import common_roles
from kb.content.vocabulary import vocabulary

# A short form typed in capitals ("is CPMI useful ...?") or a name followed by "certification".
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9/-]{1,7}\b")
NAMED = re.compile(
    r"\b(?:is|are|does|would)\s+(?:an?\s+|the\s+)?([\w-]+(?:\s[\w-]+)?)\s+"
    r"(?:certification|certificate|cert|credential)s?\b",
    re.I,
)
# Words of education questions, never unknown role names ("do I need a degree?").
EDUCATION_WORDS = frozenset(vocabulary().list("education"))  # kb/data/vocabulary.yml


def unknown_certification(text: str) -> Optional[str]:
    """A certification name the message seems to ask about, for when no catalogue name was found."""
    named = NAMED.search(text)
    if named and not {word.upper() for word in named.group(1).split()} & NOT_CERTIFICATIONS:  # not "is there a"
        return named.group(1)
    acronyms = [a for a in ACRONYM.findall(text) if a.upper() not in NOT_CERTIFICATIONS]
    return acronyms[0] if acronyms else None


def education_reply(session: Session, roles: list[str], text: str) -> str:
    """The answer for one or two roles, given the message's words (``text``, roles masked out)."""
    if len(roles) >= 2:
        result: answers_education.EducationResult = compare_education(session, roles[0], roles[1])
    else:
        named = certifications_in_text(session, text)
        if len(named) >= 2:  # "CPSM or CSCP for a buyer?": each weighed for the role
            choice = certification_choice(session, roles[0], [c.name for c in named])
            return answers_education.education_answer_text(choice)
        asked = named[0].name if named else unknown_certification(text)
        result = certification_fit(session, roles[0], asked) if asked else role_education(session, roles[0])
    return answers_education.education_answer_text(result, bool(CERTIFICATION.search(text)))


class ActionEducation(FreeQuestionAction):
    """Typical education and helpful certifications of a role, or of two roles side by side."""

    def name(self) -> str:
        return "action_education"

    def first_answer(
        self, recording: CollectingDispatcher, question: Question, slots: Slots, session: Session
    ) -> Optional[list]:
        if isinstance(question, Several) or not SCHOOLING.search(question.text):  # "how do I become X, do I
            return super().first_answer(recording, question, slots, session)  # need an MBA?", "better chance of
        return None  # burnout" read as education; a question in education's words is never an aspect or ranking

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        """ "Do they need a degree?" (the role in focus); "how do I become X, and do I need a degree?" (each part)."""
        return route(question, self.knowledge, dispatcher, slots, session)


@handles(Education)
def education(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, read: Question, slots: Slots, session: Session
) -> list:
    """The education answer for the roles named, else those in focus; unknown roles named back."""
    question = focused(read)
    known, unknown, spans = mentioned_roles(question)
    plain = masked(question.text, spans)
    named = certifications_in_text(session, plain) if not known else []
    if (unknown or not (known or named)) and report_unknown(  # "is the CSCP worth getting": no role in its words
        dispatcher, session, question, unknown, spans, EDUCATION, EDUCATION_WORDS
    ):
        return []
    roles = list(dict.fromkeys(known)) or (own_role(slots) if named else in_focus(slots))
    if named and not roles:  # "is CSCP worth it for me?", no role known: the roles it helps
        found = certification_roles(session, named[0].name)
        if found is not None:
            render.send(dispatcher, [render.Reply(answers_education.education_answer_text(found))])
            return []
    if not roles:
        render.send(dispatcher, [render.ask_role_reply(wording.ASK_EDUCATION, common_roles(session), EDUCATION)])
        return []
    render.send(dispatcher, [render.Reply(education_reply(session, roles, plain))])
    return [SlotSet(FOCUS_ROLE, roles[0])] if len(roles) == 1 else []  # "do they need more experience than ...?"


def own_role(slots: Slots) -> list[str]:
    """A certification asked about "for me": the role the user said they hold, else the one in focus."""
    own = slots.get(CURRENT_ROLE) or slots.get(FOCUS_ROLE)
    return [str(own)] if own else []


def in_focus(slots: Slots) -> list[str]:
    """No role named: the role in focus (the goal of the last route, the role last described: "do I need
    a degree for that?"), else the pair being compared, else the role the user said they hold."""
    if slots.get(FOCUS_ROLE):
        return [str(slots.get(FOCUS_ROLE))]
    pair = [slots.get(ROLE_A), slots.get(ROLE_B)]
    if all(pair):
        return [str(name) for name in pair]
    current = slots.get(CURRENT_ROLE)
    return [str(current)] if current else [str(name) for name in pair if name]
