"""RoleEntityExtractor reads the doc SpacyNLP made of the message instead of parsing it again."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.language import Language
from sqlalchemy.orm import Session

from kb.nlp import kb_aliases, make_pipeline, role_patterns
from nlu.extractor import RoleEntityExtractor


class CountingPipeline:
    """The KB's spaCy pipeline, counting how often a text is parsed."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.parsed: list[str] = []

    def __call__(self, text: str) -> Any:
        self.parsed.append(text)
        return self.nlp(text)

    def get_pipe(self, name: str) -> Any:
        return self.nlp.get_pipe(name)


@pytest.fixture(scope="module")
def nlp(engine) -> Language:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return make_pipeline(role_patterns(kb_aliases(session)))


def extract(nlp: Language, text: str, with_doc: bool) -> tuple[list[tuple[Any, ...]], list[str]]:
    """(entity, start, end, value) of each entity, and the texts parsed by the extractor."""
    pipeline = CountingPipeline(nlp)
    message = Message({TEXT: text})
    if with_doc:  # what SpacyNLP (case_sensitive false) sets before the extractor runs
        message.set(SPACY_DOCS[TEXT], nlp(text.lower()))
    RoleEntityExtractor({"fuzzy_threshold": 90.0}).process([message], SpacyModel(pipeline, "roles"))  # type: ignore[arg-type]
    entities = [(e["entity"], e["start"], e["end"], e["value"]) for e in message.get(ENTITIES)]
    return entities, pipeline.parsed


def test_the_spacy_doc_is_reused_and_gives_the_same_entities(nlp: Language) -> None:
    text = "Who earns more, a Head of Ops or an Operatons Manger?"
    expected = [
        ("job_role", 18, 29, "Head of Operations"),
        ("job_role", 36, 52, "Operations Manager"),
    ]
    assert extract(nlp, text, with_doc=True) == (expected, [])
    assert extract(nlp, text, with_doc=False) == (expected, [text])


def test_a_text_whose_lower_case_changes_length_is_parsed_again(nlp: Language) -> None:
    text = "İ mean: head of ops vs buyer"  # "İ".lower() is two characters, so offsets would move
    expected = [("job_role", 8, 19, "Head of Operations"), ("job_role", 23, 28, "Buyer")]
    assert extract(nlp, text, with_doc=True) == (expected, [text])
