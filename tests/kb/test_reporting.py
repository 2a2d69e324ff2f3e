"""Hierarchy answers follow the reporting graph: the one above in a ``reports_to`` chain leads.

The content test runs over the real knowledge base (``kb/data``): every pair of roles
with a reporting chain between them, in both orders.
"""

from __future__ import annotations

from itertools import permutations
from typing import Optional

import pytest
from sqlalchemy.orm import Session

from kb.wording import answers
from kb.content.load import Content
from kb.queries import compare, compare_on
from kb.reporting import chain_above, count_word, reporting_line, typical_leader
from kb.results import Verdict

BOSSES = {"Associate": "Supervisor", "Supervisor": "Manager", "Manager": "Director", "Analyst": "Manager"}


def boss_of(name: str) -> Optional[str]:
    return BOSSES.get(name)


def test_chain_above_lists_everyone_above_nearest_first() -> None:
    assert chain_above("Associate", boss_of) == ["Supervisor", "Manager", "Director"]
    assert chain_above("Director", boss_of) == []


def test_chain_above_stops_on_a_cycle() -> None:
    cycle = {"A": "B", "B": "C", "C": "A"}
    assert chain_above("A", cycle.get) == ["B", "C"]


@pytest.mark.parametrize(
    ("first", "second", "line"),
    [
        ("Supervisor", "Manager", ("Supervisor", "Manager")),
        ("Manager", "Supervisor", ("Supervisor", "Manager")),
        ("Director", "Associate", ("Associate", "Supervisor", "Manager", "Director")),
        ("Analyst", "Supervisor", ()),
        ("Analyst", "Associate", ()),
    ],
)
def test_reporting_line_runs_from_the_lower_role_up(first: str, second: str, line: tuple[str, ...]) -> None:
    assert reporting_line(first, second, boss_of) == line


@pytest.mark.parametrize(
    ("levels", "ranks", "leader"),
    [((4, 3), (5, 6), "first"), ((3, 4), (6, 5), "second"), ((4, 4), (5, 6), "second"), ((4, 4), (5, 5), None)],
)
def test_typical_leader_is_level_then_rank(
    levels: tuple[int, int], ranks: tuple[int, int], leader: Optional[str]
) -> None:
    assert typical_leader("first", "second", levels, ranks) == leader


def test_count_word() -> None:
    assert [count_word(n) for n in (2, 5, 10, 11)] == ["two", "five", "ten", "11"]


def chain_pairs(content: Content) -> dict[tuple[str, str], tuple[str, ...]]:
    """(lower, upper) -> the names from lower up to upper, walked here without ``kb.reporting``."""
    bosses = {role.name: role.reports_to for role in content.roles}
    pairs = {}
    for role in content.roles:
        line = [role.name]
        while bosses[line[-1]] is not None:
            line.append(bosses[line[-1]])  # type: ignore[arg-type]
            pairs[(role.name, line[-1])] = tuple(line)
    return pairs


def test_every_pair_in_a_reporting_chain_has_the_upper_role_leading(session: Session, content: Content) -> None:
    pairs = chain_pairs(content)
    assert {
        ("Plant Manager", "Director of Operations"),
        ("VP of Operations", "Chief Operating Officer"),
        ("Supply Chain Manager", "Supply Chain Director"),
        ("Plant Manager", "VP of Operations"),
    } <= set(pairs)
    for (lower, upper), names in pairs.items():
        for first, second in ((lower, upper), (upper, lower)):
            verdict = compare_on(session, first, second, "hierarchy")
            assert isinstance(verdict, Verdict)
            got = (verdict.leader.name if verdict.leader else None, verdict.first.name, verdict.second.name)
            assert got == (upper, upper, lower), (first, second)
            assert tuple(role.name for role in verdict.line) == names
            assert not verdict.typical
            assert verdict.first_level >= verdict.second_level


def test_pairs_in_separate_chains_are_decided_by_level_then_rank(session: Session, content: Content) -> None:
    roles = {role.name: role for role in content.roles}
    chained = {frozenset(pair) for pair in chain_pairs(content)}
    authored = {frozenset(contrast.roles) for contrast in content.contrasts}
    for first, second in permutations(sorted(roles), 2):
        if frozenset((first, second)) in chained | authored:
            continue
        a, b = roles[first], roles[second]
        levels = (a.traits["hierarchy"].level, b.traits["hierarchy"].level)
        expected = typical_leader(first, second, levels, (a.seniority, b.seniority))
        verdict = compare_on(session, first, second, "hierarchy")
        assert isinstance(verdict, Verdict)
        assert (verdict.leader.name if verdict.leader else None, verdict.line, verdict.typical) == (expected, (), True)


def hierarchy_sentence(session: Session, first: str, second: str) -> str:
    verdict = compare(session, first, second, "hierarchy")
    assert isinstance(verdict, Verdict)
    return answers.verdict_sentence(verdict)


@pytest.mark.parametrize(
    ("first", "second", "sentence"),
    [
        (
            "plant manager",
            "director of operations",
            "The Director of Operations sits higher in the hierarchy than a Plant Manager: "
            "the Plant Manager reports to the Director of Operations.",
        ),
        (
            "VP of operations",
            "plant manager",
            "The VP of Operations sits higher in the hierarchy than a Plant Manager: the Plant Manager is "
            "two levels below, reporting to the Director of Operations, who reports to the VP of Operations.",
        ),
        (
            "operations associate",
            "head of operations",
            "The Head of Operations sits higher in the hierarchy than an Operations Associate: the Operations "
            "Associate is three levels below, reporting to the Operations Supervisor, whose line runs up "
            "through the Operations Manager to the Head of Operations.",
        ),
        (
            "plant manager",
            "supply chain director",
            "The Supply Chain Director typically sits higher in the hierarchy than a Plant Manager.",
        ),
        (
            "project manager",
            "continuous improvement manager",
            "A Project Manager and a Continuous Improvement Manager typically sit at a similar level in the hierarchy.",
        ),
    ],
    ids=["direct", "two levels", "three levels", "separate chains", "separate chains, same level"],
)
def test_hierarchy_sentences(session: Session, first: str, second: str, sentence: str) -> None:
    assert hierarchy_sentence(session, first, second) == sentence


def test_a_chain_verdict_explains_from_the_two_profiles(session: Session) -> None:
    verdict = compare(session, "plant manager", "director of operations", "hierarchy")
    assert isinstance(verdict, Verdict) and verdict.source == "profiles"
    assert answers.verdict_text(verdict).startswith(
        "The Director of Operations sits higher in the hierarchy than a Plant Manager: the Plant Manager "
        "reports to the Director of Operations. Based on the two role profiles: A Director of Operations "
    )


def test_other_dimensions_keep_their_wording(session: Session) -> None:
    verdict = compare(session, "plant manager", "director of operations", "collaboration")
    assert isinstance(verdict, Verdict)
    assert (verdict.line, verdict.typical) == ((), False)
    assert answers.verdict_sentence(verdict) == (
        "A Plant Manager and a Director of Operations collaborate across a similar range of functions."
    )


def test_the_line_decides_equal_levels_on_budget(session: Session) -> None:
    verdict = compare(session, "plant manager", "director of operations", "budget")
    assert isinstance(verdict, Verdict)
    assert ([r.name for r in verdict.line], verdict.typical) == (["Plant Manager", "Director of Operations"], False)
    assert answers.verdict_sentence(verdict) == (
        "The Director of Operations has more budget authority than a Plant Manager: "
        "the Plant Manager reports to the Director of Operations."
    )
