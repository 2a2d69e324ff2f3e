"""Mapping an article's section headings to the knowledge base's dimensions.

Three passes, each tried only when the one before finds nothing:

1. the whole heading against a dimension's slug, name and synonyms (``dimensions.yml``
   ``headings``), forgiving small spelling differences;
2. each part of a compound heading ("Salary and Benefits", "Job Title and Hierarchy"), so the
   part that names a dimension decides;
3. the heading's content words against every word a dimension uses (synonyms, questions and
   verdict phrases), weighted by how few dimensions share each word, so question headings such as
   "Who controls the money?" or "Who do they deal with outside the company?" find their dimension.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz, process

from kb.text import lookup_key

ACCEPT_SCORE = 85.0
MIN_WORD_SCORE = 0.99
PHRASE_WEIGHT = 0.5
_PARTS = re.compile(r"\s*(?:\band\b|\bor\b|\bvs\.?|\bversus\b|&|/|,|:|;|\(|\)|\s-\s|\u2013|\u2014)\s*", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
STOPWORDS = frozenset(
    """a an the of in on at to for and or with by from as is are be been do does did can will would
    should who whom what which how when where why whose each one two both either neither their they them
    you your it its this that these those more most less than much many job jobs role roles position
    work working day life key main career team teams need needs needed typical typically vs versus other others
    get gets go goes have has difference differences compare compared comparison between about
    manager managers operations final thoughts conclusion summary verdict required requirements
    overview explained breakdown""".split()
)
_SUFFIXES = ("ically", "ities", "ical", "ity", "ies", "ing", "ion", "ic", "ed", "es", "al", "s", "y", "e")


def stem(word: str) -> str:
    """A crude stem so that "strategic" meets "strategy", "senior" "seniority", "earns" "earnings"."""
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the words in ``text`` that can tell one dimension from another."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


@dataclass(frozen=True)
class DimensionWords:
    """What a dimension is called: labels (slug, name, synonyms) and phrases (questions, verdicts)."""

    slug: str
    labels: tuple[str, ...]
    phrases: tuple[str, ...]


class HeadingMapper:
    """Maps headings to dimension slugs; built once per article from the dimensions."""

    def __init__(self, dimensions: list[DimensionWords]) -> None:
        self.labels: dict[str, str] = {}
        for dimension in dimensions:
            for label in dimension.labels:
                self.labels.setdefault(lookup_key(label), dimension.slug)
        weights: dict[str, dict[str, float]] = defaultdict(dict)
        for dimension in dimensions:
            for texts, weight in ((dimension.labels, 1.0), (dimension.phrases, PHRASE_WEIGHT)):
                for word in {s for text in texts for s in content_stems(text)}:
                    weights[word][dimension.slug] = max(weights[word].get(dimension.slug, 0.0), weight)
        self.word_weights = {
            word: {slug: w / len(slugs) for slug, w in slugs.items()} for word, slugs in weights.items()
        }

    def _label(self, text: str) -> Optional[str]:
        key = lookup_key(text)
        if not key:
            return None
        if key in self.labels:
            return self.labels[key]
        match = process.extractOne(key, list(self.labels), scorer=_score, score_cutoff=ACCEPT_SCORE)
        return self.labels[match[0]] if match else None

    def _by_words(self, heading: str) -> Optional[str]:
        scores: dict[str, float] = defaultdict(float)
        for word in set(content_stems(heading)):
            for slug, weight in self.word_weights.get(word, {}).items():
                scores[slug] += weight
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < MIN_WORD_SCORE:
            return None
        if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
            return None
        return ranked[0][0]

    def map(self, heading: str) -> tuple[Optional[str], str]:
        """The dimension ``heading`` names and which pass found it, or ``(None, "")``."""
        whole = self._label(heading)
        if whole:
            return whole, "heading"
        for part in _PARTS.split(heading):
            found = self._label(part) if part.strip() else None
            if found:
                return found, "part of heading"
        by_words = self._by_words(heading)
        return (by_words, "heading words") if by_words else (None, "")


def _score(query: str, choice: str, **_: object) -> float:
    return max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))
