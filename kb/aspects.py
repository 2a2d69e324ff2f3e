"""Aspects of a job Rolewise does not compare (stress, work-life balance, travel, ...).

``kb/data/aspects.yml`` lists them with the words that name them in a question, a plain
answer, and the nearest of the twelve dimensions where one honestly fits (read by
``kb.content.aspects``). This module checks that file, and ``aspect_in`` finds the aspect a
question asks about, so the dialogue can say plainly that it doesn't compare it instead of
answering a different question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.content.aspects import OFFERS
from kb.content.reader import ContentError
from kb.models import Aspect
from kb.resolve import dimension_info
from kb.results import DimensionInfo
from kb.snapshot import per_build

MAX_SAYS = 300


@dataclass(frozen=True)
class AspectInfo:
    """An aspect a question asked about: the answer's opening, and the dimension to offer (or None)."""

    slug: str
    says: str
    nearest: Optional[DimensionInfo]
    offer: Optional[str]  # one of OFFERS, or None
    matched: str  # the words of the question that named it, lower case


def _key(word: str) -> str:
    return " ".join(word.casefold().split())


def check_aspects(content: Content) -> list[ContentError]:
    """Problems in ``aspects.yml``: repeated slugs or words, no words, an unknown ``nearest``
    dimension, an overlong answer, and a word that is also a role's name or alias."""
    errors: list[ContentError] = []
    dimensions = {d.slug for d in content.dimensions}
    role_forms = {_key(form) for role in content.roles for form in (role.name, *(a for a, _ in role.aliases))}
    slugs: set[str] = set()
    words: dict[str, str] = {}
    for aspect in content.aspects:
        if aspect.slug in slugs:
            errors.append(ContentError(aspect.where, f"aspect '{aspect.slug}' is listed twice"))
        slugs.add(aspect.slug)
        if aspect.nearest is not None and aspect.nearest not in dimensions:
            errors.append(ContentError(aspect.where, f"aspect '{aspect.slug}': unknown dimension '{aspect.nearest}'"))
        if aspect.offer is not None and aspect.offer not in OFFERS:
            errors.append(ContentError(aspect.where, f"aspect '{aspect.slug}': 'offer' must be one of {OFFERS}"))
        if len(aspect.says) > MAX_SAYS:
            errors.append(ContentError(aspect.where, f"aspect '{aspect.slug}': 'says' is over {MAX_SAYS} characters"))
        if not aspect.words:
            errors.append(ContentError(aspect.where, f"aspect '{aspect.slug}' lists no words"))
        for word, where in aspect.words:
            key = _key(word)
            if key in words:
                errors.append(ContentError(where, f"'{word}' already names the aspect '{words[key]}'"))
            elif key in role_forms:
                errors.append(ContentError(where, f"'{word}' is a role's name or alias"))
            words.setdefault(key, aspect.slug)
    return errors


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(_key(w)) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


@dataclass(frozen=True)
class _Matcher:
    """One aspect of a KB build, its words compiled into one pattern."""

    pattern: re.Pattern[str]
    slug: str
    says: str
    nearest: Optional[DimensionInfo]
    offer: Optional[str]


def _aspect_matchers(session: Session) -> list[_Matcher]:
    """The KB's aspects with their patterns, read and compiled once per build."""

    def read() -> list[_Matcher]:
        return [
            _Matcher(
                _pattern(list(aspect.words)),
                aspect.slug,
                aspect.says,
                dimension_info(aspect.nearest) if aspect.nearest is not None else None,
                aspect.offer,
            )
            for aspect in session.scalars(select(Aspect).order_by(Aspect.position))
        ]

    return per_build(session, "aspect_matchers", read)


def aspect_in(session: Session, text: str) -> Optional[AspectInfo]:
    """The first aspect (by position in ``text``) whose words ``text`` uses, or None.

    Words match whole, without regard to case or repeated spaces; blank out role mentions first
    (a role named "Shift Manager" is no question about shifts).
    """
    lowered = " ".join(text.casefold().split())
    found: list[tuple[int, str, _Matcher]] = []
    for matcher in _aspect_matchers(session):
        match = matcher.pattern.search(lowered)
        if match:
            found.append((match.start(), match.group(0), matcher))
    if not found:
        return None
    _, matched, aspect = min(found, key=lambda item: item[0])
    return AspectInfo(aspect.slug, aspect.says, aspect.nearest, aspect.offer, matched)
