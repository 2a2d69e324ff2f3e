"""Every part of a message is answered: a description, a route, an education answer or a pay answer
for each part, in one reply, in the order asked (real content)."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.careers import ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.education import ActionEducation
from actions.knowledge import KnowledgeBase
from actions.roles import ActionDescribeRole
from actions.slots import FOCUS_ROLE, ROUTE_END
from tests.actions.conftest import make_tracker, slot_events, texts


@pytest.fixture()
def real(engine: Engine) -> KnowledgeBase:
    return KnowledgeBase(engine)


@pytest.mark.parametrize(
    ("action", "text", "intent", "role", "starts"),
    [
        (ActionDescribeRole, "what does a chief of staff do, and how do you become one?", "describe_role",
         "chief of staff", ["Chief of Staff (General management).", "People usually become a Chief of Staff after"]),
        (ActionEducation, "do warehouse managers need a degree, and what do they usually earn?", "education",
         "warehouse managers", ["A Warehouse Manager usually needs", "A Warehouse Manager earns"]),
        (ActionDescribeRole, "what does a plant manager do and how much do they earn?", "describe_role",
         "plant manager", ["Plant Manager (Manufacturing and quality).", "A Plant Manager is among the best-paid"]),
    ],
)  # fmt: skip
async def test_each_part_gets_its_answer(real, domain, action, text, intent, role, starts) -> None:
    dispatcher = CollectingDispatcher()
    await action(real).run(dispatcher, make_tracker(text, intent, roles=(role,)), domain)
    replies = texts(dispatcher)
    assert len(replies) == len(starts)
    assert all(reply.startswith(start) for reply, start in zip(replies, starts, strict=True))


STRESS = "I don't compare how stressful jobs are: that depends more on the employer, the team and the person"


@pytest.mark.parametrize(
    ("action", "text", "intent", "role", "slots", "starts", "last"),
    [
        (ActionCareerPath, "how do i become a warehouse manager, and how long does it take?", "career_path",
         "warehouse manager", {}, ["People usually become a Warehouse Manager after working as:",
                                   "To become a Warehouse Manager: A Warehouse Manager usually has"],
         {ROUTE_END: "Warehouse Manager", FOCUS_ROLE: "Warehouse Manager"}),
        (ActionCareerPath, "how do i become a warehouse manager, and how long does it take?", "career_path",
         "warehouse manager", {FOCUS_ROLE: "Plant Manager", ROUTE_END: "Director of Operations"},
         ["People usually become a Warehouse Manager after working as:",
          "To become a Warehouse Manager: A Warehouse Manager usually has"],
         {ROUTE_END: "Warehouse Manager", FOCUS_ROLE: "Warehouse Manager"}),
        # how long "that" takes: the step after the role, as "how long does that take?" after the answer would
        (ActionCareerPath, "what comes after buyer and how long does that take?", "career_path", "buyer", {},
         ["After a Buyer, typical next roles are: Procurement Manager.",
          "To become a Procurement Manager: A Procurement Manager typically has"],
         {ROUTE_END: "Procurement Manager", FOCUS_ROLE: "Procurement Manager"}),
        (ActionCareerPath, "how long does it take to become a buyer, and what comes after?", "career_path", "buyer",
         {}, ["To become a Buyer: A Buyer typically needs",
              "After a Buyer, typical next roles are: Procurement Manager."],
         {ROUTE_END: "Procurement Manager", FOCUS_ROLE: "Buyer"}),
        (ActionAnswerQuestion, "how many people does an operations manager manage and is it stressful?",
         "ask_hierarchy", "operations manager", {},
         ["An Operations Manager is a middle manager who reports to the Head of Operations.", STRESS],
         {FOCUS_ROLE: "Operations Manager"}),
        (ActionAnswerQuestion, "what does a buyer earn, and is it stressful?", "ask_compensation", "buyer", {},
         ["A Buyer earns early-career pay", STRESS], {FOCUS_ROLE: "Buyer"}),
    ],
)  # fmt: skip
async def test_every_question_of_one_kind_or_an_aspect_is_answered(
    real, domain, action, text, intent, role, slots, starts, last
) -> None:
    """Two career questions ("how do I become X, and how long does it take?") each get their answer, the
    second from where the first ended; a question with an aspect Rolewise doesn't compare gets its answer
    and the plain note, each once."""
    dispatcher = CollectingDispatcher()
    events = await action(real).run(dispatcher, make_tracker(text, intent, roles=(role,), slots=slots), domain)
    replies = texts(dispatcher)
    assert len(replies) == len(starts), replies
    assert all(reply.startswith(start) for reply, start in zip(replies, starts, strict=True)), replies
    assert {name: slot_events(events).get(name) for name in last} == last
