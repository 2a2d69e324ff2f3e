"""Questions the knowledge base answers. Pure functions over a ``Session``.

The caller owns the session (``with Session(engine) as session: ...``); every
function returns the typed results of ``kb.results`` and never raises for bad
user input.
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Union

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from kb.models import CareerStep, Contrast, ContrastPoint, Dimension, Role, RoleTrait
from kb.snapshot import build_id
from kb.verdicts import pay_ranges, verdict
from kb.resolve import (
    RoleRef,
    all_dimensions,
    dimension_info,
    resolve_dimension,
    resolve_role,
    role_info,
    role_row,
    role_rows,
)
from kb.results import (
    AreaInfo,
    CompareResult,
    Comparison,
    RoleInfo,
    RoleMatch,
    RoleProfile,
    SameRole,
    Trait,
    UnknownArea,
    UnknownDimension,
    UnknownRole,
)
from kb.routes import career_path, entry_roles
from kb.wages.figures import resolve_area

COMPENSATION = "compensation"


def _points(session: Session, a: Role, b: Role) -> dict[int, ContrastPoint]:
    low, high = sorted((a.id, b.id))
    rows = session.scalars(
        select(ContrastPoint).join(Contrast).where(Contrast.role_a_id == low, Contrast.role_b_id == high)
    )
    return {point.dimension_id: point for point in rows}


def _traits(session: Session, role: Role) -> dict[int, RoleTrait]:
    return {
        trait.dimension_id: trait for trait in session.scalars(select(RoleTrait).where(RoleTrait.role_id == role.id))
    }


def compare_on(
    session: Session, first: RoleRef, second: RoleRef, dimension_slug: str, area: Optional[str] = None
) -> CompareResult:
    """Two known roles on one dimension: the authored point if any, else their traits.

    On compensation the verdict also carries the wage figures of both roles (``Verdict.pay``,
    US BLS OEWS) for ``area``: a state or metro area name, national when None; a name that
    matches no OEWS area gives ``UnknownArea``.
    """
    a, b = role_rows(session, first, second)
    for ref, role in ((first, a), (second, b)):
        if role is None:
            return UnknownRole(query=ref.name if isinstance(ref, RoleInfo) else ref)
    assert a is not None and b is not None
    if a.id == b.id:
        return SameRole(role=role_info(a))
    dimension = session.execute(select(Dimension).where(Dimension.slug == dimension_slug)).scalar_one_or_none()
    if dimension is None:
        return UnknownDimension(query=dimension_slug, known=all_dimensions(session))
    traits = {
        trait.role_id: trait
        for trait in session.scalars(
            select(RoleTrait).where(RoleTrait.role_id.in_((a.id, b.id)), RoleTrait.dimension_id == dimension.id)
        )
    }
    point = _points(session, a, b).get(dimension.id)
    if dimension.slug != COMPENSATION:
        return verdict(dimension, a, b, traits[a.id], traits[b.id], point)
    place = resolve_area(session, area)
    if isinstance(place, UnknownArea) and area:
        return place
    printed, ranges = pay_ranges(session, a, b, place if isinstance(place, AreaInfo) else None)
    result = verdict(dimension, a, b, traits[a.id], traits[b.id], point, ranges)
    if printed is None or isinstance(place, UnknownArea):
        return result
    in_order = printed.roles if result.first.name == printed.roles[0].role.name else printed.roles[::-1]
    return dataclasses.replace(result, pay=dataclasses.replace(printed, roles=tuple(in_order)))


def compare_all(session: Session, first: RoleRef, second: RoleRef) -> CompareResult:
    """Two known roles on every dimension."""
    a, b = role_rows(session, first, second)
    for ref, role in ((first, a), (second, b)):
        if role is None:
            return UnknownRole(query=ref.name if isinstance(ref, RoleInfo) else ref)
    assert a is not None and b is not None
    if a.id == b.id:
        return SameRole(role=role_info(a))
    traits_a, traits_b, points = _traits(session, a), _traits(session, b), _points(session, a, b)
    dimensions = session.scalars(select(Dimension).order_by(Dimension.position)).all()
    _printed, ranges = pay_ranges(session, a, b)
    verdicts = tuple(
        verdict(d, a, b, traits_a[d.id], traits_b[d.id], points.get(d.id), ranges if d.slug == COMPENSATION else None)
        for d in dimensions
    )
    return Comparison(first=role_info(a), second=role_info(b), verdicts=verdicts, authored=bool(points))


def compare(
    session: Session, first_text: str, second_text: str, dimension: Optional[str] = None, area: Optional[str] = None
) -> CompareResult:
    """What a user asked in their own words: resolve both roles (and the dimension), then compare.

    ``area`` (a US state or metro area, for the compensation figures) is passed to ``compare_on``.
    """
    matches = []
    for text in (first_text, second_text):
        match = resolve_role(session, text)
        if isinstance(match, UnknownRole):
            return match
        matches.append(match)
    first, second = matches[0].role, matches[1].role
    if first == second:
        return SameRole(role=first)
    if dimension is None:
        return compare_all(session, first, second)
    resolved = resolve_dimension(session, dimension)
    if isinstance(resolved, UnknownDimension):
        return resolved
    return compare_on(session, first, second, resolved.slug, area)


def contrast_sources(session: Session, first: RoleRef, second: RoleRef) -> list[tuple[str, tuple[str, ...]]]:
    """The public sources an authored contrast of the two roles rests on: (URL or "the seed article",
    the dimension slugs it supports, empty for all). Empty when the pair has no authored contrast."""
    a, b = role_rows(session, first, second)
    if a is None or b is None or a.id == b.id:
        return []
    low, high = sorted((a.id, b.id))
    contrast = session.execute(
        select(Contrast).where(Contrast.role_a_id == low, Contrast.role_b_id == high)
    ).scalar_one_or_none()
    if contrast is None:
        return []
    return [(entry["source"], tuple(entry["points"])) for entry in contrast.references]


def describe_role(session: Session, text: str) -> Union[RoleProfile, UnknownRole]:
    """One role's profile: summary, reporting line, career moves and all twelve traits."""
    match = resolve_role(session, text)
    if isinstance(match, UnknownRole):
        return match
    role = role_row(session, match.role)
    assert role is not None
    previous = session.scalars(
        select(Role)
        .join(CareerStep, CareerStep.from_role_id == Role.id)
        .where(CareerStep.to_role_id == role.id)
        .order_by(Role.seniority.desc(), Role.name)
    )
    following = session.scalars(
        select(Role)
        .join(CareerStep, CareerStep.to_role_id == Role.id)
        .where(CareerStep.from_role_id == role.id)
        .order_by(Role.seniority, Role.name)
    )
    traits = session.execute(
        select(RoleTrait, Dimension).join(Dimension).where(RoleTrait.role_id == role.id).order_by(Dimension.position)
    ).all()
    return RoleProfile(
        role=match.role,
        reports_to=role_info(role.reports_to) if role.reports_to else None,
        next_roles=tuple(role_info(r) for r in following),
        previous_roles=tuple(role_info(r) for r in previous),
        traits=tuple(Trait(dimension_info(d), t.level, t.text) for t, d in traits),
    )


def list_roles(session: Session, family: Optional[str] = None) -> list[tuple[str, tuple[RoleInfo, ...]]]:
    """Roles grouped by job family, most senior first within each family."""
    query = select(Role).order_by(Role.family, Role.seniority.desc(), Role.name)
    if family is not None:
        query = query.where(Role.family == family)
    groups: dict[str, list[RoleInfo]] = {}
    for role in session.scalars(query):
        groups.setdefault(role.family, []).append(role_info(role))
    return [(name, tuple(roles)) for name, roles in groups.items()]


def families(session: Session) -> list[str]:
    return list(session.scalars(select(Role.family).distinct().order_by(Role.family)))


def common_roles(session: Session, limit: int = 6) -> list[RoleInfo]:
    """Roles people ask about most, approximated by how many authored contrasts they appear in."""
    counts: dict[int, int] = {}
    for a_id, b_id in session.execute(select(Contrast.role_a_id, Contrast.role_b_id)):
        counts[a_id] = counts.get(a_id, 0) + 1
        counts[b_id] = counts.get(b_id, 0) + 1
    roles = session.scalars(select(Role)).all()
    ranked = sorted(roles, key=lambda r: (-counts.get(r.id, 0), -r.seniority, r.name))
    return [role_info(r) for r in ranked[:limit]]


def popular_pairs(session: Session, limit: int = 3) -> list[tuple[RoleInfo, RoleInfo]]:
    """Authored pairs whose roles are the most asked about: good examples for a newcomer."""
    common = [r.name for r in common_roles(session, limit=1000)]
    rank = {name: i for i, name in enumerate(common)}
    role_a, role_b = aliased(Role), aliased(Role)
    pairs = session.execute(
        select(role_a, role_b)
        .join(Contrast, Contrast.role_a_id == role_a.id)
        .join(role_b, Contrast.role_b_id == role_b.id)
    ).all()
    ordered = sorted(pairs, key=lambda p: (rank[p[0].name] + rank[p[1].name], p[0].name, p[1].name))
    result = []
    for first, second in ordered[:limit]:
        higher, lower = sorted((first, second), key=lambda r: -r.seniority)
        result.append((role_info(higher), role_info(lower)))
    return result


__all__ = [
    "RoleMatch",
    "build_id",
    "career_path",
    "common_roles",
    "compare",
    "compare_all",
    "compare_on",
    "describe_role",
    "entry_roles",
    "families",
    "list_roles",
    "popular_pairs",
    "resolve_dimension",
    "resolve_role",
]
