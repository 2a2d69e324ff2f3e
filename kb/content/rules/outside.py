"""Rules for the outside occupations (``occupations.yml``), the ways in (``ways_in.yml``) and the
roles' pay mix (``pay_mix`` in role files).

An everyday name must lead to exactly one place: never to a role (roles win: "dispatcher" is a
role, not an outside occupation), never to two occupations, and a SOC code it names must be one
the OEWS list holds and no role already claims. Every outside group names real entry roles and
catalogue certifications; exactly one group is the default for occupations no prefix covers.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Optional

from kb.content.load import Content, ContentError
from kb.content.outside import PAY_MIX_LEVELS
from kb.text import lookup_key
from kb.content.rules.pay import PAY_FIGURE, SOC_PATTERN

PREFIX_PATTERN = re.compile(r"\d{2}-\d{0,4}")


def check_outside(content: Content, known_soc: Optional[Collection[str]] = None) -> list[ContentError]:
    """Every problem with outside occupations, ways in and pay mix; ``known_soc`` as in ``check_pay``."""
    errors = _check_occupations(content, known_soc) + _check_ways_in(content)
    return errors + _check_pay_mix(content) + _check_cues(content)


def _check_cues(content: Content) -> list[ContentError]:
    """A pay-mix word must not also be an aspect Rolewise does not compare, or the two answers compete."""
    aspect_words = {word.lower(): spec.slug for spec in content.aspects for word, _ in spec.words}
    return [
        ContentError(where, f"'{word}' is also a word of the aspect '{aspect_words[word.lower()]}' (aspects.yml)")
        for word, where in content.outside.cues.get("pay_mix", [])
        if word.lower() in aspect_words
    ]


def _check_occupations(content: Content, known_soc: Optional[Collection[str]]) -> list[ContentError]:
    errors = []
    role_keys = {lookup_key(form) for role in content.roles for form in [role.name, *(a for a, _ in role.aliases)]}
    role_codes = {code for role in content.roles for code, _ in role.soc}
    groups = {group.slug for group in content.outside.ways_in}
    owner: dict[str, str] = {}
    for entry in content.outside.occupations:
        target = entry.soc or entry.group or ""
        if entry.soc is not None:
            if not SOC_PATTERN.fullmatch(entry.soc):
                errors.append(ContentError(entry.where, f"SOC code '{entry.soc}' must be written NN-NNNN"))
            elif known_soc is not None and entry.soc not in known_soc:
                errors.append(ContentError(entry.where, f"SOC code '{entry.soc}' is not in the OEWS occupation list"))
            elif entry.soc in role_codes:
                errors.append(
                    ContentError(entry.where, f"SOC code '{entry.soc}' belongs to a role: add the names to that role")
                )
        elif entry.group not in groups:
            errors.append(ContentError(entry.where, f"unknown outside group '{entry.group}' (see ways_in.yml)"))
        for alias, where in entry.aliases:
            key = lookup_key(alias)
            if key in role_keys:
                errors.append(ContentError(where, f"'{alias}' already names a role; roles win, so drop it here"))
            elif owner.get(key, target) != target:
                errors.append(ContentError(where, f"'{alias}' already names '{owner[key]}'"))
            owner.setdefault(key, target)
    return errors


def _check_ways_in(content: Content) -> list[ContentError]:
    errors = []
    roles = {role.name for role in content.roles}
    catalogue = {cert.name for cert in content.certifications}
    seen: set[str] = set()
    prefixes: dict[str, str] = {}
    for group in content.outside.ways_in:
        if group.slug in seen:
            errors.append(ContentError(group.where, f"outside group '{group.slug}' is defined twice"))
        seen.add(group.slug)
        if not group.soc_prefixes and not group.default and group.slug not in _groups_named(content):
            errors.append(ContentError(group.where, f"group '{group.slug}' has no 'soc_prefixes' and no names"))
        for prefix, where in group.soc_prefixes:
            if not PREFIX_PATTERN.fullmatch(prefix):
                errors.append(ContentError(where, f"SOC prefix '{prefix}' must look like \"29-\" or \"53-30\""))
            elif prefixes.setdefault(prefix, group.slug) != group.slug:
                errors.append(ContentError(where, f"SOC prefix '{prefix}' is already in group '{prefixes[prefix]}'"))
        for entry in group.entries:
            if entry.role not in roles:
                errors.append(ContentError(entry.where, f"unknown role '{entry.role}'"))
        if not group.transfers:
            errors.append(ContentError(group.where, f"group '{group.slug}' must list what 'transfers'"))
        if group.certification is not None and group.certification not in catalogue:
            errors.append(ContentError(group.where, f"certification '{group.certification}' is not in the catalogue"))
        for text in (group.lacks, group.first_step, *(e.why for e in group.entries)):
            if PAY_FIGURE.search(text):
                errors.append(ContentError(group.where, f"group '{group.slug}' states a pay figure"))
    defaults = [group for group in content.outside.ways_in if group.default]
    if content.outside.ways_in and len(defaults) != 1:
        where = content.outside.ways_in[0].where
        errors.append(ContentError(where, f"exactly one group must be 'default: true', found {len(defaults)}"))
    return errors


def _groups_named(content: Content) -> set[str]:
    return {entry.group for entry in content.outside.occupations if entry.group}


def _check_pay_mix(content: Content) -> list[ContentError]:
    errors = []
    for role in content.roles:
        mix = role.pay_mix
        if mix is None:
            continue
        for what, level in (("bonus", mix.bonus), ("equity", mix.equity)):
            if level not in PAY_MIX_LEVELS:
                allowed = ", ".join(PAY_MIX_LEVELS)
                errors.append(ContentError(mix.where, f"pay_mix {what} '{level}' must be one of: {allowed}"))
        match = PAY_FIGURE.search(mix.text)
        if match:
            errors.append(ContentError(mix.where, f"pay_mix text states a pay figure ('{match.group(0)}')"))
    return errors
