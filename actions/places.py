"""Reading the places a pay question names: OEWS areas (a state, a metro, another name of one),
places outside the US, and a place shared by several areas unless the message says which state.

``area_keys`` turns the KB's OEWS area names into the names people type; ``find_places`` reads every
place of a message in order ("in the bay area vs in ohio": two); ``find_place`` the first. The words
come from ``kb/data/vocabulary.yml`` (``places``, ``outside_us``, ``us_states``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from actions.phrases import COMPENSATION
from actions.question import Career, Compare, Describe, Place, Question, Unknown
from kb.content.aspects import aspect_words
from kb.content.vocabulary import Vocabulary, alternatives, vocabulary, words_pattern

CUES = vocabulary().cues

PLACE_WORDS = re.compile(r"\b(?:" + alternatives(CUES["place_words"]) + r")\s+(?:the\s+)?", re.I)
MAX_PLACE_WORDS = 4
MAX_STATE_WORDS = 2  # "north carolina"
MIN_BARE_PLACE = 5  # letters of a place name found without "in", "around" ... (not "pa", "la")
LEADING = re.compile(r"^\s*(?:(?:" + alternatives(CUES["place_lead_in"]) + r")[\s,]+)*", re.I)
TAIL = re.compile(r"(?:" + alternatives(CUES["place_tail"]) + r")\b", re.I)  # "Oregon not Ohio", "Texas I mean"
NATIONAL = words_pattern(CUES["national"])  # "actually make that nationally"
WORD = re.compile(r"[a-z0-9'-]+")
PAY_READS = (Describe, Career, Unknown)  # kinds NLU may give a pay question ("what does X make", "what's X on")


@dataclass(frozen=True)
class Lexicon:
    """What the interpreter knows besides the vocabulary: OEWS areas by the names people use
    (``"illinois"``, ``"phoenix"``, ``"bay area"`` -> area names; several when the name is shared), the
    short forms that name several roles (``"dm"``, ``"pm"``), each role's job family, and the words naming
    aspects Rolewise doesn't compare (``kb/data/aspects.yml``: "stressful", "travel")."""

    areas: dict[str, tuple[str, ...]] = field(default_factory=dict)
    words: Vocabulary = field(default_factory=vocabulary)
    aspects: tuple[str, ...] = field(default_factory=aspect_words)
    short_forms: frozenset[str] = frozenset()
    families: dict[str, str] = field(default_factory=dict)


def area_keys(names: list[str], words: Vocabulary) -> dict[str, tuple[str, ...]]:
    """OEWS area names (``"Phoenix-Mesa-Chandler, AZ"``, ``"Illinois"``) by what people type: the full
    name, the state name, each place of a metro's name, and the vocabulary's other names. A full name
    wins over a place in another area's name ("New York" is the state; "new york city" the metro)."""
    full: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    for name in names:
        lowered = " ".join(name.lower().replace(".", " ").split())  # "st. louis" as typed: "st louis"
        full.setdefault(lowered, []).append(name)
        for form in {lowered.split(",")[0]} | {p.strip() for p in lowered.split(",")[0].split("-")}:
            parts.setdefault(form, []).append(name)
    keys = {**parts, **full}
    for alias, name in words.places.items():
        keys[alias] = [name]
    return {key: tuple(dict.fromkeys(found)) for key, found in keys.items() if key}


def state_codes(area: str, states: dict[str, str]) -> set[str]:
    """The postal codes of the states an OEWS area lies in: ``"Portland-Vancouver-Hillsboro, OR-WA"``
    -> {"or", "wa"}; a state's own name -> its code (``states``: code -> state name)."""
    if "," in area:
        return {code.strip().lower() for code in area.rsplit(",", 1)[1].split("-")}
    return {code for code, name in states.items() if name.lower() == area.lower()}


def _state_after(text: str, tokens: list[re.Match[str]], at: int, words: Vocabulary) -> tuple[Optional[str], int]:
    """The state named right after a place (``"Portland, OR"``, ``"Portland Oregon"``,
    ``"Fayetteville NC"``) as (postal code, tokens used); a two-letter code counts when typed in
    capitals or after a comma, so "portland or seattle" names no state."""
    names = {name.lower(): code for code, name in words.us_states.items()}
    for size in range(min(MAX_STATE_WORDS, len(tokens) - at), 0, -1):
        said = " ".join(t.group(0) for t in tokens[at : at + size])
        if said in names:
            return names[said], size
        typed = text[tokens[at].start() : tokens[at].end()]
        after_comma = "," in text[tokens[at - 1].end() : tokens[at].start()] if at else False
        if size == 1 and said in words.us_states and (typed.isupper() or after_comma):
            return said, 1
    return None, 0


def _state_by_code(text: str, token: re.Match[str], size: int, lexicon: Lexicon) -> tuple[str, ...]:
    """The state a two-letter postal code typed in capitals names ("what does that pay in NC"), its area;
    none for lower case ("in", "or", "me" are words) or a longer name."""
    typed = text[token.start() : token.end()]
    name = lexicon.words.us_states.get(typed.lower()) if size == 1 and len(typed) == 2 and typed.isupper() else None
    return lexicon.areas.get(name.lower(), ()) if name else ()


def _place_at(
    text: str, tokens: list[re.Match[str]], at: int, outside: list[re.Match[str]], lexicon: Lexicon
) -> tuple[Optional[Place], int]:
    """The place whose name starts at token ``at`` (the longest known name wins) and the token after
    it. A name the vocabulary lists as outside the US ("Manchester", "Victoria") is that place unless a
    state follows it ("Manchester, NH"); the US areas of the same name come with it, for the answer to
    say how to ask for them."""
    abroad = next((m for m in outside if m.start() <= tokens[at].start() < m.end()), None)
    for size in range(min(MAX_PLACE_WORDS, len(tokens) - at), 0, -1):
        said = " ".join(t.group(0) for t in tokens[at : at + size])
        areas = lexicon.areas.get(said) or _state_by_code(text, tokens[at], size, lexicon)  # "in NC"
        if not areas:
            continue
        code, used = _state_after(text, tokens, at + size, lexicon.words)
        narrowed = tuple(a for a in areas if code in state_codes(a, lexicon.words.us_states)) if code else ()
        if narrowed:
            return Place(said, "area" if len(narrowed) == 1 else "ambiguous", narrowed), at + size + used
        if abroad is None:
            return Place(said, "area" if len(areas) == 1 else "ambiguous", areas), at + size
    if abroad is not None:  # "Victoria": also Victoria, TX, named in ``areas`` for the note
        end = next((i for i, t in enumerate(tokens) if t.start() >= abroad.end()), len(tokens))
        name = abroad.group(1).lower()
        country = end < len(tokens) and any(m.start() == tokens[end].start() for m in outside)  # "Victoria, Australia"
        return Place(name, "outside_us", () if country else lexicon.areas.get(name, ())), end
    return None, at


def find_places(text: str, lexicon: Lexicon) -> tuple[Place, ...]:
    """Every place the message names, in order, each once: the name after "in", "around", "near" ...,
    a message that is only a place ("Portland, Oregon", "and Texas?"), or a long name of the
    vocabulary's places anywhere ("Bay Area salaries"); places outside the US when the words name one;
    else the whole country when the words ask for it ("nationally", "the whole US")."""
    lowered = re.sub(r"[^a-z0-9' -]", " ", text.lower())  # as long as ``text``: offsets stay
    tokens = list(WORD.finditer(lowered))
    outside = list(words_pattern(lexicon.words.list("outside_us")).finditer(lowered))
    found: list[Place] = []
    starts = [m.end() for m in PLACE_WORDS.finditer(lowered)]
    lead = LEADING.match(text)
    whole = lead.end() if lead else 0
    for start in [whole, *starts]:
        at = next((i for i, t in enumerate(tokens) if t.start() >= start), None)
        if at is None:
            continue
        place, end = _place_at(text, tokens, at, outside, lexicon)
        alone = end == len(tokens) or (end > at and TAIL.match(lowered, tokens[end].start()) is not None)
        if place is not None and (start != whole or alone or start in starts):
            found.append(place)
    if not found:
        for alias, name in lexicon.words.places.items():  # "Bay Area salaries": long names need no "in"
            if len(alias) >= MIN_BARE_PLACE and re.search(rf"\b{re.escape(alias)}\b", lowered):
                found.append(Place(alias, "area", (name,)))
                break
    if not found and outside:
        name = outside[0].group(1).lower()
        found.append(Place(name, "outside_us", lexicon.areas.get(name, ())))
    national = NATIONAL.search(lowered) if not found else None
    if national is not None:  # "and nationally?", "make that the whole US"
        found.append(Place(national.group(1), "national"))
    return tuple(dict.fromkeys(found))


def find_place(text: str, lexicon: Lexicon) -> Optional[Place]:
    """The first place the message names (``find_places``), None when it names none."""
    places = find_places(text, lexicon)
    return places[0] if places else None


def place_name(place: Place) -> str:
    """A place as a sentence names it: "the UK", "London", "NSW", "New South Wales"."""
    words = place.text.split()
    named = [w for w in words if w != "the"]
    short = len(named) == 1 and len(named[0]) <= 3  # "uk", "nsw", "uae": an abbreviation
    return " ".join(w if w == "the" else w.upper() if short else w.capitalize() for w in words)


def state_example(place: Place, states: dict[str, str]) -> str:
    """How to name the first US area of a place with its state: "Victoria, TX" (``place`` "victoria",
    area "Victoria, TX"), "Cambridge, MA" (area "Boston-Cambridge-Newton, MA-NH")."""
    area = place.areas[0] if place.areas else ""
    codes = area.rsplit(",", 1)[1].split("-") if "," in area else []
    code = codes[0].strip() if codes else next((c.upper() for c, n in states.items() if n == area), "")
    return f"{place_name(place)}, {code}" if code else place_name(place)


def asks_pay_on(text: str, words: Vocabulary) -> Optional[int]:
    """Where a message asks a role's pay with "on" ("what's a   on in the UK?", the role masked out):
    an opener of ``pay_on_openers``, at most an article, then "on" at the end or before a word of
    ``pay_verb_followers``; never "what's the buyer working on?". None when it does not."""
    openers = "|".join(re.escape(o) for o in words.list("pay_on_openers"))
    followers = "|".join(re.escape(f) for f in words.list("pay_verb_followers"))
    pattern = rf"(?:^|[.?!,;]\s*)(?:{openers})\s+(?:(?:a|an|the|your|my)\s+)?(on)\b(?=\s+(?:{followers})\b|\W*$)"
    found = re.search(pattern, text, re.I)
    return found.start(1) if found else None


def pay_kind(
    kind: type[Question],
    text: str,
    dimensions: tuple[str, ...],
    places: tuple[Place, ...],
    remembered: bool,
    named: bool,
    words: Vocabulary,
) -> type[Question]:
    """The kind of a message that asks pay (``dimensions``: the ones it names), whatever else its words
    read as: a comparison question (answered with pay figures) when pay is the one dimension named and,
    for a career reading, no career words say otherwise ("what's a programme manager on in the UK?", "how
    much more would I make as a supervisor?"); also a place alone, no role ``named``, after roles were talked
    about (``remembered``: "what about in Springfield?"). ``kind`` otherwise."""
    if kind not in PAY_READS:
        return kind
    if dimensions == (COMPENSATION,):  # "how much more would I make as a supervisor?": pay, unless career words
        career = words_pattern(words.list("career")).search(text)
        return kind if kind is Career and career else Compare
    if places and not dimensions and remembered and not named and kind is not Career:
        return Compare
    return kind


def not_places(
    phrases: tuple[str, ...], places: tuple[Place, ...], words: Optional[Vocabulary] = None
) -> tuple[str, ...]:
    """The phrases read as unknown titles that are no part of a place named ("and in Texas?", the
    "Oregon" of "Portland, Oregon")."""
    words = words or vocabulary()
    states = {name.lower() for name in words.us_states.values()} | set(words.us_states)
    return tuple(
        phrase
        for phrase in phrases
        if phrase.lower() not in states and not any(place.text in phrase.lower() for place in places)
    )
