"""Career routes: the shortest typical route between two roles along next-role steps, and the
roles people usually move into a role from. Pure functions over a ``Session`` (re-exported by
``kb.queries``)."""

from __future__ import annotations

from collections import deque
from typing import Optional, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import CareerStep, Role
from kb.resolve import RoleRef, role_info, role_row
from kb.results import CareerPath, FamilyLadder, RoleInfo, SameRole, UnknownRole


def career_path(session: Session, start: RoleRef, goal: RoleRef) -> Union[CareerPath, UnknownRole, SameRole]:
    """Shortest typical route from ``start`` to ``goal`` along next-role edges (``next_roles``).

    Reporting lines are not moves: a Warehouse Associate reports to a Warehouse Manager but
    does not usually become one in a single step. ``make kb`` keeps every step within one
    level of seniority (``kb.content.rules.career``)."""
    a, b = role_row(session, start), role_row(session, goal)
    for ref, role in ((start, a), (goal, b)):
        if role is None:
            return UnknownRole(query=ref.name if isinstance(ref, RoleInfo) else ref)
    assert a is not None and b is not None
    if a.id == b.id:
        return SameRole(role=role_info(a))
    edges: dict[int, set[int]] = {}
    for source, target in session.execute(select(CareerStep.from_role_id, CareerStep.to_role_id)):
        edges.setdefault(source, set()).add(target)
    previous: dict[int, int] = {a.id: a.id}
    queue = deque([a.id])
    while queue:
        current = queue.popleft()
        if current == b.id:
            break
        for target in sorted(edges.get(current, ())):
            if target not in previous:
                previous[target] = current
                queue.append(target)
    if b.id not in previous:
        return CareerPath(start=role_info(a), goal=role_info(b))
    steps = [b.id]
    while steps[-1] != a.id:
        steps.append(previous[steps[-1]])
    roles = {r.id: r for r in session.scalars(select(Role).where(Role.id.in_(steps)))}
    return CareerPath(start=role_info(a), goal=role_info(b), steps=tuple(role_info(roles[i]) for i in reversed(steps)))


def entry_roles(session: Session, goal: RoleRef) -> tuple[RoleInfo, ...]:
    """Roles people typically move into ``goal`` from."""
    role = role_row(session, goal)
    if role is None:
        return ()
    return tuple(
        role_info(r)
        for r in session.scalars(
            select(Role)
            .join(CareerStep, CareerStep.from_role_id == Role.id)
            .where(CareerStep.to_role_id == role.id)
            .order_by(Role.seniority.desc(), Role.name)
        )
    )


def family_ladder(session: Session, family: str) -> Optional[FamilyLadder]:
    """The roles of the job ``family`` (its exact KB name) by seniority level, lowest first, and the ones
    people usually start in; None when no role has that family."""
    roles = list(session.scalars(select(Role).where(Role.family == family).order_by(Role.seniority, Role.name)))
    if not roles:
        return None
    members = {row.id for row in roles}
    steps = list(session.execute(select(CareerStep.from_role_id, CareerStep.to_role_id)))
    from_inside = {target for source, target in steps if source in members}
    levels: dict[int, list[RoleInfo]] = {}
    for row in roles:
        levels.setdefault(row.seniority, []).append(role_info(row))
    rungs = tuple(tuple(level) for _, level in sorted(levels.items()))
    lowest = [row for row in roles if row.seniority == roles[0].seniority]
    entry_rows = [row for row in roles if row.id not in from_inside] or lowest
    entry_ids = {row.id for row in entry_rows}
    feeder_ids = {source for source, target in steps if target in entry_ids and source not in members}
    feeders = session.scalars(select(Role).where(Role.id.in_(feeder_ids)).order_by(Role.seniority.desc(), Role.name))
    return FamilyLadder(family, rungs, tuple(role_info(r) for r in entry_rows), tuple(role_info(r) for r in feeders))


def _members(session: Session, family: str) -> list[RoleInfo]:
    return [role_info(r) for r in session.scalars(select(Role).where(Role.family == family).order_by(Role.name))]


def nearest_in_family(session: Session, start: RoleInfo, family: str) -> Optional[CareerPath]:
    """The shortest typical route from ``start`` to any role of ``family`` (fewest moves, then lowest level)."""
    routes = []
    for member in _members(session, family):
        if member.name == start.name:
            continue
        path = career_path(session, start.name, member.name)
        if isinstance(path, CareerPath) and path.found:
            routes.append((len(path.steps), member.seniority, path))
    return min(routes, key=lambda r: (r[0], r[1]))[2] if routes else None


def closest_level(session: Session, start: RoleInfo, family: str) -> Optional[RoleInfo]:
    """The role of ``family`` nearest ``start`` in seniority (the lower one on a tie): a sideways move."""
    others = [m for m in _members(session, family) if m.name != start.name]
    return min(others, key=lambda m: (abs(m.seniority - start.seniority), m.seniority)) if others else None


def ladder_start(session: Session, goal: RoleRef) -> Optional[CareerPath]:
    """The shortest typical route to ``goal`` from a role people join without a typical previous role (the
    first rung of its ladder: Facilities Coordinator for a Facilities Manager), the first such role by name on a
    tie; None when ``goal`` is unknown or no such role leads to it. ``goal`` itself counts when it is one."""
    target = role_row(session, goal)
    if target is None:
        return None
    joined = set(session.scalars(select(CareerStep.to_role_id)))
    starts = session.scalars(select(Role).where(Role.id.not_in(joined)).order_by(Role.name)) if joined else []
    best: Optional[CareerPath] = None
    for start in starts:
        if start.id == target.id:
            return CareerPath(start=role_info(target), goal=role_info(target), steps=(role_info(target),))
        path = career_path(session, role_info(start), role_info(target))
        if isinstance(path, CareerPath) and path.found and (best is None or len(path.steps) < len(best.steps)):
            best = path
    return best
