"""Every part of a message is answered: a description, a route, an education answer or a pay answer
for each part, in one reply, in the order asked (real content)."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.education import ActionEducation
from actions.knowledge import KnowledgeBase
from actions.roles import ActionDescribeRole
from tests.actions.conftest import make_tracker, texts


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
