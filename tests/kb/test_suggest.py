"""The roles offered for a title the KB does not know ("Did you mean ...?"): closest in meaning first.

A table of misspellings and near-titles over the real content, with the exact suggestions, and the
rules on a handful of made-up roles."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from kb.resolve import resolve_role
from kb.results import UnknownRole
from kb.suggest import Candidate, Suggester


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        # the field word counts more than the kind of job, and roles at the title's level come first
        ("inventory supervisor", ["Supply Planner", "Inventory Manager", "Transportation Supervisor"]),
        ("inventroy supervisr", ["Supply Planner", "Inventory Manager", "Transportation Supervisor"]),
        # "warehouse supervisor" is an alias of the Operations Supervisor, so the word leads there too
        ("warehouse coordinator", ["Warehouse Associate", "Warehouse Manager", "Operations Supervisor"]),
        ("store supervisor", ["Assistant Store Manager", "Store Manager", "Customer Service Supervisor"]),
        ("fleet controller", ["Fleet Manager", "Dispatcher", "Inventory Manager"]),
        ("fleet controler", ["Fleet Manager", "Dispatcher", "Inventory Manager"]),
        # a typo of a short word still matches; "mgr" and "manager" say little
        ("biyer mgr", ["Buyer"]),
        ("biyer", ["Buyer"]),
        ("safety guy", ["Health and Safety Manager", "Health and Safety Specialist", "Operations Manager"]),
        ("quality inspector", ["Quality Manager", "Production Supervisor", "Maintenance Manager"]),
        ("stock clerk", ["Inventory Manager", "Operations Associate"]),
        ("chief vibes officer", ["Chief Operating Officer"]),
        ("travel coordinator", ["Health and Safety Specialist", "Facilities Coordinator", "Logistics Coordinator"]),
        # no word shared: nothing offered ("pope" is not "vp", "ceo" is not "co")
        ("Pope", []),
        ("the pope", []),
        ("astronaut", []),
        ("hr manager", []),
        ("ceo", ["Chief of Staff"]),  # an alias says "chief of staff to the ceo"
    ],
)
def test_unknown_titles_get_the_nearest_roles(session: Session, typed: str, suggested: list[str]) -> None:
    result = resolve_role(session, typed)
    assert isinstance(result, UnknownRole), result
    assert [role.name for role in result.suggestions] == suggested


def suggester() -> Suggester[str]:
    roles = [
        ("Yard Manager", ("yard manager", "yard mgr"), "yard", 4),
        ("Yard Hand", ("dock hand", "loader"), "yard", 1),
        ("Dock Supervisor", ("dock supervisor", "dock manager"), "dock", 3),
        ("Gate Supervisor", ("gate supervisor", "gate controller"), "gate", 3),
        ("Office Manager", ("office manager",), "office", 5),
        ("Office Director", ("office director",), "office", 6),
    ]
    return Suggester([Candidate(name, keys, family, level, name.lower()) for name, keys, family, level in roles])


def test_rare_words_weigh_more_than_common_ones() -> None:
    rules = suggester()
    assert rules.weight("yard") > rules.weight("supervisor") > rules.weight("manager")
    assert rules.weight("yrd") == rules.weight("yard") and rules.weight("zebra") > rules.weight("yard")


def test_a_level_word_ranks_roles_at_that_level_first() -> None:
    rules = suggester()
    assert rules.level("supervisor") == 3 and rules.level("supervisr") == 3
    assert rules.level("manager") is None  # the roles called "... Manager" differ in level
    ranked = rules.suggest("yard supervisor")  # the yard's manager, then roles at the supervisors' level
    assert ranked[0] == "Yard Manager" and sorted(ranked[1:]) == ["Dock Supervisor", "Gate Supervisor"]
    assert "Yard Hand" in rules.suggest("yard") and "Yard Hand" not in ranked  # a field word alone: the family
    assert rules.suggest("gate controller") == ["Gate Supervisor"]
    assert rules.suggest("zebra") == []
