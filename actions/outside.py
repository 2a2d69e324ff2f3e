"""People from outside operations ("I'm a nurse, how do I get into operations management?") and pay
asked about jobs outside the map ("who earns more, a truck driver or a dispatcher?").

The NLU pipeline marks jobs outside the map as ``occupation`` entities valued by SOC code (or by
outside group, for military service). Whatever intent NLU read, a message naming one is answered
here: pay from BLS OEWS, another dimension said plainly to be for operations roles only, a route
to the operations role it names, or the ways into operations. The job is remembered
(``current_occupation``), never taken for a role: ``current_role`` keeps its value from before
the message, since Rasa's slot mapping may have set it to the goal. Later "which operations jobs
would suit me?" or "how do I become an operations manager?" start from the remembered job.
Run by ``actions.free.FreeQuestionAction`` before the other free-question answers, only when the
question names an outside job (``answer_outside``) or one is remembered (``follow_up``).
"""

from __future__ import annotations

from typing import Any, Optional, Union

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render
from actions.career_plans import plan_career
from actions.context import CAREER_WORDS, intent_dimension
from actions.cues import COMPARATIVE, FOLLOW_UP, LADDER, REFERS_TO_FOCUS, REFERS_TO_OFFERED, REFERS_TO_WRITER
from actions.cues import SUPERLATIVE
from actions.own_role import holds_a_role
from actions.mentions import mentioned_roles, role
from actions.question import Career, Describe, Education, Pick, Question, Several
from actions.ranking import offered_roles
from actions.router import Slots, route
from actions.slots import CAREER_DIRECTION, COMPARED_OCCUPATION, CURRENT_OCCUPATION, CURRENT_ROLE, DIMENSION
from actions.slots import FOCUS_ROLE, FULL_COMPARISON, NEEDS_ROLES, ROUTE_END, STATE_ROLE
from kb.wording import answers, outside as answers_outside, replies as wording
from actions.pay_places import say_outside_first
from kb.wages.outside import cue_in, outside_pay, resolve_occupation, route_in, ways_in, ways_in_pay
from kb.wages.outside_results import OccupationInfo
from kb.resolve import resolve_dimension
from kb.results import DimensionInfo, RoleInfo, UnknownArea

COMPENSATION = "compensation"


def occupations_named(session: Session, question: Question) -> list[OccupationInfo]:
    """The outside jobs the question names, in order, each once."""
    found = [resolve_occupation(session, value) for value in question.occupations]
    return list({o.key: o for o in found if o is not None}.values())


def dimensions_asked(question: Question) -> list[str]:
    """Dimension slugs the question's words name, else the one its intent names (``ask_budget``) unless its
    words ask about a career ("nurse here, thinking about ops management, how do I get in?")."""
    if question.dimensions:
        return list(question.dimensions)
    if CAREER_WORDS.search(question.text) or LADDER.search(question.text):
        return []
    return [dimension] if (dimension := intent_dimension(question.intent)) else []


def area_asked(question: Question) -> Optional[str]:
    """The OEWS area pay is asked for (an ambiguous place as written, for the KB to say it has no
    figures for it), else None: national, also for a place outside the US (said first: ``abroad``)."""
    place = question.place
    return (place.area or place.text) if place is not None and place.kind in ("area", "ambiguous") else None


def abroad(dispatcher: CollectingDispatcher, start: int, question: Question) -> None:
    """Puts the note that the figures are US data before the answer sent from message ``start`` when
    pay was asked for a place outside the US."""
    place = next((p for p in question.places if p.kind == "outside_us"), None)
    if place is not None:
        say_outside_first(dispatcher, start, place)


def focus_goal(session: Session, question: Question, slots: Slots) -> list[RoleInfo]:
    """The role in focus (the end of a route just given) when a pay question names no role but refers to it
    ("would that pay more than teaching?", "and what does that pay in Florida?") or weighs it against the
    writer's job ("would I make more than now?", "pay vs driving?"); else none."""
    focus, text = slots.get(FOCUS_ROLE), question.text
    if not focus or question.titles or text.startswith("/"):
        return []
    if not (REFERS_TO_FOCUS.search(text) or COMPARATIVE.search(text)):
        return []
    found = role(session, str(focus))
    return [found] if found is not None else []


def role_buttons(roles: list[RoleInfo]) -> tuple[render.Button, ...]:
    return tuple(render.Button(r.name, render.payload("describe_role", job_role=r.name)) for r in roles)


def answer_outside(
    dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> Optional[list[Any]]:
    """The answer and its events when the question names a job outside the map (else None): its pay
    (against a role named, in the place asked), another dimension said to be for operations roles
    only, the route into the role named, or the ways into operations."""
    text = question.text
    occupations = occupations_named(session, question) if not text.startswith("/") else []
    if not occupations:
        return None
    held = [t.span for t in question.titles if t.role and not t.referred]  # "former teacher, now 1 yr as an ops
    if held and holds_a_role(text, held) and not holds_a_role(text, list(question.occupation_spans)):  # coordinator.
        return None  # next step?": the role they hold now, not the job they left
    known, _, _ = mentioned_roles(question)
    goals = [r for r in (role(session, name) for name in dict.fromkeys(known)) if r is not None]
    asked = dimensions_asked(question)
    if goals and asked and COMPENSATION not in asked and CAREER_WORDS.search(text):
        asked = []  # "paramedic, good in a crisis, thinking about becoming a health and safety manager": a route
    first = occupations[0]
    theirs = question.intent == STATE_ROLE or holds_a_role(text, list(question.occupation_spans))
    if not asked and not theirs and not goals and slots.get(DIMENSION) not in (None, FULL_COMPARISON):
        asked = [slots.get(DIMENSION)]  # "what about a barista?" after a question on one dimension
    if len(goals) >= 2:  # "truck driver here, dispatcher or logistics coordinator, which pays more?": the roles
        return None
    keep = [SlotSet(NEEDS_ROLES, False)]
    if COMPENSATION in asked and not goals and len(occupations) == 1 and cue_in(session, "suits_me", text):
        own = [SlotSet(CURRENT_OCCUPATION, first.key), SlotSet(CURRENT_ROLE, None)] if theirs else []
        ways_in_reply(dispatcher, session, first, question, answers_outside.noted_text(first) if theirs else None)
        return keep + own + [SlotSet(ROUTE_END, None), SlotSet(FOCUS_ROLE, None)]  # "what jobs could I do and what
        # do they pay?"
    if COMPENSATION in asked:
        parts = question.parts if isinstance(question, Several) else ()  # "could I become X, and what does it pay?":
        routed = route_reply(dispatcher, session, first, goals[-1]) if goals and Career in map(type, parts) else []
        routed += [e for p in parts if isinstance(p, Describe) for e in route(p, None, dispatcher, slots, session)]
        goals = goals or focus_goal(session, question, slots)  # "would that pay more than teaching?"
        sides = pay_reply(dispatcher, session, occupations, goals, question)  # the route in, then the pay
        held = theirs or sides == [first]
        own = [SlotSet(CURRENT_OCCUPATION, first.key), SlotSet(CURRENT_ROLE, None)] if held else []
        pair = [SlotSet(COMPARED_OCCUPATION, first.key if len(sides) == 2 else None)]  # "and who has more budget?"
        focus = [SlotSet(FOCUS_ROLE, goals[-1].name if goals else None)]  # "could I walk into that?"
        return keep + own + pair + focus + routed + [SlotSet(DIMENSION, COMPENSATION)]  # "and in Ohio?"
    own = [SlotSet(CURRENT_OCCUPATION, first.key), SlotSet(CURRENT_ROLE, None)] if theirs or goals else []
    if asked:
        dimension = resolve_dimension(session, asked[0])
        info = dimension if isinstance(dimension, DimensionInfo) else None
        render.send(dispatcher, [render.Reply(answers_outside.other_dimension_text(first, info))])
        return keep
    if goals:
        events = keep + own + route_reply(dispatcher, session, first, goals[-1])
        return events + schooling_parts(dispatcher, question, {**slots, FOCUS_ROLE: goals[-1].name}, session)
    intro = answers_outside.noted_text(first) if theirs else answers_outside.outside_text(first)
    ways_in_reply(dispatcher, session, first, question, intro)
    return keep + own + [SlotSet(ROUTE_END, None), SlotSet(FOCUS_ROLE, None)]  # their own job is the subject


def ways_in_reply(
    dispatcher: CollectingDispatcher,
    session: Session,
    occupation: OccupationInfo,
    question: Question,
    intro: Optional[str] = None,
) -> None:
    """Sends the ways into operations from ``occupation`` (after ``intro``), with what they pay in the
    area asked when the question asks pay ("what jobs could I do and what do they pay?")."""
    start = len(dispatcher.messages)
    ways = ways_in(session, occupation)
    text = "\n".join([*([intro] if intro else []), answers_outside.ways_in_text(ways)])
    if COMPENSATION in dimensions_asked(question):
        pay = ways_in_pay(session, ways, area_asked(question))
        if isinstance(pay, UnknownArea):
            text += "\n" + answers.unknown_area_text(pay)
        elif pay is not None:
            text += "\n" + answers_outside.ways_in_pay_text(pay)
    render.send(dispatcher, [render.Reply(text, role_buttons([e.role for e in ways.entries]), offers="menu")])
    abroad(dispatcher, start, question)


def pay_reply(
    dispatcher: CollectingDispatcher,
    session: Session,
    occupations: list[OccupationInfo],
    goals: list[RoleInfo],
    question: Question,
) -> list[Union[OccupationInfo, RoleInfo]]:
    """Sends the OEWS pay of the jobs and roles named (two at most: a verdict with both figures) in the
    area asked; returns the sides compared. A job OEWS does not count (military service) is said to
    have no figures, and the roles named are given without it."""
    start = len(dispatcher.messages)
    sides: list[Union[OccupationInfo, RoleInfo]] = [*occupations, *goals][:2]
    uncounted = next((o for o in occupations if o.soc is None), None)
    if uncounted is not None and goals:  # "I'm a veteran, what does a logistics manager make?"
        sides = list(goals[:2])
    pay = outside_pay(session, sides, area_asked(question))
    if isinstance(pay, UnknownArea):
        text_out = answers.unknown_area_text(pay)
    elif pay is None:
        text_out = answers_outside.no_outside_pay_text(uncounted or occupations[0])
    else:
        text_out = answers_outside.outside_pay_text(pay)
        if uncounted is not None:
            text_out = f"{text_out}\n{answers_outside.no_outside_pay_text(uncounted)}"
    render.send(dispatcher, [render.Reply(text_out, verdict=text_out.splitlines()[0])])
    abroad(dispatcher, start, question)
    return sides


def schooling_parts(dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
    """ "I'm a teacher, how do I become X, and do I need a degree?": after the route in, each education part
    of the message answered for the goal (``slots`` hold it in focus)."""
    parts = question.parts if isinstance(question, Several) else ()
    return [e for part in parts if isinstance(part, Education) for e in route(part, None, dispatcher, slots, session)]


def route_reply(dispatcher: CollectingDispatcher, session: Session, occupation: OccupationInfo, goal: RoleInfo) -> list:
    found = route_in(session, occupation, goal)
    render.send(dispatcher, [render.Reply(answers_outside.route_in_text(found), verdict=None)])
    return [SlotSet(ROUTE_END, goal.name), SlotSet(FOCUS_ROLE, goal.name)]


def follow_up(
    dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> Optional[list[Any]]:
    """After "I'm a nurse": "which operations jobs would suit me?" (the ways in) and "how do I become
    an operations manager?" (the route from there). Not once they said they hold a role."""
    stored = slots.get(CURRENT_OCCUPATION)
    occupation = resolve_occupation(session, stored) if stored and not slots.get(CURRENT_ROLE) else None
    if occupation is None or question.text.startswith("/") or isinstance(question, Pick):  # a pick of the ways in
        return None
    known, unknown, _ = mentioned_roles(question)
    goals = [r for r in (role(session, name) for name in dict.fromkeys(known)) if r is not None]
    if not goals and not unknown and cue_in(session, "suits_me", question.text):
        if set(dimensions_asked(question)) <= {COMPENSATION}:  # "... and what do they pay?": with their pay
            ways_in_reply(dispatcher, session, occupation, question)
            return [SlotSet(NEEDS_ROLES, False), SlotSet(FOCUS_ROLE, None)]
    asked = dimensions_asked(question)
    on_pay = COMPENSATION in asked or (not asked and question.places and slots.get(DIMENSION) == COMPENSATION)
    on_pay = on_pay and not (SUPERLATIVE.search(question.text) and offered_roles(slots))  # "which one pays most?"
    on_pay = on_pay and not (question.places and not asked and slots.get(FOCUS_ROLE))  # "and in CA?" after a role
    offered = not slots.get(FOCUS_ROLE) and REFERS_TO_OFFERED.search(question.text) and offered_roles(slots)
    if not goals and not unknown and on_pay and offered:  # "what do they pay?" after the ways in: theirs
        ways_in_reply(dispatcher, session, occupation, question)
        return [SlotSet(NEEDS_ROLES, False), SlotSet(DIMENSION, COMPENSATION)]
    if not goals and not unknown and on_pay:  # "what does that pay in Texas?", then "and in Ohio?"; after a route
        focus = focus_goal(session, question, slots)  # into a role, "that" is the role: "what does that pay?"
        alone = focus and not COMPARATIVE.search(question.text)  # not "would I make more than now?": both
        pay_reply(dispatcher, session, [] if alone else [occupation], focus, question)
        return [SlotSet(NEEDS_ROLES, False), SlotSet(DIMENSION, COMPENSATION)]
    comparing = FOLLOW_UP.search(question.text) or COMPARATIVE.search(question.text)
    on_pay_before = COMPENSATION in asked or (not asked and slots.get(DIMENSION) == COMPENSATION)
    other_role = slots.get(FOCUS_ROLE) and not slots.get(COMPARED_OCCUPATION) and not REFERS_TO_WRITER.search(
        question.text)  # fmt: skip  # "vs an assistant store manager?" after a store manager's pay: those two
    if len(goals) == 1 and comparing and (other_role or len(question.places) > 1):
        return None  # answered as a comparison of the two roles, or of one role's pay in two places
    if len(goals) == 1 and comparing and set(asked) <= {COMPENSATION} and on_pay_before:
        pay_reply(dispatcher, session, [occupation], goals, question)  # after its pay: "vs an operations coordinator?"
        pair = [SlotSet(COMPARED_OCCUPATION, occupation.key), SlotSet(FOCUS_ROLE, goals[0].name)]
        return [SlotSet(NEEDS_ROLES, False), *pair, SlotSet(DIMENSION, COMPENSATION)]
    described = isinstance(question, Describe)  # "what does a buyer do?" after their job: a description
    if len(goals) == 1 and not dimensions_asked(question) and not described:
        plan = plan_career([goals[0].name], question.value(CAREER_DIRECTION), question.text)
        if plan.kind == "into":
            steps = route_reply(dispatcher, session, occupation, goals[0])
            schooling = schooling_parts(dispatcher, question, {**slots, FOCUS_ROLE: goals[0].name}, session)
            return [SlotSet(NEEDS_ROLES, False), *steps, *schooling]
    return None


def where_from(
    dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> Optional[list[Any]]:
    """ "which job suits me?" from someone who has not said what they do: asks what they do now (the
    ways in start from there). None when they said it, or the question names a role or a job."""
    if slots.get(CURRENT_OCCUPATION) or slots.get(CURRENT_ROLE) or question.titles or question.occupations:
        return None
    if question.text.startswith("/") or not cue_in(session, "suits_me", question.text):
        return None
    render.send(dispatcher, [render.Reply(wording.ASK_WHERE_FROM)])
    return [SlotSet(NEEDS_ROLES, False)]


def pair_follow_up(
    dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> Optional[list[Any]]:
    """After "who earns more, a truck driver or a dispatcher?": "and who has more budget?" (no role or job
    named, another dimension asked) is told that jobs outside the map are compared on pay only."""
    stored = slots.get(COMPARED_OCCUPATION)
    occupation = resolve_occupation(session, stored) if stored and not question.text.startswith("/") else None
    asked = dimensions_asked(question)
    if occupation is None or question.titles or question.occupations:
        return None
    if question.places and set(asked) <= {COMPENSATION}:  # "and in Ohio?": the same pair there
        other = role(session, slots.get(FOCUS_ROLE)) if slots.get(FOCUS_ROLE) else None
        pay_reply(dispatcher, session, [occupation], [other] if other else [], question)
        return [SlotSet(NEEDS_ROLES, False), SlotSet(COMPARED_OCCUPATION, stored)]
    if not asked or COMPENSATION in asked:
        return None
    dimension = resolve_dimension(session, asked[0])
    info = dimension if isinstance(dimension, DimensionInfo) else None
    render.send(dispatcher, [render.Reply(answers_outside.other_dimension_text(occupation, info))])
    return [SlotSet(NEEDS_ROLES, False), SlotSet(COMPARED_OCCUPATION, stored)]
