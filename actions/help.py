"""Greeting, help, out-of-scope and low-confidence replies, each with example questions to click."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render
from kb.wording import replies as wording
from actions.free import FreeQuestionAction
from actions.knowledge import KnowledgeBase
from actions.outside import answer_outside
from actions.interpret import cue_kind
from actions.own_role import holds_a_role
from actions.question import AboutMe, Career, Compare, Describe, Education, Pick, Question, Title
from actions.router import Slots, as_kind, route
from actions.context import CAREER_WORDS, is_role_follow_up
from actions.interpret import carries_correction
from actions.cues import FOLLOW_UP, SAME_JOB, SAYS_WHO, SCHOOLING
from actions.mentions import focused, report_unknown, role_spans, unknown_in_text
from actions.phrases import COMPENSATION, worded_dimensions
from actions.pronouns import only_from_focus
from actions.slots import CAREER, CAREER_DIRECTION, DIMENSION_INTENT_PREFIX, FOCUS_ROLE, INFORM, JOB_ROLE, LIST
from actions.slots import CURRENT_ROLE, DIMENSION, HELP, OUT_OF_SCOPE, ROLE_A, ROLE_B
from kb.education import certifications_in_text
from kb.queries import popular_pairs
from kb.resolve import all_dimensions, resolve_role
from kb.results import DimensionInfo, RoleInfo, RoleMatch
from kb.content.vocabulary import vocabulary
from kb.text import has_english

OPENERS = {
    "greet": wording.GREETING, "help": wording.HELP, OUT_OF_SCOPE: wording.OUT_OF_SCOPE,
    "nlu_fallback": wording.NOT_UNDERSTOOD,
}  # fmt: skip
ENGLISH_ONLY = wording.ENGLISH_ONLY
FALLBACK = "nlu_fallback"
EXAMPLE_DIMENSIONS = ("budget", "compensation", "crisis_management")
GREETING_DIMENSION = "compensation"  # the greeting's one example on a single dimension


class ActionHelp(FreeQuestionAction):
    def name(self) -> str:
        return "action_help"

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        if isinstance(question, Pick):  # an unclear message that still picks one of the offered choices
            return route(question, self.knowledge, dispatcher, slots, session)
        return help_answer(self.knowledge, dispatcher, question, slots, session)


def help_answer(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> list:
    """The answer to a greeting, a request for help, something off-topic or unclear: the question its words
    still ask when they ask one (a certification, a career step, a dimension of the roles in view), else the
    opener for its intent with example questions to click."""
    intent, said = question.intent, question.text
    if isinstance(question, Career) and not said.startswith("/"):  # "how do you climb the ladder in procurement?"
        return route(question, knowledge, dispatcher, slots, session)
    if not said.startswith("/") and certifications_in_text(session, said):  # "is CSCP worth it for me?"
        return route(as_kind(question, Education), knowledge, dispatcher, slots, session)
    in_view = slots.get(FOCUS_ROLE) or slots.get(CURRENT_ROLE) or (slots.get(ROLE_A) and slots.get(ROLE_B))
    typed = any(not t.referred for t in question.titles)  # "how do i become a dm" read as off-topic
    if not said.startswith("/") and in_view and SCHOOLING.search(said) and not typed:  # "what certs (help them)?"
        return route(as_kind(question, Education), knowledge, dispatcher, slots, session)  # about the role in view
    asking = focused(question).text  # a story's words ("an interview next week") ask nothing: its question does
    if (only_from_focus(question) or typed or in_view) and CAREER_WORDS.search(asking):  # "how do i become one",
        # "how do i get there" after a comparison
        return route(as_kind(question, Career), knowledge, dispatcher, slots, session)
    if (only_from_focus(question) or (in_view and not question.titles)) and worded_dimensions(said):
        # "what's their salary?", "what would I need to learn?" read as off-topic: about the role(s) in view
        return route(as_kind(question, Compare), knowledge, dispatcher, slots, session)
    read = question
    if intent in (FALLBACK, OUT_OF_SCOPE):
        question = focused(read)  # a long message NLU could not read, or read as off-topic: go by its question
        if question is not read and CAREER_WORDS.search(question.text):
            return route(as_kind(question, Career), knowledge, dispatcher, slots, session)
        asked = cue_kind(question.text, vocabulary()) if question is not read and question.titles else None
        if asked is not None:  # "... Anyway, who earns more, a buyer or a plant manager?"
            return route(as_kind(question, asked), knowledge, dispatcher, slots, session)
    roles = named_roles(session, question) if intent == FALLBACK else []
    spans = role_spans(question)
    if roles and cue_kind(question.text, vocabulary()) is Describe and not read.dimensions and not holds_a_role(
        question.text, spans
    ):
        return route(as_kind(question, Describe), knowledge, dispatcher, slots, session)  # "what's X like?"
    says_who = intent == FALLBACK and SAYS_WHO.search(question.text) is not None
    if says_who and (roles or unknown_in_text(session, question, spans, intent)):
        return route(as_kind(question, AboutMe), knowledge, dispatcher, slots, session)  # "I'm a category
        # manager", "my job right now is dispatcher": what they do, a title the KB does not know named back
    text = question.text
    pair = (slots.get(ROLE_A), slots.get(ROLE_B))
    shown = pair if all(pair) else (slots.get(FOCUS_ROLE), slots.get(FOCUS_ROLE))  # the pair, else one role
    if intent == FALLBACK and all(shown) and is_role_follow_up(text, shown):  # "and a barista?", "and a dispatcher?"
        follow = as_kind(replace(question, intent=INFORM), Compare)
        return route(follow, knowledge, dispatcher, slots, session)
    if intent == FALLBACK and read.roles and (read.place or read.dimensions):  # "X make in Ohio?", "who earns
        return route(as_kind(question, Compare), knowledge, dispatcher, slots, session)  # more, and budget?"
    unclear = intent in (FALLBACK, OUT_OF_SCOPE, HELP)  # "in North Carolina I mean" can read as off-topic, "what
    # about st. louis" as a request for help
    if unclear and read.place and not read.roles and (slots.get(FOCUS_ROLE) or all(pair)):  # "and in Texas?" after
        return route(as_kind(question, Compare), knowledge, dispatcher, slots, session)  # pay; "Portland, OR"
    nationally = national_again(question, slots) if unclear else None
    if nationally is not None:
        return route(nationally, knowledge, dispatcher, slots, session)
    worded = worded_question(question, slots, len(roles), read.dimensions) if intent == FALLBACK else None
    if worded is not None:  # unclear to NLU, but its words name a dimension and the roles are known
        return route(worded, knowledge, dispatcher, slots, session)
    named = {r.name for r in roles} | set(read.roles)
    with_focus = len(named) == 1 and slots.get(FOCUS_ROLE) not in (None, *named)  # "is that similar to a buyer?"
    if SAME_JOB.search(text) and (len(named) >= 2 or with_focus):  # "do procurement managers and supply chain
        focus = (Title("", (0, 0), slots.get(FOCUS_ROLE), referred=True),) if with_focus else ()  # managers do the
        both = replace(question, titles=focus + question.titles)  # same job?"
        return route(as_kind(both, Compare), knowledge, dispatcher, slots, session)
    if roles:
        render.send(dispatcher, [render.guess_reply(roles, example_dimensions(session))])
        return []
    follow_up = intent == FALLBACK and FOLLOW_UP.search(text) is not None
    if follow_up and report_unknown(dispatcher, session, question, [], spans, FALLBACK):
        return []  # "what about a warehouse lead": the title it names, with the closest roles
    opener = OPENERS.get(intent or "", OPENERS[FALLBACK])
    if intent == FALLBACK and any(c.isalpha() for c in text) and not has_english(text):  # a question in Chinese
        opener = ENGLISH_ONLY
    buttons = greeting_examples(session) if intent == "greet" else examples(session)
    render.send(dispatcher, [render.Reply(opener, tuple(buttons), offers="menu")])
    return []


class ClosingAction(FreeQuestionAction):
    """A goodbye or a "no" (the domain's ``response``), unless the message names the job the writer is
    leaving ("I'm a soldier getting out next year": someone saying what they do, answered with the ways
    in) or carries a correction ("no I meant budget not pay": answered as the question it corrects to)."""

    response = ""

    def first_answer(
        self, recording: CollectingDispatcher, question: Question, slots: Slots, session: Session
    ) -> Optional[list]:
        if question.occupations:
            return answer_outside(recording, question, slots, session)
        said = question.text
        if not said.startswith("/") and (said.rstrip().endswith("?") or FOLLOW_UP.search(said)):  # "and who's on
            events = super().first_answer(recording, question, slots, session)  # call at night?" read as a goodbye
            return events if events is not None else help_answer(self.knowledge, recording, question, slots, session)
        return None

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        nationally = national_again(question, slots)
        if nationally is not None:
            return route(nationally, self.knowledge, dispatcher, slots, session)
        if carries_correction(question):
            return route(as_kind(question, Compare), self.knowledge, dispatcher, slots, session)
        dispatcher.utter_message(response=self.response)
        return []


class ActionGoodbye(ClosingAction):
    response = "utter_goodbye"

    def name(self) -> str:
        return "action_goodbye"


class ActionDeny(ClosingAction):
    response = "utter_deny"

    def name(self) -> str:
        return "action_deny"


def national_again(question: Question, slots: Slots) -> Optional[Compare]:
    """ "actually make that nationally" after a pay answer for a place: the pay question again for the role in
    focus or the pair, with the country's figures; None for any other message."""
    pair = (slots.get(ROLE_A), slots.get(ROLE_B))
    national = question.place is not None and question.place.kind == "national"  # the interpreter's reading
    if question.roles or not national or slots.get(DIMENSION) != COMPENSATION:
        return None
    if not all(pair) and not slots.get(FOCUS_ROLE):
        return None
    focus = () if all(pair) else (Title("", (0, 0), slots.get(FOCUS_ROLE), referred=True),)
    asked = replace(question, titles=question.titles + focus, intent=f"{DIMENSION_INTENT_PREFIX}{COMPENSATION}")
    return as_kind(asked, Compare)


def worded_question(question: Question, slots: Slots, named: int, dimensions: tuple[str, ...]) -> Optional[Compare]:
    """An unclear message read as the dimension question its words name ("whose bugdet is bigger?"; the
    interpreter's ``dimensions``, without those turned down: "forget pay, what about budget?"), when the
    roles are in the message or remembered; None otherwise."""
    remembered = bool(slots.get(ROLE_A) and slots.get(ROLE_B))
    if len(dimensions) != 1 or not (named >= 2 or remembered) or question.text.startswith("/"):
        return None
    return as_kind(replace(question, intent=f"{DIMENSION_INTENT_PREFIX}{dimensions[0]}"), Compare)


def named_roles(session: Session, question: Question) -> list[RoleInfo]:
    """The known roles an unclear message names (at most two), so the reply can offer questions about them."""
    roles: dict[str, RoleInfo] = {}
    for title in question.titles:
        match = resolve_role(session, title.role if title.referred else title.text)
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
