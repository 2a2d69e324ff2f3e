"""``action_education`` on the small test KB: one role, a named certification, two roles, the role
in focus, and a certification missing from the catalogue."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.education import ActionEducation, unknown_certification
from actions.slots import CURRENT_ROLE, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, make_tracker, texts

EDUCATION = "education"


async def answer(knowledge, domain, text: str, roles: tuple[str, ...] = (), **slots) -> list[str]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent=EDUCATION, roles=roles, slots=slots)
    await ActionEducation(knowledge).run(dispatcher, tracker, domain)
    return texts(dispatcher)


async def first_line(knowledge, domain, text: str, roles: tuple[str, ...] = (), **slots) -> str:
    return (await answer(knowledge, domain, text, roles, **slots))[0].split("\n")[0]


async def test_a_degree_question_gets_the_level_first(knowledge, domain) -> None:
    assert await first_line(knowledge, domain, "do I need a degree to be a Plant Manager?", ("Plant Manager",)) == (
        "A Plant Manager usually has a bachelor's degree, but employers often accept strong experience instead. "
        "Education note of the Plant Manager, written for the tests at level bachelors."
    )


async def test_a_certification_question_gets_the_list_first(knowledge, domain) -> None:
    assert await first_line(knowledge, domain, "which certifications help a Buyer?", ("Buyer",)) == (
        "Certifications that help a Buyer: CIPS Level 4 Diploma, CPSM."
    )


async def test_a_named_certification_is_matched_from_the_catalogue(knowledge, domain) -> None:
    assert await first_line(knowledge, domain, "is APICS CPIM useful for a Plant Manager?", ("Plant Manager",)) == (
        "Yes: CPIM is one of the certifications that help a Plant Manager. "
        "Why CPIM helps the Plant Manager, written for the tests."
    )


async def test_a_certification_not_in_the_catalogue_is_said_plainly(knowledge, domain) -> None:
    assert await answer(knowledge, domain, "is CPMS useful for a Buyer?", ("Buyer",)) == [
        '"CPMS" is not a certification in my catalogue, so I can\'t say whether it helps.\n'
        "Did you mean CPSM (Certified Professional in Supply Management), "
        "CPIM (Certified in Planning and Inventory Management) or CAPM (Certified Associate in Project Management)?\n"
        "The certifications that help a Buyer: CIPS Level 4 Diploma, CPSM."
    ]


async def test_two_roles_named_compare_their_education(knowledge, domain) -> None:
    text = "compare the education of an Operations Lead and a Plant Manager"
    assert await first_line(knowledge, domain, text, ("Operations Lead", "Plant Manager")) == (
        "A Plant Manager usually needs more formal education than an Operations Lead: "
        "a bachelor's degree, against a vocational qualification or an associate degree."
    )


async def test_no_role_named_uses_the_pair_in_focus_then_the_users_own_role(knowledge, domain) -> None:
    pair = {ROLE_A: "Buyer", ROLE_B: "Procurement Manager"}
    assert await first_line(knowledge, domain, "and what education do they need?", **pair) == (
        "A Buyer and a Procurement Manager usually need the same level of education: a bachelor's degree."
    )
    mine = {CURRENT_ROLE: "Operations Coordinator"}
    assert await first_line(knowledge, domain, "do I need a degree?", **mine) == (
        "An Operations Coordinator needs no formal qualification: employers train people on the job. "
        "Education note of the Operations Coordinator, written for the tests at level none_required."
    )


async def test_no_role_at_all_asks_which(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    await ActionEducation(knowledge).run(dispatcher, make_tracker(text="do I need a degree?", intent=EDUCATION), domain)
    assert texts(dispatcher) == ["Which role would you like to know the education and certifications of?"]
    assert buttons(dispatcher)[0]["payload"].startswith('/education{"job_role": ')


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("is CPMI useful for a buyer?", "CPMI"),
        ("is a warehouse wizard certification worth it?", "warehouse wizard"),
        ("do I need an MBA?", None),
        ("do I need a degree?", None),
    ],
)
def test_unknown_certification_names_are_read_from_the_words(text: str, name: str | None) -> None:
    assert unknown_certification(text) == name
