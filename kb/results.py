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


Problem = Union[UnknownRole, SameRole, UnknownDimension]
CompareResult = Union[Verdict, Comparison, UnknownRole, SameRole, UnknownDimension]
