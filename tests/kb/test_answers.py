"""How results are worded: verdict first, leader named first, honest about sources."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kb import answers
from kb.queries import compare, compare_all, compare_on, describe_role, career_path
from kb.results import Comparison, SameRole, UnknownDimension, UnknownRole, Verdict


def test_verdict_names_the_leader_first_then_explains(session: Session) -> None:
    verdict = compare_on(session, "Operations Manager", "Head of Operations", "budget")
    assert isinstance(verdict, Verdict)
    text = answers.verdict_text(verdict)
    assert text.startswith("The Head of Operations has more budget authority than an Operations Manager. ")
    assert text.endswith(verdict.explanation)


def test_profile_based_answers_say_so(session: Session) -> None:
    verdict = compare_on(session, "Buyer", "Plant Manager", "budget")
    assert isinstance(verdict, Verdict) and verdict.source == "profiles"
    text = answers.verdict_text(verdict)
    assert text.startswith("The Plant Manager has more budget authority than a Buyer. Based on the two role profiles: ")


def test_a_tie_says_both_are_comparable(session: Session) -> None:
    verdict = compare_on(session, "Logistics Manager", "Procurement Manager", "compensation")
    assert isinstance(verdict, Verdict) and verdict.leader is None
    assert answers.verdict_sentence(verdict) == (
        "A Logistics Manager and a Procurement Manager are typically paid about the same as each other."
    )


def test_full_comparison_is_a_short_summary(session: Session) -> None:
    comparison = compare_all(session, "Head of Operations", "Operations Manager")
    assert isinstance(comparison, Comparison)
    text = answers.comparison_text(comparison)
    lines = text.splitlines()
    assert lines[0] == "Head of Operations vs Operations Manager."
    assert lines[1].startswith("The Head of Operations leads on 12 of 12 dimensions.")
    assert len(lines) <= 8


def test_problems_are_explained_in_plain_words(session: Session) -> None:
    unknown = compare(session, "astronaut", "ops manager")
    assert isinstance(unknown, UnknownRole)
    assert answers.unknown_role_text(unknown).startswith('I don\'t know the role "astronaut".')
    typo = compare(session, "operations wizard", "ops manager")
    assert isinstance(typo, UnknownRole)
    assert "Did you mean:" in answers.unknown_role_text(typo)
    same = compare(session, "COO", "chief operating officer")
    assert isinstance(same, SameRole)
    assert "nothing to compare" in answers.same_role_text(same)
    dimension = compare(session, "COO", "ops manager", "coffee")
    assert isinstance(dimension, UnknownDimension)
    assert "budget authority" in answers.unknown_dimension_text(dimension)


def test_profiles_and_paths_read_naturally(session: Session) -> None:
    profile = describe_role(session, "HoO")
    assert answers.profile_text(profile).startswith("Head of Operations (Operations leadership).")  # type: ignore[arg-type]
    path = career_path(session, "Operations Lead", "Head of Operations")
    assert answers.career_path_text(path) == (  # type: ignore[arg-type]
        "A typical route from Operations Lead to Head of Operations takes 2 moves: "
        "Operations Lead -> Operations Manager -> Head of Operations."
    )
