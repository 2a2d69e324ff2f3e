"""The spaCy role matcher built from the knowledge base (the small test KB; every real alias is checked
in data/test_content.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.nlp import LABEL, build_pipeline, kb_aliases, make_pipeline, role_patterns
from kb.text import hyphen_forms, plural_forms


@pytest.fixture(scope="module")
def nlp(small_engine):  # type: ignore[no-untyped-def]
    with Session(small_engine) as session:
        return make_pipeline(role_patterns(kb_aliases(session)))


def test_every_name_and_alias_is_found_in_a_sentence(nlp, small_content: Content) -> None:  # type: ignore[no-untyped-def]
    for role in small_content.roles:
        for alias in [role.name, *(a for a, _ in role.aliases)]:
            doc = nlp(f"Who has more budget authority, a {alias} or a Buyer?")
            found = [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents]
            assert found == [(alias, LABEL, role.name), ("Buyer", LABEL, "Buyer")], alias


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("what do heads of operations do vs ops managers", ["Head of Operations", "Operations Manager"]),
        ("FACILITY MANAGERS AND PLANT MANAGERS", ["Facilities Manager", "Plant Manager"]),
        ("is a plant-manager paid more than a COO?", ["Plant Manager", "Chief Operating Officer"]),
        ("are COOs paid more than purchasers", ["Chief Operating Officer", "Buyer"]),
    ],
)
def test_plurals_case_and_hyphens(nlp, sentence: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [ent.ent_id_ for ent in nlp(sentence).ents] == expected


def spellings(names_and_aliases: list[tuple[str, str]]) -> set[str]:
    """Every distinct spelling the matcher should know: each alias, its hyphenations, and their plurals."""
    forms = set()
    for _, alias in names_and_aliases:
        for spelling in (alias, *hyphen_forms(alias)):
            forms.update(form.lower() for form in (spelling, *plural_forms(spelling)))
    return forms


def test_the_saved_pipeline_loads_and_matches(small_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import spacy

    with Session(small_engine) as session:
        aliases = kb_aliases(session)
        count = build_pipeline(session, tmp_path / "pipeline")
    assert len(aliases) == 26  # ten names and sixteen aliases
    # 100 role spellings, plus the names of the one outside job with no SOC code (military: soldier,
    # sergeant, veteran and their plurals); the SOC-coded ones need the OEWS list (tests/kb/wages/test_outside.py)
    assert count == len(spellings(aliases)) + 6 == 106
    saved = (tmp_path / "pipeline" / "entity_ruler" / "patterns.jsonl").read_text().splitlines()
    assert len(saved) == count
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["entity_ruler"]
    doc = loaded("head of ops or facility manager?")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("head of ops", "Head of Operations"),
        ("facility manager", "Facilities Manager"),
    ]
