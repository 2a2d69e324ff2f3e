"""Questions about what Rolewise doesn't compare get a plain answer, never a verdict on another dimension.

Runs on the small test KB (tests/fixtures/small_kb/aspects.yml: stress, prospects).
"""

from __future__ import annotations

import pytest

from actions.slots import DIMENSION, NEEDS_ROLES, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, texts
from tests.actions.test_compare import HOO, OM, PAIR, PM, ask

COMPARED = (
    "I compare roles on: scope of responsibility, position in the hierarchy, strategic involvement, "
    "budget authority, cross-functional collaboration, skill set, decision-making authority, compensation, "
    "performance metrics, experience required, external relations and crisis management."
)
STRESS = "I don't compare stress in the test KB. The nearest I can compare is crisis management.\n" + COMPARED


@pytest.mark.parametrize("intent", ["other_aspect", "ask_strategy", "ask_compensation", "compare_roles"])
async def test_stress_gets_a_plain_answer_whatever_nlu_guessed(knowledge, domain, intent: str) -> None:
    dispatcher, slots = await ask(
        knowledge, domain, text="which job is more stressful, a buyer or a plant manager?", intent=intent,
        roles=("Buyer", PM),
    )  # fmt: skip
    assert texts(dispatcher) == [STRESS]
    assert buttons(dispatcher) == [
        {"title": "Crisis management: Buyer vs Plant Manager",
         "payload": '/ask_crisis_management{"job_role": ["Buyer", "Plant Manager"]}'},
    ]  # fmt: skip
    assert slots == {ROLE_A: "Buyer", ROLE_B: PM, DIMENSION: None, NEEDS_ROLES: False}


async def test_without_roles_the_remembered_pair_gets_the_nearest_comparison(knowledge, domain) -> None:
    dispatcher, slots = await ask(knowledge, domain, text="is it stressful though?", intent="other_aspect", slots=PAIR)
    assert texts(dispatcher) == [STRESS]
    assert [b["title"] for b in buttons(dispatcher)] == [f"Crisis management: {HOO} vs {OM}"]
    assert (slots[ROLE_A], slots[ROLE_B], slots[DIMENSION]) == (HOO, OM, "budget")


async def test_prospects_offer_each_roles_next_roles(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="which has better prospects, a buyer or a plant manager?", intent="other_aspect",
        roles=("Buyer", PM),
    )  # fmt: skip
    assert texts(dispatcher) == ["I don't rate prospects in the test KB.\n" + COMPARED]
    assert [b["payload"] for b in buttons(dispatcher)] == [
        '/career_path{"job_role": "Buyer", "career_direction": "after"}',
        '/career_path{"job_role": "Plant Manager", "career_direction": "after"}',
    ]


async def test_a_dimension_named_beside_the_aspect_is_answered(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="who earns more, a buyer or a plant manager? stressful too?", intent="other_aspect",
        roles=("Buyer", PM),
    )  # fmt: skip
    assert texts(dispatcher)[0].startswith("The Plant Manager is typically paid more than a Buyer.")


async def test_an_aspect_nlu_saw_but_no_word_names_is_not_guessed(knowledge, domain) -> None:
    dispatcher, _ = await ask(knowledge, domain, text="which one is comfier?", intent="other_aspect")
    assert texts(dispatcher) == [
        "I can't tell which part of the job you're asking about, and I may not compare it.\n" + COMPARED
    ]
