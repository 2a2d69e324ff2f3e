"""The writer's own role in a message: a title said to be theirs ("I'm a buyer", "nurse here", "fleet manager for
8 years", "3 years as a logistics coordinator"), as opposed to the roles they ask about.
"""

from __future__ import annotations

from actions.cues import HOLDS, HOLDS_AFTER, TENURE_AFTER, TENURE_BEFORE
from actions.question import Span, Title


def holds_a_role(text: str, spans: list[Span]) -> bool:
    """Whether a role mention comes right after words saying it is the writer's own ("I'm a buyer",
    "I work as a dispatcher"), as opposed to a message that only starts with "I'm" ("I'm bored at work")."""
    return any(
        HOLDS.search(text[:start]) or HOLDS_AFTER.search(text[end:]) or TENURE_BEFORE.search(text[:start])
        or TENURE_AFTER.search(text[end:])  # "fleet manager for 8 years", "3 years as a logistics coordinator"
        for start, end in spans
    )  # fmt: skip


def compares_roles(text: str, titles: tuple[Title, ...], dimensions: tuple[str, ...]) -> bool:
    """Whether a message that starts like a story ("I'm bored at work.") asks to compare two typed roles
    on a dimension, none of them said to be the writer's own."""
    spans = [t.span for t in titles if not t.referred]
    return len(spans) >= 2 and bool(dimensions) and not holds_a_role(text, spans)
