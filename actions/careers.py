"""Career questions: routes between roles, ways in, next steps, career changes, and "I'm a ...".

What a question asks is decided by ``actions.context.plan_career``; this module looks the answer
up in the KB and remembers where the last route ended (``route_end``), so "and then?", "how long
does that take?" and "from there to VP?" continue from it.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import attachments, render, render_careers, usage
from kb.wording import replies as wording
from actions.career_plans import CareerPlan, plan_career
from actions.context import CAREER_WORDS, is_role_follow_up, masked
from actions.cues import LADDER
from actions.free import FreeQuestionAction
from actions.interpret import asks_ladder
from actions.own_role import holds_a_role
from actions.knowledge import KnowledgeBase
from actions.question import AboutMe, Career, Compare, Question
from actions.router import Handling, Slots, as_kind, handles, route
from actions.mentions import focused, mentioned_roles, report_unknown, role, unknown_before, unknown_in_text
from actions.mentions import unknown_start
from actions.phrases import family_in, family_moves, source_words
from actions.slots import CAREER, CAREER_DIRECTION, CURRENT_ROLE, FOCUS_ROLE, FORM, INFORM, NEEDS_ROLES
from actions.slots import REQUESTED_SLOT, ROLE_A, ROLE_B, ROUTE_END
from kb.queries import career_path, common_roles, compare_all, describe_role, entry_roles, families, list_roles
from kb.routes import closest_level, family_ladder, nearest_in_family
from kb.resolve import resolve_role
from kb.results import CareerPath, Comparison, RoleInfo, RoleProfile, UnknownRole

EXPERIENCE = "experience"
STEP_POINTS = 3


def remembered_pair(slots: Slots) -> Optional[tuple[str, str]]:
    first, second = slots.get(ROLE_A), slots.get(ROLE_B)
    return (first, second) if first and second else None


def step_differences(session: Session, steps: tuple[RoleInfo, ...]) -> list[tuple[RoleInfo, RoleInfo, list]]:
    """Each move of a route with its top dimension differences (the later role first)."""
    moves = []
    for earlier, later in itertools.pairwise(steps):
        comparison = compare_all(session, later.name, earlier.name)
        verdicts = render.ranked_verdicts(comparison) if isinstance(comparison, Comparison) else []
        moves.append((earlier, later, [v for v in verdicts if v.leader is not None][:STEP_POINTS]))
    return moves


def field_role(session: Session, text: str, family: str) -> Optional[RoleInfo]:
    """The role a career changer most likely holds in the field they come from: the one its words
    name with "manager" ("purchasing" -> Procurement Manager), else the family's middle role."""
    words = source_words(text)
    named = role(session, f"{words} manager") if words else None
    if named is not None and named.family == family:
        return named
    [(_, members)] = list_roles(session, family) or [("", ())]
    return members[len(members) // 2] if members else None


def experience_text(session: Session, name: str) -> str:
    profile = describe_role(session, name)
    if not isinstance(profile, RoleProfile):
        return ""
    return next((t.text for t in profile.traits if t.dimension.slug == EXPERIENCE), "")


class Careers(Handling):
    """Routes between roles, ways into a role, where a role leads, and moves into another job family."""

    def respond(self, dispatcher: CollectingDispatcher, read: Question, slots: Slots, session: Session) -> list:
        question = focused(read)  # a story ending in "what comes after shift manager?"
        if is_role_follow_up(question.text, remembered_pair(slots)):  # "and a fleet controller?"
            follow = as_kind(replace(question, intent=INFORM), Compare)
            return route(follow, self.knowledge, dispatcher, slots, session)
        known, unknown, spans = mentioned_roles(question)
        text, fields = question.text, families(session)
        plain = masked(text, spans)
        bare = None if CAREER_WORDS.search(plain) else INFORM  # "what comes after?": no title
        after = plan_career(["?"], question.value(CAREER_DIRECTION), text).kind == "after"
        direction = "after" if after else "into"
        again = (CAREER, {CAREER_DIRECTION: direction})  # "how do I become a DM?": the route to the one picked
        field = not known and asks_ladder(plain, tuple(fields))  # "a first job in ops" names no title
        start = unknown_start(session, question, spans) if len(set(known)) == 1 and not unknown else None
        if start is not None:  # "inventory supervisor to operations manager how?": the ways in, then that title said
            events = self.carry_out(plan_career(known[:1], "into", text, None, None, None), dispatcher, session)
            report_unknown(dispatcher, session, question, [start], spans, INFORM, asked=again)  # back
            return events
        if unknown or (not known and not field and report_unknown(dispatcher, session, question, [], spans, bare,
                                                                   asked=again)):  # fmt: skip
            if unknown:
                report_unknown(dispatcher, session, question, unknown, spans, INFORM, asked=again)
            held = [t for t in question.titles if t.role is None and t.span != (0, 0)]
            goals = [t for t in question.titles if t.role and not t.referred and t.span != (0, 0)]
            if held and goals and held[0].span[0] < goals[0].span[0]:  # "I'm a yard supervisor, how do I get to
                plan = plan_career([goals[0].role], "into", question.text, None, None, None)  # operations manager?"
                return [SlotSet(CURRENT_ROLE, None), *self.carry_out(plan, dispatcher, session)]  # the ways in
            return []
        source, family = family_moves(plain, fields) if not text.startswith("/") else (None, None)
        if family is None and not known and LADDER.search(plain):  # "what's the career ladder in logistics?"
            family = family_in(plain, fields)
        route_end, current = slots.get(ROUTE_END), slots.get(CURRENT_ROLE)
        roles = list(dict.fromkeys(known))
        if family and source and not roles:  # "from purchasing into operations": start from that field's role
            start = field_role(session, plain, source)
            roles = [start.name] if start else []
        if not roles and not family and not route_end and not current:
            roles = self.remembered_pair(session, slots)
        plan = plan_career(roles, question.value(CAREER_DIRECTION), text, route_end, current, family)
        return self.carry_out(plan, dispatcher, session)

    @staticmethod
    def remembered_pair(session: Session, slots: Slots) -> list[str]:
        """The conversation's pair, junior first, for "how do I get from one to the other?"."""
        found = [role(session, slots.get(slot)) for slot in (ROLE_A, ROLE_B)]
        pair = sorted((r for r in found if r is not None), key=lambda r: r.seniority)
        return [r.name for r in pair] if len(pair) == 2 else []

    def carry_out(self, plan: CareerPlan, dispatcher: CollectingDispatcher, session: Session) -> list:
        """The plan's answer; the role it is about (the goal, else the start) comes into focus."""
        start = len(dispatcher.messages)
        events = self.answer_plan(plan, dispatcher, session)
        rated = rated_roles(plan, session)
        if rated is not None and any(e.get("name") == ROUTE_END for e in events):  # an answer, not a question
            attachments.add_feedback(dispatcher.messages[start:], *rated, f"career_{plan.kind}")
        about = {"route": plan.goal, "into": plan.goal, "after": plan.start, "how_long": plan.start}.get(plan.kind)
        about_role = role(session, about)
        return [*events, SlotSet(FOCUS_ROLE, about_role.name)] if about_role else events

    def answer_plan(self, plan: CareerPlan, dispatcher: CollectingDispatcher, session: Session) -> list:
        start, goal = role(session, plan.start), role(session, plan.goal)
        missing = (plan.kind not in ("into", "ladder") and start is None) or (
            plan.kind in ("route", "into") and goal is None
        )
        if plan.kind == "ask" or missing:
            question = render.ask_role_reply(wording.ASK_GOAL, common_roles(session), CAREER)
            render.send(dispatcher, [question])
            return []
        if plan.kind == "change":
            assert start is not None and plan.family is not None
            path = nearest_in_family(session, start, plan.family)
            across = None if path else closest_level(session, start, plan.family)
            moves = step_differences(session, path.steps if path else (start, across) if across else ())
            reply = render_careers.career_change_reply(start, plan.family, path, moves, plan.from_current, across)
            render.send(dispatcher, [reply])
            goal = path.goal if path else across
            pair = [SlotSet(ROLE_A, start.name), SlotSet(ROLE_B, goal.name)] if goal else []  # "I meant the pay"
            return [SlotSet(ROUTE_END, path.goal.name if path else None), *pair]
        if plan.kind == "ladder":
            assert plan.family is not None
            ladder = family_ladder(session, plan.family)
            assert ladder is not None  # the family is one of the KB's
            render.send(dispatcher, [render_careers.family_ladder_reply(ladder)])
            return [SlotSet(ROUTE_END, ladder.entry[0].name)]
        if plan.kind == "route":
            assert start is not None and goal is not None
            path = career_path(session, start.name, goal.name)
            if not isinstance(path, CareerPath):
                render.send(dispatcher, [render.problem_reply(path)])
                return []
            if not path.found and plan.from_current:  # no route from their role: say so, then the ways in
                ways_in = render_careers.no_route_from_current_reply(start, goal, entry_roles(session, goal))
                render.send(dispatcher, [ways_in])
                return [SlotSet(ROUTE_END, goal.name)]
            moves = step_differences(session, path.steps) if path.found else []
            render.send(dispatcher, [render_careers.career_path_reply(path, moves, plan.from_current)])
            pair = [SlotSet(ROLE_A, start.name), SlotSet(ROLE_B, goal.name)] if path.found else []  # "those two"
            return [SlotSet(ROUTE_END, goal.name), *pair]
        if plan.kind == "how_long":
            assert start is not None
            render.send(dispatcher, [render_careers.how_long_reply(start, experience_text(session, start.name))])
            return [SlotSet(ROUTE_END, start.name)]
        if plan.kind == "after":
            assert start is not None
            profile = describe_role(session, start.name)
            assert isinstance(profile, RoleProfile)
            render.send(dispatcher, [render_careers.next_roles_reply(start, profile.next_roles, plan.from_current)])
            return [SlotSet(ROUTE_END, profile.next_roles[0].name if profile.next_roles else start.name)]
        assert goal is not None
        render.send(dispatcher, [render_careers.entry_roles_reply(goal, entry_roles(session, goal))])
        return [SlotSet(ROUTE_END, goal.name)]


def rated_roles(plan: CareerPlan, session: Session) -> Optional[tuple[str, Optional[str]]]:
    """The role(s) the feedback buttons of a career answer are about: the route's start and goal, the goal
    of "how do I get into", the start of "what comes after" and "how long"; None for other answers."""
    start, goal = role(session, plan.start), role(session, plan.goal)
    if plan.kind == "route":
        return (start.name, goal.name) if start and goal else None
    one = goal if plan.kind == "into" else start if plan.kind in ("after", "how_long") else None
    return (one.name, None) if one else None


class Stated(Careers):
    """ "I'm a logistics coordinator": what the bot can do for someone in that role.

    It sets ``current_role`` (a custom slot mapping) to the role the message says is theirs; when the
    message names a second role or a job family, that is where they want to go.
    """

    def respond(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        known, unknown, spans = mentioned_roles(question)
        roles = list(dict.fromkeys(known))
        if not roles:
            if not report_unknown(dispatcher, session, question, unknown, spans, INFORM):
                render.send(dispatcher, [render_careers.ask_current_role_reply(common_roles(session))])
            return []
        text = question.text
        stated = unknown_before(text, spans, list(unknown) + list(unknown_in_text(session, question, spans, INFORM)))
        problem = resolve_role(session, stated) if stated is not None else None
        if isinstance(problem, UnknownRole):  # "I'm a warehouse supervisor, how do I get to operations manager?"
            render.send(dispatcher, [render.unknown_role_reply(problem, None, None)])
            usage.note_unknown(session, [stated])
            plan = plan_career(roles[:1], "into", text, None, None, None)
            steps = self.carry_out(plan, dispatcher, session)
            return [SlotSet(CURRENT_ROLE, None), *steps]
        if len(roles) == 1 and not holds_a_role(text, spans) and CAREER_WORDS.search(masked(text, spans)):
            # "I'm 45 and work retail. Is it too late to become a logistics manager?": the role is the goal
            return route(as_kind(question, Career), self.knowledge, dispatcher, slots, session)
        current = role(session, roles[0])
        assert current is not None
        remember = [SlotSet(CURRENT_ROLE, current.name), SlotSet(FOCUS_ROLE, current.name)]  # "I'm a X and want Y"
        _, family = family_moves(masked(text, spans), families(session))
        if len(roles) >= 2 or family:
            plan = plan_career(roles[1:], None, text, None, current.name, family)
            return remember + self.carry_out(plan, dispatcher, session)
        profile = describe_role(session, current.name)
        assert isinstance(profile, RoleProfile)
        step = profile.next_roles[0] if profile.next_roles else None
        moves = step_differences(session, (current, step)) if step else []
        render.send(dispatcher, [render_careers.about_me_reply(current, profile.next_roles, moves)])
        return [*remember, SlotSet(ROUTE_END, None)]  # follow-ups start from their role


class ActionCareerPath(FreeQuestionAction):
    def name(self) -> str:
        return "action_career_path"

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        """A career question ("how do I become X, and do I need a degree?": each part by its kind)."""
        return route(question, self.knowledge, dispatcher, slots, session)


class ActionAboutMe(FreeQuestionAction):
    """ "I'm a logistics coordinator": what the bot can do for someone in that role."""

    def name(self) -> str:
        return "action_about_me"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        """The answer; a comparison form still waiting for roles is left (the form took no role from the
        message: "I'm a line cook. could I become a warehouse manager?")."""
        events = super().respond(dispatcher, tracker, domain, session)
        if tracker.active_loop_name == FORM:
            events += [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), SlotSet(NEEDS_ROLES, False)]
        return events

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        """Read as what they do, unless the interpreter read another kind ("I'm bored. Who earns more ...?")."""
        return route(question, self.knowledge, dispatcher, slots, session)


@handles(Career)
def career(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> list:
    return Careers(knowledge).respond(dispatcher, question, slots, session)


@handles(AboutMe)
def about_me(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> list:
    return Stated(knowledge).respond(dispatcher, question, slots, session)
