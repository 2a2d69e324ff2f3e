"""Turning what a user typed into a known role or dimension.

Exact aliases are an indexed lookup. Only when that fails do we fall back to
fuzzy matching over the alias keys, which is what forgives typos such as
"operatons manger", with the matcher the NLU extractor uses too (``kb.fuzzy``);
titles as job postings write them ("Manager, Quality Assurance", "Sr. Buyer") are
looked up by their posting keys first. The alias keys are read once per KB build.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Optional, Union

from rapidfuzz import process
from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.fuzzy import ACCEPT, AliasMatcher, looks_like_posting, posting_keys, score
from kb.models import Dimension, Role, RoleAlias
from kb.snapshot import build_id
from kb.suggest import Candidate, Suggester
from kb.results import DimensionInfo, RoleInfo, RoleMatch, UnknownDimension, UnknownRole
from kb.text import lookup_key

CACHED_BUILDS = 4

RoleRef = Union[str, RoleInfo]  # a role by its canonical name, or as a query returned it


def role_info(role: Role) -> RoleInfo:
    return RoleInfo(
        name=role.name,
        slug=role.slug,
        family=role.family,
        seniority=role.seniority,
        article=role.article,
        summary=role.summary,
    )


def role_row(session: Session, ref: RoleRef) -> Optional[Role]:
    """The ``Role`` row with this canonical name (a ``RoleInfo`` stands for its name), None if no role has it.

    No resolving: ``ref`` is a name the KB gave out (``resolve_role`` turns what a user typed into one)."""
    name = ref.name if isinstance(ref, RoleInfo) else ref
    return session.execute(select(Role).where(Role.name == name)).scalar_one_or_none()


def role_rows(session: Session, first: RoleRef, second: RoleRef) -> tuple[Optional[Role], Optional[Role]]:
    """Both ``Role`` rows of a pair in one query (the answer path runs this on every turn), as ``role_row``."""
    names = [ref.name if isinstance(ref, RoleInfo) else ref for ref in (first, second)]
    found = {role.name: role for role in session.scalars(select(Role).where(Role.name.in_(names)))}
    return found.get(names[0]), found.get(names[1])


def dimension_info(dimension: Dimension) -> DimensionInfo:
    return DimensionInfo(slug=dimension.slug, name=dimension.name, more=dimension.more_phrase, tie=dimension.tie_phrase)


@dataclass(frozen=True)
class AliasIndex:
    """Every alias of one KB build: the shared fuzzy matcher over their keys, each alias as written,
    and every role by id (60 roles: looked up here, not one query each)."""

    matcher: AliasMatcher[int]  # alias key -> role id
    aliases: list[str]
    roles: dict[int, RoleInfo]
    written: dict[str, str]  # alias key -> the first alias (by id) with that key, as written
    suggester: Suggester[int]  # role id, for the closest roles to a title the KB does not know


_indexes: OrderedDict[str, AliasIndex] = OrderedDict()
_indexes_lock = threading.Lock()


def alias_index(session: Session) -> AliasIndex:
    """The KB's aliases, read once per build (a rebuild gets a new build id, so never stale)."""
    build = build_id(session)
    with _indexes_lock:  # actions answer on several threads
        if build in _indexes:
            _indexes.move_to_end(build)
            return _indexes[build]
    rows = session.execute(select(RoleAlias.key, RoleAlias.role_id, RoleAlias.alias).order_by(RoleAlias.id)).all()
    written: dict[str, str] = {}
    for row in rows:
        written.setdefault(row.key, row.alias)
    roles = {role.id: role_info(role) for role in session.scalars(select(Role).order_by(Role.id))}
    keys: dict[int, list[str]] = {role_id: [] for role_id in roles}
    for row in rows:
        keys[row.role_id].append(row.key)
    suggester = Suggester(
        [Candidate(i, tuple(keys[i]), lookup_key(r.family), r.seniority, lookup_key(r.name)) for i, r in roles.items()]
    )
    matcher = AliasMatcher([r.key for r in rows], [r.role_id for r in rows])
    index = AliasIndex(matcher, [r.alias for r in rows], roles, written, suggester)
    if build:
        with _indexes_lock:
            _indexes[build] = index
            if len(_indexes) > CACHED_BUILDS:
                _indexes.popitem(last=False)
    return index


def roles_named(session: Session, names: list[str]) -> dict[str, RoleInfo]:
    """The roles with these canonical names, by name (names that are no role's are left out)."""
    wanted = set(names)
    return {info.name: info for info in alias_index(session).roles.values() if info.name in wanted}


def exact_role(session: Session, text: str) -> Optional[RoleInfo]:
    """The role whose name or alias ``text`` is exactly (case, spacing and punctuation aside), else None: no
    fuzzy matching, so it costs a dictionary lookup."""
    index = alias_index(session)
    found = index.matcher.exact.get(lookup_key(text))
    return index.roles[found] if found is not None else None


def resolve_role(session: Session, text: str) -> Union[RoleMatch, UnknownRole]:
    """The role ``text`` names, with a confidence; or the closest roles when unsure."""
    key = lookup_key(text)
    if not key:
        return UnknownRole(query=text)
    index = alias_index(session)
    exact = index.matcher.exact.get(key)
    if exact is not None:
        return RoleMatch(query=text, role=index.roles[exact], confidence=1.0, matched=index.written[key])
    if looks_like_posting(text):  # "Manager, Quality Assurance", "Sr. Buyer", "Supervisor/Manager, Distribution"
        keys = posting_keys(text)
        named = {index.matcher.exact[k]: k for k in keys if k in index.matcher.exact}
        if len(named) == 1:
            [(role_id, key)] = named.items()
            matched = index.written[key]
            return RoleMatch(query=text, role=index.roles[role_id], confidence=1.0, matched=matched)
        if len(named) > 1:  # a slash title naming two roles: ask which one was meant
            return UnknownRole(query=text, suggestions=tuple(index.roles[r] for r in named))
        key = keys[-1] if keys else key  # typos in a posting title: fuzzy-match its plain form
    best = index.matcher.best(key)
    if best is not None:
        return RoleMatch(query=text, role=index.roles[best.target], confidence=round(best.score / 100, 3),
                         matched=index.aliases[best.position])  # fmt: skip
    close = index.suggester.suggest(key)
    return UnknownRole(query=text, suggestions=tuple(index.roles[role_id] for role_id in close))


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
    match = process.extractOne(lookup_key(text), list(names), scorer=score, score_cutoff=ACCEPT)
    if match is not None:
        return dimension_info(names[match[0]])
    return UnknownDimension(query=text, known=tuple(dimension_info(d) for d in dimensions))
