"""Answers to the questions beside a plain two-role comparison: several dimensions in one message,
one role on its own ("how much does a plant manager earn?", "what does it pay?"), and reporting lines
("does a buyer report to a procurement manager?"). Called by ``actions.compare``; the messages are
laid out by ``actions.render_questions``.
"""

from __future__ import annotations

from typing import Any, Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import attachments, render, render_questions
from actions.context import dimension_slot
from actions.slots import DIMENSION, FOCUS_ROLE, NEEDS_ROLES, ROLE_A, ROLE_B
from kb.polarity import ReportingAnswer, reports_to
from kb.queries import compare_all, compare_on, describe_role
from kb.related import related_comparisons
from kb.ranking import COMPENSATION
from kb.results import AreaInfo, Comparison, RoleProfile, Verdict
from kb.wages.figures import pay_figures, resolve_area

RELATED = 3  # related comparisons under each answer


def answer_several(
    first: str, second: str, dimensions: list[str], dispatcher: CollectingDispatcher, session: Session,
    area: Optional[str] = None,
) -> Optional[list[Any]]:
    """Several dimensions asked in one message: each verdict first, in one reply (pay with the figures of
    ``area``, an OEWS area name, when given); None when a dimension gets no verdict (an unknown role), for the
    caller to answer as a single question."""
    verdicts = [compare_on(session, first, second, d, area if d == COMPENSATION else None) for d in dimensions]
    if not all(isinstance(v, Verdict) for v in verdicts):
        return None
    related = related_comparisons(session, first, second, limit=RELATED)
    start = len(dispatcher.messages)
    render.send(dispatcher, [render_questions.several_verdicts_reply(verdicts, related)])  # type: ignore[arg-type]
    attachments.decorate(dispatcher.messages[start:], verdicts[0], session)  # type: ignore[arg-type]
    return [
        SlotSet(ROLE_A, first),
        SlotSet(ROLE_B, second),
        SlotSet(DIMENSION, dimensions[-1]),
        SlotSet(NEEDS_ROLES, False),
        SlotSet(FOCUS_ROLE, None),
    ]


def answer_one_role(
    name: str, dimension: str, dispatcher: CollectingDispatcher, session: Session, area: Optional[str] = None
) -> list:
    """The role in focus on one dimension, from its profile (and, for pay, the wage figures: of ``area``, an
    OEWS area name, when given; national otherwise)."""
    profile = describe_role(session, name)
    if not isinstance(profile, RoleProfile):
        return [SlotSet(NEEDS_ROLES, False)]
    trait = next(t for t in profile.traits if t.dimension.slug == dimension)
    place = resolve_area(session, area) if area else None
    where = place if isinstance(place, AreaInfo) else None
    pay = pay_figures(session, [profile.role], where) if dimension == COMPENSATION else None
    start = len(dispatcher.messages)
    render.send(dispatcher, [render_questions.one_role_reply(profile, trait, [pay] if pay else [])])
    attachments.add_feedback(dispatcher.messages[start:], profile.role.name, None, dimension)
    return [SlotSet(FOCUS_ROLE, name), SlotSet(DIMENSION, dimension), SlotSet(NEEDS_ROLES, False),  # "and a X?":
            SlotSet(ROLE_A, None), SlotSet(ROLE_B, None)]  # against this role, not a pair talked about before


def answer_reporting(subject: str, manager: str, dispatcher: CollectingDispatcher, session: Session,
                     yes_no: bool = True) -> list:  # fmt: skip
    """ "Does a buyer report to a procurement manager?" answered from the reporting graph (not ``yes_no``: "which
    of them reports to the other?", the line without a Yes or No)."""
    answer = reports_to(session, subject, manager)
    if not isinstance(answer, ReportingAnswer):
        render.send(dispatcher, [render.problem_reply(answer)])
        return [SlotSet(NEEDS_ROLES, False)]
    render.send(dispatcher, [render_questions.reporting_reply(answer, yes_no)])
    return [SlotSet(ROLE_A, subject), SlotSet(ROLE_B, manager), SlotSet(DIMENSION, "hierarchy"),
            SlotSet(NEEDS_ROLES, False)]  # fmt: skip


def answer_why(
first: str, second: str, dimension: Optional[str], dispatcher: CollectingDispatcher, session: Session
) -> list[Any]:
    """Why the last verdict holds (after a full comparison: its biggest difference), verdict first again."""
    if dimension is None:
        overall = compare_all(session, first, second)
        if not isinstance(overall, Comparison):
            render.send(dispatcher, [render.problem_reply(overall)])
            return [SlotSet(NEEDS_ROLES, False)]
        dimension = render.ranked_verdicts(overall)[0].dimension.slug
        biggest = True
    else:
        biggest = False
    verdict = compare_on(session, first, second, dimension)
    if not isinstance(verdict, Verdict):
        render.send(dispatcher, [render.problem_reply(verdict)])
        return [SlotSet(NEEDS_ROLES, False)]
    traits = {}
    for role in (verdict.first, verdict.second):
        profile = describe_role(session, role.name)
        if isinstance(profile, RoleProfile):
            traits[role.name] = next((t.text for t in profile.traits if t.dimension.slug == dimension), "")
    render.send(dispatcher, [render.why_reply(verdict, traits, biggest)])
    return [
        SlotSet(ROLE_A, first),
        SlotSet(ROLE_B, second),
        SlotSet(DIMENSION, dimension_slot(dimension)),
        SlotSet(NEEDS_ROLES, False),
    ]
