"""What the knowledge base answers, checked against the content it was built from."""

from __future__ import annotations

from itertools import combinations

import pytest
from sqlalchemy.orm import Session

from kb.content import Content
from kb.queries import (
    career_path,
    compare,
    compare_all,
    compare_on,
    describe_role,
    entry_roles,
    list_roles,
    related_comparisons,
)
from kb.results import (
    CareerPath,
    Comparison,
    RoleProfile,
    SameRole,
    UnknownDimension,
    UnknownRole,
    Verdict,
)
from kb.validate import DIMENSION_SLUGS

HOO, OM = "Head of Operations", "Operations Manager"


def authored_pairs(content: Content) -> set[frozenset[str]]:
    return {frozenset(c.roles) for c in content.contrasts}


@pytest.mark.parametrize("slug", DIMENSION_SLUGS)
def test_head_of_operations_leads_operations_manager_on_every_dimension(session: Session, slug: str) -> None:
    for first, second in ((HOO, OM), (OM, HOO)):
        verdict = compare_on(session, first, second, slug)
        assert isinstance(verdict, Verdict)
        assert verdict.leader is not None and verdict.leader.name == HOO
        assert (verdict.first.name, verdict.second.name) == (HOO, OM)
        assert verdict.source == "authored"


def test_operations_manager_sits_above_operations_lead(session: Session) -> None:
    verdict = compare_on(session, "Operations Lead", OM, "hierarchy")
    assert isinstance(verdict, Verdict) and verdict.leader is not None
    assert verdict.leader.name == OM


def test_every_pair_of_roles_is_answerable_on_every_dimension(session: Session, content: Content) -> None:
    names = [role.name for role in content.roles]
    assert len(names) >= 25
    for first, second in combinations(names, 2):
        comparison = compare_all(session, first, second)
        assert isinstance(comparison, Comparison)
        assert [v.dimension.slug for v in comparison.verdicts] == list(DIMENSION_SLUGS)
        for verdict in comparison.verdicts:
            assert verdict.explanation
            if verdict.leader is not None:
                assert verdict.first == verdict.leader and verdict.first_level >= verdict.second_level


def test_without_an_authored_contrast_the_profiles_decide(session: Session, content: Content) -> None:
    levels = {role.name: {s: t.level for s, t in role.traits.items()} for role in content.roles}
    authored = authored_pairs(content)
    checked = 0
    for first, second in combinations(sorted(levels), 2):
        if frozenset((first, second)) in authored:
            continue
        for slug in ("budget", "crisis_management"):
            verdict = compare_on(session, first, second, slug)
            assert isinstance(verdict, Verdict) and verdict.source == "profiles"
            a, b = levels[first][slug], levels[second][slug]
            expected = None if a == b else (first if a > b else second)
            assert (verdict.leader.name if verdict.leader else None) == expected
            checked += 1
    assert checked > 100


def test_an_authored_contrast_wins_over_the_profiles(session: Session, content: Content) -> None:
    for contrast in content.contrasts:
        for slug, point in contrast.points.items():
            verdict = compare_on(session, *contrast.roles, slug)
            assert isinstance(verdict, Verdict)
            assert verdict.source == "authored"
            assert verdict.explanation == point.text
            assert (verdict.leader.name if verdict.leader else None) == point.leader


def test_compare_resolves_what_users_type(session: Session) -> None:
    verdict = compare(session, "head of ops", "operations manger", "budget")
    assert isinstance(verdict, Verdict) and verdict.leader is not None and verdict.leader.name == HOO
    assert isinstance(compare(session, "HoO", "ops manager"), Comparison)


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
    session: Session, first: str, second: str, dimension: str | None, kind: type
) -> None:
    assert isinstance(compare(session, first, second, dimension), kind)


def test_unknown_role_names_the_words_that_were_not_recognised(session: Session) -> None:
    result = compare(session, "ops manager", "chief vibes officer", "scope")
    assert isinstance(result, UnknownRole) and result.query == "chief vibes officer"


def test_describe_role_gives_profile_and_career_edges(session: Session) -> None:
    profile = describe_role(session, "ops manager")
    assert isinstance(profile, RoleProfile)
    assert profile.role.name == OM
    assert profile.reports_to is not None and profile.reports_to.name == HOO
    assert [t.dimension.slug for t in profile.traits] == list(DIMENSION_SLUGS)
    assert HOO in {r.name for r in profile.next_roles}
    assert "Operations Supervisor" in {r.name for r in profile.previous_roles}
    assert isinstance(describe_role(session, "astronaut"), UnknownRole)


def test_list_roles_groups_every_role_once_by_family(session: Session, content: Content) -> None:
    groups = list_roles(session)
    listed = [role.name for _, roles in groups for role in roles]
    assert sorted(listed) == sorted(role.name for role in content.roles)
    for _, roles in groups:
        assert [r.seniority for r in roles] == sorted((r.seniority for r in roles), reverse=True)
    [(family, roles)] = list_roles(session, "Facilities")
    assert family == "Facilities" and {r.name for r in roles} == {"Facilities Manager", "Facilities Coordinator"}


def test_related_comparisons_are_other_pairs_ranked_authored_first(session: Session, content: Content) -> None:
    related = related_comparisons(session, HOO, OM, limit=3)
    assert len(related) == 3
    pairs = [frozenset((r.first.name, r.second.name)) for r in related]
    assert frozenset((HOO, OM)) not in pairs and len(set(pairs)) == 3
    assert all(HOO in pair or OM in pair for pair in pairs)
    assert pairs[0] in authored_pairs(content)
    assert [r.score for r in related] == sorted((r.score for r in related), reverse=True)


def test_related_comparisons_exist_for_any_pair(session: Session, content: Content) -> None:
    names = [role.name for role in content.roles]
    for first, second in combinations(names, 2):
        assert len(related_comparisons(session, first, second, limit=2)) == 2


def test_career_path_follows_next_roles_and_reporting_lines(session: Session) -> None:
    path = career_path(session, "Operations Coordinator", HOO)
    assert isinstance(path, CareerPath) and path.found
    assert [step.name for step in path.steps] == ["Operations Coordinator", OM, HOO]
    longer = career_path(session, "Operations Associate", "VP of Operations")
    assert isinstance(longer, CareerPath)
    assert longer.steps[0].name == "Operations Associate"
    assert longer.steps[-1].name == "VP of Operations"


def test_career_path_not_found_and_same_role(session: Session) -> None:
    assert not career_path(session, "Chief Operating Officer", "Buyer").found  # type: ignore[union-attr]
    assert isinstance(career_path(session, OM, OM), SameRole)
    assert isinstance(career_path(session, OM, "Astronaut"), UnknownRole)


def test_entry_roles_are_where_people_come_from(session: Session) -> None:
    assert {r.name for r in entry_roles(session, OM)} >= {"Operations Supervisor", "Operations Lead"}
