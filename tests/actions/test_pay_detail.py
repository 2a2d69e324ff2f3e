"""The full pay figures: for the roles of the clicked button, else the pair, else the role in focus; in the
places the answer gave, behind one button (over the real KB and its OEWS wages)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.compare import ActionAnswerQuestion
from actions.knowledge import KnowledgeBase
from actions.pay import ActionPayDetail, asked_roles
from actions.question import Question, Title
from actions.slots import FOCUS_ROLE, ROLE_A, ROLE_B
from tests.actions.conftest import make_tracker

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


# Pay in two places: one "Full BLS pay figures" button, naming the places, that gives the figures there.
TEXAS, CALIFORNIA = "4800000", "0600000"  # OEWS area codes
IN_TWO_PLACES = "Full BLS pay figures for Texas and California"


def pay_detail_buttons(dispatcher: CollectingDispatcher) -> list[tuple[str, str]]:
    every = [b for m in dispatcher.messages for b in m.get("buttons") or []]
    return [(b["title"], b["payload"]) for b in every if b["payload"].startswith("/pay_detail")]


@pytest.mark.parametrize(
    ("text", "roles", "button"),
    [
        # the Operations Manager leads in Texas, the Facilities Manager in California: once two buttons
        ("who earns more, a facilities manager or an operations manager, in texas and in california?",
         ("facilities manager", "operations manager"),
         (IN_TWO_PLACES, f'/pay_detail{{"job_role": ["Operations Manager", "Facilities Manager"], '
                         f'"area": ["{TEXAS}", "{CALIFORNIA}"]}}')),
        ("operations manager pay in texas vs california", ("operations manager",),
         (IN_TWO_PLACES, f'/pay_detail{{"job_role": ["Operations Manager"], "area": ["{TEXAS}", "{CALIFORNIA}"]}}')),
        ("what does a buyer make in Texas?", ("buyer",),
         ("Full BLS pay figures for Texas", f'/pay_detail{{"job_role": ["Buyer"], "area": ["{TEXAS}"]}}')),
        ("who earns more, a buyer or a plant manager?", ("buyer", "plant manager"),
         ("Full BLS pay figures", '/pay_detail{"job_role": ["Plant Manager", "Buyer"]}')),
    ],
)  # fmt: skip
async def test_a_pay_answer_has_one_button_for_the_figures_of_the_places_it_gave(
    real: KnowledgeBase, domain: Any, text: str, roles: tuple[str, ...], button: tuple[str, str]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(real).run(dispatcher, make_tracker(text, "ask_compensation", roles=roles), domain)
    assert len(dispatcher.messages) == 1
    assert pay_detail_buttons(dispatcher) == [button]
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]][-2:] == ["Helpful", "Not helpful"]


TWO_PLACES_DETAIL = [
    "In Texas:",
    "General and Operations Managers (SOC 11-1021): median $103,230 a year, middle half $64,470 to $168,510, "
    "431,310 employed.",
    "Source: US BLS OEWS, May 2025 (Texas).",
    "In California:",
    "General and Operations Managers (SOC 11-1021): median $124,390 a year, middle half $81,620 to $186,230, "
    "300,840 employed.",
    "Source: US BLS OEWS, May 2025 (California).",
]


def figure_lines(dispatcher: CollectingDispatcher) -> list[str]:
    """The detail's headings, figures and source lines (the role's position in the group left out)."""
    lines = dispatcher.messages[0]["text"].splitlines()
    return [line for line in lines if line.startswith(("In ", "General", "Source"))]


async def test_the_button_gives_the_full_figures_in_each_place_asked(real: KnowledgeBase, domain: Any) -> None:
    payload = f'/pay_detail{{"job_role": ["Operations Manager"], "area": ["{TEXAS}", "{CALIFORNIA}"]}}'
    areas = [{"entity": "area", "value": TEXAS}, {"entity": "area", "value": CALIFORNIA}]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(payload, "pay_detail", roles=("Operations Manager",), entities=areas)
    await ActionPayDetail(real).run(dispatcher, tracker, domain)
    assert figure_lines(dispatcher) == TWO_PLACES_DETAIL


async def test_typed_the_full_figures_are_those_of_the_answer_just_given(real: KnowledgeBase, domain: Any) -> None:
    answered = CollectingDispatcher()
    question = "operations manager pay in texas vs california"
    await ActionAnswerQuestion(real).run(
        answered, make_tracker(question, "ask_compensation", roles=("operations manager",)), domain
    )
    answer = answered.messages[0]
    typed = make_tracker("show me the full pay figures", "pay_detail", slots={FOCUS_ROLE: "Operations Manager"})
    typed.events = [{"event": "bot", "text": answer["text"], "data": {"buttons": answer["buttons"]}}]
    dispatcher = CollectingDispatcher()
    await ActionPayDetail(real).run(dispatcher, typed, domain)
    assert figure_lines(dispatcher) == TWO_PLACES_DETAIL

    typed.events = []  # with no such answer just given: the role in focus, national figures
    national = CollectingDispatcher()
    await ActionPayDetail(real).run(national, typed, domain)
    assert figure_lines(national)[-1] == "Source: US BLS OEWS, May 2025 (national)."
