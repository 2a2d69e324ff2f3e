"""Questions about single roles: describe one, list them (career paths: ``actions.careers``)."""

from __future__ import annotations


from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render, render_roles, wording
from actions.mentions import mentioned_roles, report_unknown
from actions.free import FreeQuestionAction
from actions.knowledge import KnowledgeBase
from actions.question import Compare, Several
from actions.reading import part_kinds, read_question
from actions.knowledge import entity_value
from actions.router import handles, route, route_parts
from actions.slots import DESCRIBE, FOCUS_ROLE, INFORM, JOB_FAMILY, PAGE
from kb.queries import common_roles, describe_role, families, list_roles
from kb.results import RoleProfile


class ActionDescribeRole(FreeQuestionAction):
    def name(self) -> str:
        return "action_describe_role"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        question = read_question(self.knowledge, session, tracker)
        if isinstance(question, Several):  # "what does a chief of staff do, and how do you become one?"
            return route_parts(part_kinds(question), self.knowledge, dispatcher, tracker, session)
        if isinstance(question, Compare):  # "what does an ops manager make in chicago": pay, not a profile
            return route("compare", self.knowledge, dispatcher, tracker, session)
        return describe(self.knowledge, dispatcher, tracker, session)


class ActionListRoles(FreeQuestionAction):  # "top 3 highest-paid roles you know" is a ranking
    def name(self) -> str:
        return "action_list_roles"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        return list_families(self.knowledge, dispatcher, tracker, session)


@handles("describe")
def describe(knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session) -> list:
    """One or more roles described; the last one comes into focus."""
    known, unknown, spans = mentioned_roles(session, tracker)
    turned_down = read_question(knowledge, session, tracker).negated_roles  # "not a project manager but ..."
    known = [role for role in known if role not in turned_down] or known
    if not known:
        if not report_unknown(dispatcher, session, tracker, unknown, spans, INFORM):
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


@handles("list")
def list_families(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session
) -> list:
    """The job families, or one family's roles a page at a time."""
    wanted = entity_value(tracker, JOB_FAMILY)
    family = next((f for f in families(session) if wanted and f.lower() == wanted.lower()), None)
    if family is None:
        render.send(dispatcher, [render_roles.families_reply(list_roles(session))])
        return []
    try:
        page = int(entity_value(tracker, PAGE) or 1)
    except ValueError:
        page = 1
    [(_, roles)] = list_roles(session, family)
    render.send(dispatcher, [render_roles.family_page_reply(family, roles, page)])
    return []
