"""What the real content tells users about education and certifications (``kb/data``)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.wording.education import certification_fit_text, education_text, level_sentence
from kb.content.load import Content
from kb.education import CertificationFit, EducationComparison, EducationProfile, certification_fit
from kb.education import compare_education, role_education
from kb.models import Role


def test_every_role_has_an_education_level(content: Content) -> None:
    assert len(content.roles) == 60
    assert Counter(role.education.level for role in content.roles if role.education) == {
        "bachelors": 38,
        "vocational": 11,
        "none_required": 6,
        "masters_preferred": 5,
    }


def test_every_catalogue_certification_is_listed_by_some_role(content: Content) -> None:
    listed = {c.name for role in content.roles for c in role.certifications}
    assert sorted({c.name for c in content.certifications} - listed) == []
    assert len(content.certifications) == 47  # SCPro Level Two added


def test_do_i_need_a_degree_to_be_a_plant_manager(session: Session) -> None:
    plant = role_education(session, "plant manager")
    assert isinstance(plant, EducationProfile)
    assert level_sentence(plant) == (
        "A Plant Manager usually has a bachelor's degree, but employers often accept strong experience instead."
    )
    assert "Six Sigma Black Belt" in education_text(plant)


def test_entry_roles_need_no_degree(session: Session) -> None:
    for name in ("Warehouse Associate", "Retail Sales Associate", "Customer Service Representative"):
        found = role_education(session, name)
        assert isinstance(found, EducationProfile) and found.level == "none_required", name


def test_cpim_helps_an_inventory_manager_but_not_a_retail_sales_associate(session: Session) -> None:
    fit = certification_fit(session, "inventory manager", "CPIM")
    assert isinstance(fit, CertificationFit) and fit.relevant
    assert certification_fit_text(fit).startswith(
        "Yes: CPIM is one of the certifications that help an Inventory Manager."
    )
    other = certification_fit(session, "retail sales associate", "APICS CPIM")
    assert isinstance(other, CertificationFit) and not other.relevant
    assert "Inventory Manager" in [r.name for r in other.suited]


def test_a_warehouse_associate_needs_less_education_than_a_supply_chain_director(session: Session) -> None:
    comparison = compare_education(session, "warehouse associate", "supply chain director")
    assert isinstance(comparison, EducationComparison)
    assert comparison.leader is not None and comparison.leader.name == "Supply Chain Director"


def test_every_role_answers_without_error(session: Session) -> None:
    for name in session.scalars(select(Role.name)):
        found = role_education(session, name)
        assert isinstance(found, EducationProfile) and education_text(found).startswith(
            level_sentence(found)
        ), name
