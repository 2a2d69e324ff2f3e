"""Yes/no questions about reporting lines: "does a buyer report to a procurement manager?".

Pure functions over a ``Session``, answered from the reporting graph (``Role.reports_to``,
see ``kb.reporting``). Questions on a dimension asked the other way round ("who earns
less?", "is a shift manager above a supervisor?") need no query of their own: they are
``kb.queries.compare_on`` verdicts worded by ``kb.wording.polarity``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from sqlalchemy.orm import Session

from kb.models import Role
from kb.reporting import chain_above
from kb.resolve import RoleRef, resolve_role, role_info, role_rows
from kb.results import RoleInfo, SameRole, UnknownRole


@dataclass(frozen=True)
class ReportingAnswer:
    """Whether ``subject`` reports to ``manager``.

    ``line`` runs from ``subject`` up to ``manager`` (both included) when it does, directly
    (two roles) or through others; ``reverse`` runs from ``manager`` up to ``subject`` when it
    is the other way round; both are empty when the two are in separate reporting lines.
    ``subject_manager`` is whom ``subject`` reports to directly (None at the top).
    """

    subject: RoleInfo
    manager: RoleInfo
    line: tuple[RoleInfo, ...]
    reverse: tuple[RoleInfo, ...]
    subject_manager: Optional[RoleInfo]

    @property
    def answer(self) -> bool:
        return bool(self.line)

    @property
    def direct(self) -> bool:
        return len(self.line) == 2


def _line_up(lower: Role, upper: Role) -> tuple[Role, ...]:
    above = chain_above(lower, lambda role: role.reports_to)
    return (lower, *above[: above.index(upper) + 1]) if upper in above else ()


def reports_to_chain(session: Session, lower: RoleRef, upper: RoleRef) -> tuple[RoleInfo, ...]:
    """The reporting line from ``lower`` up to ``upper``, both included; empty when ``lower`` is
    not below ``upper`` (or either is not a role's canonical name)."""
    a, b = role_rows(session, lower, upper)
    if a is None or b is None or a.id == b.id:
        return ()
    return tuple(role_info(role) for role in _line_up(a, b))


def reports_to(session: Session, subject: str, manager: str) -> Union[ReportingAnswer, UnknownRole, SameRole]:
    """Does ``subject`` report to ``manager`` (both as typed: aliases and typos resolved)?"""
    matches = []
    for text in (subject, manager):
        match = resolve_role(session, text)
        if isinstance(match, UnknownRole):
            return match
        matches.append(match.role)
    if matches[0] == matches[1]:
        return SameRole(role=matches[0])
    a, b = role_rows(session, matches[0], matches[1])
    assert a is not None and b is not None
    return ReportingAnswer(
        subject=role_info(a),
        manager=role_info(b),
        line=tuple(role_info(role) for role in _line_up(a, b)),
        reverse=tuple(role_info(role) for role in _line_up(b, a)),
        subject_manager=role_info(a.reports_to) if a.reports_to is not None else None,
    )
