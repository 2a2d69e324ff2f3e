"""What the knowledge base answers, on the small test KB (``tests/fixtures/small_kb``).

Ten roles in four families, one reporting tree under the Chief Operating Officer, and two
authored contrasts: Head of Operations vs Operations Manager (the Head leads everywhere) and
Procurement Manager vs Buyer (a tie on skills). The same questions over the real content are
in ``data/test_content.py``.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from kb.wording import answers
from sqlalchemy.orm import Session

from kb.reporting import reporting_line
from kb.content.load import Content
from kb.queries import (
    career_path,
    compare,
    compare_all,
    compare_on,
    describe_role,
    entry_roles,
    list_roles,
)
from kb.related import related_comparisons
from kb.results import (
    CareerPath,
    Comparison,
    RoleProfile,
    SameRole,
    UnknownDimension,
    UnknownRole,
    Verdict,
)
from kb.content.validate import DIMENSION_SLUGS

HOO, OM, COO = "Head of Operations", "Operations Manager", "Chief Operating Officer"
PROCUREMENT, BUYER, FM, PM = "Procurement Manager", "Buyer", "Facilities Manager", "Plant Manager"


@pytest.mark.parametrize("slug", DIMENSION_SLUGS)
def test_an_authored_contrast_answers_in_either_order(small_session: Session, slug: str) -> None:
    for first, second in ((HOO, OM), (OM, HOO)):
        verdict = compare_on(small_session, first, second, slug)
        assert isinstance(verdict, Verdict)
        assert verdict.leader is not None and verdict.leader.name == HOO
        assert (verdict.first.name, verdict.second.name) == (HOO, OM)
        assert verdict.source == "authored"


def test_every_pair_of_roles_is_answerable_on_every_dimension(small_session: Session, small_content: Content) -> None:
    names = [role.name for role in small_content.roles]
    assert len(names) == 10
    for first, second in combinations(names, 2):
        comparison = compare_all(small_session, first, second)
        assert isinstance(comparison, Comparison)
        assert [v.dimension.slug for v in comparison.verdicts] == list(DIMENSION_SLUGS)
        for verdict in comparison.verdicts:
            assert verdict.explanation
            if verdict.leader is not None:
                assert verdict.first == verdict.leader and verdict.first_level >= verdict.second_level


def test_without_an_authored_contrast_the_profiles_decide(small_session: Session, small_content: Content) -> None:
    """Equal budget levels within one reporting line go to the upper role (scope, strategy, budget and
    decision-making follow the line); equal levels elsewhere tie."""
    levels = {role.name: {s: t.level for s, t in role.traits.items()} for role in small_content.roles}
    authored = {frozenset(c.roles) for c in small_content.contrasts}
    boss = {role.name: role.reports_to for role in small_content.roles}
    checked = 0
    for first, second in combinations(sorted(levels), 2):
        if frozenset((first, second)) in authored:
            continue
        for slug in ("budget", "crisis_management", "external_relations"):
            verdict = compare_on(small_session, first, second, slug)
            assert isinstance(verdict, Verdict) and verdict.source == "profiles"
            a, b = levels[first][slug], levels[second][slug]
            line = reporting_line(first, second, boss.get) if slug == "budget" else ()
            expected = (line[-1] if line else None) if a == b else (first if a > b else second)
            assert (verdict.leader.name if verdict.leader else None) == expected
            checked += 1
    assert checked == (45 - 2) * 3  # every pair but the two authored ones, on three dimensions


def test_profiles_answer_a_pair_with_its_levels(small_session: Session) -> None:
    verdict = compare_on(small_session, BUYER, PM, "budget")
    assert isinstance(verdict, Verdict)
    assert (verdict.source, verdict.first.name, verdict.first_level, verdict.second.name, verdict.second_level) == (
        "profiles", PM, 4, BUYER, 2,
    )  # fmt: skip
    tie = compare_on(small_session, FM, PROCUREMENT, "budget")
    assert isinstance(tie, Verdict) and tie.leader is None and (tie.first_level, tie.second_level) == (3, 3)


def test_an_authored_contrast_wins_over_the_profiles(small_session: Session, small_content: Content) -> None:
    for contrast in small_content.contrasts:
        for slug, point in contrast.points.items():
            verdict = compare_on(small_session, *contrast.roles, slug)
            assert isinstance(verdict, Verdict)
            assert verdict.source == "authored"
            assert verdict.explanation == point.text
            assert (verdict.leader.name if verdict.leader else None) == point.leader
    skills = compare_on(small_session, BUYER, PROCUREMENT, "skills")
    assert isinstance(skills, Verdict) and skills.leader is None  # authored tie, though the profiles differ by one


def test_compare_resolves_what_users_type(small_session: Session) -> None:
    verdict = compare(small_session, "head of ops", "operations manger", "budget")
    assert isinstance(verdict, Verdict) and verdict.leader is not None and verdict.leader.name == HOO
    assert verdict.second.name == OM
    comparison = compare(small_session, "HoO", "ops manager")
    assert isinstance(comparison, Comparison)
    assert (comparison.first.name, comparison.second.name) == (HOO, OM)


@pytest.mark.parametrize(
    ("first", "second", "dimension", "kind"),
    [
        ("COO", "chief operating officer", "budget", SameRole),
        ("operations manager", "ops mgr", None, SameRole),
        ("COO", "astronaut", "budget", UnknownRole),
        ("", "ops manager", None, UnknownRole),
        ("COO", "ops manager", "coffee", UnknownDimension),
    ],
)
def test_user_mistakes_come_back_as_typed_results(
    small_session: Session, first: str, second: str, dimension: str | None, kind: type
) -> None:
    assert isinstance(compare(small_session, first, second, dimension), kind)


def test_unknown_role_names_the_words_that_were_not_recognised(small_session: Session) -> None:
    result = compare(small_session, "ops manager", "chief vibes officer", "scope")
    assert isinstance(result, UnknownRole) and result.query == "chief vibes officer"


def test_describe_role_gives_profile_and_career_edges(small_session: Session) -> None:
    profile = describe_role(small_session, "ops manager")
    assert isinstance(profile, RoleProfile)
    assert profile.role.name == OM
    assert profile.reports_to is not None and profile.reports_to.name == HOO
    assert [t.dimension.slug for t in profile.traits] == list(DIMENSION_SLUGS)
    assert [t.level for t in profile.traits] == [3] * 10 + [2, 3]
    assert [r.name for r in profile.next_roles] == ["Plant Manager", HOO]
    assert [r.name for r in profile.previous_roles] == ["Operations Supervisor", "Operations Lead"]
    assert isinstance(describe_role(small_session, "astronaut"), UnknownRole)


def test_list_roles_groups_every_role_once_by_family_most_senior_first(small_session: Session) -> None:
    assert [(family, [r.name for r in roles]) for family, roles in list_roles(small_session)] == [
        ("Facilities", [FM]),
        ("Manufacturing", [PM]),
        ("Operations management", [COO, HOO, OM, "Operations Supervisor", "Operations Lead", "Operations Coordinator"]),
        ("Supply chain", [PROCUREMENT, BUYER]),
    ]
    [(family, roles)] = list_roles(small_session, "Supply chain")
    assert family == "Supply chain" and [r.name for r in roles] == [PROCUREMENT, BUYER]


@pytest.mark.parametrize(
    ("pair", "related"),
    [
        ((HOO, OM), [(HOO, COO), (HOO, FM), (HOO, PROCUREMENT)]),
        ((BUYER, PM), [(BUYER, PROCUREMENT), (PM, COO), (PM, PROCUREMENT)]),  # the authored contrast first
        (
            (FM, "Operations Coordinator"),
            [(FM, HOO), ("Operations Coordinator", "Operations Lead"), (FM, "Operations Lead")],
        ),
    ],
)
def test_related_comparisons_rank_authored_contrasts_then_reporting_neighbours(
    small_session: Session, pair: tuple[str, str], related: list[tuple[str, str]]
) -> None:
    found = related_comparisons(small_session, *pair, limit=3)
    assert [(r.first.name, r.second.name) for r in found] == related
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)


def test_a_pair_with_few_neighbours_gets_only_the_related_comparisons_there_are(small_session: Session) -> None:
    """Procurement Manager and Buyer: the Buyer's only neighbour is the Procurement Manager itself, and the
    family holds nobody else, so one related comparison is left (the real content always has two or more,
    see data/test_content.py)."""
    found = related_comparisons(small_session, PROCUREMENT, BUYER, limit=3)
    assert [(r.first.name, r.second.name, r.reason) for r in found] == [(PROCUREMENT, HOO, "the next level up")]


@pytest.mark.parametrize(
    ("start", "goal", "steps"),
    [
        ("Operations Coordinator", HOO, ["Operations Coordinator", "Operations Lead", OM, HOO]),
        ("Operations Coordinator", COO, ["Operations Coordinator", "Operations Lead", OM, HOO, COO]),
        (BUYER, COO, [BUYER, PROCUREMENT, HOO, COO]),
    ],
)
def test_career_path_follows_next_roles_and_reporting_lines(
    small_session: Session, start: str, goal: str, steps: list[str]
) -> None:
    path = career_path(small_session, start, goal)
    assert isinstance(path, CareerPath) and path.found
    assert [step.name for step in path.steps] == steps


def test_career_path_not_found_and_same_role(small_session: Session) -> None:
    assert not career_path(small_session, COO, BUYER).found  # type: ignore[union-attr]
    assert isinstance(career_path(small_session, OM, OM), SameRole)
    assert isinstance(career_path(small_session, OM, "Astronaut"), UnknownRole)


def test_entry_roles_are_where_people_come_from(small_session: Session) -> None:
    assert [r.name for r in entry_roles(small_session, OM)] == ["Operations Supervisor", "Operations Lead"]
    assert entry_roles(small_session, "Operations Coordinator") == ()


def test_the_reporting_line_breaks_a_level_tie_on_budget(small_session: Session) -> None:
    verdict = compare_on(small_session, "Operations Lead", "Operations Coordinator", "budget")
    assert isinstance(verdict, Verdict) and verdict.leader is not None
    assert (verdict.first_level, verdict.second_level) == (1, 1)
    assert answers.verdict_sentence(verdict) == (
        "The Operations Lead has more budget authority than an Operations Coordinator: "
        "the Operations Coordinator reports to the Operations Lead."
    )
