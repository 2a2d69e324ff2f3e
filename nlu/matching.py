"""Finding role mentions in a spaCy doc: exact entity-ruler hits, then fuzzy spans for typos.

Pure functions over spaCy objects, so they can be tested without Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

LABEL = "job_role"
MIN_FUZZY_CHARS = 8
MIN_FUZZY_TOKENS = 2  # one-word near-misses are mostly real words ("purchases" vs "purchaser")
MAX_FUZZY_TOKENS = 80  # typo search covers the start of a message; questions are short


@dataclass(frozen=True)
class RoleMention:
    start: int  # character offsets in the text
    end: int
    text: str
    role: str  # canonical name
    confidence: float


class FuzzyIndex:
    """Lower-cased surface forms -> canonical role, for typo-tolerant span matching."""

    def __init__(self, patterns: Iterable[dict]) -> None:
        self.forms: dict[str, str] = {}
        for pattern in patterns:
            if isinstance(pattern.get("pattern"), str) and pattern.get("label") == LABEL:
                self.forms.setdefault(pattern["pattern"].lower(), pattern["id"])
        self.choices = list(self.forms)
        self.max_words = max((len(form.split()) for form in self.choices), default=1) + 1

    def best(self, text: str, threshold: float) -> tuple[str, float] | None:
        match = process.extractOne(text.lower(), self.choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if match is None:
            return None
        return self.forms[match[0]], match[1] / 100


def exact_mentions(doc: Doc) -> list[RoleMention]:
    return [
        RoleMention(ent.start_char, ent.end_char, ent.text, ent.ent_id_, 1.0)
        for ent in doc.ents
        if ent.label_ == LABEL and ent.ent_id_
    ]


def fuzzy_mentions(doc: Doc, index: FuzzyIndex, taken: list[RoleMention], threshold: float) -> list[RoleMention]:
    """Spans that are near-misses of a role alias ("operatons manger"), not overlapping ``taken``."""
    busy = {i for mention in taken for i in range(mention.start, mention.end)}
    candidates = []
    for start in range(min(len(doc), MAX_FUZZY_TOKENS)):
        for end in range(start + MIN_FUZZY_TOKENS, min(len(doc), start + index.max_words) + 1):
            span = doc[start:end]
            if len(span) < MIN_FUZZY_TOKENS or span[0].is_punct or span[-1].is_punct or span[0].is_stop:
                continue
            if len(span.text) < MIN_FUZZY_CHARS or any(i in busy for i in range(span.start_char, span.end_char)):
                continue
            found = index.best(span.text, threshold)
            if found is not None:
                candidates.append((found[1], len(span.text), span, found[0]))
    chosen: list[RoleMention] = []
    for confidence, _length, span, role in sorted(candidates, key=lambda c: (-c[0], -c[1])):
        if any(span.start_char < m.end and m.start < span.end_char for m in chosen):
            continue
        chosen.append(RoleMention(span.start_char, span.end_char, span.text, role, round(confidence, 3)))
    return chosen


def find_roles(doc: Doc, index: FuzzyIndex, threshold: float) -> list[RoleMention]:
    """Every role mention in text order; exact ones are trusted, typos must score >= threshold."""
    exact = exact_mentions(doc)
    return sorted(exact + fuzzy_mentions(doc, index, exact, threshold), key=lambda m: m.start)
