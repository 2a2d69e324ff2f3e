"""Role mentions found by the NLU extractor: canonical values, typos, no false alarms."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.nlp import kb_aliases, make_pipeline, role_patterns
from nlu.matching import FuzzyIndex, find_roles

THRESHOLD = 90.0


@pytest.fixture(scope="module")
def matcher(engine):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        patterns = role_patterns(kb_aliases(session))
    nlp = make_pipeline(patterns)
    index = FuzzyIndex(patterns)
    return lambda text: [(m.text, m.role) for m in find_roles(nlp(text), index, THRESHOLD)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "head of ops vs ops managers",
            [("head of ops", "Head of Operations"), ("ops managers", "Operations Manager")],
        ),
        (
            "is an operatons manger paid more than a COO",
            [("operatons manger", "Operations Manager"), ("COO", "Chief Operating Officer")],
        ),
        (
            "warehose manager or logistics manger?",
            [("warehose manager", "Warehouse Manager"), ("logistics manger", "Logistics Manager")],
        ),
        (
            "what does a continous improvement manager do",
            [("continous improvement manager", "Continuous Improvement Manager")],
        ),
        (  # a list, not the posting-style alias "manager, operations" across the comma
            "rank these by budget: buyer, plant manager, operations manager",
            [("buyer", "Buyer"), ("plant manager", "Plant Manager"), ("operations manager", "Operations Manager")],
        ),
        ("what does a manager, operations do", [("manager, operations", "Operations Manager")]),
        (  # a slip in a title with an abbreviation in it
            "warehouse mgr vs logistcs mngr pay?",
            [("warehouse mgr", "Warehouse Manager"), ("logistcs mngr", "Logistics Manager")],
        ),
    ],
)
def test_exact_and_misspelt_roles_come_out_canonical(matcher, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    assert matcher(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "who approves bigger purchases",
        "who handles it when production stops",
        "what operations jobs are covered",
        "got any logistics roles",
        "what's the weather like in manchester",
        "who has more budget authority",
    ],
)
def test_ordinary_words_are_not_mistaken_for_roles(matcher, text: str) -> None:  # type: ignore[no-untyped-def]
    assert matcher(text) == []


def test_every_name_and_alias_of_the_kb_is_found_exactly(matcher, content: Content) -> None:  # type: ignore[no-untyped-def]
    """Every role name and alias in kb/data, as typed in a question, comes out as its canonical role."""
    missed = []
    for role in content.roles:
        for alias in [role.name, *(a for a, _ in role.aliases)]:
            found = matcher(f"how does a {alias} compare with a buyer")
            if found != [(alias, role.name), ("buyer", "Buyer")]:
                missed.append((alias, role.name, found))
    assert missed == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("compare a sr. buyer with a manager, quality assurance",
         [("buyer", "Buyer"), ("manager, quality assurance", "Quality Manager")]),
        ("is an operations mgr ii senior to an ops lead - nights", [("operations mgr", "Operations Manager"),
                                                                   ("ops lead", "Operations Lead")]),
        ("what does a supervisor/manager, operations do", [("supervisor/manager, operations",
                                                            "supervisor/manager, operations")]),
        ("does the manager work with the planner", []),  # word order counts inside a message
    ],
)  # fmt: skip
def test_titles_as_postings_write_them(matcher, text: str, expected: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert matcher(text) == expected


ASM = "Assistant Store Manager"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("im a retail asst manager, whats the pay diff with store manager, and whats a dm",
         [("retail asst manager", ASM), ("store manager", "Store Manager")]),
        ("is an asst. manager paid more than a retail assistant", [("asst. manager", ASM),
                                                                   ("retail assistant", "Retail Sales Associate")]),
        ("what does a retail assistant manager do", [("retail assistant manager", ASM)]),
        ("asst mgr vs store manager", [("asst mgr", ASM), ("store manager", "Store Manager")]),
        ("im a category buyer", [("category buyer", "Buyer")]),
    ],
)  # fmt: skip
def test_abbreviated_and_retail_titles_are_read_whole(matcher, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    """"asst" is "assistant" (``abbreviations`` in kb/data/vocabulary.yml): a retail asst manager is an Assistant
    Store Manager, never a Retail Sales Associate (a "retail assistant") followed by a stray "manager"."""
    assert matcher(text) == expected
