"""Turning what a user typed into a known role or dimension.

Exact aliases are an indexed lookup. Only when that fails do we fall back to
fuzzy matching over the alias keys, which is what forgives typos such as
"operatons manger". The fuzzy pass scores every alias, so the alias keys are
read once per KB build and scored in one vectorised call.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Union

import numpy as np
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import Build, Dimension, Role, RoleAlias
from kb.results import DimensionInfo, RoleInfo, RoleMatch, UnknownDimension, UnknownRole
from kb.text import lookup_key

ACCEPT_SCORE = 85.0
SURE_SCORE = 95.0
MIN_MARGIN = 4.0
SUGGEST_SCORE = 55.0
MAX_SUGGESTIONS = 3
CANDIDATES = 12
CACHED_BUILDS = 4


def role_info(role: Role) -> RoleInfo:
    return RoleInfo(
        name=role.name,
        slug=role.slug,
        family=role.family,
        seniority=role.seniority,
        article=role.article,
        summary=role.summary,
    )


def dimension_info(dimension: Dimension) -> DimensionInfo:
    return DimensionInfo(slug=dimension.slug, name=dimension.name, more=dimension.more_phrase, tie=dimension.tie_phrase)


def _score(query: str, choice: str, **_: object) -> float:
    return max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))


@dataclass(frozen=True)
class AliasIndex:
    """Every alias of one KB build, in parallel lists, ready for fuzzy scoring."""

    keys: list[str]
    role_ids: list[int]
    aliases: list[str]

    def closest(self, key: str, limit: int = CANDIDATES) -> list[tuple[float, int]]:
        """(score, position) of the ``limit`` best aliases, best first; ties keep alias order.

        Scores are those of ``_score``, computed for all aliases at once in rapidfuzz's C code.
        """
        if not self.keys:
            return []
        ratio = process.cdist([key], self.keys, scorer=fuzz.ratio, dtype=np.float64)[0]
        token_sort = process.cdist([key], self.keys, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
        scores = np.maximum(ratio, token_sort)
        best = np.argsort(-scores, kind="stable")[:limit]
        return [(float(scores[i]), int(i)) for i in best]


_indexes: OrderedDict[str, AliasIndex] = OrderedDict()


def alias_index(session: Session) -> AliasIndex:
    """The KB's aliases, read once per build (a rebuild gets a new build id, so never stale)."""
    build = session.execute(select(Build.id)).scalar_one_or_none()
    if build is not None and build in _indexes:
        _indexes.move_to_end(build)
        return _indexes[build]
    rows = session.execute(select(RoleAlias.key, RoleAlias.role_id, RoleAlias.alias).order_by(RoleAlias.id)).all()
    index = AliasIndex([r.key for r in rows], [r.role_id for r in rows], [r.alias for r in rows])
    if build is not None:
        _indexes[build] = index
        if len(_indexes) > CACHED_BUILDS:
            _indexes.popitem(last=False)
    return index


def resolve_role(session: Session, text: str) -> Union[RoleMatch, UnknownRole]:
    """The role ``text`` names, with a confidence; or the closest roles when unsure."""
    key = lookup_key(text)
    if not key:
        return UnknownRole(query=text)
    exact = session.execute(select(Role, RoleAlias.alias).join(RoleAlias.role).where(RoleAlias.key == key)).first()
    if exact is not None:
        return RoleMatch(query=text, role=role_info(exact[0]), confidence=1.0, matched=exact[1])
    index = alias_index(session)
    best_per_role: dict[int, tuple[float, str]] = {}
    for score, position in index.closest(key):
        role_id = index.role_ids[position]
        if role_id not in best_per_role:
            best_per_role[role_id] = (score, index.aliases[position])
    ordered = sorted(best_per_role.items(), key=lambda item: -item[1][0])
    if ordered:
        role_id, (score, alias) = ordered[0]
        runner_up = ordered[1][1][0] if len(ordered) > 1 else 0.0
        if score >= SURE_SCORE or (score >= ACCEPT_SCORE and score - runner_up >= MIN_MARGIN):
            role = session.get(Role, role_id)
            return RoleMatch(query=text, role=role_info(role), confidence=round(score / 100, 3), matched=alias)
    suggestion_ids = [role_id for role_id, (score, _) in ordered if score >= SUGGEST_SCORE][:MAX_SUGGESTIONS]
    suggestions = tuple(role_info(session.get(Role, role_id)) for role_id in suggestion_ids)
    return UnknownRole(query=text, suggestions=suggestions)


def all_dimensions(session: Session) -> tuple[DimensionInfo, ...]:
    return tuple(dimension_info(d) for d in session.scalars(select(Dimension).order_by(Dimension.position)))


def resolve_dimension(session: Session, text: str) -> Union[DimensionInfo, UnknownDimension]:
    """A dimension from its slug, its name, an ``ask_<slug>`` intent or a close spelling."""
    wanted = text.strip().lower().removeprefix("ask_").replace("-", "_").replace(" ", "_")
    found = session.execute(select(Dimension).where(Dimension.slug == wanted)).scalar_one_or_none()
    if found is not None:
        return dimension_info(found)
    dimensions = session.scalars(select(Dimension).order_by(Dimension.position)).all()
    names = {}
    for dimension in dimensions:
        for label in (dimension.slug.replace("_", " "), dimension.name, *dimension.headings):
            names[lookup_key(label)] = dimension
    match = process.extractOne(lookup_key(text), list(names), scorer=_score, score_cutoff=ACCEPT_SCORE)
    if match is not None:
        return dimension_info(names[match[0]])
    return UnknownDimension(query=text, known=tuple(dimension_info(d) for d in dimensions))
