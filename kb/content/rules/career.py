"""Rules for the career map (``next_roles``): steps climb one level of seniority at a time, and
every role from supervisor level up has a way in.

Seniority is the ROSTER's rank (1 entry ... 8 top). Ranks advance in steps of one or two
(a family without a supervisor tier goes from rank 2 to rank 4), so a step may climb at most
``MAX_CLIMB`` ranks; anything more skips a level. A role of rank ``WAY_IN_FROM`` or more is
reached from somewhere: at least one role lists it as a next role.
"""

from __future__ import annotations

from kb.content.load import Content, ContentError, RoleSpec

MAX_CLIMB = 2
WAY_IN_FROM = 3


def check_career(content: Content, roles: dict[str, RoleSpec]) -> list[ContentError]:
    """Steps that skip a level of seniority, and roles at rank 3 or above that nobody moves into."""
    errors = []
    reached: set[str] = set()
    for role in roles.values():
        for target, where in role.next_roles:
            other = roles.get(target)
            if other is None:
                continue
            reached.add(target)
            if other.seniority - role.seniority > MAX_CLIMB:
                errors.append(
                    ContentError(
                        where,
                        f"'{role.name}' (rank {role.seniority}) to '{target}' (rank {other.seniority}) climbs "
                        f"more than one level of seniority: list a step in between",
                    )
                )
    for role in roles.values():
        if role.seniority >= WAY_IN_FROM and role.name not in reached:
            errors.append(
                ContentError(
                    role.where,
                    f"'{role.name}' (rank {role.seniority}) has no way in: no role lists it in 'next_roles'",
                )
            )
    return errors
