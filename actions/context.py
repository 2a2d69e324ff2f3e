"""Deciding what a question means in the light of the conversation so far.

Pure functions: given the intent, the roles recognised in the message and what
the conversation remembers, return a ``Plan``. The actions carry it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Mapping, Optional

from actions.slots import COMPARE, DIMENSION_INTENT_PREFIX, FULL_COMPARISON, INFORM

PlanKind = Literal["answer", "ask_roles", "ask_which", "unknown_role", "same_role"]
REPLACE_CUES = re.compile(r"\b(instead of|rather than|replac\w*|swap\w*)\b", re.IGNORECASE)
MIN_SENIORITY_GAP = 2


@dataclass(frozen=True)
class RoleFacts:
    family: str
    seniority: int


@dataclass(frozen=True)
class Memory:
    """What the conversation carries: the current pair, dimension, and a question awaiting roles."""

    role_a: Optional[str] = None
    role_b: Optional[str] = None
    dimension: Optional[str] = None
    needs_roles: bool = False

    @property
    def pair(self) -> Optional[tuple[str, str]]:
        return (self.role_a, self.role_b) if self.role_a and self.role_b else None


@dataclass(frozen=True)
class Plan:
    kind: PlanKind
    role_a: Optional[str] = None
    role_b: Optional[str] = None
    dimension: Optional[str] = None  # a slug, or None for the full comparison
    unknown: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # for ask_which: the roles the new one could replace
    new_role: Optional[str] = None


def intent_dimension(intent: Optional[str]) -> Optional[str]:
    """``ask_budget`` -> ``budget``; anything else -> None."""
    if intent and intent.startswith(DIMENSION_INTENT_PREFIX):
        return intent[len(DIMENSION_INTENT_PREFIX) :]
    return None


def is_question(intent: Optional[str]) -> bool:
    return intent == COMPARE or intent_dimension(intent) is not None


def dimension_slot(slug: Optional[str]) -> str:
    return slug or FULL_COMPARISON


def slot_dimension(value: Optional[str]) -> Optional[str]:
    return None if value in (None, FULL_COMPARISON) else value


def replacement(new: str, pair: tuple[str, str], facts: Mapping[str, RoleFacts]) -> Optional[int]:
    """Index in ``pair`` that ``new`` most plausibly replaces, or None when it is unclear.

    A role from the same job family replaces its family member; otherwise the
    role closest in seniority is replaced when the other is clearly further away.
    """
    if new not in facts or any(role not in facts for role in pair):
        return None
    same_family = [i for i, role in enumerate(pair) if facts[role].family == facts[new].family]
    if len(same_family) == 1:
        return same_family[0]
    gaps = [abs(facts[role].seniority - facts[new].seniority) for role in pair]
    if abs(gaps[0] - gaps[1]) >= MIN_SENIORITY_GAP:
        return 0 if gaps[0] < gaps[1] else 1
    return None


def plan_question(
    intent: Optional[str],
    mentioned: list[str],
    memory: Memory,
    facts: Mapping[str, RoleFacts],
    text: str = "",
    unknown: tuple[str, ...] = (),
) -> Plan:
    """What to do with a comparison question, a follow-up, or a role given on its own.

    ``mentioned`` are the canonical roles in the message, in order (duplicates kept,
    so "ops manager vs operations manager" can be told apart from one role).
    """
    if is_question(intent):
        dimension = intent_dimension(intent)
    else:
        dimension = memory.dimension
    roles = list(dict.fromkeys(mentioned))
    if len(mentioned) >= 2 and len(roles) == 1:
        return Plan("same_role", role_a=roles[0], dimension=dimension)
    if unknown and len(roles) < 2:
        return Plan("unknown_role", role_a=roles[0] if roles else None, dimension=dimension, unknown=unknown)
    if len(roles) >= 2:
        pair = memory.pair
        if pair and intent == INFORM and REPLACE_CUES.search(text):
            old = [r for r in roles if r in pair]
            new = [r for r in roles if r not in pair]
            if len(old) == 1 and len(new) == 1:
                a, b = pair
                return Plan("answer", *((new[0], b) if a == old[0] else (a, new[0])), dimension=dimension)
        return Plan("answer", roles[0], roles[1], dimension=dimension)
    if len(roles) == 1:
        role = roles[0]
        pair = memory.pair
        if pair:
            if role in pair:
                return Plan("answer", *pair, dimension=dimension)
            index = replacement(role, pair, facts)
            if index is None:
                return Plan("ask_which", dimension=dimension, choices=pair, new_role=role)
            a, b = pair
            return Plan("answer", *((role, b) if index == 0 else (a, role)), dimension=dimension)
        if memory.role_a and memory.role_a != role:
            return Plan("answer", memory.role_a, role, dimension=dimension)
        return Plan("ask_roles", role_a=role, dimension=dimension)
    if memory.pair:
        return Plan("answer", *memory.pair, dimension=dimension)
    return Plan("ask_roles", role_a=memory.role_a, dimension=dimension)


_SEPARATORS = re.compile(
    r"[,;:?!.()]|\b(?:vs\.?|versus|or|and|with|than|to|from|into|instead of|rather than|compared to|between)\b",
    re.IGNORECASE,
)
_ARTICLES = {"a", "an", "the"}
_LEADING = {
    "who",
    "what",
    "which",
    "how",
    "does",
    "do",
    "is",
    "are",
    "about",
    "compare",
    "comparing",
    "difference",
    "differences",
    "tell",
    "me",
    "more",
    "say",
    "i",
    "mean",
    "meant",
    "think",
    "so",
    "ok",
    "okay",
    "well",
    "hmm",
    "please",
    "can",
    "you",
    "would",
    "could",
    "like",
    "want",
    "become",
    "be",
    "get",
    "need",
    "and",
    "or",
    "but",
    "also",
    "just",
    "maybe",
    "try",
    "let's",
    "lets",
    "us",
    "now",
    "then",
    "describe",
    "explain",
    "whats",
    "what's",
}
_TRAILING = {
    "instead",
    "please",
    "then",
    "role",
    "roles",
    "job",
    "jobs",
    "position",
    "now",
    "too",
    "again",
    "one",
    "do",
    "does",
    "earn",
    "earns",
    "make",
    "makes",
    "get",
    "gets",
    "need",
    "needs",
    "mean",
    "means",
    "is",
    "are",
}
_TITLE_WORDS = {
    "manager",
    "managers",
    "director",
    "directors",
    "officer",
    "officers",
    "lead",
    "leader",
    "supervisor",
    "coordinator",
    "analyst",
    "head",
    "chief",
    "vp",
    "president",
    "executive",
    "specialist",
    "assistant",
    "associate",
    "engineer",
    "planner",
    "clerk",
    "administrator",
    "technician",
    "consultant",
    "controller",
    "agent",
    "operator",
    "representative",
    "mgr",
    "owner",
    "ceo",
    "cfo",
    "cto",
}
_GENERIC = {
    "difference",
    "differences",
    "comparison",
    "comparisons",
    "way",
    "thing",
    "things",
    "best",
    "better",
    "bot",
    "career",
    "path",
    "next",
    "step",
    "steps",
    "first",
    "second",
    "other",
    "same",
    "both",
    "each",
    "them",
    "it",
    "this",
    "that",
    "these",
    "those",
    "one",
    "two",
    "list",
    "lot",
    "bit",
    "day",
    "week",
}
MAX_ROLE_WORDS = 5


def unrecognised_phrases(
    text: str, spans: list[tuple[int, int]], vocabulary: set[str], whole_message: bool = False
) -> tuple[str, ...]:
    """Phrases that look like a role name but matched none ("a barista", "chief vibes officer").

    ``spans`` are the character ranges of recognised roles; ``vocabulary`` holds
    words that are about dimensions rather than roles ("budget", "salary").
    With ``whole_message`` a short reply such as "barista" counts as an attempt.
    """
    masked = list(text)
    for start, end in spans:
        masked[start:end] = "," * (end - start)
    found = []
    for chunk in _SEPARATORS.split("".join(masked)):
        words = [w.strip("'\"") for w in chunk.split()]
        words = [w for w in words if w]
        while words and words[0].lower() in _LEADING:
            words.pop(0)
        had_article = bool(words) and words[0].lower() in _ARTICLES
        words = words[1:] if had_article else words
        while words and words[-1].lower() in _TRAILING:
            words.pop()
        if not words or len(words) > MAX_ROLE_WORDS:
            continue
        lowered = {w.lower() for w in words}
        if lowered & (vocabulary | _GENERIC):
            continue
        role_like = had_article or words[-1].lower() in _TITLE_WORDS or bool(lowered & _TITLE_WORDS)
        if role_like or (whole_message and not spans):
            found.append(" ".join(words))
    return tuple(dict.fromkeys(found))
