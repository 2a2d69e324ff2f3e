"""Rankings: three or more roles named, or a superlative over a job family or every role.

The phrase rules (``actions.ranking``), then answers on the small test KB (budget levels: COO 5,
Head of Operations and Plant Manager 4, Operations Manager, Facilities Manager and Procurement
Manager 3, Buyer and Operations Supervisor 2, Operations Lead and Coordinator 1).
"""

from __future__ import annotations

import pytest

from actions.ranking import RankRequest, family_named, ranking_request
from actions.slots import DIMENSION, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, texts
from tests.actions.test_compare import ask

FAMILIES = ["Facilities", "Manufacturing and quality", "Operations management", "Supply chain and logistics"]
BASIS = "Ranked by budget authority level in the role profiles; ties share a place."
HOO, OM, PM, FM = "Head of Operations", "Operations Manager", "Plant Manager", "Facilities Manager"


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("which supply chain role has the biggest budget?", "Supply chain and logistics"),
        ("what's the most senior role in manufacturing?", "Manufacturing and quality"),
        ("who earns most in logistics", "Supply chain and logistics"),
        ("which role earns most?", None),
    ],
)
def test_a_family_is_found_by_its_name_or_a_part_of_it(text: str, family: str | None) -> None:
    assert family_named(text, FAMILIES) == family


@pytest.mark.parametrize(
    ("text", "roles", "request_"),
    [
        ("rank these by budget:  ,   and  ", ["Buyer", PM, OM], RankRequest(("Buyer", PM, OM), None, False, None)),
        ("of  ,   and   who earns least?", ["Buyer", PM, OM], RankRequest(("Buyer", PM, OM), None, True, None)),
        ("top 3 highest-paid roles you know", [], RankRequest((), None, False, 3)),
        ("top five jobs by budget in manufacturing", [], RankRequest((), "Manufacturing and quality", False, 5)),
        ("which supply chain role has the biggest budget?", [], RankRequest((), FAMILIES[3], False, None)),
        ("who has the biggest budget,   or  ?", ["Buyer", PM], None),
        ("who has the most budget?", [], None),
        ("which of the two jobs pays most?", [], None),
        ("which role has the biggest budget of all?", [], RankRequest((), None, False, 10)),
        ("cheapest paid jobs in a factory", [], RankRequest((), FAMILIES[1], True, None)),
        ("what's the worst paying job in a warehouse?", [], RankRequest((), FAMILIES[3], True, None)),
        ("who are the most senior people in operations?", [], RankRequest((), FAMILIES[2], False, None)),
        ("bottom of the pay scale for facilities jobs", [], RankRequest((), FAMILIES[0], True, None)),
        ("bottom of the pay scale in manufacturing?", [], RankRequest((), FAMILIES[1], True, None)),  # a family alone
        ("is a buyer the best paid in manufacturing?", ["Buyer", PM], None),
    ],
)  # fmt: skip
def test_a_ranking_is_asked_for_three_roles_or_a_superlative_over_roles(
    text: str, roles: list[str], request_: RankRequest | None
) -> None:
    assert ranking_request(text, roles, FAMILIES) == request_


async def test_three_roles_are_ranked_not_cut_to_two(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge, domain, text="rank these by budget: buyer, plant manager, operations manager", intent="ask_budget",
        roles=("Buyer", PM, OM),
    )  # fmt: skip
    assert texts(dispatcher) == [f"Budget authority, highest first:\n1. {PM}\n2. {OM}\n3. Buyer\n{BASIS}"]
    assert [b["title"] for b in buttons(dispatcher)] == [f"{PM} vs {OM}", f"{OM} vs Buyer"]
    assert (slots[ROLE_A], slots[ROLE_B], slots[DIMENSION]) == (PM, OM, "budget")


async def test_ties_share_a_place_and_least_puts_the_lowest_first(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="of the head of operations, the plant manager and the facilities manager, "
        "who has the least budget authority?", intent="ask_budget", roles=(HOO, PM, FM),
    )  # fmt: skip
    assert texts(dispatcher) == [f"Budget authority, lowest first:\n1. {FM}\n2. {HOO}, {PM} (tied)\n{BASIS}"]


async def test_a_superlative_over_a_family_ranks_its_roles(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="which supply chain role has the biggest budget?", intent="ask_budget"
    )
    assert texts(dispatcher) == [
        f"Budget authority, highest first, in Supply chain:\n1. Procurement Manager\n2. Buyer\n{BASIS}"
    ]


async def test_a_role_named_before_a_word_for_roles_names_its_family(knowledge, domain) -> None:
    mention = {"entity": "job_role", "value": "Procurement Manager", "start": 6, "end": 18}  # "supply chain"
    dispatcher, _ = await ask(knowledge, domain, text="which supply chain roles have the biggest budget?",
                              intent="ask_budget", entities=[mention])  # fmt: skip
    assert texts(dispatcher) == [
        f"Budget authority, highest first, in Supply chain:\n1. Procurement Manager\n2. Buyer\n{BASIS}"
    ]


async def test_which_one_pays_most_after_roles_offered_one_per_button_ranks_those_roles(knowledge, domain) -> None:
    offered = {"asked": "From Military service member, the usual ways into operations:", "menu": True,
               "choices": [[role, f'/describe_role{{"job_role": "{role}"}}'] for role in (HOO, FM, PM)]}  # fmt: skip
    dispatcher, _ = await ask(
        knowledge, domain, text="which one pays the most?", intent="ask_compensation", slots={"pending": offered}
    )
    assert texts(dispatcher)[0].splitlines()[:3] == [
        "Compensation, highest first:", f"1. {HOO}, {PM} (tied)", f"3. {FM}",
    ]


async def test_three_roles_in_a_career_question_are_a_route_not_a_ranking(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="i'm a buyer, how do i get to plant manager or head of operations?",
        intent="career_path", roles=("Buyer", PM, HOO),
    )  # fmt: skip
    assert texts(dispatcher) == ["I know of no typical route from a Buyer to a Plant Manager in my career map."]
