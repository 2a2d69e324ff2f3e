"""Rules for what content says about education and certifications.

Every role names a typical education level from the fixed vocabulary, says whether experience
is commonly accepted instead, and explains it in a note of reasonable length; every
certification a role lists must be in the catalogue (``certifications.yml``), once, with a
note. A misspelt certification name is refused with the closest catalogue names, so a typo
never becomes a credential nobody issues.
"""

from __future__ import annotations

import difflib
from collections import Counter

from kb.content.load import Content, ContentError, Where
from kb.content.education import CATALOGUE_FILE, EDUCATION_LEVELS
from kb.text import lookup_key

EDUCATION_NOTE = (60, 500)  # characters, after whitespace is joined
CERTIFICATION_NOTE = (30, 300)
COVERS_NOTE = (30, 300)
MAX_CERTIFICATIONS = 5


def check_education(content: Content) -> list[ContentError]:
    """Problems with the roles' ``education`` and ``certifications`` and with the catalogue."""
    errors = _check_catalogue(content)
    catalogue = {entry.name for entry in content.certifications}
    for role in content.roles:
        education = role.education
        if education is not None:
            if education.level not in EDUCATION_LEVELS:
                errors.append(
                    ContentError(
                        education.where,
                        f"education level '{education.level}' must be one of: {', '.join(EDUCATION_LEVELS)}",
                    )
                )
            if not isinstance(education.experience_instead, bool):
                errors.append(
                    ContentError(
                        education.experience_where,
                        f"'experience_instead' must be true or false, not {education.experience_instead!r}",
                    )
                )
            errors += _length(education.text, EDUCATION_NOTE, "education text", education.where)
        if len(role.certifications) > MAX_CERTIFICATIONS:
            errors.append(
                ContentError(
                    role.certifications[MAX_CERTIFICATIONS].where,
                    f"'{role.name}' lists {len(role.certifications)} certifications; keep the "
                    f"{MAX_CERTIFICATIONS} most useful",
                )
            )
        seen: set[str] = set()
        for certification in role.certifications:
            if certification.name not in catalogue:
                close = difflib.get_close_matches(certification.name, sorted(catalogue), n=2, cutoff=0.6)
                hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
                errors.append(
                    ContentError(
                        certification.where,
                        f"certification '{certification.name}' is not in the catalogue ({CATALOGUE_FILE}){hint}",
                    )
                )
            elif certification.name in seen:
                errors.append(
                    ContentError(certification.where, f"certification '{certification.name}' is listed twice")
                )
            seen.add(certification.name)
            errors += _length(certification.text, CERTIFICATION_NOTE, "certification text", certification.where)
    return errors


def _check_catalogue(content: Content) -> list[ContentError]:
    errors = []
    counts = Counter(entry.name for entry in content.certifications)
    owners: dict[str, str] = {}
    for entry in content.certifications:
        if counts[entry.name] > 1:
            errors.append(ContentError(entry.where, f"certification '{entry.name}' is defined twice"))
        errors += _length(entry.covers, COVERS_NOTE, "'covers'", entry.where)
        for form, where in [(entry.name, entry.where), (entry.full_name, entry.where), *entry.aliases]:
            owner = owners.setdefault(lookup_key(form), entry.name)
            if owner != entry.name:
                errors.append(ContentError(where, f"certification name '{form}' also names '{owner}'"))
    return errors


def _length(text: str, bounds: tuple[int, int], what: str, where: Where) -> list[ContentError]:
    low, high = bounds
    if low <= len(text) <= high:
        return []
    return [ContentError(where, f"{what} is {len(text)} characters; write {low} to {high}")]
