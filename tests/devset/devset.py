"""The dev set file (``tests/devset/devset.yml``): paraphrase families of short conversations, each
turn with an expectation checked against the real bot's replies, and the seeded held-out split.

File shape::

    seed: 20
    families:
      - family: pay_compare               # unique id
        about: what the family asks       # one line
        members:                          # each a short conversation from a fresh sender
          - say: who makes more, a buyer or a plant manager?          # one turn ...
            expect: {kind: comparison, dimension: compensation, leads: Plant Manager}
          - turns:                                                    # ... or several
              - say: how much does a dispatcher make?
                expect: {kind: pay, roles: [Dispatcher]}
              - say: and in Ohio?
                expect: {kind: pay, roles: [Dispatcher], area: Ohio}
    held_out:                             # written by `python -m tests.devset.run --write-split`
      pay_compare: [3, 9]                 # member numbers (1-based, position in the family)

Expectation keys (all optional, any combination; an unknown key is refused):

``kind``        the kind of answer, or a list of kinds that must all be answered (two-part
                questions): comparison (a dimension verdict), summary (two roles overall),
                description, pay (one role's pay figures), ranking, career (route, ways in, next
                roles), education (degree or certifications), aspect (a plain "I don't compare"),
                unknown (a title named back as unknown or offered a correction), asks (a question
                back with no verdict). ``tests.devset.checks.kind_of`` reads it off a message.
``dimension``   a dimension slug (or a list): for a comparison, its verdict phrase is in the replies
                (the first sentence when only one is expected); for a ranking, its name heads it.
``leads``       the role (canonical KB name) named first in the first sentence.
``roles``       canonical role names that must each appear in the replies.
``not_roles``   canonical role names that must not appear (rejected by a correction).
``area``        a US state or metro name that must appear in the pay figures' source line
                ("Source: US BLS OEWS, May 2025 (Illinois)").
``us_only``     true: the replies say the figures are US data (outside the source line).
``mentions`` / ``not_mentions``  strings that must / must not appear (case-insensitive).

The held-out split: in each family, members are shuffled with ``random.Random(f"{seed}:{family}")``
and the first ``round(0.2 * n)`` are held out. Nobody tunes on them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FILE = Path(__file__).with_name("devset.yml")
HELD_OUT_SHARE = 0.2
SPLIT_MARK = "# The seeded held-out split: never tune on these members."
KINDS = frozenset(
    {"comparison", "summary", "description", "pay", "ranking", "career", "education", "aspect", "unknown", "asks"}
)
LIST_KEYS = ("roles", "not_roles", "mentions", "not_mentions")
EXPECT_KEYS = frozenset({"kind", "dimension", "leads", "area", "us_only", *LIST_KEYS})


@dataclass(frozen=True)
class Turn:
    say: str
    expect: dict[str, Any]


@dataclass(frozen=True)
class Member:
    family: str
    number: int  # 1-based position in the family
    turns: tuple[Turn, ...]
    held_out: bool

    @property
    def id(self) -> str:
        return f"{self.family}-{self.number:02d}"


@dataclass(frozen=True)
class DevSet:
    seed: int
    families: dict[str, tuple[Member, ...]]

    @property
    def members(self) -> list[Member]:
        return [m for members in self.families.values() for m in members]


def split(seed: int, family: str, size: int) -> list[int]:
    """The held-out member numbers of a family of ``size`` members, sorted."""
    numbers = list(range(1, size + 1))
    random.Random(f"{seed}:{family}").shuffle(numbers)
    return sorted(numbers[: round(HELD_OUT_SHARE * size)])


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _expect(raw: Any, where: str, dimensions: frozenset[str], roles: frozenset[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{where}: expect is a non-empty mapping")
    unknown = set(raw) - EXPECT_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown expect keys {sorted(unknown)}; known: {sorted(EXPECT_KEYS)}")
    if "kind" in raw and not set(_as_list(raw["kind"])) <= KINDS:
        raise ValueError(f"{where}: kind {raw['kind']!r} is not one of {sorted(KINDS)}")
    if "dimension" in raw and not set(_as_list(raw["dimension"])) <= dimensions:
        raise ValueError(f"{where}: dimension {raw['dimension']!r} is not a dimension slug")
    for key in LIST_KEYS:
        if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) for v in raw[key])):
            raise ValueError(f"{where}: {key} is a list of strings")
    named = [*raw.get("roles", []), *raw.get("not_roles", []), *([raw["leads"]] if "leads" in raw else [])]
    strangers = [r for r in named if r not in roles]
    if strangers:
        raise ValueError(f"{where}: {strangers} are not canonical KB role names")
    if "area" in raw and not isinstance(raw["area"], str):
        raise ValueError(f"{where}: area is a place name")
    if "us_only" in raw and raw["us_only"] is not True:
        raise ValueError(f"{where}: us_only is true or absent")
    return dict(raw)


def _turn(raw: Any, where: str, dimensions: frozenset[str], roles: frozenset[str]) -> Turn:
    if not isinstance(raw, dict) or set(raw) != {"say", "expect"}:
        raise ValueError(f"{where}: a turn holds say and expect")
    if not isinstance(raw["say"], str) or not raw["say"].strip():
        raise ValueError(f"{where}: say is the message as typed (quote yes/no/numbers)")
    return Turn(raw["say"], _expect(raw["expect"], where, dimensions, roles))


def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Dimension slugs and canonical role names, from the KB content files."""
    from kb.content.load import load_content

    content = load_content()
    return frozenset(d.slug for d in content.dimensions), frozenset(r.name for r in content.roles)


def load(path: Path = FILE, check_split: bool = True) -> DevSet:
    """The dev set, refusing anything the schema above does not describe; with ``check_split``, also a
    recorded split that differs from the seeded one."""
    data = yaml.safe_load(path.read_text())
    if (
        not isinstance(data, dict)
        or set(data) - {"seed", "families", "held_out"}
        or not isinstance(data.get("seed"), int)
    ):
        raise ValueError(f"{path}: the file holds seed (an integer), families and held_out")
    dimensions, roles = vocabulary()
    families: dict[str, tuple[Member, ...]] = {}
    recorded = data.get("held_out") or {}
    for index, raw in enumerate(data["families"]):
        name = raw.get("family") if isinstance(raw, dict) else None
        if not name or name in families or set(raw) != {"family", "about", "members"}:
            raise ValueError(f"{path}: family #{index + 1} needs a unique family id, about and members")
        size = len(raw["members"])
        held = split(data["seed"], name, size)
        if check_split and recorded.get(name) != held:
            raise ValueError(f"{path}: held_out[{name}] is {recorded.get(name)}, the seeded split gives {held}")
        members = []
        for number, member in enumerate(raw["members"], start=1):
            where = f"{name} #{number}"
            if isinstance(member, dict) and set(member) == {"turns"} and member["turns"]:
                turns = tuple(_turn(t, f"{where}.{i + 1}", dimensions, roles) for i, t in enumerate(member["turns"]))
            elif isinstance(member, dict) and set(member) == {"say", "expect"}:
                turns = (_turn(member, where, dimensions, roles),)
            else:
                raise ValueError(f"{where}: a member is say + expect, or turns")
            members.append(Member(name, number, turns, number in held))
        families[name] = tuple(members)
    if check_split and set(recorded) != set(families):
        raise ValueError(f"{path}: held_out names families {sorted(set(recorded) ^ set(families))} wrongly")
    return DevSet(data["seed"], families)


def write_split(path: Path = FILE) -> dict[str, list[int]]:
    """Rewrites the file's ``held_out`` section from the seed (everything above it is kept as written)."""
    devset = load(path, check_split=False)
    held = {name: split(devset.seed, name, len(members)) for name, members in devset.families.items()}
    head = path.read_text().split(SPLIT_MARK, 1)[0].split("\nheld_out:", 1)[0].rstrip("\n")
    lines = [f"  {name}: [{', '.join(map(str, numbers))}]" for name, numbers in held.items()]
    path.write_text(f"{head}\n\n{SPLIT_MARK}\nheld_out:\n" + "\n".join(lines) + "\n")
    return held
