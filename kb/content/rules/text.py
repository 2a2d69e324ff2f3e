"""A role's own words must not contradict its levels where they can be read: the budget sizes
its budget text names, and the years of experience its experience text names.

Budget: the largest amount named decides the allowed levels (``BUDGET_LEVELS``); a text that
says the role has no budget allows levels 1-2. Experience: the fewest years named ("five to
eight years" -> 5, "no previous experience" -> 0) must fall in the level's span (``YEARS``).
Texts that name neither are not checked.
"""

from __future__ import annotations

import re
from typing import Optional

from kb.content.load import Content, ContentError, RoleSpec

NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
}  # fmt: skip
NO_BUDGET = re.compile(r"\b(?:has|have) no budget|does not own a budget|no budget (?:authority|responsibility)", re.I)
# Largest amount first: the first kind a text names decides.
BUDGET_LEVELS = (
    ("hundreds of millions or billions", re.compile(r"hundreds of millions|billions?\b", re.I), range(5, 6)),
    ("tens of millions", re.compile(r"tens (?:to [\w ]+ )?of millions", re.I), range(4, 5)),
    ("millions", re.compile(r"\bmillions?\b", re.I), range(2, 4)),
    ("no budget", NO_BUDGET, range(1, 3)),
)
NO_EXPERIENCE = re.compile(r"\bno (?:previous |prior )?experience\b", re.I)
_COUNT = r"(?:\d+|[a-z]+(?:-[a-z]+)?)"
YEARS_PHRASE = re.compile(
    rf"\b(?:between\s+|up to\s+)?({_COUNT})(?:\s+(?:to|and|or)\s+{_COUNT})?(?:\s+or more)?\s+years", re.I
)
# Experience level -> the span of fewest years its text may name.
YEARS = {1: range(0, 2), 2: range(1, 4), 3: range(4, 8), 4: range(8, 13), 5: range(13, 41)}


def fewest_years(text: str) -> Optional[int]:
    """The fewest years of experience a text names, or None when it names none."""
    if NO_EXPERIENCE.search(text):
        return 0
    for match in YEARS_PHRASE.finditer(text):
        word = match.group(1).lower()
        value = int(word) if word.isdigit() else NUMBERS.get(word)
        if value is not None:
            return 0 if match.group(0).lower().startswith("up to") else value
    return None


def _level(role: RoleSpec, slug: str) -> Optional[int]:
    trait = role.traits.get(slug)
    level = trait.level if trait is not None else None
    return level if isinstance(level, int) and not isinstance(level, bool) else None


def check_texts(content: Content) -> list[ContentError]:
    """Budget and experience levels that the role's own text contradicts."""
    errors = []
    for role in content.roles:
        level = _level(role, "budget")
        if level is not None:
            text = role.traits["budget"].text
            for name, pattern, allowed in BUDGET_LEVELS:
                if pattern.search(text):
                    if level not in allowed:
                        span = f"{allowed[0]}" if len(allowed) == 1 else f"{allowed[0]}-{allowed[-1]}"
                        errors.append(
                            ContentError(
                                role.traits["budget"].where,
                                f"'{role.name}' has budget level {level}, but its text names {name}, "
                                f"which is level {span}",
                            )
                        )
                    break
        level = _level(role, "experience")
        years = fewest_years(role.traits["experience"].text) if level is not None else None
        if level is not None and years is not None and years not in YEARS[level]:
            span = YEARS[level]
            errors.append(
                ContentError(
                    role.traits["experience"].where,
                    f"'{role.name}' has experience level {level} ({span[0]} to {span[-1]} years at least), "
                    f"but its text asks for {years} years or more",
                )
            )
    return errors
