"""Questions asked the other way round and yes/no questions, worded exactly, on the small test KB."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from kb.wording.polarity import LESS, less_sentence, less_text, reports_to_text, yes_no_sentence
from kb.polarity import ReportingAnswer, reports_to, reports_to_chain
from kb.queries import compare
from kb.results import SameRole, UnknownRole, Verdict
from kb.content.validate import DIMENSION_SLUGS


def verdict(session: Session, first: str, second: str, dimension: str) -> Verdict:
    result = compare(session, first, second, dimension)
    assert isinstance(result, Verdict)
    return result


def test_every_dimension_has_a_less_phrase() -> None:
    assert sorted(LESS) == sorted(DIMENSION_SLUGS)


@pytest.mark.parametrize(
    ("first", "second", "dimension", "expected"),
    [
        ("plant manager", "buyer", "compensation", "The Buyer is typically paid less than a Plant Manager."),
        ("buyer", "plant manager", "budget", "The Buyer has less budget authority than a Plant Manager."),
        (
            "procurement manager",
            "buyer",
            "hierarchy",
            "The Buyer sits lower in the hierarchy than a Procurement Manager: "
            "the Buyer reports to the Procurement Manager.",
        ),
        (
            "plant manager",
            "buyer",
            "hierarchy",
            "The Buyer typically sits lower in the hierarchy than a Plant Manager.",
        ),
        (
            "operations lead",
            "buyer",
            "hierarchy",
            "An Operations Lead and a Buyer typically sit at a similar level in the hierarchy.",
        ),
    ],
)
def test_the_lower_role_is_named_first(
    small_session: Session, first: str, second: str, dimension: str, expected: str
) -> None:
    assert less_sentence(verdict(small_session, first, second, dimension)) == expected


def test_less_text_keeps_the_explanation(small_session: Session) -> None:
    assert less_text(verdict(small_session, "plant manager", "buyer", "budget")) == (
        "The Buyer has less budget authority than a Plant Manager. Based on the two role profiles: "
        "A Plant Manager is at level 4 on budget. A Buyer is at level 2 on budget."
    )


@pytest.mark.parametrize(
    ("subject", "other", "dimension", "asks_more", "expected"),
    [
        ("plant manager", "buyer", "compensation", True, "Yes. The Plant Manager is typically paid more than a Buyer."),
        ("buyer", "plant manager", "compensation", True, "No. The Buyer is typically paid less than a Plant Manager."),
        (
            "buyer",
            "plant manager",
            "compensation",
            False,
            "Yes. The Buyer is typically paid less than a Plant Manager.",
        ),
        ("plant manager", "buyer", "compensation", False, "No. The Plant Manager is typically paid more than a Buyer."),
        (
            "operations lead",
            "buyer",
            "hierarchy",
            True,
            "No. An Operations Lead and a Buyer typically sit at a similar level in the hierarchy.",
        ),
        (
            "operations supervisor",
            "operations lead",
            "hierarchy",
            True,
            "Yes. The Operations Supervisor sits higher in the hierarchy than an Operations Lead: "
            "the Operations Lead reports to the Operations Supervisor.",
        ),
    ],
)
def test_yes_no_on_a_dimension(
    small_session: Session, subject: str, other: str, dimension: str, asks_more: bool, expected: str
) -> None:
    result = verdict(small_session, subject, other, dimension)
    named = result.first if result.first.name.lower() == subject else result.second
    assert yes_no_sentence(result, named, asks_more) == expected


@pytest.mark.parametrize(
    ("subject", "manager", "expected"),
    [
        ("buyer", "procurement manager", "Yes. The Buyer reports to the Procurement Manager."),
        (
            "buyer",
            "head of ops",
            "Yes, indirectly: the Buyer is two levels below, reporting to the Procurement Manager, "
            "who reports to the Head of Operations.",
        ),
        (
            "procurement manager",
            "buyer",
            "No, it is the other way round: the Buyer reports to the Procurement Manager.",
        ),
        (
            "buyer",
            "plant manager",
            "No. The Buyer reports to the Procurement Manager, and the Plant Manager is not in that reporting line.",
        ),
    ],
)
def test_does_one_role_report_to_another(small_session: Session, subject: str, manager: str, expected: str) -> None:
    answer = reports_to(small_session, subject, manager)
    assert isinstance(answer, ReportingAnswer)
    assert reports_to_text(answer) == expected


@pytest.mark.parametrize(
    ("subject", "manager", "expected"),
    [
        ("procurement manager", "buyer", "The Buyer reports to the Procurement Manager."),
        ("buyer", "procurement manager", "The Buyer reports to the Procurement Manager."),
        ("buyer", "plant manager",
         "Neither reports to the other: the Buyer and the Plant Manager are in separate reporting lines."),
    ],
)  # fmt: skip
def test_which_of_two_roles_reports_to_the_other(small_session: Session, subject: str, manager: str,
                                                 expected: str) -> None:  # fmt: skip
    answer = reports_to(small_session, subject, manager)
    assert isinstance(answer, ReportingAnswer)
    assert reports_to_text(answer, yes_no=False) == expected


def test_reporting_chain_and_bad_input(small_session: Session) -> None:
    chain = reports_to_chain(small_session, "Buyer", "Chief Operating Officer")
    assert [role.name for role in chain] == [
        "Buyer",
        "Procurement Manager",
        "Head of Operations",
        "Chief Operating Officer",
    ]
    assert reports_to_chain(small_session, "Chief Operating Officer", "Buyer") == ()
    assert reports_to_chain(small_session, "Buyer", "Plant Manager") == ()
    assert reports_to(small_session, "buyer", "astronaut") == UnknownRole(query="astronaut")
    assert isinstance(reports_to(small_session, "buyer", "purchaser"), SameRole)
