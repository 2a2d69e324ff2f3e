"""The full pay figures: for the roles of the clicked button, else the pair, else the role in focus."""

from __future__ import annotations

import pytest

from actions.pay import asked_roles
from actions.question import Question, Title
from actions.slots import FOCUS_ROLE, ROLE_A, ROLE_B

CLICK = Question(text='/pay_detail{"job_role": ["Buyer", "Plant Manager"]}',
                 titles=(Title("Buyer", (0, 0), "Buyer"), Title("Plant Manager", (0, 0), "Plant Manager")))  # fmt: skip
ASKED = Question(text="show me the full pay figures for it", titles=(Title("it", (32, 34), "Buyer", referred=True),))


@pytest.mark.parametrize(
    ("question", "slots", "roles"),
    [
        (CLICK, {ROLE_A: "Dispatcher", ROLE_B: "Buyer"}, ["Buyer", "Plant Manager"]),
        (ASKED, {ROLE_A: "Dispatcher", ROLE_B: "Buyer", FOCUS_ROLE: "Buyer"}, ["Dispatcher", "Buyer"]),
        (ASKED, {FOCUS_ROLE: "Buyer"}, ["Buyer"]),
        (Question(text="full pay figures please"), {}, []),
    ],
)
def test_the_roles_of_the_full_pay_figures(question: Question, slots: dict, roles: list[str]) -> None:
    assert asked_roles(question, slots) == roles
