"""Reading authored contrasts (``contrasts/*.yml``) and the ambiguous short forms (``ambiguous.yml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from kb.content.reader import ContentError, Reader, Where
from kb.content.sources import SourceSpec, read_sources

TIE = "tie"


@dataclass
class PointSpec:
    dimension: str
    leader: Optional[str]  # canonical role name, or None for a tie
    text: str
    where: Where


@dataclass
class ContrastSpec:
    roles: tuple[str, str]
    points: dict[str, PointSpec]
    where: Where
    sources: list[SourceSpec] = field(default_factory=list)


@dataclass
class AmbiguousSpec:
    """A short form people type that names several roles ("PM"), with the roles it may mean."""

    form: str
    candidates: list[tuple[str, Where]]
    where: Where


def read_contrast(path: Path, errors: list[ContentError]) -> Optional[ContrastSpec]:
    """One file of ``contrasts/``: two roles, a point per dimension (leader or tie, text) and its sources."""
    reader = Reader(path, errors)
    node = reader.load_mapping("a contrast file")
    if node is None:
        return None
    roles = reader.texts(node, "roles")
    if len(roles) != 2:
        reader.fail(
            reader.where(node, "roles") if "roles" in node else reader.where(node),
            "'roles' must list exactly two role names",
        )
        return None
    contrast = ContrastSpec(roles=(roles[0][0], roles[1][0]), points={}, where=reader.where(node))
    contrast.sources = read_sources(reader, node)
    points = reader.section(node, "points")
    if points is None:
        return contrast
    for slug, point in points.items():
        point_node = reader.mapping(point, f"point '{slug}'")
        if point_node is None:
            continue
        leader, text = reader.text(point_node, "leader"), reader.text(point_node, "text")
        if leader and text:
            contrast.points[str(slug)] = PointSpec(
                str(slug),
                None if leader.lower() == TIE else leader,
                text,
                reader.where(point_node, "leader"),
            )
    return contrast


def read_ambiguous(path: Path, errors: list[ContentError]) -> list[AmbiguousSpec]:
    """``ambiguous.yml``: a mapping from a short form to the list of role names it may mean."""
    reader = Reader(path, errors)
    node = reader.load_mapping("the ambiguous forms file")
    if node is None:
        return []
    forms = []
    for form in node:
        where = reader.where(node, form)
        if not isinstance(form, str) or not form.strip():
            reader.fail(where, "each ambiguous form must be non-empty text")
            continue
        if not isinstance(node[form], list):
            reader.fail(where, f"'{form}' must list the roles it may mean")
            continue
        forms.append(AmbiguousSpec(form=form.strip(), candidates=reader.texts(node, form), where=where))
    return forms
