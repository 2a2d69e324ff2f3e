"""Synthetic knowledge bases of any size, made from the real content.

Roles are copied from the real roster in groups: group ``g`` renames every role
``"<name> X<g>"`` and every alias ``"<alias> x<g>"`` (so each alias key stays unique),
keeps all 12 traits, remaps reporting lines and next roles inside the group, and copies
the authored contrasts whose two roles are both in the group. The last group may be
partial: links to roles left out are dropped. The result passes ``kb.content.validate``.
"""

from __future__ import annotations

import dataclasses

from kb.content.load import Content, RoleSpec
from kb.content.contrasts import ContrastSpec, PointSpec


def _tag(group: int) -> str:
    return f"X{group:04d}"


def synthetic_content(base: Content, n_roles: int) -> Content:
    """A content set of exactly ``n_roles`` renamed copies of the roles in ``base``."""
    if n_roles < 2:
        raise ValueError("a knowledge base needs at least two roles")
    if not base.roles:
        raise ValueError("the base content has no roles to copy")
    # Least senior first, so a partial group keeps the roles people move up from (every role of rank 3
    # or more needs a way in: kb.content.rules.career); a missing manager only drops a reporting line.
    template = sorted(base.roles, key=lambda r: (r.seniority, r.name))
    roles: list[RoleSpec] = []
    contrasts: list[ContrastSpec] = []
    group = 0
    while len(roles) < n_roles:
        tag = _tag(group)
        members = template[: n_roles - len(roles)]
        names = {r.name: f"{r.name} {tag}" for r in members}
        for spec in members:
            roles.append(
                dataclasses.replace(
                    spec,
                    name=names[spec.name],
                    reports_to=names.get(spec.reports_to) if spec.reports_to else None,
                    next_roles=[(names[t], w) for t, w in spec.next_roles if t in names],
                    aliases=[(f"{alias} {tag.lower()}", w) for alias, w in spec.aliases],
                    traits=dict(spec.traits),
                )
            )
        for contrast in base.contrasts:
            if all(name in names for name in contrast.roles):
                contrasts.append(
                    dataclasses.replace(
                        contrast,
                        roles=(names[contrast.roles[0]], names[contrast.roles[1]]),
                        points={
                            slug: dataclasses.replace(p, leader=names[p.leader] if p.leader else None)
                            for slug, p in contrast.points.items()
                        },
                    )
                )
        group += 1
    return Content(
        dimensions=list(base.dimensions), roles=roles, contrasts=contrasts, certifications=list(base.certifications)
    )


__all__ = ["PointSpec", "synthetic_content"]
