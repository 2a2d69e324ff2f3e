"""Career questions: what they ask (pure planning) and what the career actions answer on the small KB."""

from __future__ import annotations

from typing import Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.careers import ActionAboutMe, ActionCareerPath
from actions.career_plans import CareerPlan, plan_career
from actions.phrases import family_moves
from actions.slots import CURRENT_ROLE, ROUTE_END
from tests.actions.conftest import make_tracker, slot_events, texts

FAMILIES = ["Facilities", "Manufacturing and quality", "Operations management", "Supply chain and logistics"]
OM, HOO, BUYER = "Operations Manager", "Head of Operations", "Buyer"


@pytest.mark.parametrize(
    ("roles", "text", "route_end", "current", "family", "expected"),
    [
        ([BUYER, OM], "from buyer to ops manager", None, None, None, CareerPlan("route", BUYER, OM)),
        ([HOO], "what about from there to head of ops?", OM, None, None, CareerPlan("route", OM, HOO)),
        ([], "and then?", OM, None, None, CareerPlan("after", OM)),
        ([], "and how long does that take?", HOO, None, None, CareerPlan("how_long", HOO)),
        ([], "what's next for me", None, BUYER, None, CareerPlan("after", BUYER, from_current=True)),
        ([HOO], "how do i become a head of ops?", None, OM, None, CareerPlan("route", OM, HOO, from_current=True)),
        ([HOO], "how do i become a head of ops?", None, None, None, CareerPlan("into", goal=HOO)),
        ([OM], "what comes after an ops manager", None, None, None, CareerPlan("after", OM)),
        ([BUYER], "what can a buyer get promoted to?", None, None, None, CareerPlan("after", BUYER)),  # where to
        ([OM], "how do i get promoted to ops manager?", None, None, None, CareerPlan("into", goal=OM)),
        ([], "how do i move into supply chain", None, OM, "Supply chain", CareerPlan(
            "change", OM, family="Supply chain", from_current=True)),
        ([BUYER], "i'm a buyer, into ops management?", None, None, "Ops", CareerPlan("change", BUYER, family="Ops")),
        ([], "and then?", None, None, None, CareerPlan("ask")),
    ],
)  # fmt: skip
def test_career_plans(
    roles: list[str],
    text: str,
    route_end: Optional[str],
    current: Optional[str],
    family: Optional[str],
    expected: CareerPlan,
) -> None:
    assert plan_career(roles, None, text, route_end, current, family) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i'm a              , how do i move into supply chain?", (None, "Supply chain and logistics")),
        ("from purchasing into operations management, what changes?", ("Supply chain and logistics",
                                                                         "Operations management")),
        ("i want to switch to quality", (None, "Manufacturing and quality")),
        ("how do i go to the plant", (None, None)),
        ("how do i become a               ?", (None, None)),
    ],
)  # fmt: skip
def test_families_a_career_change_names(text: str, expected: tuple[Optional[str], Optional[str]]) -> None:
    assert family_moves(text, FAMILIES) == expected


async def test_someone_who_says_what_they_do_gets_their_next_step(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="i'm an ops supervisor", intent="state_role", roles=("Operations Supervisor",))
    events = await ActionAboutMe(knowledge).run(dispatcher, tracker, domain)
    first_line = texts(dispatcher)[0].splitlines()[0]
    assert first_line == (
        "Noted: you're an Operations Supervisor. Typical next roles: Facilities Manager, Operations Manager."
    )
    assert slot_events(events)[CURRENT_ROLE] == "Operations Supervisor"


async def test_a_route_remembers_where_it_ended(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="ops lead to head of ops", intent="career_path", roles=("Operations Lead", HOO))
    events = await ActionCareerPath(knowledge).run(dispatcher, tracker, domain)
    assert slot_events(events)[ROUTE_END] == HOO


async def test_an_unknown_title_held_before_a_known_goal_gets_the_ways_into_the_goal(knowledge, domain) -> None:
    text = "I'm a yard supervisor, how do I get to plant manager?"
    start = text.index("yard supervisor")
    entities = [{"entity": "job_role", "value": "yard supervisor", "start": start, "end": start + 15}]
    tracker = make_tracker(text, "career_path", roles=("plant manager",), entities=entities)
    dispatcher = CollectingDispatcher()
    events = await ActionCareerPath(knowledge).run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert said[0].startswith('I don\'t know the role "yard supervisor".')
    assert said[-1].startswith("People usually become a Plant Manager after working as:")
    assert slot_events(events)[ROUTE_END] == "Plant Manager"
