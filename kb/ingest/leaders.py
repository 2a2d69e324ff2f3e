"""Guessing from a section's sentences which of two roles leads on its dimension.

Rules over tokens (``spacy.blank("en")`` has no parser): each sentence is cut into clauses at
"while", "whereas", "but", ";" and ":"; a clause's subject is the first role it names that is
not the object of "than", "to", "unlike", "compared with" ..., else the previous subject when
the clause starts with "they"/"their"/"the latter" .... The first cue after the subject votes:
a comparative such as "broader" or "more" for the subject, "narrower", "less" or "limited" for
the other role, turned around by a negation just before it ("not", "rarely") or by a following
word that reverses "more" ("more hands-on"). "X reports to Y", "Y oversees X", "X is overseen
by Y", "the final say rests with Y" and "puts Y in charge" vote for Y. Parity words ("similar",
"both", "the same") vote for a tie, which wins only when no sentence points either way or the
directions cancel out. On experience, the years each role is said to need are compared too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from kb.ingest.mentions import Mention, find_mentions, short_forms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

TIE = "tie"
LEADS = frozenset(
    """more most broader wider larger bigger higher greater longer heavier stronger deeper above
    outranks outranking outearns richer further whole entire everything leads""".split()
)
TRAILS = frozenset(
    """less fewer narrower smaller lower shorter lighter below limited restricted confined
    narrow limit limits""".split()
)
REVERSING = frozenset(
    """hands-on hands tactical operational routine junior limited narrow focused specialised
    specialized local detailed""".split()
)
BARE_NEGATIONS = frozenset("not n't never rarely seldom hardly".split())
NEGATIONS = frozenset("not n't never rarely seldom hardly neither nor without cannot no".split())
TIES = frozenset("similar similarly comparable same equally alike equivalent overlap overlaps both".split())
PARITY_CONTEXT = frozenset("both two neither either".split())
CLAUSE_BREAKS = frozenset("; : while whereas but yet although \u2013 \u2014".split())
PRONOUNS = frozenset("they their them he she his her it its who this".split())
ELLIPTICAL = frozenset(
    """is are was were has have had can could will would does do may might must often usually rarely also
    still seldom""".split()
)
JOINERS = frozenset("and or , & the a an both".split())
_DETERMINERS = frozenset("a an the their its his her several many most some all".split())
REPORTS = frozenset("report reports reporting answer answers answering".split())
OVERSEES = frozenset("oversee oversees overseeing supervise supervises supervising outrank outranks".split())
PASSIVES = frozenset("overseen supervised managed led directed outranked outearned".split())
RESTS = frozenset("rest rests lie lies sit sits".split())
FOCUS_VERBS = frozenset("relies rely relying focuses focus focusing concentrates concentrate depends depend".split())
PASSES_UP = frozenset("escalate escalates escalating refer refers referring".split())  # "escalates larger ones"
SUMMARY_OPENERS = ("overall", "in short", "therefore", "on balance", "all in all", "in summary", "in general")
NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_DIGITS = re.compile(r"^\d{1,2}\+?$")


@dataclass
class Vote:
    """One clause's verdict: the role it favours (or "tie"), its weight and its sentence."""

    choice: str
    weight: float
    sentence: str


def _other(roles: tuple[str, str], role: str) -> str:
    return roles[1] if role == roles[0] else roles[0]


def _clauses(sentence: "Span", mention_starts: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Token ranges of the clauses of ``sentence``; ", which <role> ..." starts a clause of its own
    ("Managers need planning, which supervisors use less")."""
    bounds, start = [], 0
    for index, token in enumerate(sentence):
        relative = (
            token.lower_ == "which" and index > 0 and sentence[index - 1].text == "," and index + 1 in mention_starts
        )
        if (token.lower_ in CLAUSE_BREAKS or relative) and index > start:
            bounds.append((start, index))
            start = index + 1
    bounds.append((start, len(sentence)))
    return [(a, b) for a, b in bounds if b > a]


def _negated(words: list[str], index: int, floor: int) -> bool:
    window = words[max(floor, index - 3) : index]
    return any(w in NEGATIONS for w in window) and "only" not in words[index - 1 : index + 1]


def _object_after(others: dict[int, Mention], index: int) -> Optional[Mention]:
    """The mention at ``index``, or right after it when ``index`` holds a determiner."""
    return others.get(index) or others.get(index + 1)


def _cue(words: list[str], start: int, end: int, others: dict[int, Mention]) -> Optional[int]:
    """+1 when the clause says its subject leads, -1 when it trails, None when it says neither."""
    for index in range(start, end):
        word = words[index]
        polarity = 0
        following = words[index + 1] if index + 1 < end else ""
        after_to = _object_after(others, index + 2) if following in ("to", "by", "with") else None
        focus = word == "more" and following == "on" and index > start and words[index - 1] in FOCUS_VERBS
        if word in LEADS and not (word == "most" and following == "of") and not focus:  # not "relies more on X"
            polarity = -1 if following in REVERSING or (index > start and words[index - 1] in PASSES_UP) else 1
        elif word in TRAILS:
            polarity = 1 if word in ("less", "fewer") and following in REVERSING else -1
        elif word in ("senior", "junior") and following == "to" and _object_after(others, index + 2):
            polarity = 1 if word == "senior" else -1
        elif word == "final" and following == "say":
            polarity = 1
        elif word == "in" and following == "charge":
            polarity = 1
        elif word in REPORTS and following == "to" and after_to:
            polarity = -1
        elif word in PASSIVES and following == "by" and after_to:
            polarity = -1
        elif word in OVERSEES and any(i in others for i in range(index + 1, min(end, index + 4))):
            polarity = 1
        if polarity:
            return -polarity if _negated(words, index, start) else polarity
    for index in range(start, end):
        if words[index] in BARE_NEGATIONS and words[index + 1 : index + 2] != ["only"]:
            return -1
    return None


def _years(words: list[str], start: int, end: int) -> Optional[int]:
    """The first number of years a clause mentions ("five to eight years" -> 5)."""
    for index in range(start, end):
        if words[index] in ("year", "years"):
            for back in range(index - 1, max(start, index - 5) - 1, -1):
                word = words[back]
                if word in NUMBERS or _DIGITS.match(word):
                    value = NUMBERS.get(word)
                    first = value if value is not None else int(word.rstrip("+"))
                    for earlier in range(back - 1, max(start, back - 3) - 1, -1):
                        if words[earlier] in NUMBERS:
                            first = NUMBERS[words[earlier]]
                    return first
    return None


def clause_votes(doc: "Doc", roles: tuple[str, str], dimension: str = "") -> tuple[list[Vote], dict[str, int]]:
    """Every vote cast by the clauses of ``doc``, and the years of experience each role is given."""
    forms = short_forms(roles)
    votes: list[Vote] = []
    years: dict[str, int] = {}
    subject: Optional[str] = None
    for sentence in doc.sents:
        words = [token.lower_ for token in sentence]
        mentions = find_mentions(sentence, roles, forms)
        weight = 2.0 if sentence.text.lower().startswith(SUMMARY_OPENERS) else 1.0
        for start, end in _clauses(sentence, frozenset(m.start for m in mentions)):
            inside = [m for m in mentions if start <= m.start < end]
            subjects = [m for m in inside if not m.is_object]
            objects = {m.start: m for m in inside if m.is_object}
            cue_from = start
            if subjects:
                first = subjects[0]
                joint = [
                    m
                    for m in subjects[1:]
                    if m.role != first.role
                    and 0 < m.start - first.end <= 3
                    and set(words[first.end : m.start]) <= JOINERS
                ]
                subject = None if joint else first.role
                cue_from = (joint[-1] if joint else first).end
                others = {m.start: m for m in inside if m.role != first.role}
            else:
                opener = set(words[start : start + 4])
                if words[start] in ELLIPTICAL and start > 0:
                    pass  # "X does A but is limited to B": the clause keeps the sentence's subject
                elif not (opener & PRONOUNS or {"former", "latter"} & opener):
                    than = [m for m in objects.values() if m.marker == "than"]
                    subject = _other(roles, than[0].role) if than else None
                others = {m.start: m for m in inside if m.role != subject}
            for index in range(start, end - 2):
                holder = _object_after(objects, index + 2)
                if words[index] in RESTS and words[index + 1] in ("with", "to") and holder:
                    votes.append(Vote(holder.role, weight, sentence.text))
            clause_words = set(words[start:end])
            if subject is None or "neither" in clause_words:
                if "neither" in clause_words and clause_words & (LEADS | TRAILS | TIES | {"senior", "junior"}):
                    votes.append(Vote(TIE, weight, sentence.text))
                elif clause_words & TIES and (inside or set(words) & PARITY_CONTEXT):
                    votes.append(Vote(TIE, weight, sentence.text))
                continue
            if dimension == "experience":
                found = _years(words, cue_from, end)
                if found is not None:
                    years.setdefault(subject, found)
            polarity = _cue(words, cue_from, end, others)
            if polarity is None and any(m.marker == "unlike" for m in objects.values()):
                polarity = 1
            if polarity:
                votes.append(Vote(subject if polarity > 0 else _other(roles, subject), weight, sentence.text))
            elif clause_words & TIES and (inside or set(words) & PARITY_CONTEXT):
                votes.append(Vote(TIE, weight, sentence.text))
    return votes, years


def guess_leader(doc: "Doc", roles: tuple[str, str], dimension: str = "") -> tuple[Optional[str], list[str]]:
    """The leading role, "tie", or None when the text does not say; with the sentences that decided."""
    votes, years = clause_votes(doc, roles, dimension)
    tally: Counter[str] = Counter()
    for vote in votes:
        tally[vote.choice] += vote.weight
    if len(years) == 2 and years[roles[0]] != years[roles[1]]:
        tally[max(years, key=lambda role: years[role])] += 2.0
    directions = {role: tally[role] for role in roles if tally[role]}
    evidence = list(dict.fromkeys(v.sentence for v in votes))
    if directions:
        ranked = sorted(directions.values(), reverse=True)
        if len(ranked) == 1 or ranked[0] > ranked[1]:
            return max(directions, key=lambda role: directions[role]), evidence
        return (TIE if tally[TIE] else None), evidence
    return (TIE if tally[TIE] else None), evidence
