"""Content tests on the real KB: verdicts, routes and education facts an audit against public sources
(BLS Occupational Outlook Handbook, O*NET, the seed article) found wrong, now fixed."""

from __future__ import annotations

from itertools import combinations

import pytest
from sqlalchemy.orm import Session

from kb.wording import answers
from kb.content.load import Content
from kb.education import EducationProfile, role_education
from kb.queries import career_path, compare_on, contrast_sources, entry_roles, describe_role
from kb.reporting import reporting_line
from kb.results import CareerPath, RoleProfile, Verdict


@pytest.mark.parametrize(
    ("first", "second", "slug", "leader"),
    [
        ("Operations Manager", "Facilities Manager", "scope", "Operations Manager"),
        ("Operations Manager", "Supply Chain Manager", "scope", "Operations Manager"),
        ("Operations Manager", "Inventory Manager", "scope", "Operations Manager"),
        ("Operations Supervisor", "Operations Lead", "decision_making", "Operations Supervisor"),
        ("Supply Chain Director", "Supply Chain Manager", "budget", "Supply Chain Director"),
        ("Operations Manager", "Operations Lead", "hierarchy", "Operations Manager"),
    ],
)
def test_verdicts_follow_the_sources(session: Session, first: str, second: str, slug: str, leader: str) -> None:
    verdict = compare_on(session, first, second, slug)
    assert isinstance(verdict, Verdict) and verdict.leader is not None
    assert verdict.leader.name == leader


def test_the_operations_manager_has_the_wider_remit_than_a_facilities_manager(session: Session) -> None:
    verdict = compare_on(session, "Facilities Manager", "Operations Manager", "scope")
    assert isinstance(verdict, Verdict)
    assert answers.verdict_sentence(verdict) == "The Operations Manager has a broader scope than a Facilities Manager."
    assert verdict.source == "authored" and "day-to-day activities of a whole department" in verdict.explanation
    assert contrast_sources(session, "Facilities Manager", "Operations Manager") == [
        ("the seed article", ()),
        ("https://www.bls.gov/ooh/management/top-executives.htm", ()),
        ("https://www.bls.gov/ooh/management/administrative-services-managers.htm", ()),
        ("https://www.bls.gov/oes/tables.htm", ("compensation",)),
    ]


def test_every_authored_contrast_lists_sources(session: Session, content: Content) -> None:
    for contrast in content.contrasts:
        sources = contrast_sources(session, *contrast.roles)
        assert sources and all(s == "the seed article" or s.startswith("https://") for s, _ in sources)
    assert contrast_sources(session, "Buyer", "Chief Operating Officer") == []


@pytest.mark.parametrize(
    ("start", "goal", "steps"),
    [
        ("Warehouse Associate", "Warehouse Manager", ["Warehouse Associate", "Shift Manager", "Warehouse Manager"]),
        ("Warehouse Manager", "Inventory Manager", ["Warehouse Manager", "Inventory Manager"]),
        ("Supply Chain Analyst", "Supply Chain Manager", ["Supply Chain Analyst", "Inventory Manager",
                                                          "Supply Chain Manager"]),
        ("Facilities Manager", "Project Manager", ["Facilities Manager", "Project Manager"]),
        ("Operations Associate", "Quality Manager", ["Operations Associate", "Production Supervisor",
                                                     "Quality Manager"]),
    ],
)  # fmt: skip
def test_routes_climb_one_level_at_a_time(session: Session, start: str, goal: str, steps: list[str]) -> None:
    """A reporting line is not a move: a Warehouse Associate reports to a Warehouse Manager but gets there in two."""
    path = career_path(session, start, goal)
    assert isinstance(path, CareerPath)
    assert [role.name for role in path.steps] == steps


def test_every_role_from_supervisor_level_up_has_a_way_in(session: Session, content: Content) -> None:
    for role in content.roles:
        if role.seniority >= 3:
            assert entry_roles(session, role.name), role.name
    assert [r.name for r in entry_roles(session, "Quality Manager")] == ["Production Supervisor"]
    assert [r.name for r in entry_roles(session, "Business Operations Manager")] == ["Operations Analyst"]
    profile = describe_role(session, "Facilities Manager")
    assert isinstance(profile, RoleProfile)
    assert [r.name for r in profile.next_roles] == [
        "Health and Safety Manager", "Project Manager", "Director of Operations", "Head of Operations",
    ]  # fmt: skip


def test_every_career_step_climbs_at_most_two_ranks(content: Content) -> None:
    rank = {role.name: role.seniority for role in content.roles}
    steps = [(role.name, target) for role in content.roles for target, _ in role.next_roles]
    assert max(rank[target] - rank[name] for name, target in steps) == 2
    assert len(steps) == len(set(steps)) == 112


def _education(session: Session, role: str) -> EducationProfile:
    profile = role_education(session, role)
    assert isinstance(profile, EducationProfile)
    return profile


def test_education_and_certification_facts(session: Session) -> None:
    technician = _education(session, "Maintenance Technician")
    assert (technician.level, technician.experience_instead) == ("vocational", True)
    assert "learn the trade on the job" in technician.text
    manager = [c.certification.name for c in _education(session, "Operations Manager").certifications]
    assert manager == ["Six Sigma Green Belt", "PMP", "OSHA 30", "Six Sigma Black Belt"]
    supply = [c.certification.name for c in _education(session, "Supply Chain Manager").certifications]
    assert supply == ["CSCP", "CPIM", "CLTD", "SCPro Level Two"]
    assert [c.certification.name for c in _education(session, "District Manager").certifications] == [
        "Six Sigma Green Belt", "ServSafe Manager",
    ]  # fmt: skip


def test_no_pair_ties_on_scope_strategy_budget_or_decisions_within_a_reporting_line_without_a_contrast(
    session: Session, content: Content
) -> None:
    boss = {role.name: role.reports_to for role in content.roles}
    authored = {frozenset(c.roles) for c in content.contrasts}
    checked = 0
    for first, second in combinations(sorted(boss), 2):
        line = reporting_line(first, second, boss.get)
        if frozenset((first, second)) in authored or not line:
            continue
        for slug in ("scope", "strategy", "budget", "decision_making"):
            verdict = compare_on(session, first, second, slug)
            assert isinstance(verdict, Verdict) and verdict.leader is not None
            assert verdict.leader.name == line[-1], (first, second, slug)
            checked += 1
    assert checked == 4 * 188  # pairs in one reporting line without an authored contrast
