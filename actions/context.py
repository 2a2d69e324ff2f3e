"""Deciding what a question means in the light of the conversation so far.

Pure functions: given the intent, the roles recognised in the message and what
the conversation remembers, return a ``Plan``. The actions carry it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal, Mapping, Optional

from rasa_sdk.events import SlotSet

from actions.cues import CLAUSE_LEAD_IN, COMPARATIVE, DENIAL, FOLLOW_UP, MY_ROLE, QUESTION_START, REPLACE
from actions.choices import Choice, Pending  # noqa: F401  (actions.render reads them from here)
from actions.question import Question
from kb.content.vocabulary import vocabulary, words_pattern
from actions.slots import COMPARE, DIMENSION_INTENT_PREFIX, FOCUS_ROLE, FULL_COMPARISON, INFORM, ROLE_A, ROLE_B, WHY

PlanKind = Literal[
    "answer", "ask_roles", "ask_which", "unknown_role", "same_role", "explain", "nothing_to_explain", "in_pair"
]
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
    focus: Optional[str] = None  # the one role last answered about ("what does an ops manager make?")

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




CAREER_WORDS = words_pattern(vocabulary().list("career"))  # kb/data/vocabulary.yml


def pair_asked(roles: list[str]) -> list[dict[str, Any]]:
    """The slot events that make the first two distinct ``roles`` the pair talked about (none for fewer)."""
    pair = list(dict.fromkeys(roles))[:2]
    return [SlotSet(ROLE_A, pair[0]), SlotSet(ROLE_B, pair[1]), SlotSet(FOCUS_ROLE, None)] if len(pair) == 2 else []


def is_role_follow_up(text: str, pair: Optional[tuple[str, str]]) -> bool:
    """A short "and a fleet controller?" / "what about a dispatcher then?" while two roles are being
    compared: a role to swap into the comparison, whatever NLU read it as (career, unclear)."""
    if pair is None or not FOLLOW_UP.search(text) or CAREER_WORDS.search(text):
        return False
    rest = set(_words(FOLLOW_UP.sub("", text, count=1))) - {"then", "so", "now", "what", "that", "this", "it", "one"}
    return bool(rest)  # "and then?" names nothing to swap in


LONG_MESSAGE = 30  # words; a longer message is a story or an advert with a question in it
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_CLAUSE_START = re.compile(r"[,;]\s*")


def focus(text: str) -> tuple[int, int]:
    """Where the question of a long message is: its last sentence with a question mark, else its last
    sentence (character offsets); in a long sentence of comma-joined clauses, its last clause that opens
    like a question ("..., what does a warehouse manager do?"). A short message is its own focus."""
    if len(text.split()) <= LONG_MESSAGE:
        return 0, len(text)
    sentences = [m for m in _SENTENCE.finditer(text) if m.group().strip()]
    asked = [m for m in sentences if "?" in m.group()]
    chosen = (asked or sentences or [None])[-1]
    if chosen is None:
        return 0, len(text)
    start, end = chosen.start(), chosen.end()
    if len(chosen.group().split()) > LONG_MESSAGE and "?" in chosen.group():  # one long sentence of commas:
        starts = [m.end() for m in _CLAUSE_START.finditer(text, start, end)]  # its last clause that asks
        starts = [at + (m.end() if (m := CLAUSE_LEAD_IN.match(text[at:end])) else 0) for at in starts]
        starts = [at + len(text[at:end]) - len(text[at:end].lstrip()) for at in starts]
        asking = [at for at in starts if QUESTION_START.match(text[at:end])]  # ("..., what does a warehouse
        if asking:  # manager do?")
            start = asking[-1]
    return start, end


def with_current_role(known: list[str], text: str, current_role: Optional[str]) -> list[str]:
    """The roles a question names, with the user's own role first where it says "my job" ("how does my
    job compare with a supply chain manager?")."""
    if current_role and current_role not in known and MY_ROLE.search(text):
        return [current_role, *known]
    return known


def decide_dimension(intent: Optional[str], words: list[str]) -> Optional[str]:
    """The dimension a message's words settle, given what NLU read (``words``: dimensions named, in order).

    The intent's own dimension when the words name it too; else the one dimension the words name
    ("who makes more money on the shop floor" is about pay, whatever the intent); else None.
    """
    own = intent_dimension(intent)
    if own and own in words:
        return own
    return words[0] if len(words) == 1 else None


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the recognised role mentions blanked, so "Strategic Sourcing Manager" names no dimension."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


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
    worded: Optional[str] = None,
) -> Plan:
    """What to do with a comparison question, a follow-up, or a role given on its own.

    ``mentioned`` are the canonical roles in the message, in order (duplicates kept,
    so "ops manager vs operations manager" can be told apart from one role).
    A "why?" explains the last answer: its pair (or two roles it names) on its dimension, or
    the biggest difference after a full comparison (``dimension`` None). ``worded`` is the
    dimension the message's own words name ("budget", "pay"), if any.
    """
    if intent == WHY:
        named = list(dict.fromkeys(mentioned))
        pair = (named[0], named[1]) if len(named) >= 2 else memory.pair
        if len(named) == 1 and (pair is None or named[0] not in pair):
            return plan_question(INFORM, mentioned, memory, facts, text, unknown, worded)
        if pair is None:
            return Plan("nothing_to_explain")
        return Plan("explain", pair[0], pair[1], dimension=worded or memory.dimension)
    if is_question(intent):
        dimension = worded or intent_dimension(intent)
    else:
        dimension = worded or memory.dimension
    roles = list(dict.fromkeys(mentioned))
    if len(mentioned) >= 2 and len(roles) == 1:
        return Plan("same_role", role_a=roles[0], dimension=dimension)
    if unknown and len(roles) < 2:
        return Plan("unknown_role", role_a=roles[0] if roles else None, dimension=dimension, unknown=unknown)
    if len(roles) >= 2:
        pair = memory.pair
        if pair and intent == INFORM and REPLACE.search(text):
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
            if role in pair and intent == INFORM and not worded and not memory.needs_roles and not text.startswith("/"):
                return Plan("in_pair", *pair, dimension=dimension, new_role=role)  # "what about an area manager?"
            if role in pair:
                return Plan("answer", *pair, dimension=dimension)
            index = replacement(role, pair, facts)
            if index is None and DENIAL.search(text):
                index = 1  # "no, I meant the regional one": a correction takes the place of the role named last
            if index is None:
                return Plan("ask_which", dimension=dimension, choices=pair, new_role=role)
            a, b = pair
            return Plan("answer", *((role, b) if index == 0 else (a, role)), dimension=dimension)
        if memory.role_a and memory.role_a != role:
            return Plan("answer", memory.role_a, role, dimension=dimension)
        following = FOLLOW_UP.search(text) or COMPARATIVE.search(text)  # "and a shift manager?", "vs a buyer?"
        if memory.focus not in (None, role) and following and (dimension or intent in (INFORM, COMPARE)):
            kept = memory.dimension if FOLLOW_UP.search(text) else None  # "vs a buyer?" after its pay: on pay
            return Plan("answer", memory.focus, role, dimension=dimension or kept)  # after one role's answer
        return Plan("ask_roles", role_a=role, dimension=dimension)
    if memory.pair:
        return Plan("answer", *memory.pair, dimension=dimension)
    return Plan("ask_roles", role_a=memory.role_a, dimension=dimension)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def corrected(known: list[str], memory: Memory, read: Question) -> tuple[list[str], Memory]:
    """The roles named without those turned down ("no, not the COO, I meant the VP"), and the memory with a
    turned-down role of its pair replaced by the one role named instead."""
    if not read.negated_roles:
        return known, memory
    kept = [role for role in known if role not in read.negated_roles]
    pair = memory.pair
    if pair and len(set(kept)) == 1 and any(role in read.negated_roles for role in pair):
        a, b = (kept[0] if role in read.negated_roles else role for role in pair)
        return [a, b], Memory(role_a=a, role_b=b, dimension=memory.dimension, needs_roles=memory.needs_roles)
    return kept, memory
