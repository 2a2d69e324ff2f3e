"""The known roles closest in meaning to a title the KB does not know ("Did you mean ...?").

``kb.fuzzy`` decides whether a typed title *is* a role despite typos; this ranks the roles to offer
when it is not, word by word rather than by whole-string likeness (which put "Warehouse Associate"
first for "warehouse supervisor" and "VP of Operations" for "Pope"):

- each word of the title is matched to the closest word of each alias (rapidfuzz ``ratio``, at
  least ``WORD_MATCH``: "biyer" is "buyer", "pope" is not "vp"), or at ``FAMILY_MATCH`` of that
  to a word of the role's family name ("logistics" for the supply chain and logistics roles);
- a word weighs what it tells apart: the log of how many roles there are over how many roles use
  it (``manager`` and ``mgr``, in most titles, weigh little; ``warehouse`` or ``buyer`` a lot), a
  word no alias uses weighs most, and the title's last word (the kind of job, "supervisor",
  "controller") weighs ``HEAD`` of that against the field words before it ("warehouse", "fleet");
- a role's score is the share of the title's weight its best alias matches, times
  ``1 / (1 + LEVEL * distance)`` between its seniority and the level the last word implies (the
  mean seniority of the roles whose name ends with that word: "supervisor" 3), so a junior role
  that only shares the field word comes after roles at the title's level.

Roles scoring ``SUGGEST`` or more are offered, best first; ties go to the closer whole-string match.
Weights come from the KB's own aliases and families, so new content retunes them without code.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, Optional, TypeVar

from rapidfuzz import fuzz

from kb.fuzzy import score, written_out

T = TypeVar("T", bound=Hashable)
WORD_MATCH = 0.75  # the least ``ratio`` (0-1) at which two words count as one, with typos
FAMILY_MATCH = 0.6  # a word matched through the role's family name counts this much
HEAD = 0.5  # the last word's weight, against the words before it
LEVEL = 1.0  # what the squared distance in seniority between a role and the title's level costs
SUGGEST = 0.2  # the least score offered
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """What one role brings to the ranking: its alias keys, family name key and seniority (1-8)."""

    target: T
    keys: tuple[str, ...]
    family: str
    seniority: int
    name_key: str


def words(key: str) -> list[str]:
    """A lookup key's words, with abbreviations ("mgr") written out."""
    return written_out(key).split()


class Suggester(Generic[T]):
    """Ranks roles by closeness in meaning to an unknown title; built once per KB build."""

    def __init__(self, candidates: Sequence[Candidate[T]]) -> None:
        self.candidates = list(candidates)
        self.alias_words = [[words(key) for key in c.keys] for c in self.candidates]
        self.family_words = [words(c.family) for c in self.candidates]
        used: dict[str, set[int]] = defaultdict(set)
        for index, keys in enumerate(self.alias_words):
            for word in {w for key in keys for w in key}:
                used[word].add(index)
        total = max(len(self.candidates), 1)
        self.weights = {word: math.log(total / len(roles)) for word, roles in used.items()}
        self.unknown_weight = math.log(2 * total)
        ends: dict[str, list[int]] = defaultdict(list)
        for c in self.candidates:
            name = words(c.name_key)
            if len(name) > 1:
                ends[name[-1]].append(c.seniority)
        self.levels = {word: levels[0] for word, levels in ends.items() if len(set(levels)) == 1}

    def weight(self, word: str) -> float:
        """How much ``word`` tells roles apart: log(roles / roles using it, or the word it is a typo of);
        most for a word no alias uses."""
        if word not in self.weights:
            close = max(((similarity(word, [known]), known) for known in self.weights), default=(0.0, ""))
            word = close[1] if close[0] > 0 else word
        return max(self.weights.get(word, self.unknown_weight), 0.0)

    def level(self, head: str) -> Optional[int]:
        """The seniority every role named "... <head>" has ("supervisor": 3), with typos; None when the
        roles so named differ ("manager") or none is."""
        close = [(similarity(head, [word]), word) for word in self.levels]
        best, word = max(close, default=(0.0, ""))
        return self.levels[word] if best > 0 else None

    def ranked(self, key: str) -> list[tuple[T, float]]:
        """Every role scoring ``SUGGEST`` or more for the lookup key ``key``, best first, with its score (0-1)."""
        typed = words(key)
        if not typed:
            return []
        weights = [self.weight(word) for word in typed]
        if len(typed) > 1:
            weights[-1] *= HEAD
        total = sum(weights)
        if total <= 0:
            return []
        level = self.level(typed[-1]) if len(typed) > 1 else None
        scored = []
        for index, candidate in enumerate(self.candidates):
            family = [similarity(word, self.family_words[index]) * FAMILY_MATCH for word in typed]
            share = max(covered(typed, weights, alias, family) for alias in self.alias_words[index]) / total
            if level is not None:
                share /= 1 + LEVEL * (candidate.seniority - level) ** 2
            if share >= SUGGEST:
                likeness = max(score(key, alias) for alias in candidate.keys)
                scored.append((round(share, 6), likeness, -index, candidate.target))
        scored.sort(reverse=True)
        return [(target, share) for share, _, _, target in scored]

    def suggest(self, key: str, limit: int = MAX_SUGGESTIONS) -> list[T]:
        """At most ``limit`` roles to offer for ``key``, best first (none when no word is shared)."""
        return [target for target, _ in self.ranked(key)[:limit]]


def covered(typed: Sequence[str], weights: Sequence[float], alias: Sequence[str], family: Sequence[float]) -> float:
    """The weight of the typed words ``alias`` matches, each at its similarity or its family match."""
    return sum(w * max(similarity(word, alias), near) for word, w, near in zip(typed, weights, family, strict=True))


def similarity(word: str, among: Sequence[str]) -> float:
    """The closest of ``among`` to ``word`` (``ratio``, 0-1), or 0 below ``WORD_MATCH``; a word of one or
    two letters ("co", "vp") only matches itself, so "ceo" is not "co"."""
    best = 0.0
    for other in among:
        if word == other:
            return 1.0
        if min(len(word), len(other)) > 2:
            best = max(best, fuzz.ratio(word, other) / 100)
    return best if best >= WORD_MATCH else 0.0

