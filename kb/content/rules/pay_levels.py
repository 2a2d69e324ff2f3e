"""Rules that keep authored pay levels and pay verdicts in line with the wage data (US BLS OEWS).

A role's typical pay range is its ``pay_position`` band within its first SOC occupation,
national figures (``kb.wages.verdict``); answers decide who is paid more from those ranges.
So the 1-5 compensation level of a role must be the level its range's middle falls in
(``LEVEL_FLOORS``), and an authored compensation point must name the role the ranges name
(or call a tie exactly when the ranges call one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

from kb.content.load import Content, ContentError, RoleSpec
from kb.wages.verdict import TIE_RATIO, PayRange, band_range, pay_leader

COMPENSATION = "compensation"
# The lowest range middle (USD a year, national) of each compensation level 1-5.
LEVEL_FLOORS = (0, 50_000, 88_000, 125_000, 200_000)
Percentiles = Mapping[str, Mapping[str, Optional[int]]]


def level_for(middle: int) -> int:
    """The compensation level 1-5 whose floor is the highest one at or below ``middle`` (USD)."""
    return max(level for level, floor in enumerate(LEVEL_FLOORS, start=1) if middle >= floor)


def _bounds(level: int) -> str:
    low = LEVEL_FLOORS[level - 1]
    if level == len(LEVEL_FLOORS):
        return f"${low:,} or more"
    return f"${low:,} to ${LEVEL_FLOORS[level] - 1:,}"


def role_range(role: RoleSpec, national: Percentiles) -> Optional[PayRange]:
    """The role's typical national range, or None when its band or figures are missing."""
    if not role.soc or role.pay_position is None or role.soc[0][0] not in national:
        return None
    return band_range(role.pay_position.band, national[role.soc[0][0]])


def check_pay_levels(content: Content, national: Percentiles) -> list[ContentError]:
    """Compensation levels and authored compensation leaders that disagree with the pay ranges.

    Args:
        content: everything read from the content files (already past ``kb.content.validate``).
        national: SOC code -> national percentiles ("p10" ... "p90", USD a year), as read by
            ``kb.wages.load.national_percentiles``.
    """
    errors: list[ContentError] = []
    ranges = {role.name: role_range(role, national) for role in content.roles}
    for role in content.roles:
        found, trait = ranges[role.name], role.traits.get(COMPENSATION)
        if found is None or trait is None or not isinstance(trait.level, int):
            continue
        expected = level_for(found.middle)
        if trait.level != expected:
            band = role.pay_position.band if role.pay_position else "?"
            errors.append(
                ContentError(
                    trait.where,
                    f"'{role.name}' has compensation level {trait.level}, but its pay band ({band} of SOC "
                    f"{role.soc[0][0]}: range middle ${found.middle:,} nationally) is level {expected} "
                    f"({_bounds(expected)}): change the level or the band",
                )
            )
    for contrast in content.contrasts:
        point = contrast.points.get(COMPENSATION)
        first, second = (ranges.get(name) for name in contrast.roles)
        if point is None or first is None or second is None:
            continue
        index = pay_leader(first, second)
        leader = None if index is None else contrast.roles[index]
        if point.leader != leader:
            said = "a tie" if point.leader is None else f"'{point.leader}'"
            truth = (
                f"ties them (range middles ${first.middle:,} and ${second.middle:,}, within "
                f"{round((TIE_RATIO - 1) * 100)}%)"
                if leader is None
                else f"names '{leader}' (range middles ${first.middle:,} vs ${second.middle:,})"
            )
            errors.append(
                ContentError(point.where, f"'compensation' says {said} but the wage data {truth}: follow the data")
            )
    return errors
