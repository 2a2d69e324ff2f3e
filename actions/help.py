"""Greeting, help, out-of-scope and low-confidence replies, each with example questions to click."""

from __future__ import annotations

import copy
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render, wording
from actions.picks import picked
from actions.free import FreeQuestionAction
from actions.reading import as_inform, read_question
from actions.router import route
from actions.context import CAREER_WORDS, SAYS_WHO, is_role_follow_up
from actions.mentions import focused
from actions.phrases import worded_dimensions
from actions.pronouns import only_from_focus
from actions.knowledge import role_entities
from actions.slots import CAREER, CAREER_DIRECTION, DIMENSION_INTENT_PREFIX, FOCUS_ROLE, JOB_ROLE, LIST, ROLE_A, ROLE_B
from kb.queries import popular_pairs
from kb.resolve import all_dimensions, resolve_role
from kb.results import DimensionInfo, RoleInfo, RoleMatch
from kb.text import has_english

OPENERS = {
    "greet": "Hi! I compare operations roles and explain career paths. Try one:",
    "help": 'Ask me to compare two roles on one dimension ("who earns more, a buyer or a procurement manager?") '
    'or overall ("head of ops vs ops manager"). Then follow up: "what about crisis management?", '
    '"and a facilities manager instead?", "tell me more". I can also describe a role, list the roles '
    "I know, and show career paths. For example:",
    "out_of_scope": "That's outside what I can help with: I compare operations roles and explain career paths. "
    "For example:",
    "nlu_fallback": "Sorry, I didn't quite get that. I compare operations roles dimension by dimension. You could ask:",
}
ENGLISH_ONLY = "Sorry, I read English only. I compare operations roles dimension by dimension. You could ask:"
FALLBACK = "nlu_fallback"
EXAMPLE_DIMENSIONS = ("budget", "compensation", "crisis_management")
GREETING_DIMENSION = "compensation"  # the greeting's one example on a single dimension


class ActionHelp(FreeQuestionAction):
    def name(self) -> str:
        return "action_help"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        chosen = picked(session, tracker)
        if chosen is not None:  # an unclear message that still picks one of the offered choices
            return route("answer", self.knowledge, dispatcher, tracker, session)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        said = tracker.latest_message.get("text") or ""
        if only_from_focus(tracker) and CAREER_WORDS.search(said):  # "how do i become one" read as off-topic
            return route("career", self.knowledge, dispatcher, tracker, session)
        if only_from_focus(tracker) and worded_dimensions(said):  # "what's their salary?" read as off-topic
            return route("compare", self.knowledge, dispatcher, tracker, session)
        if intent == FALLBACK:
            question = focused(tracker)  # a long message NLU could not read: go by its question
            if question is not tracker and CAREER_WORDS.search(question.latest_message["text"]):
                return route("career", self.knowledge, dispatcher, question, session)
            tracker = question
        roles = named_roles(session, tracker) if intent == FALLBACK else []
        if roles and SAYS_WHO.search(tracker.latest_message.get("text") or ""):  # "my job right now is dispatcher"
            return route("about_me", self.knowledge, dispatcher, tracker, session)
        text = tracker.latest_message.get("text") or ""
        pair = (tracker.get_slot(ROLE_A), tracker.get_slot(ROLE_B))
        if intent == FALLBACK and all(pair) and is_role_follow_up(text, pair):  # "and a barista?"
            return route("compare", self.knowledge, dispatcher, as_inform(tracker), session)
        read = read_question(self.knowledge, session, tracker) if intent == FALLBACK else None
        if read is not None and read.roles and (read.place or read.dimensions):  # "what does X make in Ohio?", "who
            return route("compare", self.knowledge, dispatcher, tracker, session)  # earns more and has more budget?"
        if read is not None and read.place and tracker.get_slot(FOCUS_ROLE):  # "and in Texas?" after one role's pay
            return route("compare", self.knowledge, dispatcher, tracker, session)
        question = worded_question(tracker, len(roles), read.dimensions) if read is not None else None
        if question is not None:  # unclear to NLU, but its words name a dimension and the roles are known
            return route("compare", self.knowledge, dispatcher, question, session)
        if roles:
            render.send(dispatcher, [render.guess_reply(roles, example_dimensions(session))])
            return []
        opener = OPENERS.get(intent or "", OPENERS[FALLBACK])
        if intent == FALLBACK and text.strip() and not has_english(text):  # "🤔", a question in Chinese
            opener = ENGLISH_ONLY
        buttons = greeting_examples(session) if intent == "greet" else examples(session)
        render.send(dispatcher, [render.Reply(opener, tuple(buttons), offers="menu")])
        return []


def worded_question(tracker: Tracker, named: int, dimensions: tuple[str, ...]) -> Optional[Tracker]:
    """An unclear message read as the dimension question its words name ("whose bugdet is bigger?"; the
    interpreter's ``dimensions``, without those turned down: "forget pay, what about budget?"), when the
    roles are in the message or remembered; None otherwise."""
    text = tracker.latest_message.get("text") or ""
    remembered = bool(tracker.get_slot(ROLE_A) and tracker.get_slot(ROLE_B))
    if len(dimensions) != 1 or not (named >= 2 or remembered) or text.startswith("/"):
        return None
    question = copy.copy(tracker)
    intent = {"name": f"{DIMENSION_INTENT_PREFIX}{dimensions[0]}", "confidence": 1.0}
    question.latest_message = {**tracker.latest_message, "intent": intent}
    return question


def named_roles(session: Session, tracker: Tracker) -> list[RoleInfo]:
    """The known roles an unclear message names (at most two), so the reply can offer questions about them."""
    roles: dict[str, RoleInfo] = {}
    for entity in role_entities(tracker, JOB_ROLE):
        value = entity.get("value")
        match = resolve_role(session, value) if isinstance(value, str) else None
        if isinstance(match, RoleMatch):
            roles.setdefault(match.role.name, match.role)
    return list(roles.values())[:2]


def example_dimensions(session: Session) -> list[DimensionInfo]:
    dimensions = {d.slug: d for d in all_dimensions(session)}
    return [dimensions[slug] for slug in EXAMPLE_DIMENSIONS if slug in dimensions]


def examples(session: Session) -> list[render.Button]:
    """Clickable example questions built from the KB's most asked-about pairs."""
    pairs = popular_pairs(session, limit=len(EXAMPLE_DIMENSIONS))
    buttons = [
        render.compare_button(first.name, second.name, d.slug, render.question_title(d, first, second))
        for (first, second), d in zip(pairs, example_dimensions(session), strict=False)
    ]
    return [*buttons, *closing_examples(pairs)]


def greeting_examples(session: Session) -> list[render.Button]:
    """Fewer and shorter examples for the greeting, which must fit the widget's small panel: the most
    asked-about pair compared overall, the next pair on pay, then the closing examples."""
    pairs = popular_pairs(session, limit=2)
    dimension = next((d for d in all_dimensions(session) if d.slug == GREETING_DIMENSION), None)
    buttons = [render.compare_button(pair[0].name, pair[1].name, None) for pair in pairs[:1]]
    if dimension is not None:
        for first, second in pairs[1:2]:
            buttons.append(render.compare_button(first.name, second.name, dimension.slug,
                                                 wording.on_dimension(dimension, first.name, second.name)))  # fmt: skip
    return [*buttons, *closing_examples(pairs)]


def closing_examples(pairs: list[tuple[RoleInfo, RoleInfo]]) -> list[render.Button]:
    """How to become the most asked-about role, and the list of roles."""
    buttons = []
    if pairs:
        top = pairs[0][0]
        buttons.append(
            render.Button(
                wording.how_to_become(top),
                render.payload(CAREER, **{JOB_ROLE: top.name, CAREER_DIRECTION: "into"}),
            )
        )
    buttons.append(render.Button(wording.LIST_ROLES, render.payload(LIST)))
    return buttons
