"""One verdict: which of two roles leads on one dimension, and why.

Who leads is decided, in order, by:

- **compensation** with wage data: the two roles' typical pay ranges (``kb.wages.verdict``),
  from the figures the answer prints (national when the answer prints none);
- **hierarchy**: the reporting line when one role is in the other's chain;
- an authored contrast point (``kb/data/contrasts``);
- **scope, strategy, budget, decision-making**: equal levels of two roles in one reporting
  line go to the upper role (``TIE_BROKEN_BY_LINE``); a contrast is the only way to call
  them a tie;
- otherwise the 1-5 levels of the two role profiles (and the seniority ranks on the hierarchy).
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy.orm import Session

from kb.models import ContrastPoint, Dimension, Role, RoleTrait
from kb.wages.verdict import BAND_STATS, PayRange, band_range, gap_ratio, pay_leader
from kb.reporting import HIERARCHY, reporting_line, typical_leader
from kb.resolve import dimension_info, role_info
from kb.results import AreaInfo, PayFigures, RolePay, Verdict
from kb.text import first_sentence
from kb.wages.figures import pay_figures

COMPENSATION = "compensation"
TIE_BROKEN_BY_LINE = ("scope", "strategy", "budget", "decision_making")


def role_range(pay: RolePay) -> Optional[PayRange]:
    """A role's typical range in the figures printed for it (its first SOC occupation)."""
    figures = pay.figures[0] if pay.figures else None
    if figures is None or not figures.found:
        return None
    return band_range(pay.band, {stat: getattr(figures, stat) for stat in BAND_STATS})


def pay_ranges(
    session: Session, a: Role, b: Role, area: Optional[AreaInfo] = None
) -> tuple[Optional[PayFigures], Optional[tuple[PayRange, PayRange]]]:
    """The figures of ``a`` and ``b`` in ``area`` (national when None) and their two ranges.

    The ranges fall back to the national figures when the area publishes no range for one of
    the roles; they are None without wage data.
    """
    infos = [role_info(a), role_info(b)]
    printed = pay_figures(session, infos, area)
    for figures in (printed, pay_figures(session, infos) if area is not None else None):
        if figures is not None:
            ranges = [role_range(pay) for pay in figures.roles]
            if ranges[0] is not None and ranges[1] is not None:
                return printed, (ranges[0], ranges[1])
    return printed, None


def _leader(
    dimension: Dimension,
    a: Role,
    b: Role,
    levels: tuple[int, int],
    point: Optional[ContrastPoint],
    line: tuple[Role, ...],
    ranges: Optional[tuple[PayRange, PayRange]],
) -> Optional[Role]:
    if dimension.slug == COMPENSATION and ranges is not None:
        index = pay_leader(*ranges)
        return None if index is None else (a, b)[index]
    if dimension.slug == HIERARCHY and line:
        return line[-1]
    if point is not None:
        return {a.id: a, b.id: b}.get(point.leader_id) if point.leader_id else None
    if line and levels[0] == levels[1]:
        return line[-1]
    ranks = (a.seniority, b.seniority) if dimension.slug == HIERARCHY else (0, 0)
    return typical_leader(a, b, levels, ranks)


def verdict(
    dimension: Dimension,
    a: Role,
    b: Role,
    trait_a: RoleTrait,
    trait_b: RoleTrait,
    point: Optional[ContrastPoint],
    ranges: Optional[tuple[PayRange, PayRange]] = None,
) -> Verdict:
    """``a`` and ``b`` on ``dimension``; ``ranges`` are their typical pay ranges (compensation only)."""
    line: tuple[Role, ...] = ()
    if dimension.slug == HIERARCHY or (dimension.slug in TIE_BROKEN_BY_LINE and point is None):
        line = reporting_line(a, b, lambda role: role.reports_to)
    if dimension.slug != HIERARCHY and (trait_a.level != trait_b.level):
        line = ()
    leader = _leader(dimension, a, b, (trait_a.level, trait_b.level), point, line, ranges)
    flip = leader is not None and leader.id == b.id
    if point is not None and (point.leader_id or None) == (leader.id if leader is not None else None):
        explanation, source = point.text, "authored"
    else:
        first_text, second_text = (trait_b.text, trait_a.text) if flip else (trait_a.text, trait_b.text)
        explanation, source = f"{first_sentence(first_text)} {first_sentence(second_text)}", "profiles"
    info_a, info_b = role_info(a), role_info(b)
    with_ranges = dimension.slug == COMPENSATION and ranges is not None
    return Verdict(
        dimension=dimension_info(dimension),
        first=info_b if flip else info_a,
        second=info_a if flip else info_b,
        leader=role_info(leader) if leader is not None else None,
        explanation=explanation,
        source=source,  # type: ignore[arg-type]
        first_level=trait_b.level if flip else trait_a.level,
        second_level=trait_a.level if flip else trait_b.level,
        line=tuple(role_info(role) for role in line),
        typical=dimension.slug == HIERARCHY and not line,
        pay_gap=gap_ratio(*ranges) if with_ranges and ranges is not None else None,
    )
