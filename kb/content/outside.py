"""Reading what content says about jobs outside the operations map and about pay mix.

``occupations.yml`` gives everyday names for US occupations (SOC 2018 codes, whose official
titles come from the loaded OEWS list) and for jobs OEWS does not cover (military service,
named by an outside group instead of a code). ``ways_in.yml`` groups outside occupations by
SOC prefix (healthcare, education, ...) and says, per group, which operations entry roles
people from there commonly move into, what transfers, what they usually lack and a first step.
A role file's ``pay_mix`` says how its pay is usually made up (base, bonus, equity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kb.content.reader import ContentError, Reader, Where

OCCUPATIONS_FILE = "occupations.yml"
WAYS_IN_FILE = "ways_in.yml"
CUES_FILE = "outside_cues.yml"
CUE_KINDS = ("pay_mix", "suits_me")
PAY_MIX_LEVELS = ("usual", "common", "sometimes", "rare")


@dataclass(frozen=True)
class OccupationAliasSpec:
    """Everyday names for one outside occupation: a SOC code, or an outside group with its own name."""

    aliases: list[tuple[str, Where]]
    where: Where
    soc: Optional[str] = None
    group: Optional[str] = None  # for jobs OEWS does not cover (military)
    name: Optional[str] = None  # how such a job is named back
    use_title: bool = True  # False: the OEWS title is an everyday word ("Models"), not recognised alone


@dataclass(frozen=True)
class EntrySpec:
    role: str
    why: str
    where: Where


@dataclass(frozen=True)
class WayInSpec:
    """One group of outside occupations and its ways into operations."""

    slug: str
    name: str
    soc_prefixes: list[tuple[str, Where]]
    entries: list[EntrySpec]
    transfers: list[tuple[str, Where]]
    lacks: str
    first_step: str
    certification: Optional[str]
    where: Where
    default: bool = False


@dataclass(frozen=True)
class PayMixSpec:
    """A role's pay mix: how usual a bonus and equity are (``PAY_MIX_LEVELS``) and a plain note."""

    bonus: str
    equity: str
    text: str
    where: Where


@dataclass
class OutsideContent:
    occupations: list[OccupationAliasSpec] = field(default_factory=list)
    ways_in: list[WayInSpec] = field(default_factory=list)
    occupations_file: Optional[Path] = None
    cues: dict[str, list[tuple[str, Where]]] = field(default_factory=dict)  # kind -> words


def read_pay_mix(reader: Reader, node: CommentedMap) -> Optional[PayMixSpec]:
    """The optional ``pay_mix`` mapping of a role file (``tests/kb/data/test_outside_content.py`` requires
    it of every real role)."""
    if "pay_mix" not in node:
        return None
    mix = reader.mapping(node["pay_mix"], "'pay_mix'")
    if mix is None:
        return None
    bonus, equity, text = reader.text(mix, "bonus"), reader.text(mix, "equity"), reader.text(mix, "text")
    if bonus and equity and text:
        return PayMixSpec(bonus, equity, text, reader.where(mix, "bonus"))
    return None


def read_occupations(path: Path, errors: list[ContentError]) -> list[OccupationAliasSpec]:
    reader = Reader(path, errors)
    found = []
    for node in reader.load_list("occupations", "each occupations entry"):
        soc = node.get("soc")
        soc = str(soc).strip() if soc is not None else None
        group, name = reader.text(node, "group", required=False), reader.text(node, "name", required=False)
        where = reader.where(node)
        if (soc is None) == (group is None):
            reader.fail(where, "each entry needs either 'soc' (a SOC code) or 'group' (an outside group), not both")
            continue
        if group is not None and name is None:
            reader.fail(where, "an entry without a SOC code needs a 'name' to call it by")
            continue
        aliases = reader.texts(node, "aliases")
        if not aliases:
            reader.fail(where, "missing 'aliases'")
            continue
        use_title = node.get("use_title", True)
        if not isinstance(use_title, bool):
            reader.fail(reader.where(node, "use_title"), "'use_title' must be true or false")
            continue
        found.append(OccupationAliasSpec(aliases, where, soc, group, name, use_title))
    return found


def read_ways_in(path: Path, errors: list[ContentError]) -> list[WayInSpec]:
    reader = Reader(path, errors)
    groups = []
    for node in reader.load_list("ways in", "each ways in entry"):
        slug, name = reader.text(node, "slug"), reader.text(node, "name")
        lacks = reader.text(node, "lacks")
        step = reader.mapping(node.get("first_step"), "'first_step'") if "first_step" in node else None
        if step is None and "first_step" not in node:
            reader.fail(reader.where(node), "missing 'first_step'")
        first = reader.text(step, "text") if step is not None else None
        certification = reader.text(step, "certification", required=False) if step is not None else None
        entries = []
        items = node.get("entry_roles")
        if not isinstance(items, CommentedSeq) or not items:
            reader.fail(reader.where(node), "'entry_roles' must list at least one role")
            items = []
        for item in items:
            entry = reader.mapping(item, "each entry role")
            role, why = (reader.text(entry, "role"), reader.text(entry, "why")) if entry is not None else (None, None)
            if role and why and entry is not None:
                entries.append(EntrySpec(role, why, reader.where(entry, "role")))
        if slug and name and lacks and first:
            groups.append(
                WayInSpec(
                    slug=slug,
                    name=name,
                    soc_prefixes=reader.texts(node, "soc_prefixes"),
                    entries=entries,
                    transfers=reader.texts(node, "transfers"),
                    lacks=lacks,
                    first_step=first,
                    certification=certification,
                    where=reader.where(node, "slug"),
                    default=node.get("default") is True,
                )
            )
    return groups


def read_outside(content_dir: Path, errors: list[ContentError]) -> OutsideContent:
    """Both files; a content folder without them simply has no outside occupations."""
    outside = OutsideContent()
    occupations, ways_in = content_dir / OCCUPATIONS_FILE, content_dir / WAYS_IN_FILE
    if occupations.exists():
        outside.occupations = read_occupations(occupations, errors)
        outside.occupations_file = occupations
    if ways_in.exists():
        outside.ways_in = read_ways_in(ways_in, errors)
    if (content_dir / CUES_FILE).exists():
        reader = Reader(content_dir / CUES_FILE, errors)
        node = reader.load_mapping("the cues file")
        for kind in CUE_KINDS if node is not None else ():
            outside.cues[kind] = reader.texts(node, kind)
        for kind in node or ():
            if kind not in CUE_KINDS:
                reader.fail(reader.where(node, kind), f"unknown cue list '{kind}' (known: {', '.join(CUE_KINDS)})")
    return outside
