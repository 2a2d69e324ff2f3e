"""Rankings on the small test KB: order, ties, the basis line, and pay with and without wage data."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kb.wording.rank import rank_text
from kb.ranking import Family, Ranking, UnknownFamily, rank
from kb.results import UnknownDimension, UnknownRole
from tests.kb.wages.test_wages import wage_engine, wage_session  # noqa: F401  (the small KB with the tiny OEWS file)


def ranked(session: Session, *args: object, **kwargs: object) -> Ranking:
    result = rank(session, *args, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, Ranking)
    return result


def test_three_named_roles_by_budget(small_session: Session) -> None:
    ranking = ranked(small_session, ["plant manager", "buyer", "operations manager"], "budget")
    assert rank_text(ranking) == (
        "Budget authority, highest first:\n"
        "1. Plant Manager\n"
        "2. Operations Manager\n"
        "3. Buyer\n"
        "Ranked by budget authority level in the role profiles; ties share a place."
    )


def test_ties_share_a_place_and_the_next_place_skips(small_session: Session) -> None:
    ranking = ranked(small_session, None, "hierarchy")
    assert [(e.position, e.role.name) for e in ranking.entries] == [
        (1, "Chief Operating Officer"),
        (2, "Head of Operations"),
        (3, "Plant Manager"),
        (4, "Facilities Manager"),
        (4, "Operations Manager"),
        (4, "Procurement Manager"),
        (7, "Operations Supervisor"),
        (8, "Buyer"),
        (8, "Operations Lead"),
        (10, "Operations Coordinator"),
    ]
    assert rank_text(ranking).splitlines()[4:6] == [
        "4. Facilities Manager, Operations Manager, Procurement Manager (tied)",
        "7. Operations Supervisor",
    ]


def test_hierarchy_never_puts_a_role_above_its_manager(small_session: Session) -> None:
    ranking = ranked(
        small_session, ["buyer", "procurement manager", "operations lead", "operations manager"], "hierarchy"
    )
    assert [(e.position, e.role.name) for e in ranking.entries] == [
        (1, "Operations Manager"),
        (1, "Procurement Manager"),
        (3, "Buyer"),
        (3, "Operations Lead"),
    ]


def test_ascending_order_and_a_family(small_session: Session) -> None:
    ranking = ranked(small_session, Family("operations MANAGEMENT"), "budget", order="asc")
    assert rank_text(ranking) == (
        "Budget authority, lowest first, in Operations management:\n"
        "1. Operations Coordinator, Operations Lead (tied)\n"
        "3. Operations Supervisor\n"
        "4. Operations Manager\n"
        "5. Head of Operations\n"
        "6. Chief Operating Officer\n"
        "Ranked by budget authority level in the role profiles; ties share a place."
    )


def test_top_n_keeps_a_tie_at_the_cut(small_session: Session) -> None:
    ranking = ranked(small_session, None, "scope", limit=2)
    assert [(e.position, e.role.name) for e in ranking.entries] == [
        (1, "Chief Operating Officer"),
        (2, "Head of Operations"),
        (2, "Plant Manager"),
    ]
    assert rank_text(ranking).splitlines()[0] == "Scope of responsibility, highest first (3 of 10 roles):"


def test_without_wage_data_pay_is_ranked_by_profile_level_and_says_so(small_session: Session) -> None:
    ranking = ranked(small_session, ["buyer", "plant manager", "head of operations"], "compensation")
    assert ranking.basis == "levels_no_wages"
    assert rank_text(ranking) == (
        "Compensation, highest first:\n"
        "1. Head of Operations, Plant Manager (tied)\n"
        "3. Buyer\n"
        "No wage data is loaded, so ranked by compensation level in the role profiles; ties share a place."
    )


def test_pay_ranked_on_wage_figures_with_roles_lacking_them_last(wage_session: Session) -> None:  # noqa: F811
    # The tiny OEWS file has figures for 11-1021 (Head of Operations, Operations Manager) and 11-1011 (COO) only.
    roles = ["buyer", "operations manager", "coo", "head of operations", "plant manager"]
    ranking = ranked(wage_session, roles, "compensation")
    assert rank_text(ranking) == (
        "Compensation, highest first:\n"
        "1. Chief Operating Officer (typically $213,990 to $356,200)\n"
        "2. Head of Operations (typically $105,770 to $167,280)\n"
        "3. Operations Manager (typically $72,320 to $167,280)\n"
        "Listed last, with no published national wage figure to rank by: Buyer, Plant Manager.\n"
        "Ranked by the middle of each role's typical pay: the part of its BLS occupation's national pay range "
        "its profile places it in (US BLS OEWS, May 2025), then its pay level in the role profiles; "
        "ties share a place."
    )
    ascending = ranked(wage_session, roles, "compensation", order="asc")
    assert [e.role.name for e in ascending.entries] == [
        "Operations Manager",
        "Head of Operations",
        "Chief Operating Officer",
    ]
    assert [e.role.name for e in ascending.unranked] == ["Buyer", "Plant Manager"]


def test_unknown_input_is_returned_not_raised(small_session: Session) -> None:
    assert rank(small_session, ["buyer", "astronaut"], "budget") == UnknownRole(query="astronaut")
    assert isinstance(rank(small_session, None, "happiness"), UnknownDimension)
    family = rank(small_session, Family("Space"), "budget")
    assert isinstance(family, UnknownFamily)
    assert family.known == ("Facilities", "Manufacturing", "Operations management", "Supply chain")
