"""How results are worded: verdict first, leader named first, honest about sources (on the small test KB)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dataclasses import replace

from kb.wording import answers, summary
from kb.queries import compare, compare_all, compare_on, describe_role, career_path
from kb.resolve import all_dimensions
from kb.results import Comparison, SameRole, UnknownDimension, UnknownRole, Verdict


def test_verdict_names_the_leader_first_then_explains(small_session: Session) -> None:
    verdict = compare_on(small_session, "Operations Manager", "Head of Operations", "budget")
    assert isinstance(verdict, Verdict)
    text = answers.verdict_text(verdict)
    assert text == (
        "The Head of Operations has more budget authority than an Operations Manager. "
        "The Head of Operations and the Operations Manager differ on budget. Authored test text."
    )


def test_profile_based_answers_say_so(small_session: Session) -> None:
    verdict = compare_on(small_session, "Buyer", "Plant Manager", "budget")
    assert isinstance(verdict, Verdict) and verdict.source == "profiles"
    text = answers.verdict_text(verdict)
    assert text == (
        "The Plant Manager has more budget authority than a Buyer. Based on the two role profiles: "
        "A Plant Manager is at level 4 on budget. A Buyer is at level 2 on budget."
    )


def test_a_tie_says_both_are_comparable(small_session: Session) -> None:
    verdict = compare_on(small_session, "Facilities Manager", "Procurement Manager", "compensation")
    assert isinstance(verdict, Verdict) and verdict.leader is None
    assert answers.verdict_sentence(verdict) == (
        "A Facilities Manager and a Procurement Manager are typically paid about the same as each other."
    )
    authored = compare_on(small_session, "Procurement Manager", "Buyer", "skills")
    assert isinstance(authored, Verdict) and authored.leader is None
    assert answers.verdict_text(authored) == (
        "A Procurement Manager and a Buyer need a comparably broad skill set. "
        "The Procurement Manager and the Buyer differ on skills. Authored test text."
    )


def test_full_comparison_is_a_short_summary_that_opens_with_its_verdict(small_session: Session) -> None:
    comparison = compare_all(small_session, "Head of Operations", "Operations Manager")
    assert isinstance(comparison, Comparison)
    text = summary.comparison_text(comparison)
    lines = text.splitlines()
    verdict = "The Head of Operations is ahead of an Operations Manager on all 12 dimensions."
    assert summary.comparison_verdict(comparison) == verdict
    assert lines[0] == f"{verdict} The biggest differences:"
    assert len(lines) == 5  # the four biggest differences


def test_a_full_comparisons_verdict_counts_the_dimensions_each_role_is_ahead_on(small_session: Session) -> None:
    comparison = compare_all(small_session, "Operations Manager", "Head of Operations")
    assert isinstance(comparison, Comparison)
    head, manager = comparison.second, comparison.first
    verdicts = comparison.verdicts

    def led(*leaders: object) -> Comparison:
        """The comparison with the dimensions led as given, in order; the others comparable."""
        leading = [*leaders, *[None] * (len(verdicts) - len(leaders))]
        return replace(comparison, verdicts=tuple(replace(v, leader=w) for v, w in zip(verdicts, leading, strict=True)))

    assert summary.comparison_verdict(led(*[head] * 8)) == (
        "The Head of Operations is ahead of an Operations Manager on 8 of 12 dimensions."
    )
    assert summary.comparison_verdict(led(head, manager, manager)) == (
        "The Operations Manager is ahead of a Head of Operations on 2 of 12 dimensions."
    )
    assert summary.comparison_verdict(led(head, manager, head, manager)) == (
        "An Operations Manager and a Head of Operations are each ahead on 2 of 12 dimensions."
    )
    level = led()
    assert summary.comparison_text(level).splitlines()[0] == (
        "An Operations Manager and a Head of Operations are closely matched on every dimension."
    )


def test_problems_are_explained_in_plain_words(small_session: Session) -> None:
    unknown = compare(small_session, "astronaut", "ops manager")
    assert isinstance(unknown, UnknownRole)
    assert answers.unknown_role_text(unknown) == (
        'I don\'t know the role "astronaut". Ask me to list roles to see the ones I know.'
    )
    typo = compare(small_session, "operations wizard", "ops manager")
    assert isinstance(typo, UnknownRole)
    assert answers.unknown_role_text(typo) == (
        'I don\'t know the role "operations wizard". '
        "Did you mean: Operations Lead, Operations Manager, Operations Coordinator?"
    )
    same = compare(small_session, "COO", "chief operating officer")
    assert isinstance(same, SameRole)
    assert answers.same_role_text(same) == (
        "Both of those are the Chief Operating Officer, so there is nothing to compare. Name a different second role."
    )
    dimension = compare(small_session, "COO", "ops manager", "coffee")
    assert isinstance(dimension, UnknownDimension)
    assert answers.unknown_dimension_text(dimension) == (
        'I can\'t compare roles on "coffee". I can compare them on: scope of responsibility, position in the '
        "hierarchy, strategic involvement, budget authority, cross-functional collaboration, skill set, "
        "decision-making authority, compensation, performance metrics, experience required, external relations, "
        "crisis management."
    )


def test_profiles_and_paths_read_naturally(small_session: Session) -> None:
    profile = describe_role(small_session, "HoO")
    assert answers.profile_text(profile).splitlines() == [  # type: ignore[arg-type]
        "Head of Operations (Operations management).",
        "A Head of Operations is a test role at seniority 6 in Operations management. "
        "This profile is written for the tests.",
        "Usually reports to: Chief Operating Officer.",
        "Typical next roles: Chief Operating Officer.",
    ]
    path = career_path(small_session, "Operations Lead", "Head of Operations")
    assert answers.career_path_text(path) == (  # type: ignore[arg-type]
        "A typical route from Operations Lead to Head of Operations takes 2 moves:\n"
        "1. Operations Lead to Operations Manager.\n"
        "2. Operations Manager to Head of Operations."
    )
    changes = ["broader scope", "more budget authority"]
    assert answers.career_path_text(path, changes).splitlines()[1:] == [  # type: ignore[arg-type]
        "1. Operations Lead to Operations Manager: broader scope.",
        "2. Operations Manager to Head of Operations: more budget authority.",
    ]
    unknown = career_path(small_session, "Head of Operations", "Buyer")
    assert answers.career_path_text(unknown) == (  # type: ignore[arg-type]
        "I know of no typical route from a Head of Operations to a Buyer in my career map."
    )


def test_a_change_names_what_grows_without_the_verdict_verb(small_session: Session) -> None:
    phrases = {d.slug: answers.change_phrase(d) for d in all_dimensions(small_session)}
    assert phrases == {
        "scope": "broader scope",
        "hierarchy": "higher in the hierarchy",
        "strategy": "more involved in strategy",
        "budget": "more budget authority",
        "collaboration": "working across more functions",
        "skills": "broader skill set",
        "decision_making": "wider decision-making authority",
        "compensation": "typically paid more",
        "performance_metrics": "judged on broader performance metrics",
        "experience": "more experience",
        "external_relations": "dealing more with people outside the company",
        "crisis_management": "more responsibility in a crisis",
    }
