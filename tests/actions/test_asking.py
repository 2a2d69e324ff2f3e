"""Questions asked the other way round, as yes/no questions, or about a reporting line.

The phrase rules (``actions.asking``), then the answers on the small test KB: Procurement
Manager -> Buyer has an authored contrast; the Buyer reports to the Procurement Manager, who
reports to the Head of Operations.
"""

from __future__ import annotations

import pytest

from actions.asking import asks_less, asks_reporting_line, how_asked
from actions.slots import DIMENSION, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, texts
from tests.actions.test_compare import ask

PROC, HOO, PM = "Procurement Manager", "Head of Operations", "Plant Manager"
PAID_LESS = "The Buyer is typically paid less than a Procurement Manager. "
PAID_MORE = "The Procurement Manager is typically paid more than a Buyer. "


@pytest.mark.parametrize(
    ("text", "less"),
    [
        ("who earns less, a   or a  ?", True),
        ("which is more junior?", True),
        ("who sits lower in the hierarchy", True),
        ("who has the smaller budget", True),
        ("who has more budget authority?", False),
        ("who earns more and who has less say?", False),
        ("who works under pressure more?", False),
        ("who is more senior", False),
    ],
)
def test_a_question_for_the_lower_role_is_recognised(text: str, less: bool) -> None:
    assert asks_less(text) is less


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("is a   paid more than a  ?", "Buyer"),
        ("Does the   have more say than the  ?", "Buyer"),
        ("does a   or a   earn more?", None),
        ("who earns more, a   or a  ?", None),
        ("Quick one - does a   earn more than a  ?", "Buyer"),  # words before the question
        ("is a   higher up than a  , yes or no?", "Buyer"),  # "yes or no" is no choice between the roles
        ("hey, quick question: is a   paid more than a  ?", "Buyer"),
        ("is   the same as  ?? who decides more stuff", None),  # the yes/no is about the same job, not the dimension
    ],
)
def test_a_yes_no_question_is_about_its_first_role(text: str, subject: str | None) -> None:
    assert how_asked(text, ["Buyer", PROC]).subject == subject


@pytest.mark.parametrize(
    ("text", "reporting"),
    [("does a   report to a  ?", True), ("does a   answer directly to the  ?", True), ("who has more say?", False)],
)
def test_a_reporting_question_is_recognised(text: str, reporting: bool) -> None:
    assert asks_reporting_line(text) is reporting


async def test_who_earns_less_names_the_lower_role_first(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge, domain, text="who earns less, a buyer or a procurement manager?", intent="ask_compensation",
        roles=("Buyer", PROC),
    )  # fmt: skip
    assert texts(dispatcher)[0].startswith("The Buyer is typically paid less than a Procurement Manager. ")
    assert (slots[ROLE_A], slots[ROLE_B], slots[DIMENSION]) == ("Buyer", PROC, "compensation")


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("is a buyer paid more than a procurement manager?", f"No. {PAID_LESS}"),
        ("is a procurement manager paid more than a buyer?", f"Yes. {PAID_MORE}"),
        ("is a buyer paid less than a procurement manager?", f"Yes. {PAID_LESS}"),
    ],
)  # fmt: skip
async def test_a_yes_no_question_starts_with_yes_or_no(knowledge, domain, text: str, opening: str) -> None:
    roles = ("Buyer", PROC) if text.index("buyer") < text.index("procurement") else (PROC, "Buyer")
    dispatcher, _ = await ask(knowledge, domain, text=text, intent="ask_compensation", roles=roles)
    assert texts(dispatcher)[0].startswith(opening)


@pytest.mark.parametrize(
    ("text", "roles", "answer"),
    [
        ("does a buyer report to a procurement manager?", ("Buyer", PROC),
         "Yes. The Buyer reports to the Procurement Manager."),
        ("does a buyer report to the head of operations?", ("Buyer", HOO),
         "Yes, indirectly: the Buyer is two levels below, reporting to the Procurement Manager, who reports to the "
         "Head of Operations."),
        ("does a procurement manager report to a buyer?", (PROC, "Buyer"),
         "No, it is the other way round: the Buyer reports to the Procurement Manager."),
        ("which one reports to the other, a procurement manager or a buyer?", (PROC, "Buyer"),
         "The Buyer reports to the Procurement Manager."),  # not a yes/no question: the line, no "No"
        ("who answers to who, a buyer or the head of operations?", ("Buyer", HOO),
         "The Buyer is two levels below, reporting to the Procurement Manager, who reports to the Head of Operations."),
    ],
)  # fmt: skip
async def test_a_reporting_question_is_answered_from_the_reporting_line(
    knowledge, domain, text: str, roles: tuple[str, str], answer: str
) -> None:
    dispatcher, slots = await ask(knowledge, domain, text=text, intent="ask_hierarchy", roles=roles)
    assert texts(dispatcher) == [answer]
    assert [b["payload"] for b in buttons(dispatcher)] == [
        f'/ask_hierarchy{{"job_role": ["{roles[0]}", "{roles[1]}"]}}'
    ]
    assert (slots[ROLE_A], slots[ROLE_B], slots[DIMENSION]) == (*roles, "hierarchy")


async def test_several_dimensions_in_one_message_get_each_verdict_in_one_reply(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge, domain, text="who earns more and who has the bigger budget, a buyer or a procurement manager?",
        intent="ask_compensation", roles=("Buyer", PROC),
    )  # fmt: skip
    assert len(dispatcher.messages) == 1
    first, second = texts(dispatcher)[0].split("\n\n")
    assert first.startswith(PAID_MORE)
    assert second.startswith("The Procurement Manager has more budget authority than a Buyer. ")
    assert (slots[ROLE_A], slots[ROLE_B], slots[DIMENSION]) == ("Buyer", PROC, "budget")
