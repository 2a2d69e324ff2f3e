"""People from outside operations ("I'm a nurse, how do I get into operations management?") and pay
asked about jobs outside the map ("who earns more, a truck driver or a dispatcher?").

The NLU pipeline marks jobs outside the map as ``occupation`` entities valued by SOC code (or by
outside group, for military service). Whatever intent NLU read, a message naming one is answered
here: pay from BLS OEWS, another dimension said plainly to be for operations roles only, a route
to the operations role it names, or the ways into operations. The job is remembered
(``current_occupation``), never taken for a role: ``current_role`` keeps its value from before
the message, since Rasa's slot mapping may have set it to the goal. Later "which operations jobs
would suit me?" or "how do I become an operations manager?" start from the remembered job.
Run by ``KnowledgeAction.respond_in_session`` before the other free-question answers.
"""

from __future__ import annotations

import re
from typing import Any, Optional, Union

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render
from actions.career_plans import plan_career
from actions.context import masked
from actions.knowledge import entity_value
from actions.mentions import holds_a_role, mentioned_roles, role, role_entities
from actions.pay_mix import answer_pay_mix
from actions.phrases import worded_dimensions
from actions.slots import (
    CAREER_DIRECTION,
    CURRENT_OCCUPATION,
    CURRENT_ROLE,
    DIMENSION,
    DIMENSION_INTENT_PREFIX,
    FULL_COMPARISON,
    FOCUS_ROLE,
    NEEDS_ROLES,
    OCCUPATION,
    ROUTE_END,
    STATE_ROLE,
)
from kb.wording import answers, outside as answers_outside
from kb.wages.outside import cue_in, outside_pay, resolve_occupation, route_in, ways_in
from kb.wages.outside_results import OccupationInfo
from kb.resolve import resolve_dimension
from kb.results import DimensionInfo, RoleInfo, UnknownArea
from kb.wages.figures import resolve_area

COMPENSATION = "compensation"
PLACE = re.compile(r"\b(?:in|around|near)\s+([A-Z][A-Za-z .'-]*[A-Za-z])")


def area_named(session: Session, text: str) -> Optional[str]:
    """A US state or metro area the message names after "in" ("... in Texas?"), else None (national)."""
    for match in PLACE.finditer(text):
        words = match.group(1).split()
        for end in range(len(words), 0, -1):
            place = " ".join(words[:end])
            if not isinstance(resolve_area(session, place), UnknownArea):
                return place
    return None


def occupations_named(session: Session, tracker: Tracker) -> list[OccupationInfo]:
    """The outside jobs the latest message names, in order, each once."""
    found = [resolve_occupation(session, e.get("value")) for e in role_entities(tracker, OCCUPATION)]
    return list({o.key: o for o in found if o is not None}.values())


def occupation_spans(tracker: Tracker) -> list[tuple[int, int]]:
    return [(int(e["start"]), int(e["end"])) for e in role_entities(tracker, OCCUPATION) if "start" in e and "end" in e]


def spans(tracker: Tracker) -> list[tuple[int, int]]:
    entities = tracker.latest_message.get("entities") or []
    return [(int(e["start"]), int(e["end"])) for e in entities if "start" in e and "end" in e]


def dimensions_asked(tracker: Tracker) -> list[str]:
    """Dimension slugs the message's words name, else the one its intent names (``ask_budget``)."""
    text = masked(tracker.latest_message.get("text") or "", spans(tracker))
    worded = worded_dimensions(text)
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    if worded:
        return worded
    return [intent.removeprefix(DIMENSION_INTENT_PREFIX)] if intent.startswith(DIMENSION_INTENT_PREFIX) else []


def role_buttons(roles: list[RoleInfo]) -> tuple[render.Button, ...]:
    return tuple(render.Button(r.name, render.payload("describe_role", job_role=r.name)) for r in roles)


def answer_outside(dispatcher: CollectingDispatcher, tracker: Tracker, session: Session) -> Optional[list[Any]]:
    """The answer and its events when the message names a job outside the map, asks about pay mix,
    or follows up on a remembered outside job; None when it is for the other actions."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        return None
    occupations = occupations_named(session, tracker)
    if not occupations:
        if cue_in(session, "pay_mix", text):
            return answer_pay_mix(dispatcher, tracker, session)
        return follow_up(dispatcher, tracker, session)
    known, _, _ = mentioned_roles(session, tracker)
    goals = [r for r in (role(session, name) for name in dict.fromkeys(known)) if r is not None]
    asked = dimensions_asked(tracker)
    first = occupations[0]
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    theirs = intent == STATE_ROLE or holds_a_role(text, [s for s in occupation_spans(tracker)])
    if not asked and not theirs and not goals and tracker.get_slot(DIMENSION) not in (None, FULL_COMPARISON):
        asked = [tracker.get_slot(DIMENSION)]  # "what about a barista?" after a question on one dimension
    keep = [SlotSet(NEEDS_ROLES, False)]
    if COMPENSATION in asked:
        sides: list[Union[OccupationInfo, RoleInfo]] = [*occupations, *goals][:2]
        pay = outside_pay(session, sides, area_named(session, text))
        if isinstance(pay, UnknownArea):
            text_out = answers.unknown_area_text(pay)
        elif pay is None:
            missing = next((o for o in occupations if o.soc is None), first)
            text_out = answers_outside.no_outside_pay_text(missing)
        else:
            text_out = answers_outside.outside_pay_text(pay)
        render.send(dispatcher, [render.Reply(text_out, verdict=text_out.splitlines()[0])])
        own = [SlotSet(CURRENT_OCCUPATION, first.key), SlotSet(CURRENT_ROLE, None)] if len(sides) == 1 else []
        return keep + own
    own = [SlotSet(CURRENT_OCCUPATION, first.key), SlotSet(CURRENT_ROLE, None)] if theirs or goals else []
    if asked:
        dimension = resolve_dimension(session, asked[0])
        info = dimension if isinstance(dimension, DimensionInfo) else None
        render.send(dispatcher, [render.Reply(answers_outside.other_dimension_text(first, info))])
        return keep
    if goals:
        return keep + own + route_reply(dispatcher, session, first, goals[-1])
    ways = ways_in(session, first)
    intro = answers_outside.noted_text(first) if theirs else answers_outside.outside_text(first)
    reply = f"{intro}\n{answers_outside.ways_in_text(ways)}"
    render.send(dispatcher, [render.Reply(reply, role_buttons([e.role for e in ways.entries]), offers="menu")])
    return keep + own + [SlotSet(ROUTE_END, None)]


def route_reply(dispatcher: CollectingDispatcher, session: Session, occupation: OccupationInfo, goal: RoleInfo) -> list:
    route = route_in(session, occupation, goal)
    render.send(dispatcher, [render.Reply(answers_outside.route_in_text(route), verdict=None)])
    return [SlotSet(ROUTE_END, goal.name), SlotSet(FOCUS_ROLE, goal.name)]


def follow_up(dispatcher: CollectingDispatcher, tracker: Tracker, session: Session) -> Optional[list[Any]]:
    """After "I'm a nurse": "which operations jobs would suit me?" (the ways in) and "how do I become
    an operations manager?" (the route from there). Not once they said they hold a role."""
    stored = tracker.get_slot(CURRENT_OCCUPATION)
    occupation = resolve_occupation(session, stored) if stored and not tracker.get_slot(CURRENT_ROLE) else None
    if occupation is None:
        return None
    text = tracker.latest_message.get("text") or ""
    known, unknown, _ = mentioned_roles(session, tracker)
    goals = [r for r in (role(session, name) for name in dict.fromkeys(known)) if r is not None]
    if not goals and not unknown and cue_in(session, "suits_me", text) and not dimensions_asked(tracker):
        ways = ways_in(session, occupation)
        reply = answers_outside.ways_in_text(ways)
        render.send(dispatcher, [render.Reply(reply, role_buttons([e.role for e in ways.entries]), offers="menu")])
        return [SlotSet(NEEDS_ROLES, False)]
    if len(goals) == 1 and not dimensions_asked(tracker):
        plan = plan_career([goals[0].name], entity_value(tracker, CAREER_DIRECTION), text)
        if plan.kind == "into":
            route = route_reply(dispatcher, session, occupation, goals[0])
            return [SlotSet(NEEDS_ROLES, False), *route]
    return None
