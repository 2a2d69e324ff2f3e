"""The one typo-tolerant matcher over role aliases, and titles as job postings write them.

Shared by ``kb.resolve`` (a role name a user typed) and the NLU extractor (role mentions inside
a message, ``nlu.matching``), so both forgive the same typos by the same rule: every alias key is
scored in one vectorised call (rapidfuzz ``ratio``, and for a name typed on its own the better of
that and ``token_sort_ratio``; inside running text word order counts), and the best role wins
when it scores ``sure`` or more, or ``accept`` or more with a ``margin`` over the next role.

``posting_keys`` turns a title the way job adverts write it into the keys to look up: "Manager,
Quality Assurance" -> "quality assurance manager", "Sr. Buyer" -> "buyer", "Ops Lead - Nights" ->
"ops lead", "Operations Mgr II" -> "operation mgr", "Supervisor/Manager, Distribution" -> both
"distribution supervisor" and "distribution manager".
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Optional, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from kb.content.vocabulary import vocabulary
from kb.text import lookup_key

T = TypeVar("T", bound=Hashable)
ACCEPT = 85.0
SURE = 95.0
MARGIN = 4.0
CANDIDATES = 12

LEVELS = {"i", "ii", "iii", "iv", "v", "1", "2", "3", "4", "l1", "l2", "l3", "grade"}
DASHES = "\u2013\u2014"  # en and em dash
SUFFIX = re.compile(rf"\s+[-{DASHES}|(]\s*.*$")  # "Ops Lead - Nights", "Buyer (Chicago)"


def abbreviations() -> dict[str, str]:
    """Short forms of title words by the word they stand for ("asst": "assistant"), from
    ``kb/data/vocabulary.yml`` (``abbreviations``)."""
    return vocabulary().abbreviations


def seniority() -> frozenset[str]:
    """Words of seniority a posting puts before a title ("Sr.", "senior"), from ``kb/data/vocabulary.yml``."""
    return frozenset(vocabulary().title_phrases.get("seniority", ()))


@lru_cache(maxsize=1)
def _posting_marks() -> re.Pattern[str]:
    words = "|".join(sorted((re.escape(w) for w in {*seniority(), "ii", "iii", "iv", *abbreviations()}), key=len))
    return re.compile(rf"[,/{DASHES}|(]|\s-\s|\b({words})\b\.?", re.I)


def written_out(key: str) -> str:
    """A lookup key with its abbreviations written out ("asst manager" -> "assistant manager")."""
    short = abbreviations()
    return " ".join(short.get(word, word) for word in key.split())


def score(query: str, choice: str, **_: object) -> float:
    """How close a typed key is to an alias key, 0-100."""
    return max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))


@dataclass(frozen=True)
class Verdict(Generic[T]):
    target: T
    score: float
    position: int  # of the best key of ``target``


class AliasMatcher(Generic[T]):
    """Alias keys (``lookup_key`` forms) and what each names, ready for fuzzy look-ups."""

    def __init__(self, keys: Sequence[str], targets: Sequence[T], ordered: bool = False) -> None:
        """``ordered``: word order counts (no ``token_sort_ratio``), for spans of running text, where
        "manager work" must not read as "works manager"."""
        self.ordered = ordered
        self.keys = list(keys)
        self.targets = list(targets)
        self.exact: dict[str, T] = {}
        for key, target in zip(self.keys, self.targets, strict=True):
            self.exact.setdefault(key, target)

    def ranked(self, key: str, limit: int = CANDIDATES) -> list[Verdict[T]]:
        """The best key of each target, best first (at most ``limit`` keys looked at); ties keep key order."""
        if not self.keys or not key:
            return []
        scores = process.cdist([key], self.keys, scorer=fuzz.ratio, dtype=np.float64)[0]
        if not self.ordered:
            token_sort = process.cdist([key], self.keys, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
            scores = np.maximum(scores, token_sort)
        seen: dict[T, Verdict[T]] = {}
        for position in np.argsort(-scores, kind="stable")[:limit]:
            target = self.targets[int(position)]
            seen.setdefault(target, Verdict(target, float(scores[position]), int(position)))
        return sorted(seen.values(), key=lambda v: -v.score)

    def best(
        self, key: str, accept: float = ACCEPT, sure: float = SURE, margin: float = MARGIN
    ) -> Optional[Verdict[T]]:
        """The target ``key`` names despite typos, or None when no target is close enough and clear."""
        ranked = self.ranked(key)
        if not ranked:
            return None
        top, runner_up = ranked[0], ranked[1].score if len(ranked) > 1 else 0.0
        if top.score >= sure or (top.score >= accept and top.score - runner_up >= margin):
            return top
        return None


def posting_keys(title: str) -> list[str]:
    """Look-up keys of a title as job postings write it; several when a slash offers alternatives."""
    plain = SUFFIX.sub("", title.strip())
    field = ""
    if plain.count(",") == 1:  # "Manager, Quality Assurance": the field goes first
        head, field = (part.strip() for part in plain.split(","))
        plain = head
    keys = []
    for part in plain.split("/"):
        words = [w for w in lookup_key(part).split() if w not in seniority()]
        while words and words[-1] in LEVELS:
            words.pop()
        if words:
            keys.append(" ".join([*lookup_key(field).split(), *words]) if field else " ".join(words))
    first = keys[0].split() if keys else []
    if len(keys) > 1 and not field and len(first) > 1:  # "Warehouse Supervisor/Manager": the field comes first
        keys = [keys[0], *(" ".join([*first[:-1], k]) if len(k.split()) == 1 else k for k in keys[1:])]
    field_words = len(lookup_key(field).split())
    if len(keys) > 1 and not all(len(k.split()) == 1 + field_words for k in keys):  # "Supervisor/Manager Ops"
        shared = lookup_key(plain.split("/")[-1]).split()[1:]
        keys = [" ".join([*k.split(), *shared]) if len(k.split()) == 1 and shared else k for k in keys]
    expanded = [written_out(k) for k in keys]
    return list(dict.fromkeys([*keys, *expanded]))


def looks_like_posting(text: str) -> bool:
    """Whether a title carries posting furniture: a comma, slash, dash suffix, seniority or level."""
    return bool(_posting_marks().search(text))
