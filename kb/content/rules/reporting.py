"""Rules that keep levels, authored verdicts and text in line with the reporting graph.

The bot decides the hierarchy from ``reports_to`` chains (see ``kb.reporting``), so
content that disagrees with those chains would make two answers contradict each other.
These rules run after the basic role rules in ``kb.content.validate`` and skip anything those
already report (unknown roles, levels that are not numbers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Optional

from kb.content.load import Content, ContentError, RoleSpec
from kb.content.contrasts import ContrastSpec
from kb.reporting import FOLLOWS_REPORTING_LINE, HIERARCHY, reporting_line
from kb.text import lookup_key

# "reports to the X", "reporting directly to a X", "report straight to X": up to six words after.
_REPORTS_TO = re.compile(r"\b(?:reports?|reporting)\s+(?:directly\s+|straight\s+)?to\s+((?:[\w&/'-]+\s*){1,6})", re.I)


def check_reporting(content: Content, roles: dict[str, RoleSpec]) -> list[ContentError]:
    """Every disagreement between the reporting graph and levels, contrasts or text."""
    errors = _levels_under_manager(roles)
    errors += _hierarchy_level_and_rank(roles)
    errors += _hierarchy_text(roles)
    for contrast in content.contrasts:
        errors += _contrast_follows_line(contrast, roles)
    return errors


def _level(role: RoleSpec, slug: str) -> Optional[int]:
    trait = role.traits.get(slug)
    if trait is None or isinstance(trait.level, bool) or not isinstance(trait.level, int):
        return None
    return trait.level


def _boss_of(roles: dict[str, RoleSpec]) -> Callable[[str], Optional[str]]:
    return lambda name: roles[name].reports_to if name in roles else None


def _levels_under_manager(roles: dict[str, RoleSpec]) -> list[ContentError]:
    """A role's level never exceeds its manager's on a dimension that follows the reporting line."""
    errors = []
    for role in roles.values():
        boss = roles.get(role.reports_to or "")
        if boss is None or boss.name == role.name:
            continue
        for slug in FOLLOWS_REPORTING_LINE:
            level, boss_level = _level(role, slug), _level(boss, slug)
            if level is not None and boss_level is not None and level > boss_level:
                errors.append(
                    ContentError(
                        role.traits[slug].where,
                        f"'{role.name}' has '{slug}' level {level}, above the {boss_level} of "
                        f"'{boss.name}', whom they report to",
                    )
                )
    return errors


def _hierarchy_level_and_rank(roles: dict[str, RoleSpec]) -> list[ContentError]:
    """A higher seniority rank never comes with a lower hierarchy level (levels decide between chains)."""
    errors = []
    for role in roles.values():
        level = _level(role, HIERARCHY)
        if level is None:
            continue
        seniors = [r for r in roles.values() if r.seniority > role.seniority and _level(r, HIERARCHY) is not None]
        if not seniors:
            continue
        lowest = min(seniors, key=lambda r: (_level(r, HIERARCHY), -r.seniority, r.name))
        lowest_level = _level(lowest, HIERARCHY)
        assert lowest_level is not None
        if lowest_level < level:
            errors.append(
                ContentError(
                    role.traits[HIERARCHY].where,
                    f"'{role.name}' (rank {role.seniority}) has hierarchy level {level}, above the "
                    f"{lowest_level} of the more senior '{lowest.name}' (rank {lowest.seniority})",
                )
            )
    return errors


def _named_role(text: str, keys: dict[str, str], exclude: str) -> Optional[str]:
    """The first known role (other than ``exclude``) that ``text`` says someone reports to."""
    for match in _REPORTS_TO.finditer(text):
        words = match.group(1).split()
        for length in range(len(words), 0, -1):
            owner = keys.get(lookup_key(" ".join(words[:length])))
            if owner is not None and owner != exclude:
                return owner
    return None


def _hierarchy_text(roles: dict[str, RoleSpec]) -> list[ContentError]:
    """A role's own hierarchy text that names who it reports to must name its ``reports_to``."""
    keys = {lookup_key(role.name): role.name for role in roles.values()}
    for role in roles.values():
        for alias, _where in role.aliases:
            keys.setdefault(lookup_key(alias), role.name)
    errors = []
    for role in roles.values():
        trait = role.traits.get(HIERARCHY)
        if trait is None:
            continue
        named = _named_role(trait.text, keys, role.name)
        if named is not None and named != role.reports_to:
            boss = f"'{role.reports_to}'" if role.reports_to else "empty"
            errors.append(
                ContentError(
                    trait.where,
                    f"the hierarchy text of '{role.name}' says they report to '{named}', but 'reports_to' is {boss}",
                )
            )
    return errors


def _contrast_follows_line(contrast: ContrastSpec, roles: dict[str, RoleSpec]) -> list[ContentError]:
    """Between two roles in one reporting chain, the lower never leads where the line decides.

    On the hierarchy itself the upper role must lead: a tie is wrong too.
    """
    first, second = contrast.roles
    if first not in roles or second not in roles or first == second:
        return []
    line = reporting_line(first, second, _boss_of(roles))
    if not line:
        return _rank_decides_a_level_tie(contrast, roles)
    lower, upper = line[0], line[-1]
    via = f" through {', '.join(repr(name) for name in line[1:-1])}" if len(line) > 2 else ""
    errors = []
    for slug in FOLLOWS_REPORTING_LINE:
        point = contrast.points.get(slug)
        if point is None or point.leader not in (lower, None) or (point.leader is None and slug != HIERARCHY):
            continue
        said = "is marked a tie" if point.leader is None else f"names '{lower}' as leader"
        rule = f"'{upper}' leads" if slug == HIERARCHY else f"'{lower}' cannot lead on '{slug}'"
        errors.append(ContentError(point.where, f"'{slug}' {said} but '{lower}' reports to '{upper}'{via}, so {rule}"))
    return errors


def _rank_decides_a_level_tie(contrast: ContrastSpec, roles: dict[str, RoleSpec]) -> list[ContentError]:
    """Between separate chains at one hierarchy level, an authored leader may not be the lower-ranked role."""
    point = contrast.points.get(HIERARCHY)
    if point is None or point.leader not in contrast.roles:
        return []
    leader = roles[point.leader]
    other = roles[contrast.roles[1] if point.leader == contrast.roles[0] else contrast.roles[0]]
    levels = (_level(leader, HIERARCHY), _level(other, HIERARCHY))
    if levels[0] is None or levels[0] != levels[1] or leader.seniority >= other.seniority:
        return []
    return [
        ContentError(
            point.where,
            f"'hierarchy' names '{leader.name}' as leader but '{other.name}' has the higher rank "
            f"({other.seniority} vs {leader.seniority}) at the same hierarchy level",
        )
    ]
