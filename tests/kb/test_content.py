"""Content tests: what the real knowledge base (``kb/content``) must say.

These fail when the content is edited in a way that changes what users are told, not when
code changes; code is tested on the small test KB (``tests/fixtures/small_kb``).
"""

from __future__ import annotations

from itertools import combinations

import pytest
from sqlalchemy.orm import Session

from actions.help import OPENERS
from kb.content import Content
from kb.nlp import LABEL, kb_aliases, make_pipeline, role_patterns
from kb.queries import career_path, compare_all, compare_on, describe_role, list_roles, related_comparisons
from kb.resolve import resolve_role
from kb.results import CareerPath, Comparison, RoleMatch, RoleProfile, Verdict
from kb.validate import DIMENSION_SLUGS

HOO, OM = "Head of Operations", "Operations Manager"


def authored_pairs(content: Content) -> set[frozenset[str]]:
    return {frozenset(c.roles) for c in content.contrasts}


@pytest.mark.parametrize("slug", DIMENSION_SLUGS)
def test_head_of_operations_leads_operations_manager_on_every_dimension(session: Session, slug: str) -> None:
    verdict = compare_on(session, OM, HOO, slug)
    assert isinstance(verdict, Verdict) and verdict.source == "authored"
    assert verdict.leader is not None and verdict.leader.name == HOO


@pytest.mark.parametrize(
    ("leader", "other", "slug"),
    [
        (OM, "Operations Lead", "hierarchy"),  # the source articles put the Operations Manager above the Lead
        (OM, "Inventory Manager", "scope"),  # stated outright in the source articles
    ],
)
def test_facts_from_the_source_articles(session: Session, leader: str, other: str, slug: str) -> None:
    verdict = compare_on(session, other, leader, slug)
    assert isinstance(verdict, Verdict) and verdict.source == "authored"
    assert verdict.leader is not None and verdict.leader.name == leader


def test_every_pair_of_roles_is_answerable_on_every_dimension(session: Session, content: Content) -> None:
    names = [role.name for role in content.roles]
    for first, second in combinations(names, 2):
        comparison = compare_all(session, first, second)
        assert isinstance(comparison, Comparison)
        assert [v.dimension.slug for v in comparison.verdicts] == list(DIMENSION_SLUGS)
        assert all(v.explanation for v in comparison.verdicts)


def test_pairs_without_a_contrast_are_answered_from_the_profiles(session: Session, content: Content) -> None:
    levels = {role.name: {s: t.level for s, t in role.traits.items()} for role in content.roles}
    unauthored = [p for p in combinations(sorted(levels), 2) if frozenset(p) not in authored_pairs(content)]
    assert len(unauthored) == len(levels) * (len(levels) - 1) // 2 - len(content.contrasts)
    for first, second in unauthored:
        verdict = compare_on(session, first, second, "budget")
        assert isinstance(verdict, Verdict) and verdict.source == "profiles"
        a, b = levels[first]["budget"], levels[second]["budget"]
        assert (verdict.leader.name if verdict.leader else None) == (None if a == b else (first if a > b else second))


def test_every_authored_point_is_what_the_bot_says(session: Session, content: Content) -> None:
    for contrast in content.contrasts:
        for slug, point in contrast.points.items():
            verdict = compare_on(session, *contrast.roles, slug)
            assert isinstance(verdict, Verdict) and verdict.source == "authored"
            assert verdict.explanation == point.text
            assert (verdict.leader.name if verdict.leader else None) == point.leader


def test_every_role_is_listed_once_under_its_family(session: Session, content: Content) -> None:
    listed = [(family, role.name) for family, roles in list_roles(session) for role in roles]
    assert sorted(listed) == sorted((role.family, role.name) for role in content.roles)


def test_every_pair_gets_two_related_comparisons(session: Session, content: Content) -> None:
    names = [role.name for role in content.roles]
    for first, second in combinations(names, 2):
        assert len(related_comparisons(session, first, second, limit=2)) == 2, (first, second)


def test_the_head_of_operations_pair_suggests_its_authored_neighbours_first(session: Session) -> None:
    related = related_comparisons(session, HOO, OM, limit=3)
    assert [(r.first.name, r.second.name, r.reason) for r in related][:1] == [
        (HOO, "Chief Operating Officer", "in-depth comparison")
    ]


def test_every_alias_resolves_to_its_role(session: Session, content: Content) -> None:
    for role in content.roles:
        for alias in [role.name, *(a for a, _ in role.aliases)]:
            match = resolve_role(session, alias)
            assert isinstance(match, RoleMatch) and (match.role.name, match.confidence) == (role.name, 1.0), alias


def test_every_name_and_alias_is_found_in_a_sentence(session: Session, content: Content) -> None:
    nlp = make_pipeline(role_patterns(kb_aliases(session)))
    for role in content.roles:
        for alias in [role.name, *(a for a, _ in role.aliases)]:
            doc = nlp(f"Who has more budget authority, a {alias} or a Buyer?")
            found = [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents]
            assert found == [(alias, LABEL, role.name), ("Buyer", LABEL, "Buyer")], alias


def test_the_operations_manager_profile_and_routes(session: Session) -> None:
    profile = describe_role(session, "ops manager")
    assert isinstance(profile, RoleProfile) and profile.reports_to is not None
    assert profile.reports_to.name == HOO
    assert [r.name for r in profile.next_roles] == ["Director of Operations", HOO]
    path = career_path(session, "Operations Coordinator", HOO)
    assert isinstance(path, CareerPath) and [s.name for s in path.steps] == ["Operations Coordinator", OM, HOO]


def test_the_roles_the_help_text_names_are_roles_of_the_kb(session: Session) -> None:
    """The help reply's example questions are written in actions/help.py (as people type them);
    every role they name must be one the bot knows."""
    nlp = make_pipeline(role_patterns(kb_aliases(session)))
    named = [(ent.text, ent.ent_id_) for ent in nlp(OPENERS["help"]).ents]
    assert named == [
        ("buyer", "Buyer"),
        ("procurement manager", "Procurement Manager"),
        ("head of ops", "Head of Operations"),
        ("ops manager", "Operations Manager"),
        ("facilities manager", "Facilities Manager"),
    ]
