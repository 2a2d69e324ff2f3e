"""Questions about what Rolewise doesn't compare (stress, work-life balance, travel, ...).

Whatever NLU read ("which job is more stressful?" can look like a strategy question, "do logistics
coordinators have a decent work-life balance" like someone saying what they do), a message that
names such an aspect (``kb/data/aspects.yml``) and none of the twelve dimensions gets a plain
answer: what Rolewise doesn't compare, the nearest dimension it does, never a verdict. The
actions that answer free text run ``answer_aspect`` first (``KnowledgeAction.answers_free_questions``).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.cues import QUESTION_START
from actions import render, render_questions
from actions.context import masked
from actions.mentions import focused, mentioned_roles, role_spans, unknown_in_text
from actions.knowledge import alias_heads
from actions.phrases import TITLE_WORDS, worded_dimensions
from actions.question import Question
from actions.router import Slots
from actions.slots import NEEDS_ROLES, ROLE_A, ROLE_B
from kb.aspects import AspectInfo, aspect_in
from kb.resolve import all_dimensions


def aspect_asked(session: Session, text: str) -> tuple[Optional[AspectInfo], list[str]]:
    """The aspect ``text`` asks about that Rolewise doesn't compare (or None), and the dimensions its
    other words name: "is it stressful?" names none, "who earns more and is it stressful?" names pay."""
    found = aspect_in(session, text)
    rest = re.sub(re.escape(found.matched), " ", text, flags=re.IGNORECASE) if found else text
    return found, worded_dimensions(rest)




def said_in_story(text: str, matched: str) -> bool:
    """Whether the aspect words ``matched`` are in a clause of a story ("I'm so burnt out as a buyer.",
    "my job is so hectic,") while another clause asks a question ("how do I become a plant manager?"); not
    when the other clause only names roles ("I want more free time, project manager or program manager?")."""
    clauses = [c for c in re.split(r"(?<=[.!?;,])\s+", text) if c.strip()]
    asked = [c for c in clauses if QUESTION_START.search(c)]
    return bool(asked) and not any(matched.lower() in clause.lower() for clause in asked)


def answer_aspect(
    dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> Optional[list[Any]]:
    """The plain answer and its events when the latest message asks about an aspect Rolewise doesn't
    compare and names no dimension; None otherwise. The roles named (else the
    pair in focus) get the nearest comparison as a button and become the pair in focus."""
    question = focused(question)  # a story or an advert: its question
    text = question.text
    if text.startswith("/"):
        return None
    found, named = aspect_asked(session, masked(text, role_spans(question)))
    if named or found is None:
        return None
    if said_in_story(text, found.matched):
        return None  # "I'm burnt out as a buyer. How do I become a plant manager?": the question is the career
    titles = [t.lower() for t in unknown_in_text(session, question, role_spans(question), None)]
    heads = TITLE_WORDS | alias_heads(session)
    if any(found.matched.lower() in title and set(title.split()) & heads for title in titles):
        return None  # "a travel coordinator": a title to name back, not the aspect
    known, _, _ = mentioned_roles(question)  # looked up only for the rare message that needs them
    remembered = [r for r in (slots.get(ROLE_A), slots.get(ROLE_B)) if r]
    roles = list(dict.fromkeys(known))[:2] or (remembered if len(remembered) == 2 else [])
    render.send(dispatcher, [render_questions.aspect_reply(found, roles, list(all_dimensions(session)))])
    pair = [SlotSet(ROLE_A, roles[0]), SlotSet(ROLE_B, roles[1])] if len(roles) == 2 else []
    return [*pair, SlotSet(NEEDS_ROLES, False)]
