"""Deciding what a question means in the light of the conversation so far.

Pure functions: given the intent, the roles recognised in the message and what
the conversation remembers, return a ``Plan``. The actions carry it out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal, Mapping, Optional, Union

from actions.slots import COMPARE, DIMENSION_INTENT_PREFIX, FULL_COMPARISON, INFORM, WHY

PlanKind = Literal["answer", "ask_roles", "ask_which", "unknown_role", "same_role", "explain", "nothing_to_explain"]
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


SAYS_WHO = re.compile(
    r"^\W*(i'?m|im|i am|i work as|i currently work as|i'?ve been|my (current )?(job|role|title)( right now)? is|"
    r"currently (an?|the)|right now i'?m)\b",
    re.I,
)
MY_ROLE = re.compile(r"\b(my (current )?(job|role|position|title)|my own|me now|i do now|what i do)\b", re.I)


FOLLOW_UP = re.compile(r"^\W*(and|or|what about|how about|what of|then what about)\b", re.I)
CAREER_WORDS = re.compile(
    r"\b(becom\w*|get (in)?to|route|path|career|promot\w*|progress\w*|move|moving|next|after|step|climb|"
    r"how long|years|from there)\b",
    re.I,
)


def is_role_follow_up(text: str, pair: Optional[tuple[str, str]]) -> bool:
    """A short "and a fleet controller?" / "what about a dispatcher then?" while two roles are being
    compared: a role to swap into the comparison, whatever NLU read it as (career, unclear)."""
    if pair is None or not FOLLOW_UP.search(text) or CAREER_WORDS.search(text):
        return False
    rest = set(_words(FOLLOW_UP.sub("", text, count=1))) - {"then", "so", "now", "what", "that", "this", "it", "one"}
    return bool(rest)  # "and then?" names nothing to swap in


LONG_MESSAGE = 30  # words; a longer message is a story or an advert with a question in it
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def focus(text: str) -> tuple[int, int]:
    """Where the question of a long message is: its last sentence with a question mark, else its last
    sentence (character offsets). A short message is its own focus."""
    if len(text.split()) <= LONG_MESSAGE:
        return 0, len(text)
    sentences = [m for m in _SENTENCE.finditer(text) if m.group().strip()]
    asked = [m for m in sentences if "?" in m.group()]
    chosen = (asked or sentences or [None])[-1]
    return (chosen.start(), chosen.end()) if chosen else (0, len(text))


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


# What the bot last asked, with the choices it offered (the ``pending`` slot), and typed picks.

PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)
ORDINALS = {
    "first": 0,
    "1st": 0,
    "top": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "last": -1,
    "bottom": -1,
    "former": 0,
    "latter": -1,
}
NUMBERS = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6, "one": 0, "two": 1, "three": 2}
BOTH = re.compile(
    r"^\W*(both|both of (them|those|these)|all of (them|those)|the two of them)( please| then)?\W*$", re.I
)
NEITHER = re.compile(r"\b(neither|none( of (them|those|these))?|nor)\b", re.I)
NEGATIONS = re.compile(
    r"\b(replace|replacing|drop|dropping|swap|swapping|not|instead of|rather than|without|except|remove)\b"
    r"\W+(the |an? )?$",
    re.I,
)
MAX_PICK_WORDS = 8
_FILLER = {
    "the", "a", "an", "one", "ones", "please", "i", "mean", "meant", "want", "go", "with", "vs", "pick",
    "take", "choose", "option", "number", "no", "that", "this", "ok", "okay", "let's", "lets", "say",
    "of", "them", "those", "and", "or", "for", "me", "compare", "comparison", "role", "job", "manager",
    "about", "what", "how", "on", "in", "to", "is", "it", "do", "you", "yes", "yeah", "sure",
}  # fmt: skip


@dataclass(frozen=True)
class Choice:
    """One offered answer: a button's title and the payload a click would send."""

    title: str
    payload: str

    @property
    def intent(self) -> str:
        return parse_payload(self.payload)[0]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(e["value"] for e in parse_payload(self.payload)[1] if e["entity"] == "job_role")


@dataclass(frozen=True)
class Pending:
    """What the bot last asked (the first line of its message) and the choices it offered.

    A ``menu`` holds suggestions rather than answers to a question (related comparisons,
    drill-downs, next steps): a typed reply picks one of those by position only.
    """

    asked: str
    choices: tuple[Choice, ...]
    menu: bool = False

    def to_slot(self) -> dict[str, Any]:
        slot = {"asked": self.asked, "choices": [[c.title, c.payload] for c in self.choices]}
        return {**slot, "menu": True} if self.menu else slot

    @staticmethod
    def from_slot(value: Any) -> Optional["Pending"]:
        if not isinstance(value, dict) or not isinstance(value.get("choices"), list):
            return None
        choices = tuple(Choice(str(c[0]), str(c[1])) for c in value["choices"] if isinstance(c, list) and len(c) == 2)
        return Pending(str(value.get("asked") or ""), choices, bool(value.get("menu"))) if choices else None


@dataclass(frozen=True)
class Neither:
    """The user turned every offered choice down."""


Pick = Union[tuple[Choice, ...], Neither, None]


def parse_payload(payload: str) -> tuple[str, list[dict[str, Any]]]:
    """``/intent{"job_role": ["A", "B"]}`` -> the intent and one entity per value, as Rasa parses it."""
    match = PAYLOAD.match(payload.strip())
    if not match:
        return "", []
    entities: list[dict[str, Any]] = []
    try:
        data = json.loads(match.group(2)) if match.group(2) else {}
    except ValueError:
        data = {}
    for name, value in data.items() if isinstance(data, dict) else ():
        for item in value if isinstance(value, list) else [value]:
            entities.append({"entity": name, "value": item})
    return match.group(1), entities


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _ordinal(words: list[str], count: int) -> Optional[int]:
    found = {ORDINALS[w] for w in words if w in ORDINALS}
    found |= {NUMBERS[w] for w in words if w in NUMBERS and (len(words) <= 2 or w.isdigit())}
    if len(found) != 1:
        return None
    index = found.pop()
    return index if -count <= index < count else None


def pick(text: str, mentioned: list[tuple[str, int]], pending: Optional[Pending]) -> Pick:
    """Which offered choices a typed reply picks, understood as a click would be.

    Ordinals ("the first", "second one", "2"), roles named ("quality manager"; "replace the
    buyer" picks the choices without the Buyer), a word found in only one choice ("the plant
    one"), "both" (when two were offered) and "neither"; from a menu, by position only. None
    when the reply picks nothing.
    ``mentioned`` holds each recognised role with where its mention starts in ``text`` (-1: unknown).
    """
    if pending is None or not pending.choices or text.startswith("/"):
        return None
    choices = pending.choices
    words = _words(text)
    if not words or len(words) > MAX_PICK_WORDS:
        return None
    if pending.menu:
        index = _ordinal(words, len(choices)) if not mentioned else None
        return None if index is None else (choices[index],)
    if BOTH.match(text) and len(choices) == 2:
        return choices
    if NEITHER.search(text) and not mentioned:
        return Neither()
    roles = list(dict.fromkeys(role for role, _ in mentioned))
    if roles:
        dropped = {role for role, start in mentioned if start > 0 and NEGATIONS.search(text[:start])}
        wanted = [r for r in roles if r not in dropped]
        fitting = [c for c in choices if all(r in c.roles for r in wanted) and not dropped & set(c.roles)]
        exact = [c for c in fitting if set(c.roles) == set(wanted)]
        if len(exact) == 1:
            return (exact[0],)
        return (fitting[0],) if len(fitting) == 1 else None
    index = _ordinal(words, len(choices))
    if index is not None:
        return (choices[index],)
    titles = [set(_words(c.title)) for c in choices]
    telling = {w for w in words if w not in _FILLER and sum(w in t for t in titles) == 1}
    hits = {i for i, t in enumerate(titles) if telling & t}
    return (choices[hits.pop()],) if len(hits) == 1 else None


# Career questions: routes, ways in, next steps, follow-ups on the last route, career changes.

CareerKind = Literal["route", "into", "after", "how_long", "change", "ask"]
AFTER_CUES = re.compile(
    r"\b(after|next|beyond|progress(ion)? from|move on from|from an? .+ where|move up|go from here)\b", re.I
)
FROM_THERE = re.compile(r"\b(from there|from that|from here|after that|then on)\b", re.I)
HOW_LONG = re.compile(r"\b(how long|how many years|how much time)\b", re.I)


@dataclass(frozen=True)
class CareerPlan:
    kind: CareerKind
    start: Optional[str] = None  # route, change: where from; after, how_long: the role
    goal: Optional[str] = None  # route, into: where to
    family: Optional[str] = None  # change: the job family to move into
    from_current: bool = False  # the start is the role the user said they hold


def plan_career(
    roles: list[str],
    direction: Optional[str],
    text: str,
    route_end: Optional[str] = None,
    current_role: Optional[str] = None,
    family: Optional[str] = None,
) -> CareerPlan:
    """What a career question asks, given the last route's end and the role the user holds.

    ``roles`` are the roles the message names, in order; ``family`` a job family it names as a
    destination ("into supply chain"). Follow-ups without a role continue from ``route_end``
    ("and then?", "how long does that take?", "from there to VP?"); a goal alone is reached
    from ``current_role`` when the user said what they do.
    """
    named = list(dict.fromkeys(roles))
    if family is not None:
        start = named[0] if named else current_role
        if start is not None:
            return CareerPlan("change", start=start, family=family, from_current=not named)
    if len(named) >= 2:
        return CareerPlan("route", start=named[0], goal=named[1])
    if len(named) == 1:
        role = named[0]
        if route_end and route_end != role and FROM_THERE.search(text):
            return CareerPlan("route", start=route_end, goal=role)
        if HOW_LONG.search(text):
            return CareerPlan("how_long", start=role)
        if direction == "after" or (direction is None and AFTER_CUES.search(text)):
            return CareerPlan("after", start=role)
        if current_role and current_role != role:
            return CareerPlan("route", start=current_role, goal=role, from_current=True)
        return CareerPlan("into", goal=role)
    anchor = route_end or current_role
    if anchor is None:
        return CareerPlan("ask")
    if HOW_LONG.search(text):
        return CareerPlan("how_long", start=anchor)
    return CareerPlan("after", start=anchor, from_current=route_end is None)
