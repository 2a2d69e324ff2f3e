"""Finding role mentions in a spaCy doc: exact entity-ruler hits, fuzzy spans for typos, posting titles.

Pure functions over spaCy objects, so they can be tested without Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from spacy.tokens import Doc

from kb.fuzzy import AliasMatcher, looks_like_posting, posting_keys, written_out
from kb.text import lookup_key

LABEL = "job_role"
OCCUPATION = "occupation"  # kb.nlp.OCCUPATION
MIN_FUZZY_CHARS = 8
MIN_FUZZY_TOKENS = 2  # one-word near-misses are mostly real words ("purchases" vs "purchaser")
MAX_FUZZY_TOKENS = 80  # typo search covers the start of a message; questions are short


@dataclass(frozen=True)
class RoleMention:
    start: int  # character offsets in the text
    end: int
    text: str
    role: str  # canonical name
    confidence: float


class FuzzyIndex:
    """The entity ruler's surface forms by canonical role, in ``kb.fuzzy``'s matcher: the same typo rule
    ``kb.resolve`` applies to a role name typed on its own."""

    def __init__(self, patterns: Iterable[dict]) -> None:
        forms: dict[str, str] = {}
        longest = 1
        for pattern in patterns:
            if isinstance(pattern.get("pattern"), str) and pattern.get("label") == LABEL:
                key = lookup_key(pattern["pattern"])
                forms.setdefault(key, pattern["id"])
                longest = max(longest, len(pattern["pattern"].split()))
        self.matcher: AliasMatcher[str] = AliasMatcher(list(forms), list(forms.values()), ordered=True)
        self.max_words = longest + 1

    def best(self, text: str, threshold: float) -> tuple[str, float] | None:
        key = lookup_key(text)
        found = self.matcher.best(key, accept=threshold)
        if found is None and written_out(key) != key:  # "logistcs mngr": the slip read with "manager" written out
            found = self.matcher.best(written_out(key), accept=threshold)
        return None if found is None else (found.target, found.score / 100)

    def posting(self, text: str) -> list[str]:
        """The roles a posting-style title names exactly ("Manager, Quality Assurance"); two for a slash."""
        exact = self.matcher.exact
        return list(dict.fromkeys(exact[key] for key in posting_keys(text) if key in exact))


def exact_mentions(doc: Doc) -> list[RoleMention]:
    return [
        RoleMention(ent.start_char, ent.end_char, ent.text, ent.ent_id_, 1.0)
        for ent in doc.ents
        if ent.label_ == LABEL and ent.ent_id_
    ]


def _exact_role(index: FuzzyIndex, doc: Doc, start: int, end: int) -> RoleMention | None:
    span = doc[start:end]
    role = index.matcher.exact.get(lookup_key(span.text)) if len(span) and not span[0].is_punct else None
    return None if role is None else RoleMention(span.start_char, span.end_char, span.text, role, 1.0)


def split_lists(doc: Doc, index: FuzzyIndex, mentions: list[RoleMention]) -> list[RoleMention]:
    """Comma-separated role lists read as lists: in "plant manager, operations manager" the entity
    ruler prefers the longer posting-style alias "manager, operations" across the comma; when the
    words up to the comma and the words after it each end or start a whole role name, they are two
    mentions instead ("plant manager" and "operations manager")."""
    result = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end)
        commas = [t.i for t in span or () if t.text == ","]
        if span is None or len(commas) != 1:
            result.append(mention)
            continue
        comma = commas[0]
        left = next(
            (m for k in range(index.max_words, 0, -1) if (m := _exact_role(index, doc, max(0, comma - k), comma))
             and m.start < mention.start),
            None,
        )  # fmt: skip
        right = next(
            (m for k in range(index.max_words, 0, -1) if (m := _exact_role(index, doc, comma + 1, comma + 1 + k))
             and m.end > mention.end),
            None,
        )  # fmt: skip
        result += [left, right] if left is not None and right is not None else [mention]
    return result


def fuzzy_mentions(doc: Doc, index: FuzzyIndex, taken: list[RoleMention], threshold: float) -> list[RoleMention]:
    """Spans that are near-misses of a role alias ("operatons manger"), not overlapping ``taken``."""
    busy = {i for mention in taken for i in range(mention.start, mention.end)}
    candidates = []
    for start in range(min(len(doc), MAX_FUZZY_TOKENS)):
        for end in range(start + MIN_FUZZY_TOKENS, min(len(doc), start + index.max_words) + 1):
            span = doc[start:end]
            if len(span) < MIN_FUZZY_TOKENS or span[0].is_punct or span[-1].is_punct or span[0].is_stop:
                continue
            if len(span.text) < MIN_FUZZY_CHARS or any(i in busy for i in range(span.start_char, span.end_char)):
                continue
            found = index.best(span.text, threshold)
            if found is not None:
                candidates.append((found[1], len(span.text), span, found[0]))
    chosen: list[RoleMention] = []
    for confidence, _length, span, role in sorted(candidates, key=lambda c: (-c[0], -c[1])):
        if any(span.start_char < m.end and m.start < span.end_char for m in chosen):
            continue
        chosen.append(RoleMention(span.start_char, span.end_char, span.text, role, round(confidence, 3)))
    return chosen


def posting_mentions(doc: Doc, index: FuzzyIndex, taken: list[RoleMention]) -> list[RoleMention]:
    """Titles as job postings write them ("Manager, Quality Assurance", "Ops Lead - Nights"), not
    overlapping ``taken``. A slash title naming two roles keeps its own words as the value, so the
    actions ask which one was meant."""
    if not looks_like_posting(doc.text):
        return []  # a span's text is part of the message's: no posting furniture in the whole, none in a part
    busy = {i for mention in taken for i in range(mention.start, mention.end)}
    found: list[RoleMention] = []
    for start in range(min(len(doc), MAX_FUZZY_TOKENS)):
        for end in range(min(len(doc), start + index.max_words + 3), start + 1, -1):  # longest first
            span = doc[start:end]
            if span[0].is_punct or span[-1].is_punct or span[0].is_stop or not looks_like_posting(span.text):
                continue
            if any(i in busy for i in range(span.start_char, span.end_char)):
                continue
            roles = index.posting(span.text)
            if roles:
                value = roles[0] if len(roles) == 1 else span.text
                found.append(RoleMention(span.start_char, span.end_char, span.text, value, 1.0))
                busy.update(range(span.start_char, span.end_char))
                break
    return found


def occupation_mentions(doc: Doc) -> list[RoleMention]:
    """Jobs outside the map the entity ruler found ("truck driver"); ``role`` holds the SOC code
    ("53-3032") or the outside group ("military")."""
    return [
        RoleMention(ent.start_char, ent.end_char, ent.text, ent.ent_id_, 1.0)
        for ent in doc.ents
        if ent.label_ == OCCUPATION and ent.ent_id_
    ]


def find_roles(
    doc: Doc, index: FuzzyIndex, threshold: float, outside: Sequence[RoleMention] = ()
) -> list[RoleMention]:
    """Every role mention in text order; exact ones are trusted, typos must pass the shared fuzzy rule,
    and posting-style titles are read by their posting keys; a slash title naming two roles
    ("Supervisor/Manager, Operations") is one mention, whatever aliases it holds. Spans of
    ``outside`` (outside occupations) are never read as typos or postings of a role."""
    slashes = [m for m in posting_mentions(doc, index, []) if "/" in m.text and m.role == m.text]
    exact = [m for m in exact_mentions(doc) if not any(s.start <= m.start and m.end <= s.end for s in slashes)]
    exact = split_lists(doc, index, exact)
    fuzzy = fuzzy_mentions(doc, index, exact + slashes + list(outside), threshold)
    postings = posting_mentions(doc, index, exact + slashes + fuzzy + list(outside))
    return sorted(exact + slashes + fuzzy + postings, key=lambda m: m.start)
