"""Typed results of the outside-occupation and pay-mix queries (``kb.wages.outside``, ``kb.wages.pay_mix``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from kb.results import AreaInfo, CareerPath, PayFigures, RoleInfo, RolePay, WageFigures


@dataclass(frozen=True)
class OccupationInfo:
    """A job outside the map: ``soc`` "29-1141" with its OEWS ``title`` ("Registered Nurses"), or a job
    OEWS does not cover (``soc`` None, ``title`` from content, e.g. "Military service member")."""

    key: str  # the entity value: the SOC code, else the group slug
    title: str
    soc: Optional[str]
    group: str  # outside group slug

    @property
    def named(self) -> str:
        """How answers name it: "Registered Nurses (BLS)", or the content's own name."""
        return f"{self.title} (BLS)" if self.soc else self.title


@dataclass(frozen=True)
class EntryRole:
    role: RoleInfo
    why: str


@dataclass(frozen=True)
class WaysIn:
    """What a group of outside occupations brings to operations and where it usually goes in."""

    occupation: OccupationInfo
    group_name: str
    entries: tuple[EntryRole, ...]
    transfers: tuple[str, ...]
    lacks: str
    first_step: str
    certification: Optional[str]  # catalogue name
    certification_full: Optional[str]


@dataclass(frozen=True)
class RouteIn:
    """The way from an outside occupation to ``goal``: through the entry role with the shortest route."""

    ways: WaysIn
    goal: RoleInfo
    entry: Optional[EntryRole]  # None: no entry role leads to the goal by typical steps
    path: Optional[CareerPath]
    ladder: Optional[CareerPath] = None  # with no entry: the way up from the first rung of the goal's ladder


@dataclass(frozen=True)
class OutsidePay:
    """Pay of jobs of one answer in one area: each side is an outside occupation or a role."""

    area: AreaInfo
    release: str
    sides: tuple[tuple[str, WageFigures, Optional[RolePay]], ...]  # (name, figures, the role's pay or None)
    instead_of: Optional[AreaInfo] = None  # the metro area asked for, when its state's figures are given


@dataclass(frozen=True)
class WaysInPay:
    """Pay of the usual ways into operations from an outside job, and of that job, in one area."""

    occupation: OccupationInfo
    own: Optional[WageFigures]  # None: a job OEWS does not count (military service)
    roles: PayFigures  # the entry roles, in the order of the ways in


@dataclass(frozen=True)
class PayMix:
    role: RoleInfo
    bonus: str
    equity: str
    text: str
