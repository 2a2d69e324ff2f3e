"""Career routes: the shortest typical route between two roles along next-role steps, and the
roles people usually move into a role from. Pure functions over a ``Session`` (re-exported by
``kb.queries``)."""

from __future__ import annotations

from collections import deque
from typing import Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import CareerStep, Role
from kb.resolve import RoleRef, role_info, role_row
from kb.results import CareerPath, RoleInfo, SameRole, UnknownRole


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
