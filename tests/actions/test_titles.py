"""Titles are never dropped and never swapped: over the real content, a title the KB can't resolve is
named back with the closest roles, whatever other words surround it, and no earlier role is reused."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.careers import ActionAboutMe
from actions.compare import ActionAnswerQuestion
from actions.help import ActionHelp
from actions.roles import ActionDescribeRole
from actions.knowledge import KnowledgeBase
from actions.slots import ROLE_A, ROLE_B
from tests.actions.conftest import make_tracker, texts

EARLIER = {ROLE_A: "Chief Operating Officer", ROLE_B: "Logistics Coordinator"}
TRAVEL = 'I don\'t know the role "travel coordinator". Did you mean: Health and Safety Specialist, Facilities ' \
    "Coordinator, Logistics Coordinator?"  # fmt: skip


@pytest.fixture()
def real(engine: Engine) -> KnowledgeBase:
    return KnowledgeBase(engine)


@pytest.mark.parametrize(
    ("text", "intent", "roles", "first"),
    [
        ("who earns more, a biyer or a plant manager?", "ask_compensation", ("plant manager",),
         'I don\'t know the role "biyer". Did you mean: Buyer?'),
        ("byer vs plant manager", "compare_roles", ("plant manager",),
         'I don\'t know the role "byer". Did you mean: Buyer?'),
        ("travel coordinator vs buyer", "compare_roles", ("buyer",), TRAVEL),
        ("is a travel coordinator paid more than a buyer?", "ask_compensation", ("buyer",), TRAVEL),
    ],
)  # fmt: skip
async def test_a_title_the_kb_cannot_resolve_is_named_back(real, domain, text, intent, roles, first) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(real).run(dispatcher, make_tracker(text, intent, roles=roles, slots=EARLIER), domain)
    assert texts(dispatcher) == [first]


async def test_i_am_is_no_part_of_the_title_named_back(real, domain) -> None:
    text = "I am an inventory supervisor, how do I get to operations manager?"
    dispatcher = CollectingDispatcher()
    await ActionAboutMe(real).run(dispatcher, make_tracker(text, "state_role", roles=("operations manager",)), domain)
    assert texts(dispatcher)[0] == (
        'I don\'t know the role "inventory supervisor". Did you mean: Supply Planner, Inventory Manager, '
        "Transportation Supervisor?"
    )


def test_slang_and_uk_titles_are_aliases(real: Any) -> None:
    from kb.resolve import resolve_role

    with real.session() as session:
        found = {
            said: resolve_role(session, said).role.name
            for said in ("warehouse boss", "ops guy", "programme manager", "warehouse supervisor")
        }
    assert found == {"warehouse boss": "Warehouse Manager", "ops guy": "Operations Manager",
                     "programme manager": "Program Manager",
                     "warehouse supervisor": "Operations Supervisor"}  # fmt: skip


@pytest.mark.parametrize(
    ("said", "role"),
    [("asst manager", "Assistant Store Manager"), ("asst. manager", "Assistant Store Manager"),
     ("retail asst manager", "Assistant Store Manager"), ("Asst. Store Mgr", "Assistant Store Manager"),
     ("assistant manager", "Assistant Store Manager"), ("retail assistant", "Retail Sales Associate"),
     ("category buyer", "Buyer"), ("purchasing agent", "Buyer")],
)  # fmt: skip
def test_abbreviations_are_written_out_before_a_title_is_looked_up(real: Any, said: str, role: str) -> None:
    from kb.resolve import resolve_role

    with real.session() as session:
        match = resolve_role(session, said)
    assert (match.role.name, match.confidence) == (role, 1.0)  # exactly, not as a typo of "asst store manager"


@pytest.mark.parametrize(
    ("text", "intent", "roles", "action", "first"),
    [
        ("im an inventory control specialist", "state_role", (), ActionAboutMe,
         'I don\'t know the role "inventory control specialist". Did you mean: Supply Planner, Production Planner, '
         "Buyer?"),
        ("im a category manager", "nlu_fallback", (), ActionHelp,
         'I don\'t know the role "category manager". Did you mean: Buyer?'),
        ("what does a media buyer do", "describe_role", ("buyer",), ActionDescribeRole,
         'I don\'t know the role "media buyer". Did you mean: Buyer?'),
        ("im a good buyer", "state_role", ("buyer",), ActionAboutMe,
         "Noted: you're a Buyer. Typical next roles: Procurement Manager."),
        ("im a senior buyer", "state_role", ("buyer",), ActionAboutMe,
         "Noted: you're a Buyer. Typical next roles: Procurement Manager."),
        ("im a category buyer", "state_role", ("category buyer",), ActionAboutMe,
         "Noted: you're a Buyer. Typical next roles: Procurement Manager."),
    ],
)  # fmt: skip
async def test_a_multiword_title_is_named_back_whole_or_read_as_its_role(
    real, domain, text, intent, roles, action, first
) -> None:
    """Never a fragment ("category", "senior", "good") named back as a role of its own."""
    dispatcher = CollectingDispatcher()
    await action(real).run(dispatcher, make_tracker(text, intent, roles=roles), domain)
    assert texts(dispatcher)[0].splitlines()[0] == first


async def test_an_aspect_with_a_role_is_still_the_aspect(real, domain) -> None:
    text = "what's the job outlook for a logistics manager"
    tracker = make_tracker(text, "other_aspect", roles=("logistics manager",))
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(real).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("I don't rate career prospects or demand for a job")
