"""The interpreter's rules: what a message asks, given the conversation so far, as a ``Question``.

``interpret(text, state, titles, intent, lexicon)`` is pure: the role matcher's titles (known and
unknown, with spans) and the KB's area names come in, the words come from
``kb/content/vocabulary.yml``. It resolves references ("it", "those guys", "the latter"), reads
what the message turns down ("no, not the COO, I meant the VP", "forget pay"), the place pay is
asked for ("in Illinois", "around Phoenix", "Bay Area"; outside the US said plainly), the
direction of a comparison, a feeling word of a story, and parts of different kinds
("how do I become X, and do I need a degree?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from actions.asking import asks_less
from actions.phrases import dimension_mentions
from actions.question import (
    AboutMe,
    Aspect,
    Career,
    Compare,
    Describe,
    Education,
    Explain,
    Pick,
    Place,
    Question,
    Several,
    Title,
    Unknown,
)
from kb.vocabulary import Vocabulary, vocabulary, words_pattern

KINDS: dict[str, type[Question]] = {
    "compare_roles": Compare, "inform": Compare, "describe_role": Describe, "list_roles": Describe,
    "career_path": Career, "education": Education, "other_aspect": Aspect, "choose": Pick, "explain": Explain,
    "state_role": AboutMe,
}  # fmt: skip
PLACE_WORDS = re.compile(r"\b(?:in|around|near|across|for|based in|out in|over in)\s+(?:the\s+)?", re.I)
MAX_PLACE_WORDS = 4
MIN_BARE_PLACE = 5  # letters of a place name found without "in", "around" ... (not "pa", "la")
MIN_NAME_WORD = 4  # letters of a word that names a role of the conversation ("the warehouse one"; not "of")
NEGATION_REACH = 3  # words before a role or a dimension that can turn it down
SEVERAL_KINDS = {Career, Education, Describe, Compare}  # kinds a several-part message is answered in
CLAUSE = re.compile(
    r"\?\s*|,\s*(?:and|also|plus)\s+|\band also\b|;\s*|\s+and\s+(?=(?:how|what|who|which|do|does|is|are|can)\b)", re.I
)


@dataclass(frozen=True)
class State:
    """What the conversation carries into a message (the slots)."""

    focus_role: Optional[str] = None
    role_a: Optional[str] = None
    role_b: Optional[str] = None
    dimension: Optional[str] = None
    current_role: Optional[str] = None


@dataclass(frozen=True)
class Lexicon:
    """What the interpreter knows besides the vocabulary: OEWS areas by the names people use
    (``"illinois"``, ``"phoenix"``, ``"bay area"`` -> area names; several when the name is shared)."""

    areas: dict[str, tuple[str, ...]] = field(default_factory=dict)
    words: Vocabulary = field(default_factory=vocabulary)


def area_keys(names: list[str], words: Vocabulary) -> dict[str, tuple[str, ...]]:
    """OEWS area names (``"Phoenix-Mesa-Chandler, AZ"``, ``"Illinois"``) by what people type: the full
    name, the state name, each place of a metro's name, and the vocabulary's other names. A full name
    wins over a place in another area's name ("New York" is the state; "new york city" the metro); a
    place the vocabulary lists outside the US wins over a place in a metro's name ("Manchester" is
    the UK city, "Manchester-Nashua, NH" the metro)."""
    full: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    for name in names:
        lowered = name.lower()
        full.setdefault(lowered, []).append(name)
        for form in {lowered.split(",")[0]} | {p.strip() for p in lowered.split(",")[0].split("-")}:
            parts.setdefault(form, []).append(name)
    abroad = set(words.list("outside_us"))
    keys = {**{part: found for part, found in parts.items() if part not in abroad}, **full}
    for alias, name in words.places.items():
        keys[alias] = [name]
    return {key: tuple(dict.fromkeys(found)) for key, found in keys.items() if key}


def find_place(text: str, lexicon: Lexicon) -> Optional[Place]:
    """The place after "in", "around", "near" ... (the longest known name wins), or a name of the
    vocabulary's places anywhere ("Bay Area"); a place outside the US when the words name one."""
    lowered = " ".join(re.sub(r"[^a-z0-9' -]", " ", text.lower()).split())
    outside = words_pattern(lexicon.words.list("outside_us")).search(lowered)
    for start in [m.end() for m in PLACE_WORDS.finditer(lowered)]:
        words = lowered[start:].split()[:MAX_PLACE_WORDS]
        for size in range(len(words), 0, -1):
            said = " ".join(words[:size])
            if said in lexicon.areas:
                areas = lexicon.areas[said]
                return Place(said, "area" if len(areas) == 1 else "ambiguous", areas)
    for alias, name in lexicon.words.places.items():  # "Bay Area salaries": long names need no "in"
        if len(alias) >= MIN_BARE_PLACE and re.search(rf"\b{re.escape(alias)}\b", lowered):
            return Place(alias, "area", (name,))
    return Place(outside.group(1), "outside_us") if outside else None


def _negated_before(text: str, start: int, cues: re.Pattern[str]) -> bool:
    """Whether a negation cue ends within ``NEGATION_REACH`` words before ``start`` in the same clause."""
    before = re.split(r"[,;.?!]", text[:start])[-1]
    words = before.lower().split()[-NEGATION_REACH:]
    return bool(words) and cues.search(" ".join(words)) is not None


def _one_role(said: str, roles: tuple[str, ...]) -> Optional[str]:
    """The one role among ``roles`` whose name holds every word of ``said`` (None: none or several)."""
    asked = said.lower().split()
    holding = [r for r in roles if all(w in r.lower().split() for w in asked)]
    return holding[0] if len(holding) == 1 and all(len(w) >= MIN_NAME_WORD for w in asked) else None


def by_word(text: str, state: State, titles: tuple[Title, ...], words: Vocabulary) -> tuple[Title, ...]:
    """Roles of the conversation named by a word of their name: "the warehouse one" (a ``by_word``
    reference noun after it), or a bare word turned down ("regional manager, not district"). A word
    counts only when it is in the name of exactly one role of the conversation (pair, focus, own role)
    and no known title covers it."""
    roles = tuple(dict.fromkeys(r for r in (state.role_a, state.role_b, state.focus_role, state.current_role) if r))
    if not roles:
        return ()
    known = [t.span for t in titles if t.role]
    nouns = "|".join(re.escape(n) for n in words.references.get("by_word", ()))
    negation = words_pattern(words.list("negation")).pattern
    one = re.compile(rf"\bthe\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:{nouns})\b", re.I)  # "the warehouse one"
    bare = re.compile(rf"{negation}\s+(?:the\s+|an?\s+)?([a-z][\w-]*)(?=\s*(?:[,;.?!]|$))", re.I)  # "not district"
    said = [(m.group(1), m.start(1)) for m in one.finditer(text)]
    said += [(m.group(2), m.start(2)) for m in bare.finditer(text)]
    found = []
    for phrase, start in said:
        for words_said, at in ((phrase, start), (phrase.split()[-1], start + phrase.rfind(phrase.split()[-1]))):
            role = _one_role(words_said, roles)
            span = (at, at + len(words_said))
            if role and not any(a <= span[0] < b for a, b in known):
                found.append(Title(words_said, span, role, referred=True))
                break
    return tuple(found)


def references(text: str, state: State, titles: tuple[Title, ...], words: Vocabulary) -> tuple[Title, ...]:
    """The titles with the role referred to added where the message refers to one: "it", "they",
    "those guys", "become one" the role in focus (else the user's own role); "the former" / "the
    latter" the pair's first / second; "the warehouse one" the role of the conversation with that word
    in its name (``by_word``: an unknown title on those words is dropped). Pronouns are not read when
    the message names two roles already."""
    if text.startswith("/"):
        return titles
    worded = by_word(text, state, titles, words)
    if worded:
        spans = [t.span for t in worded]
        kept = [t for t in titles if t.role or not any(a < t.span[1] and t.span[0] < b for a, b in spans)]
        titles = tuple(sorted((*kept, *worded), key=lambda t: t.span[0]))
    if len(titles) >= 2:
        return titles
    refs = words.references
    found: list[Title] = []
    pair = (state.role_a, state.role_b)
    for kind, role in (("former", pair[0]), ("latter", pair[1])):
        match = words_pattern(refs[kind]).search(text) if all(pair) else None
        if match and role:
            found.append(Title(match.group(1), match.span(1), role, referred=True))
    focus = state.focus_role or (state.current_role if not titles else None)
    if not found and focus:
        match = words_pattern(refs["focus"] + refs["become_one"]).search(text)
        if match:
            found.append(Title(match.group(1), match.span(1), focus, referred=True))
    named = {t.role for t in titles}
    added = [t for t in found if t.role not in named]
    return tuple(sorted((*titles, *added), key=lambda t: t.span[0]))


def _kind(intent: Optional[str], text: str, words: Vocabulary) -> type[Question]:
    if intent and intent.startswith("ask_"):
        return Compare
    if intent in KINDS:
        return KINDS[intent]
    if words_pattern(words.list("education")).search(text):
        return Education
    return Unknown


def parts(text: str, words: Vocabulary, default: type[Question] = Compare) -> list[tuple[type[Question], str]]:
    """Clauses of different kinds in order ("how do I become a buyer, and do I need a degree?" -> a
    career part and an education part); one entry when the message asks one kind of thing. A clause
    is about education, a career, a dimension (a comparison) or a role's description by its words,
    else of the ``default`` kind (the message's)."""
    cues = [(Education, words_pattern(words.list("education"))), (Career, words_pattern(words.list("career"))),
            (Describe, words_pattern(words.list("describe")))]  # fmt: skip
    found: list[tuple[type[Question], str]] = []
    for clause in (c.strip() for c in CLAUSE.split(text) if c and c.strip()):
        kind = next((k for k, cue in cues[:2] if cue.search(clause)), None)
        if kind is None:
            kind = Compare if dimension_mentions(clause) else Describe if cues[2][1].search(clause) else default
        if found and found[-1][0] is kind:
            found[-1] = (kind, f"{found[-1][1]}, {clause}")
        else:
            found.append((kind, clause))
    return found


def interpret(
    text: str,
    state: State = State(),
    titles: tuple[Title, ...] = (),
    intent: Optional[str] = None,
    lexicon: Optional[Lexicon] = None,
) -> Question:
    """What ``text`` asks. ``titles`` are the role matcher's mentions (``role`` None for a title the
    KB does not know); ``intent`` is what NLU read (None: the words decide)."""
    lexicon = lexicon or Lexicon()
    words = lexicon.words
    if text.startswith("/"):
        return KINDS.get(intent or "", Unknown)(text=text, titles=titles)
    negation = words_pattern(words.list("negation"))
    titles = references(text, state, titles, words)
    negated_roles = tuple(t.role for t in titles if t.role and _negated_before(text, t.span[0], negation))
    masked = "".join(" " if any(a <= i < b for a, b in (t.span for t in titles)) else c for i, c in enumerate(text))
    named = dimension_mentions(masked)
    negated_dims = tuple(slug for at, slug in named if _negated_before(masked, at, negation))
    feeling = words_pattern(words.list("feelings")).search(masked)
    common = dict(
        text=text,
        titles=titles,
        negated_roles=negated_roles,
        dimensions=tuple(slug for _, slug in named if slug not in negated_dims),
        negated_dimensions=negated_dims,
        place=find_place(masked, lexicon),
        less=asks_less(masked),
        feeling=feeling.group(1) if feeling else None,
    )
    kind = _kind(intent, masked, words)
    split = parts(masked, words, kind)
    if len(split) > 1 and {k for k, _ in split} <= SEVERAL_KINDS:
        spans = [(masked.find(clause.split(",")[0]), kind) for kind, clause in split]
        pieces = []
        for index, (start, part_kind) in enumerate(spans):
            end = spans[index + 1][0] if index + 1 < len(spans) else len(text)
            mine = tuple(t for t in titles if start <= t.span[0] < end) or tuple(t for t in titles)
            pieces.append(part_kind(**{**common, "titles": mine, "text": text[start:end]}))
        return Several(**common, parts=tuple(pieces))
    question = kind(**common)
    return replace(question, titles=titles)
