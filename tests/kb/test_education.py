"""Education and certification queries (``kb/education.py``) and their wording
(``kb/wording/education.py``), on the small test KB, with exact expected values."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.wording.education import (
    certification_choice_text,
    certification_fit_text,
    certifications_text,
    education_comparison_text,
    education_text,
    level_sentence,
    unknown_certification_text,
)
from kb.education import (
    CertificationChoice,
    CertificationFit,
    EducationComparison,
    EducationProfile,
    UnknownCertification,
    certification_choice,
    certification_fit,
    certifications_in_text,
    closest_certifications,
    compare_education,
    find_certification,
    role_education,
)
from kb.education_models import CertificationAlias, RoleCertification, RoleEducation
from kb.results import SameRole, UnknownRole


def profile(session: Session, name: str) -> EducationProfile:
    found = role_education(session, name)
    assert isinstance(found, EducationProfile)
    return found


def test_the_build_loads_every_role_and_the_catalogue(small_session: Session) -> None:
    assert small_session.scalar(select(func.count()).select_from(RoleEducation)) == 10
    assert small_session.scalar(select(func.count()).select_from(RoleCertification)) == 14
    assert small_session.scalar(select(func.count()).select_from(CertificationAlias)) == 18  # 8+7+3


def test_a_role_education_with_its_certifications_in_file_order(small_session: Session) -> None:
    plant = profile(small_session, "plant manager")
    assert (plant.role.name, plant.level, plant.rank) == ("Plant Manager", "bachelors", 2)
    assert plant.experience_instead is True
    assert plant.text == "Education note of the Plant Manager, written for the tests at level bachelors."
    assert [n.certification.name for n in plant.certifications] == ["Six Sigma Green Belt", "OSHA 30", "CPIM"]
    assert plant.certifications[2].text == "Why CPIM helps the Plant Manager, written for the tests."
    assert plant.certifications[2].certification.issuer == "ASCM"


def test_an_unknown_role_is_returned_not_raised(small_session: Session) -> None:
    assert isinstance(role_education(small_session, "barista"), UnknownRole)


@pytest.mark.parametrize(
    ("role", "sentence"),
    [
        ("Operations Coordinator", "An Operations Coordinator needs no formal "
         "qualification: employers train people on the job."),
        ("Operations Lead", "An Operations Lead usually needs a vocational qualification "
         "or an associate degree, not a bachelor's degree."),
        ("Plant Manager", "A Plant Manager usually has a bachelor's degree, but employers "
         "often accept strong experience instead."),
        ("Buyer", "A Buyer is usually expected to hold a bachelor's degree."),
        ("Chief Operating Officer", "A Chief Operating Officer usually has a bachelor's "
         "degree, and employers often prefer a master's such as an MBA, though a strong record can stand in for it."),
    ],
)  # fmt: skip
def test_the_level_sentence_answers_do_i_need_a_degree(small_session: Session, role: str, sentence: str) -> None:
    assert level_sentence(profile(small_session, role)) == sentence


def test_education_text_puts_the_level_first_then_the_certifications(small_session: Session) -> None:
    assert education_text(profile(small_session, "procurement manager")) == (
        "A Procurement Manager usually has a bachelor's degree, but employers often accept strong experience instead. "
        "Education note of the Procurement Manager, written for the tests at level bachelors.\n"
        "Certifications that help a Procurement Manager:\n"
        "- CPSM, issued by ISM: Why CPSM helps the Procurement Manager, written for the tests.\n"
        "- CIPS Level 4 Diploma, issued by CIPS: Why CIPS Level 4 Diploma helps the "
        "Procurement Manager, written for the tests."
    )  # fmt: skip
    assert education_text(profile(small_session, "coo")).endswith(
        "\nNo certification is commonly asked of a Chief Operating Officer."
    )


def test_certifications_text_lists_them_first(small_session: Session) -> None:
    assert certifications_text(profile(small_session, "ops manager")) == (
        "Certifications that help an Operations Manager: Six Sigma Green Belt, OSHA 30.\n"
        "- Six Sigma Green Belt, issued by ASQ and others: Why Six Sigma Green Belt "
        "helps the Operations Manager, written for the tests.\n"
        "- OSHA 30, issued by OSHA: Why OSHA 30 helps the Operations Manager, written for the tests.\n"
        "Education: An Operations Manager usually has a bachelor's degree, but employers "
        "often accept strong experience instead."
    )  # fmt: skip


def test_a_relevant_certification_says_yes_and_why(small_session: Session) -> None:
    fit = certification_fit(small_session, "plant manager", "apics cpim")
    assert isinstance(fit, CertificationFit) and fit.relevant
    assert [r.name for r in fit.suited] == ["Plant Manager"]
    assert certification_fit_text(fit) == (
        "Yes: CPIM is one of the certifications that help a Plant Manager. "
        "Why CPIM helps the Plant Manager, written for the tests.\n"
        "CPIM (Certified in Planning and Inventory Management), issued by ASCM. "
        "What it covers: Planning and inventory, written for the tests."
    )


def test_an_irrelevant_certification_names_the_roles_it_suits(small_session: Session) -> None:
    fit = certification_fit(small_session, "buyer", "OSHA 30")
    assert isinstance(fit, CertificationFit) and not fit.relevant
    assert [r.name for r in fit.suited] == ["Plant Manager", "Operations Manager", "Operations Supervisor"]
    assert certification_fit_text(fit).split("\n")[0] == (
        "OSHA 30 is not among the certifications that usually help a Buyer. "
        "It suits these roles: Plant Manager, Operations Manager, Operations Supervisor."
    )
    assert certification_fit_text(fit).split("\n")[2] == "For a Buyer these help instead: CIPS Level 4 Diploma, CPSM."


def test_two_certifications_for_one_role_name_the_one_that_helps_first(small_session: Session) -> None:
    choice = certification_choice(small_session, "buyer", ["OSHA 30", "cpsm"])
    assert isinstance(choice, CertificationChoice)
    assert certification_choice_text(choice).split("\n") == [
        "For a Buyer, CPSM is the better fit: OSHA 30 is not among the certifications that usually help the role.",
        "OSHA 30 (OSHA 30-Hour Outreach Training), issued by OSHA. "
        "What it covers: Workplace safety for supervisors, written for the tests.",
        "CPSM (Certified Professional in Supply Management), issued by ISM. What it covers: Supply management, "
        "written for the tests. For a Buyer: Why CPSM helps the Buyer, written for the tests.",
    ]


@pytest.mark.parametrize(
    ("role", "asked", "first"),
    [
        ("buyer", ["CPSM", "CIPS Level 4 Diploma"],
         "Both help a Buyer: CPSM and CIPS Level 4 Diploma are both on its list, so pick by what you want to cover."),
        ("buyer", ["OSHA 30", "PMP"],
         "Neither OSHA 30 nor PMP usually helps a Buyer. These help instead: CIPS Level 4 Diploma, CPSM."),
    ],
)  # fmt: skip
def test_two_certifications_that_both_or_neither_help(small_session: Session, role: str, asked: list[str],
                                                      first: str) -> None:  # fmt: skip
    choice = certification_choice(small_session, role, asked)
    assert isinstance(choice, CertificationChoice)
    assert certification_choice_text(choice).split("\n")[0] == first


def test_a_choice_with_a_name_outside_the_catalogue_reports_it(small_session: Session) -> None:
    problem = certification_choice(small_session, "buyer", ["CPSM", "CPMS"])
    assert isinstance(problem, UnknownCertification) and problem.query == "CPMS"


def test_an_unknown_certification_is_said_plainly_with_close_names(small_session: Session) -> None:
    problem = certification_fit(small_session, "buyer", "CPMS")
    assert isinstance(problem, UnknownCertification)
    assert [c.name for c in problem.suggestions] == ["CPSM", "CPIM", "CAPM"]
    assert unknown_certification_text(problem) == (
        '"CPMS" is not a certification in my catalogue, so I can\'t say whether it helps.\n'
        "Did you mean CPSM (Certified Professional in Supply Management), "
        "CPIM (Certified in Planning and Inventory Management) or CAPM (Certified Associate in Project Management)?\n"
        "The certifications that help a Buyer: CIPS Level 4 Diploma, CPSM."
    )
    assert closest_certifications(small_session, "barista licence") == ()


def test_certifications_are_found_in_a_message_longest_name_first(small_session: Session) -> None:
    found = certifications_in_text(small_session, "Is a Six Sigma green belt or APICS CPIM worth it for a buyer?")
    assert [c.name for c in found] == ["Six Sigma Green Belt", "CPIM"]
    assert certifications_in_text(small_session, "do I need a degree to be a buyer?") == []
    assert find_certification(small_session, "the PMP") is not None
    assert find_certification(small_session, "PMPX") is None


def test_comparing_two_roles_names_who_needs_more_first(small_session: Session) -> None:
    comparison = compare_education(small_session, "operations lead", "plant manager")
    assert isinstance(comparison, EducationComparison)
    assert comparison.leader is not None and comparison.leader.name == "Plant Manager"
    assert [c.name for c in comparison.shared] == ["Six Sigma Green Belt"]
    assert education_comparison_text(comparison) == (
        "A Plant Manager usually needs more formal education than an Operations Lead: "
        "a bachelor's degree, against a vocational qualification or an associate degree.\n"
        "- Operations Lead: Education note of the Operations Lead, written for the tests at level vocational. "
        "Certifications: Six Sigma Green Belt.\n"
        "- Plant Manager: Education note of the Plant Manager, written for the tests at level bachelors. "
        "Certifications: Six Sigma Green Belt, OSHA 30, CPIM.\n"
        "Both benefit from Six Sigma Green Belt."
    )


def test_comparing_equal_levels_says_the_same_level(small_session: Session) -> None:
    comparison = compare_education(small_session, "buyer", "procurement manager")
    assert isinstance(comparison, EducationComparison) and comparison.leader is None
    assert education_comparison_text(comparison).split("\n")[0] == (
        "A Buyer and a Procurement Manager usually need the same level of education: a bachelor's degree."
    )
    assert education_comparison_text(comparison).split("\n")[-1] == "Both benefit from CIPS Level 4 Diploma, CPSM."


def test_comparing_a_role_with_itself_or_an_unknown_role(small_session: Session) -> None:
    assert isinstance(compare_education(small_session, "buyer", "purchaser"), SameRole)
    assert isinstance(compare_education(small_session, "buyer", "barista"), UnknownRole)
