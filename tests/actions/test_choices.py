"""Typed answers to the bot's own questions: which offered choice a reply picks (pure logic, no KB)."""

from __future__ import annotations

from typing import Optional

import pytest

from actions.choices import Choice, Neither, Pending, parse_payload, pick

BUYER, PLANT, OM = "Buyer", "Plant Manager", "Operations Manager"
WHICH = Pending(
    "Should I compare the Operations Manager with the Buyer or with the Plant Manager?",
    (
        Choice(f"{BUYER} vs {OM}", f'/ask_budget{{"job_role": ["{BUYER}", "{OM}"]}}'),
        Choice(f"{PLANT} vs {OM}", f'/ask_budget{{"job_role": ["{PLANT}", "{OM}"]}}'),
    ),
)
ROLES = Pending(
    "Which two roles should I compare? Pick one or type both.",
    tuple(Choice(r, f'/inform{{"job_role": "{r}"}}') for r in (OM, "Head of Operations", "Quality Manager")),
)
MENU = Pending(
    "Related comparisons:",
    tuple(Choice(f"{BUYER} vs {r}", f'/compare_roles{{"job_role": ["{BUYER}", "{r}"]}}') for r in (PLANT, OM)),
    menu=True,
)


@pytest.mark.parametrize(
    ("text", "mentioned", "pending", "expected"),
    [
        ("the first", [], WHICH, 0),
        ("second one please", [], WHICH, 1),
        ("2", [], WHICH, 1),
        ("option 2 please", [], WHICH, 1),
        ("the last one", [], ROLES, 2),
        ("the latter", [], WHICH, 1),
        ("the plant one", [], WHICH, 1),
        ("the buyer", [(BUYER, 4)], WHICH, 0),
        ("replace the buyer", [(BUYER, 12)], WHICH, 1),
        ("not the plant manager", [(PLANT, 8)], WHICH, 0),
        ("quality manager", [("Quality Manager", 0)], ROLES, 2),
        ("the first", [], MENU, 0),
        ("2nd", [], MENU, 1),
    ],
)
def test_a_typed_reply_picks_one_choice(
    text: str, mentioned: list[tuple[str, int]], pending: Pending, expected: int
) -> None:
    assert pick(text, mentioned, pending) == (pending.choices[expected],)


@pytest.mark.parametrize(
    ("text", "mentioned", "pending"),
    [
        ("the first", [], None),  # nothing was asked
        ("operations manager", [(OM, 0)], WHICH),  # in both choices: still unclear
        ("a logistics manager", [("Logistics Manager", 2)], ROLES),  # not offered: read as a new role
        ("the plant one", [], MENU),  # a menu is picked by position only
        ("I have 2 kids, does that matter", [], WHICH),  # a number in a sentence is no pick
        ("[click](javascript:alert(1)) **bold**", [], WHICH),
        ("the buyer", [(BUYER, 4)], MENU),
        ("the seventh", [], WHICH),
        ("who would you say earns more of the first and the second in a typical year", [], WHICH),
        ("/ask_budget", [], WHICH),
    ],
)
def test_replies_that_pick_nothing(text: str, mentioned: list[tuple[str, int]], pending: Optional[Pending]) -> None:
    assert pick(text, mentioned, pending) is None


def test_both_and_neither() -> None:
    assert pick("both of them", [], WHICH) == WHICH.choices
    assert pick("both", [], ROLES) is None  # three offered: "both" is unclear
    assert pick("neither of those", [], WHICH) == Neither()


def test_the_slot_round_trips_and_payloads_parse_as_rasa_does() -> None:
    assert Pending.from_slot(MENU.to_slot()) == MENU
    assert Pending.from_slot(WHICH.to_slot()) == WHICH
    assert Pending.from_slot(None) is None and Pending.from_slot({"choices": []}) is None
    assert parse_payload(WHICH.choices[0].payload) == (
        "ask_budget",
        [{"entity": "job_role", "value": BUYER}, {"entity": "job_role", "value": OM}],
    )
    assert parse_payload("/list_roles") == ("list_roles", [])
    assert WHICH.choices[1].roles == (PLANT, OM) and WHICH.choices[1].intent == "ask_budget"
