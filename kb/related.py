"""Related comparisons: the pairs a reader of one comparison is likely to want next, and the roles
most worth comparing one role with. Pure functions over a ``Session``."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from kb.models import Contrast, Role
from kb.resolve import RoleRef, role_info, role_row, role_rows
from kb.results import RelatedComparison, RoleInfo


def _ranked_pairs(session: Session, anchors: list[Role], exclude: set[int]) -> list[tuple[float, str, Role, Role]]:
    """Pairs around ``anchors``: authored contrasts first, then the levels above and below,
    then close neighbours in the same job family (of the other anchor when there are two)."""
    anchor_ids = {a.id for a in anchors}
    scores: dict[frozenset[int], tuple[float, str, Role, Role]] = {}

    def offer(x: Role, y: Role, score: float, reason: str) -> None:
        key = frozenset((x.id, y.id))
        if x.id == y.id or key == frozenset(exclude):
            return
        if key not in scores or scores[key][0] < score:
            scores[key] = (score, reason, x, y)

    role_a, role_b = aliased(Role), aliased(Role)
    authored = session.execute(
        select(role_a, role_b)
        .join(Contrast, Contrast.role_a_id == role_a.id)
        .join(role_b, Contrast.role_b_id == role_b.id)
        .where(or_(Contrast.role_a_id.in_(anchor_ids), Contrast.role_b_id.in_(anchor_ids)))
    ).all()
    for x, y in authored:
        anchor, other = (x, y) if x.id in anchor_ids else (y, x)
        offer(anchor, other, 3.0, "in-depth comparison")
    boss_ids = {a.reports_to_id for a in anchors if a.reports_to_id is not None}
    neighbours = session.scalars(
        select(Role).where(or_(Role.id.in_(boss_ids), Role.reports_to_id.in_(anchor_ids)))
    ).all()
    for anchor in anchors:
        for neighbour in neighbours:
            if neighbour.id == anchor.reports_to_id:
                offer(anchor, neighbour, 2.5, "the next level up")
            elif neighbour.reports_to_id == anchor.id:
                offer(anchor, neighbour, 2.2, "the level below")
    peers = session.scalars(
        select(Role).where(Role.family.in_({a.family for a in anchors}), Role.id.not_in(anchor_ids))
    ).all()
    for anchor, peer_of in ((anchors[0], anchors[-1]), (anchors[-1], anchors[0])):
        for peer in peers:
            if peer.family == peer_of.family:
                offer(anchor, peer, 2.0 - 0.2 * abs(peer.seniority - peer_of.seniority), "a similar role")
    return sorted(scores.values(), key=lambda item: (-item[0], item[2].name, item[3].name))


def related_comparisons(session: Session, first: RoleRef, second: RoleRef, limit: int = 3) -> list[RelatedComparison]:
    """Comparisons a reader of this one is likely to want next, best first."""
    a, b = role_rows(session, first, second)
    if a is None or b is None or a.id == b.id:
        return []
    ranked = _ranked_pairs(session, [a, b], {a.id, b.id})
    return [RelatedComparison(role_info(x), role_info(y), reason, score) for score, reason, x, y in ranked[:limit]]


def counterparts(session: Session, role: RoleRef, limit: int = 5) -> list[RoleInfo]:
    """Roles most worth comparing ``role`` with, best first."""
    anchor = role_row(session, role)
    if anchor is None:
        return []
    ranked = _ranked_pairs(session, [anchor], {anchor.id})
    return [role_info(y) for _score, _reason, _x, y in ranked[:limit]]
