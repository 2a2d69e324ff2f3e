"""Rules that content must pass before it is loaded into the database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Optional

from kb.ambiguous import check_ambiguous
from kb.aspects import check_aspects
from kb.content.load import Content, ContentError, RoleSpec, Where
from kb.text import lookup_key, slugify
from kb.content.rules.career import check_career
from kb.content.rules.education import check_education
from kb.content.rules.outside import check_outside
from kb.content.rules.pay import check_pay
from kb.content.rules.reporting import check_reporting
from kb.content.rules.sources import check_sources
from kb.content.rules.text import check_texts
from kb.content.vocabulary import check_vocabulary

DIMENSION_SLUGS = (
    "scope",
    "hierarchy",
    "strategy",
    "budget",
    "collaboration",
    "skills",
    "decision_making",
    "compensation",
    "performance_metrics",
    "experience",
    "external_relations",
    "crisis_management",
)
LEVELS = range(1, 6)
MAX_TIE_GAP = 1


def validate(content: Content, known_soc: Optional[Collection[str]] = None) -> list[ContentError]:
    """Every problem in ``content``, in file order; an empty list means it can be built.

    ``known_soc`` is the set of SOC codes in the wage data; None checks only their form.
    """
    errors = list(content.errors)
    errors += _check_dimensions(content)
    roles = _check_roles(content, errors)
    errors += _check_aliases(content)
    errors += _check_hierarchy(content, roles)
    errors += _check_contrasts(content, roles)
    errors += check_reporting(content, roles)
    errors += check_career(content, roles)
    errors += check_texts(content)
    errors += check_sources(content)
    errors += check_pay(content, known_soc)
    errors += check_ambiguous(content)
    errors += check_aspects(content)
    errors += check_outside(content, known_soc)
    errors += check_education(content)
    errors += check_vocabulary(content.vocabulary, set(DIMENSION_SLUGS), {r.name for r in content.roles})
    return sorted(set(errors), key=lambda e: (str(e.where.file), e.where.line, e.message))


def _check_dimensions(content: Content) -> list[ContentError]:
    errors = []
    counts = Counter(d.slug for d in content.dimensions)
    for dimension in content.dimensions:
        if dimension.slug not in DIMENSION_SLUGS:
            errors.append(ContentError(dimension.where, f"unknown dimension '{dimension.slug}'"))
        if counts[dimension.slug] > 1:
            errors.append(ContentError(dimension.where, f"dimension '{dimension.slug}' defined twice"))
    if content.dimensions:
        defined = set(counts)
        where = Where(content.dimensions[0].where.file, 1)
        for slug in DIMENSION_SLUGS:
            if slug not in defined:
                errors.append(ContentError(where, f"dimension '{slug}' is missing"))
    return errors


def _check_roles(content: Content, errors: list[ContentError]) -> dict[str, RoleSpec]:
    roles: dict[str, RoleSpec] = {}
    slugs: dict[str, RoleSpec] = {}
    dimensions = {d.slug for d in content.dimensions}
    for role in content.roles:
        if role.name in roles:
            errors.append(
                ContentError(role.where, f"role '{role.name}' is defined twice (also at {roles[role.name].where})")
            )
            continue
        if slugify(role.name) in slugs:
            errors.append(
                ContentError(role.where, f"role '{role.name}' has the same slug as '{slugs[slugify(role.name)].name}'")
            )
            continue
        roles[role.name] = slugs[slugify(role.name)] = role
        if role.seniority < 1:
            errors.append(ContentError(role.where, "'seniority' must be 1 or more"))
        if role.article not in (None, "a", "an"):
            errors.append(ContentError(role.where, "'article' must be 'a' or 'an'"))
        for slug, trait in role.traits.items():
            if slug not in dimensions:
                errors.append(ContentError(trait.where, f"unknown dimension '{slug}' in traits"))
            if isinstance(trait.level, bool) or not isinstance(trait.level, int) or trait.level not in LEVELS:
                errors.append(ContentError(trait.where, f"level of '{slug}' must be 1-5, not {trait.level!r}"))
        for slug in sorted(dimensions - set(role.traits)):
            errors.append(ContentError(role.where, f"role '{role.name}' has no trait for '{slug}'"))
    return roles


def _check_aliases(content: Content) -> list[ContentError]:
    errors = []
    owners: dict[str, tuple[str, Where]] = {lookup_key(role.name): (role.name, role.where) for role in content.roles}
    for role in content.roles:
        for alias, where in role.aliases:
            key = lookup_key(alias)
            if not key:
                errors.append(ContentError(where, f"alias '{alias}' has no letters or digits"))
                continue
            owner, owner_where = owners.setdefault(key, (role.name, where))
            if owner != role.name:
                errors.append(
                    ContentError(where, f"alias '{alias}' of '{role.name}' also names '{owner}' (at {owner_where})")
                )
    return errors


def _check_hierarchy(content: Content, roles: dict[str, RoleSpec]) -> list[ContentError]:
    errors = []
    for role in roles.values():
        boss_name = role.reports_to
        where = role.reports_to_where or role.where
        if boss_name is not None:
            boss = roles.get(boss_name)
            if boss is None:
                errors.append(ContentError(where, f"'reports_to' names unknown role '{boss_name}'"))
            elif boss.name == role.name:
                errors.append(ContentError(where, f"role '{role.name}' reports to itself"))
            elif boss.seniority <= role.seniority:
                errors.append(
                    ContentError(
                        where,
                        f"'{role.name}' (seniority {role.seniority}) reports to "
                        f"'{boss.name}' (seniority {boss.seniority}), who is not more senior",
                    )
                )
        for target, target_where in role.next_roles:
            if target not in roles:
                errors.append(ContentError(target_where, f"'next_roles' names unknown role '{target}'"))
            elif target == role.name:
                errors.append(ContentError(target_where, f"'{role.name}' lists itself as its next role"))
    errors += _reporting_cycles(roles)
    return errors


def _reporting_cycles(roles: dict[str, RoleSpec]) -> list[ContentError]:
    errors = []
    reported: set[frozenset[str]] = set()
    for start in roles.values():
        chain = [start.name]
        current = start.reports_to
        while current in roles and current not in chain:
            chain.append(current)
            current = roles[current].reports_to
        if current == start.name:
            cycle = frozenset(chain)
            if cycle not in reported:
                reported.add(cycle)
                where = start.reports_to_where or start.where
                errors.append(ContentError(where, "reporting cycle: " + " -> ".join([*chain, start.name])))
    return errors


def _check_contrasts(content: Content, roles: dict[str, RoleSpec]) -> list[ContentError]:
    errors = []
    dimensions = {d.slug for d in content.dimensions}
    seen: dict[frozenset[str], Where] = {}
    for contrast in content.contrasts:
        first, second = contrast.roles
        unknown = [name for name in contrast.roles if name not in roles]
        for name in unknown:
            errors.append(ContentError(contrast.where, f"contrast names unknown role '{name}'"))
        if first == second:
            errors.append(ContentError(contrast.where, f"contrast compares '{first}' with itself"))
            continue
        pair = frozenset(contrast.roles)
        if pair in seen:
            errors.append(
                ContentError(
                    contrast.where, f"contrast of '{first}' and '{second}' is already authored at {seen[pair]}"
                )
            )
        seen.setdefault(pair, contrast.where)
        for slug in sorted(dimensions - set(contrast.points)):
            errors.append(ContentError(contrast.where, f"contrast has no point for '{slug}'"))
        for slug, point in contrast.points.items():
            if slug not in dimensions:
                errors.append(ContentError(point.where, f"unknown dimension '{slug}' in points"))
                continue
            if point.leader is not None and point.leader not in contrast.roles:
                errors.append(
                    ContentError(
                        point.where, f"leader '{point.leader}' is neither '{first}' nor '{second}' (or write 'tie')"
                    )
                )
                continue
            if unknown:
                continue
            levels = {name: roles[name].traits[slug].level for name in contrast.roles if slug in roles[name].traits}
            if len(levels) == 2 and all(isinstance(v, int) for v in levels.values()):
                errors += _leader_agrees(point.leader, levels, slug, point.where)
    return errors


def _leader_agrees(leader: str | None, levels: dict[str, int], slug: str, where: Where) -> list[ContentError]:
    """An authored verdict may refine the profiles but not reverse them."""
    (a, level_a), (b, level_b) = levels.items()
    if leader is None and abs(level_a - level_b) > MAX_TIE_GAP:
        return [
            ContentError(
                where,
                f"'{slug}' is marked a tie but the profiles differ by "
                f"{abs(level_a - level_b)} levels ({a} {level_a}, {b} {level_b})",
            )
        ]
    if leader is not None:
        other = b if leader == a else a
        if levels[leader] < levels[other]:
            return [
                ContentError(
                    where,
                    f"'{slug}' names '{leader}' as leader but the profiles rank "
                    f"'{other}' higher ({levels[other]} vs {levels[leader]})",
                )
            ]
    return []
