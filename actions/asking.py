"""How a comparison question is asked: the other way round ("who earns less?"), as a yes/no question
("is a buyer paid more than a plant manager?"), or about a reporting line ("does a buyer report to
a procurement manager?"). Pure functions over the message text (role mentions blanked out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from actions.cues import COMPARATIVE, FOLLOW_UP, QUESTION_LEAD_IN, QUESTION_START, REPORTS_TO, SAME_JOB_ASKED, YES_NO
from actions.cues import SAME_JOB, YES_OR_NO
from actions.phrases import dimension_mentions
from kb.content.vocabulary import vocabulary, words_pattern


LESS = words_pattern(vocabulary().polarity["less"])  # kb/data/vocabulary.yml
MORE = words_pattern(vocabulary().polarity["more"])


@dataclass(frozen=True)
class Asked:
    """The shape of a two-role question: ``less`` names the lower role first; ``subject`` is the role
    a yes/no question asks about (None when it is no yes/no question)."""

    less: bool = False
    subject: Optional[str] = None


def asks_less(text: str) -> bool:
    """True when the question asks for the lower of two roles ("who earns less?", "which is more junior?").

    A word asking for more that comes first wins ("more budget, less pay?" asks for more).
    """
    less, more = LESS.search(text), MORE.search(text)
    if less is None:
        return False
    if re.search(r"\b(more|most) junior\b", text, re.IGNORECASE):
        return True
    return more is None or less.start() < more.start()


def how_asked(text: str, roles_in_order: list[str]) -> Asked:
    """``text`` with role mentions blanked out, ``roles_in_order`` the roles it names by position."""
    either = re.search(r"\bor\b", YES_OR_NO.sub(" ", text), re.IGNORECASE)  # "does a buyer or a plant manager ...?"
    asked = text
    while (lead := QUESTION_LEAD_IN.match(asked)) is not None and lead.end() > 0:  # "Quick one - does ...?"
        asked = asked[lead.end() :].lstrip(" -:,.!")
    same = SAME_JOB_ASKED.search(asked) is not None  # "is X the same as Y?? who decides more": no yes/no on it
    subject = roles_in_order[0] if YES_NO.search(asked) and not (either or same) and len(roles_in_order) >= 2 else None
    return Asked(less=asks_less(text), subject=subject)


def asks_reporting_line(text: str) -> bool:
    """True for "does X report to Y?" ("report directly to", "answer to")."""
    return bool(REPORTS_TO.search(text))


PLAIN = Asked()  # "who has more budget authority?": the leading role first
PARTS = re.compile(r"[.!?;,]+")  # a message's clauses, by their punctuation


def asks_in_full(text: str) -> bool:
    """True when a clause asks how two roles differ as a whole, naming no dimension, beside one that names
    a dimension ("what's the diff between a COO and a head of ops? also who gets paid more": the whole
    comparison, then the pay); not "what's the difference in pay?"."""
    clauses = [c for c in PARTS.split(text) if c.strip()]
    whole = any(SAME_JOB.search(c) and not dimension_mentions(c) for c in clauses)
    return whole and any(dimension_mentions(c) for c in clauses)


def asks_anew(text: str) -> bool:
    """True when a message asks a whole question of its own ("what does a buyer make?") rather than
    following up on the pair talked about ("and a buyer?", "what about a buyer's budget?", "who earns more?"):
    it opens like a question, not as a follow-up, and weighs nothing against anything."""
    return bool(QUESTION_START.search(text)) and not FOLLOW_UP.search(text) and not COMPARATIVE.search(text)
