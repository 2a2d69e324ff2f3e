"""The spaCy role matcher built from the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from kb.content import Content
from kb.nlp import LABEL, build_pipeline, kb_aliases, make_pipeline, role_patterns


@pytest.fixture(scope="module")
def nlp(engine):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return make_pipeline(role_patterns(kb_aliases(session)))


def test_every_name_and_alias_is_found_in_a_sentence(nlp, content: Content) -> None:  # type: ignore[no-untyped-def]
    for role in content.roles:
        for alias in [role.name, *(a for a, _ in role.aliases)]:
            doc = nlp(f"Who has more budget authority, a {alias} or a Buyer?")
            found = [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents]
            assert (alias, LABEL, role.name) in found, (alias, found)
            assert ("Buyer", LABEL, "Buyer") in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("what do heads of operations do vs ops managers", ["Head of Operations", "Operations Manager"]),
        ("WAREHOUSE MANAGERS AND PLANT MANAGERS", ["Warehouse Manager", "Plant Manager"]),
        ("is a supply-chain manager paid more than a COO?", ["Supply Chain Manager", "Chief Operating Officer"]),
    ],
)
def test_plurals_case_and_hyphens(nlp, sentence: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [ent.ent_id_ for ent in nlp(sentence).ents] == expected


def test_the_saved_pipeline_loads_and_matches(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import spacy

    with Session(engine) as session:
        count = build_pipeline(session, tmp_path / "pipeline")
    assert count > 100
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["entity_ruler"]
    doc = loaded("head of ops or facility manager?")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("head of ops", "Head of Operations"),
        ("facility manager", "Facilities Manager"),
    ]
