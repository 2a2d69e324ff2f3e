"""Content tests: what the real knowledge base (``kb/data``) must say.

These fail when the content is edited in a way that changes what users are told, not when
code changes; code is tested on the small test KB (``tests/fixtures/small_kb``).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
from sqlalchemy.orm import Session

from actions.help import OPENERS
from kb.content.load import Content
from kb.nlp import LABEL, kb_aliases, make_pipeline, role_patterns
from kb.reporting import reporting_line
from kb.queries import career_path, compare_all, compare_on, describe_role, list_roles
from kb.related import related_comparisons
from kb.resolve import resolve_role
from kb.results import CareerPath, Comparison, RoleMatch, RoleProfile, Verdict
from kb.content.validate import DIMENSION_SLUGS

HOO, OM = "Head of Operations", "Operations Manager"

# Titles people hold and ask about, each in its job family.
NAMED_ROLES = {
    "Shift Manager": "Operations management",
    "General Manager": "General management",
    "Transportation Manager": "Transportation and distribution",
    "Fleet Manager": "Transportation and distribution",
    "Dispatcher": "Transportation and distribution",
    "Distribution Center Manager": "Transportation and distribution",
    "Fulfillment Manager": "Transportation and distribution",
    "Customer Service Manager": "Customer service",
    "Contact Center Manager": "Customer service",
    "Store Manager": "Retail operations",
    "District Manager": "Retail operations",
    "Program Manager": "Planning and improvement",
    "Business Operations Manager": "General management",
    "Chief of Staff": "General management",
    "Demand Planner": "Supply and demand planning",
    "Production Planner": "Supply and demand planning",
    "Materials Manager": "Supply and demand planning",
    "Health and Safety Manager": "Health and safety",
    "Field Service Manager": "Customer service",
}

FAMILY_SIZES = {
    "Operations leadership": 4,
    "Operations management": 6,
    "Supply chain and logistics": 10,
    "Manufacturing and quality": 6,
    "Facilities": 2,
    "Planning and improvement": 4,
    "Transportation and distribution": 7,
    "Customer service": 6,
    "Retail operations": 5,
    "Supply and demand planning": 5,
    "General management": 3,
    "Health and safety": 2,
}


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
    """Equal budget levels of two roles in one reporting line go to the upper role; other equal levels tie."""
    levels = {role.name: {s: t.level for s, t in role.traits.items()} for role in content.roles}
    boss = {role.name: role.reports_to for role in content.roles}
    unauthored = [p for p in combinations(sorted(levels), 2) if frozenset(p) not in authored_pairs(content)]
    assert len(unauthored) == len(levels) * (len(levels) - 1) // 2 - len(content.contrasts)
    for first, second in unauthored:
        verdict = compare_on(session, first, second, "budget")
        assert isinstance(verdict, Verdict) and verdict.source == "profiles"
        a, b = levels[first]["budget"], levels[second]["budget"]
        line = reporting_line(first, second, boss.get)
        tie = line[-1] if line else None
        assert (verdict.leader.name if verdict.leader else None) == (tie if a == b else (first if a > b else second))
        assert [role.name for role in verdict.line] == (list(line) if a == b else [])


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
    assert isinstance(path, CareerPath)
    assert [s.name for s in path.steps] == ["Operations Coordinator", "Operations Analyst", OM, HOO]


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


def test_the_named_roles_exist_in_their_families(content: Content) -> None:
    families = {role.name: role.family for role in content.roles}
    assert {name: families.get(name) for name in NAMED_ROLES} == NAMED_ROLES


def test_sixty_roles_in_twelve_families_and_thirty_six_contrasts(content: Content) -> None:
    """The roster target is at least 60 roles in at least 8 families and 35 contrasts; these are the exact counts."""
    assert Counter(role.family for role in content.roles) == FAMILY_SIZES
    assert (len(content.roles), len(FAMILY_SIZES), len(content.contrasts)) == (60, 12, 36)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Shift Manager", "Operations Supervisor"),
        ("Fleet Manager", "Transportation Manager"),
        ("Transportation Manager", "Logistics Manager"),
        ("Distribution Center Manager", "Warehouse Manager"),
        ("District Manager", "Store Manager"),
        ("Demand Planner", "Supply Chain Analyst"),
        ("Contact Center Manager", "Customer Service Manager"),
        ("Program Manager", "Project Manager"),
        ("Business Operations Manager", OM),
        ("General Manager", OM),
        ("Chief of Staff", "Chief Operating Officer"),
    ],
)
def test_the_most_asked_new_pairs_are_authored(session: Session, content: Content, first: str, second: str) -> None:
    assert frozenset((first, second)) in authored_pairs(content)
    verdict = compare_on(session, first, second, "scope")
    assert isinstance(verdict, Verdict) and verdict.source == "authored"


@pytest.mark.parametrize(
    "steps",
    [
        ["Warehouse Associate", "Logistics Coordinator", "Logistics Manager", "Director of Distribution"],
        ["Retail Sales Associate", "Shift Manager", OM],
        [
            "Customer Service Representative",
            "Customer Service Supervisor",
            "Customer Service Manager",
            "Contact Center Manager",
            "Director of Customer Service",
        ],
        ["Supply Chain Analyst", "Demand Planner", "Supply Chain Planning Manager"],
        ["Project Manager", "Program Manager", "Chief of Staff"],
        ["Maintenance Technician", "Field Service Manager"],
        ["Warehouse Manager", "Distribution Center Manager", "General Manager"],
        ["Store Manager", OM],
        ["Production Planner", "Materials Manager", "Supply Chain Manager"],
        ["Health and Safety Specialist", "Health and Safety Manager", "Director of Operations"],
    ],
)
def test_careers_cross_between_families(session: Session, steps: list[str]) -> None:
    path = career_path(session, steps[0], steps[-1])
    assert isinstance(path, CareerPath) and [s.name for s in path.steps] == steps
