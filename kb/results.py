"""Typed answers of the query layer.

Queries never raise for things a user can get wrong (an unknown role, the same
role twice, an unknown dimension): they return one of these, and the caller
renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional, Union

Source = Literal["authored", "profiles"]


@dataclass(frozen=True)
class RoleInfo:
    name: str
    slug: str
    family: str
    seniority: int
    article: str
    summary: str

    @property
    def with_article(self) -> str:
        return f"{self.article} {self.name}"


@dataclass(frozen=True)
class DimensionInfo:
    slug: str
    name: str
    more: str
    tie: str


@dataclass(frozen=True)
class RoleMatch:
    """A role recognised in user text; ``confidence`` is 1.0 for an exact alias."""

    query: str
    role: RoleInfo
    confidence: float
    matched: str


@dataclass(frozen=True)
class UnknownRole:
    """Text that names no role with enough confidence; ``suggestions`` are the closest."""

    query: str
    suggestions: tuple[RoleInfo, ...] = ()


@dataclass(frozen=True)
class SameRole:
    role: RoleInfo


@dataclass(frozen=True)
class UnknownDimension:
    query: str
    known: tuple[DimensionInfo, ...]


@dataclass(frozen=True)
class Verdict:
    """Two roles on one dimension. ``leader`` is None when they are comparable.

    On compensation with wage data, the leader comes from the two roles' typical pay ranges
    (``kb.wages.verdict``) and ``pay_gap`` says how far apart their middles are. On scope,
    strategy, budget and decision-making, equal levels of two roles in one reporting line are
    decided by that line (``line`` is then set as for the hierarchy) unless a contrast says why
    they tie.

    On the hierarchy, ``line`` is the reporting line from the lower role up to the
    leader (both included) when one reports to the other, directly or through others;
    ``typical`` marks a hierarchy verdict between roles in separate reporting chains,
    which can only say where such roles typically sit.
    """

    dimension: DimensionInfo
    first: RoleInfo
    second: RoleInfo
    leader: Optional[RoleInfo]
    explanation: str
    source: Source
    first_level: int
    second_level: int
    line: tuple[RoleInfo, ...] = ()
    typical: bool = False
    pay: Optional[PayFigures] = None  # compensation only: sourced wage figures, when the KB has them
    pay_gap: Optional[float] = None  # compensation from wage data: higher range middle / lower (1.0+)

    @property
    def trailer(self) -> Optional[RoleInfo]:
        if self.leader is None:
            return None
        return self.second if self.leader == self.first else self.first


@dataclass(frozen=True)
class Comparison:
    """Two roles on every dimension, in dimension order."""

    first: RoleInfo
    second: RoleInfo
    verdicts: tuple[Verdict, ...]
    authored: bool


@dataclass(frozen=True)
class Trait:
    dimension: DimensionInfo
    level: int
    text: str


@dataclass(frozen=True)
class RoleProfile:
    role: RoleInfo
    reports_to: Optional[RoleInfo]
    next_roles: tuple[RoleInfo, ...]
    previous_roles: tuple[RoleInfo, ...]
    traits: tuple[Trait, ...]


@dataclass(frozen=True)
class RelatedComparison:
    first: RoleInfo
    second: RoleInfo
    reason: str
    score: float


@dataclass(frozen=True)
class CareerPath:
    """Typical steps from ``start`` to ``goal``; ``steps`` includes both ends."""

    start: RoleInfo
    goal: RoleInfo
    steps: tuple[RoleInfo, ...] = field(default=())

    @property
    def found(self) -> bool:
        return bool(self.steps)


@dataclass(frozen=True)
class FamilyLadder:
    """A job family's roles from the most junior up: ``rungs`` groups them by seniority level (lowest
    first); ``entry`` are its roles no move from another role of the family leads into (where people join
    it), lowest first; ``feeders`` the roles of other families that typically lead into those (none: people
    start there from outside operations)."""

    family: str
    rungs: tuple[tuple[RoleInfo, ...], ...]
    entry: tuple[RoleInfo, ...]
    feeders: tuple[RoleInfo, ...] = ()


@dataclass(frozen=True)
class AreaInfo:
    """An OEWS area; ``kind`` is N (national), S (state or territory) or M (metro or nonmetro area)."""

    code: str
    kind: str
    name: str


@dataclass(frozen=True)
class UnknownArea:
    """A place name matching no OEWS area; ``suggestions`` are the closest names."""

    query: str
    suggestions: tuple[AreaInfo, ...] = ()


@dataclass(frozen=True)
class WageFigures:
    """One SOC occupation in one area: employment and annual wages (USD); None = not published.

    ``notes`` maps a statistic ("employment", "p10" ... "p90") to the BLS footnote on it.
    ``found`` is False when BLS publishes nothing at all for the occupation in the area.
    """

    soc: str
    title: str
    found: bool = False
    employment: Optional[int] = None
    p10: Optional[int] = None
    p25: Optional[int] = None
    median: Optional[int] = None
    p75: Optional[int] = None
    p90: Optional[int] = None
    notes: tuple[tuple[str, str], ...] = ()

    def note(self, statistic: str) -> Optional[str]:
        return dict(self.notes).get(statistic)


@dataclass(frozen=True)
class RolePay:
    """A role's SOC figures and where in them the role typically sits (its ``pay_position``)."""

    role: RoleInfo
    band: str
    position: str
    figures: tuple[WageFigures, ...]


@dataclass(frozen=True)
class PayFigures:
    """Pay data for the roles of one answer, in one area, from one OEWS release ("May 2025")."""

    area: AreaInfo
    release: str
    roles: tuple[RolePay, ...]

    @property
    def shared(self) -> bool:
        """True when every role has the same SOC code(s), so the figures are one distribution."""
        return len({tuple(f.soc for f in pay.figures) for pay in self.roles}) == 1


Problem = Union[UnknownRole, SameRole, UnknownDimension]
CompareResult = Union[Verdict, Comparison, UnknownRole, SameRole, UnknownDimension, UnknownArea]
