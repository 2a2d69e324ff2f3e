"""Rankings and superlatives: several roles put in order on one dimension.

"Rank these by budget: A, B, C", "which supply chain role has the biggest budget?", "top 3
highest-paid roles". Pure functions over a ``Session``; wording is in ``kb.wording.rank``.

How each dimension is ordered:

- **hierarchy**: by hierarchy level, then seniority rank (both from the role files). Validation
  guarantees that a manager's level is never below, and its rank always above, the level and
  rank of anyone reporting to it (``kb.content.validate``, ``kb.content.rules.reporting``), so this order
  always agrees with the reporting graph (``kb.reporting``): a role is ranked above everyone in
  its reporting line below it.
- **compensation**, when wage data is loaded: by the middle of the role's typical pay range,
  national figures (USD a year, US BLS OEWS): the percentile band its ``pay_position`` gives
  within its first SOC occupation ("upper": median to 75th percentile), then by its compensation
  level in the role profiles. The same ranges decide every pay comparison (``kb.wages.verdict``),
  so a role named as paid more is always ranked above the other. Ranking by the
  occupation's median alone would tie every role sharing a code (a Supply Chain Director with
  the Warehouse Managers it oversees) and put directors under managers of a better-paid code.
  A role whose occupation has no published national figure is listed after the ranked ones.
  Without wage data: by compensation level.
- every other dimension: by the 1-5 trait level in the role profiles.

Equal keys share a place (standard competition ranking: 1, 2, 2, 4).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Optional, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import Dimension, Role, RoleTrait
from kb.wages.verdict import BAND_STATS, PayRange, band_range
from kb.reporting import HIERARCHY
from kb.resolve import dimension_info, resolve_dimension, resolve_role, role_info
from kb.results import DimensionInfo, RoleInfo, UnknownDimension, UnknownRole
from kb.wages.models import RolePayPosition, RoleSoc, Wage, WageArea, WageOccupation, WageRelease

COMPENSATION = "compensation"
Order = Literal["desc", "asc"]
Basis = Literal["levels", "hierarchy", "wages", "levels_no_wages"]


@dataclass(frozen=True)
class Family:
    """A job family to rank within ("Supply chain and logistics"); matched without regard to case."""

    name: str


@dataclass(frozen=True)
class RankEntry:
    """One role's place. ``position`` is 1-based and shared by ties; None = not ranked (no wage data).

    ``level`` is the role's 1-5 level on the dimension. Compensation with wage data only:
    ``median`` is the national median annual wage (USD) of the role's BLS ``occupation``, and
    ``low``/``high`` bound the role's typical range (its band's percentiles; None = unpublished).
    """

    position: Optional[int]
    role: RoleInfo
    level: int
    median: Optional[int] = None
    occupation: Optional[str] = None
    low: Optional[int] = None
    high: Optional[int] = None


@dataclass(frozen=True)
class Ranking:
    """Roles in order on one dimension; ``entries`` best first for "desc", lowest first for "asc".

    ``unranked`` holds roles without wage data (compensation only), always listed last.
    ``total`` counts every role considered, before ``limit`` cut the list; ``release`` names
    the OEWS release ("May 2025") when ``basis`` is "wages".
    """

    dimension: DimensionInfo
    order: Order
    basis: Basis
    entries: tuple[RankEntry, ...]
    unranked: tuple[RankEntry, ...] = ()
    total: int = 0
    family: Optional[str] = None
    release: Optional[str] = None


@dataclass(frozen=True)
class UnknownFamily:
    """A job family name that is not in the KB; ``known`` lists the families there are."""

    query: str
    known: tuple[str, ...]


Scope = Union[Sequence[Union[str, RoleInfo]], Family, None]
RankResult = Union[Ranking, UnknownRole, UnknownDimension, UnknownFamily]


def _roles(session: Session, scope: Scope) -> Union[list[Role], UnknownRole, UnknownFamily]:
    if scope is None:
        return list(session.scalars(select(Role).order_by(Role.name)))
    if isinstance(scope, Family):
        families = list(session.scalars(select(Role.family).distinct().order_by(Role.family)))
        wanted = {f.lower(): f for f in families}.get(" ".join(scope.name.lower().split()))
        if wanted is None:
            return UnknownFamily(query=scope.name, known=tuple(families))
        return list(session.scalars(select(Role).where(Role.family == wanted).order_by(Role.name)))
    roles: dict[int, Role] = {}
    for ref in scope:
        name = ref.name if isinstance(ref, RoleInfo) else None
        if name is None:
            match = resolve_role(session, str(ref))
            if isinstance(match, UnknownRole):
                return match
            name = match.role.name
        role = session.execute(select(Role).where(Role.name == name)).scalar_one_or_none()
        if role is None:
            return UnknownRole(query=name)
        roles.setdefault(role.id, role)
    return list(roles.values())


def _pay(session: Session, roles: list[Role]) -> Optional[dict[int, Optional[RankEntry]]]:
    """role id -> an entry carrying its national pay figures (None: nothing published); None without wage data."""
    release = session.execute(select(WageRelease)).scalar_one_or_none()
    national = session.execute(select(WageArea.code).where(WageArea.kind == "N")).scalar_one_or_none()
    if release is None or national is None:
        return None
    result: dict[int, Optional[RankEntry]] = {}
    for role in roles:
        soc = session.execute(
            select(RoleSoc.soc).where(RoleSoc.role_id == role.id).order_by(RoleSoc.position).limit(1)
        ).scalar_one_or_none()
        wage = session.execute(select(Wage).where(Wage.soc == soc, Wage.area_code == national)).scalar_one_or_none()
        position = session.get(RolePayPosition, role.id)
        if wage is None or position is None:
            result[role.id] = None
            continue
        found = band_range(position.band, {stat: getattr(wage, stat) for stat in BAND_STATS})
        if found is None:
            result[role.id] = None
            continue
        low, high = found.low, found.high
        occupation = session.get(WageOccupation, soc)
        title = occupation.title if occupation is not None else soc
        result[role.id] = RankEntry(None, role_info(role), 0, wage.median, title, low, high)
    return result


def _places(keyed: list[tuple[tuple[int, ...], RankEntry]], order: Order) -> list[RankEntry]:
    """Sort by key (ties by name) and give each entry its competition-ranking position."""
    direction = -1 if order == "desc" else 1
    ordered = sorted(keyed, key=lambda item: (tuple(direction * k for k in item[0]), item[1].role.name))
    entries: list[RankEntry] = []
    previous: Optional[tuple[int, ...]] = None
    position = 0
    for index, (key, entry) in enumerate(ordered, start=1):
        if key != previous:
            position, previous = index, key
        entries.append(dataclasses.replace(entry, position=position))
    return entries


def rank(
    session: Session, scope: Scope, dimension: str, order: Order = "desc", limit: Optional[int] = None
) -> RankResult:
    """Put roles in order on one dimension.

    Args:
        session: an open session on a built KB.
        scope: the roles to rank (names or aliases as typed, or ``RoleInfo``; repeats are
            dropped), a ``Family`` to rank all its roles, or None for every role in the KB.
        dimension: a dimension slug, name or ``ask_<slug>`` intent ("budget", "compensation").
        order: "desc" puts the most (the highest-paid, the most senior) first, "asc" the least.
        limit: keep the entries placed 1 to ``limit``; a tie at the cut keeps every role
            sharing that place, so the list can be longer. Roles without wage data fill the
            list only while it is shorter than ``limit``.

    Returns:
        A ``Ranking``; or ``UnknownRole`` / ``UnknownDimension`` / ``UnknownFamily`` for input
        that names nothing known. Never raises for bad user input.
    """
    found = resolve_dimension(session, dimension)
    if isinstance(found, UnknownDimension):
        return found
    roles = _roles(session, scope)
    if not isinstance(roles, list):
        return roles
    row = session.execute(select(Dimension).where(Dimension.slug == found.slug)).scalar_one()
    levels = dict(
        session.execute(
            select(RoleTrait.role_id, RoleTrait.level).where(
                RoleTrait.dimension_id == row.id, RoleTrait.role_id.in_([r.id for r in roles])
            )
        ).all()
    )
    pay = _pay(session, roles) if found.slug == COMPENSATION else None
    keyed: list[tuple[tuple[int, ...], RankEntry]] = []
    unranked: list[RankEntry] = []
    for role in roles:
        entry = RankEntry(None, role_info(role), levels[role.id])
        if found.slug == HIERARCHY:
            keyed.append(((levels[role.id], role.seniority), entry))
        elif pay is not None:
            figures = pay[role.id]
            if figures is None:
                unranked.append(entry)
                continue
            middle = PayRange(figures.low, figures.high).middle
            keyed.append(((middle, entry.level), dataclasses.replace(figures, level=entry.level)))
        else:
            keyed.append(((levels[role.id],), entry))
    entries = _places(keyed, order)
    unranked.sort(key=lambda e: e.role.name)
    if limit is not None:
        entries = [e for e in entries if e.position is not None and e.position <= limit]
        unranked = unranked[: max(0, limit - len(entries))]
    basis: Basis = (
        "hierarchy"
        if found.slug == HIERARCHY
        else "wages"
        if pay is not None
        else "levels_no_wages"
        if found.slug == COMPENSATION
        else "levels"
    )
    release = session.execute(select(WageRelease.release)).scalar_one_or_none() if basis == "wages" else None
    family = scope.name if isinstance(scope, Family) else None
    if family is not None and roles:
        family = roles[0].family
    return Ranking(
        dimension=dimension_info(row),
        order=order,
        basis=basis,
        entries=tuple(entries),
        unranked=tuple(unranked),
        total=len(roles),
        family=family,
        release=release,
    )
