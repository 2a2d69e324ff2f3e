"""Questions about single roles: describe one, list them (career paths: ``actions.careers``)."""

from __future__ import annotations


from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render, render_roles
from kb.wording import replies as wording
from actions.context import masked
from actions.mentions import mentioned_roles, report_unknown, role_spans
from actions.phrases import family_in
from actions.free import FreeQuestionAction
from actions.knowledge import KnowledgeBase
from actions.question import Career, Describe, Listing, Question
from actions.router import Slots, as_kind, handles, route
from actions.slots import DESCRIBE, FOCUS_ROLE, INFORM, JOB_FAMILY, PAGE
from kb.queries import common_roles, describe_role, families, list_roles
from kb.results import RoleProfile


class ActionDescribeRole(FreeQuestionAction):
    def name(self) -> str:
        return "action_describe_role"

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        """A role described ("what does a chief of staff do, and how do you become one?": each part)."""
        return route(question, self.knowledge, dispatcher, slots, session)


class ActionListRoles(FreeQuestionAction):  # "top 3 highest-paid roles you know" is a ranking
    def name(self) -> str:
        return "action_list_roles"

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        if isinstance(question, Career):  # "what entry level jobs are there in logistics?": its ladder
            return route(question, self.knowledge, dispatcher, slots, session)
        return list_families(self.knowledge, dispatcher, as_kind(question, Listing), slots, session)


@handles(Describe)
def describe(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> list:
    """One or more roles described; the last one comes into focus."""
    known, unknown, spans = mentioned_roles(question)
    known = [role for role in known if role not in question.negated_roles] or known  # "not a PM but ..."
    if not known:
        if not report_unknown(dispatcher, session, question, unknown, spans, INFORM):
            render.send(
                dispatcher,
                [render.ask_role_reply(wording.ASK_DESCRIBE, common_roles(session), DESCRIBE)],
            )
        return []
    replies = []
    for name in dict.fromkeys(known):
        profile = describe_role(session, name)
        if isinstance(profile, RoleProfile):
            replies += render_roles.profile_replies(profile)
    render.send(dispatcher, replies)
    return [SlotSet(FOCUS_ROLE, known[-1])]  # "what does it pay?" is about the role just described


@handles(Listing)
def list_families(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> list:
    """The job families, or one family's roles a page at a time."""
    wanted = question.value(JOB_FAMILY)
    known = families(session)
    family = next((f for f in known if wanted and f.lower() == wanted.lower()), None)
    if family is None and not wanted and not question.text.startswith("/"):
        family = family_in(masked(question.text, role_spans(question)), known)  # "what jobs are in supply chain?"
    if family is None:
        render.send(dispatcher, [render_roles.families_reply(list_roles(session))])
        return []
    try:
        page = int(question.value(PAGE) or 1)
    except ValueError:
        page = 1
    [(_, roles)] = list_roles(session, family)
    render.send(dispatcher, [render_roles.family_page_reply(family, roles, page)])
    return []
