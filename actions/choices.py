"""What the bot last asked, with the choices it offered (the ``pending`` slot), and typed picks
("the second one", "replace the buyer", "both", "neither")."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Optional, Union

from actions.cues import PICK_BOTH, PICK_COURTESY, PICK_DROP, PICK_FILLER, PICK_NEITHER

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
MAX_PICK_WORDS = 8
MAX_NUMBER_PICK_WORDS = 3  # "2", "option 2 please"; a number in a longer sentence ("I have 2 kids") picks nothing


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


def says_both(words: list[str]) -> bool:
    """Whether the whole reply picks both choices ("both", "all of them please")."""
    while words and words[-1] in PICK_COURTESY:
        words = words[:-1]
    return " ".join(words) in PICK_BOTH


def _ordinal(words: list[str], count: int) -> Optional[int]:
    found = {ORDINALS[w] for w in words if w in ORDINALS}
    found |= {NUMBERS[w] for w in words if w in NUMBERS and len(words) <= (MAX_NUMBER_PICK_WORDS if w.isdigit() else 2)}
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
    if says_both(words) and len(choices) == 2:
        return choices
    if PICK_NEITHER.search(text) and not mentioned:
        return Neither()
    roles = list(dict.fromkeys(role for role, _ in mentioned))
    if roles:
        dropped = {role for role, start in mentioned if start > 0 and PICK_DROP.search(text[:start])}
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
    telling = {w for w in words if w not in PICK_FILLER and sum(w in t for t in titles) == 1}
    hits = {i for i, t in enumerate(titles) if telling & t}
    return (choices[hits.pop()],) if len(hits) == 1 else None


