"""Finding phrases that look like job titles but name no known role ("chief vibes officer").

The words (title words, words that lead or trail a title, generic nouns) are content in
``kb/data/vocabulary.yml``; kept apart from ``actions.context`` so that module stays about
what a message means.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process

from kb.english import is_common_word

from kb.content.vocabulary import alternatives, vocabulary

_CUES = vocabulary().cues  # kb/data/vocabulary.yml
EMPLOYERS = re.compile(r"\b(?:at|for|with)\s+(?:" + alternatives(_CUES["employers"]) + r")\b", re.I)
_SEPARATORS = re.compile(r"[,;:?!.()]|(?<![\w'])(?:" + alternatives(_CUES["separators"]) + r")(?![\w'])", re.I)
_SEPARATORS_KEPT = re.compile(f"({_SEPARATORS.pattern})", re.IGNORECASE)  # the same, keeping each separator
_COMPARING = set(_CUES["comparing"])
_ARTICLES = set(_CUES["articles"])
_PHRASES = vocabulary().title_phrases  # kb/data/vocabulary.yml
_LEADING = set(_PHRASES["leading"])
_TRAILING = set(_PHRASES["trailing"])
TITLE_WORDS = frozenset(_PHRASES["title_words"])
_GENERIC = set(_PHRASES["generic"])
_DESCRIBING = set(_PHRASES["describing"])
_QUALIFYING = _DESCRIBING | set(_PHRASES["seniority"])  # "a good buyer", "a senior buyer"
MAX_ROLE_WORDS = 5


SHORT_MESSAGE = 8  # words; in a longer message only phrases holding a title word count


MISSPELT_HEAD = 90  # a word this close to the last word of an alias is a title typed wrong ("disptacher")
MISSPELT_MIN_LENGTH = 7
MISSPELT_SHORT = 80  # a 4-6 letter word this close, starting with the same letter ("biyer", "byer")
MISSPELT_SHORT_LENGTH = 4


def misspelt_head(word: str, heads: frozenset[str]) -> bool:
    """Whether ``word`` is a title word or an alias's last word typed wrong: one slip in a long word, or in a short one
    (4-6 letters) a close word with the same first letter; never a head itself or its plural.
    Thresholds tuned on ``tests/actions/test_misspellings.py``."""
    if len(word) < MISSPELT_SHORT_LENGTH or word in heads or word.removesuffix("s") in heads:
        return False
    if any(head.startswith(word) for head in heads):  # "manage", "lead": a word, not a slip in "manager"
        return False
    if len(word) >= MISSPELT_MIN_LENGTH:
        return process.extractOne(word, heads, scorer=fuzz.ratio, score_cutoff=MISSPELT_HEAD) is not None
    short = [head for head in heads if len(head) >= MISSPELT_SHORT_LENGTH and head[0] == word[0]]
    return process.extractOne(word, short, scorer=fuzz.ratio, score_cutoff=MISSPELT_SHORT) is not None


def _qualified_start(text: str, start: int) -> int:
    """Where a recognised title starts with the words describing its holder typed right before it ("a good
    buyer", "my senior buyer"): those words qualify the title and name no role of their own."""
    while True:
        found = re.search(r"([A-Za-z][\w'.-]*)\s+$", text[:start])
        if found is None or found.group(1).lower().rstrip(".") not in _QUALIFYING:
            return start
        start = found.start(1)


MIN_WORDS_OF_FIELD = 3  # words of a plain title whose field words may be words about dimensions


def unrecognised_phrases(
    text: str,
    spans: list[tuple[int, int]],
    vocabulary: frozenset[str] | set[str],
    whole_message: bool = False,
    heads: frozenset[str] = frozenset(),
    alias_words: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Phrases that look like a job title but matched no role ("chief vibes officer", "fleet controller").

    A phrase looks like a title when it holds a title word (manager, officer, lead, clerk, ...) or
    the last word of a known alias (``heads``: "buyer", "dispatcher"); in a short message an
    article is enough ("and a barista?"). Ordinary nouns in a long message ("site", "shift",
    "carriers") never count. ``spans`` are the character ranges of recognised roles;
    ``vocabulary`` holds words about dimensions ("budget", "salary"). With ``whole_message`` a
    short reply such as "barista" counts as an attempt. A word of a known alias (``alias_words``:
    "control" of "inventory control manager") is a field word in a plain title ending in a title word
    ("inventory control specialist"), whatever it means elsewhere.
    """
    titles = TITLE_WORDS | heads
    short = len(text.split()) <= SHORT_MESSAGE
    masked = list(text)
    for start, end in spans:
        start = _qualified_start(text, start)
        masked[start:end] = "," * (end - start)
    found = []
    pieces = _SEPARATORS_KEPT.split("".join(masked))
    for before, chunk in zip(["", *pieces[1::2]], pieces[::2], strict=False):
        compared = (before or "").strip().lower() in _COMPARING
        words = [w.strip("'\"") for w in chunk.split()]
        words = [w for w in words if w]
        while words and words[0].lower() in _LEADING:
            words.pop(0)
        had_article = bool(words) and words[0].lower() in _ARTICLES
        words = words[1:] if had_article else words
        ends = [i for i, w in enumerate(words) if w.lower() in titles]
        words = words[: ends[-1] + 1] if ends else words  # "a travel coordinator paid more": the title only
        while words and words[-1].lower() in _TRAILING:
            words.pop()
        if not words or len(words) > MAX_ROLE_WORDS:
            continue
        described = False
        while len(words) > 1 and words[0].lower() in _DESCRIBING:  # "my store supervisor": the title only
            words, described = words[1:], True
        if described and len(words) == 1 and words[0].lower() in TITLE_WORDS:
            continue  # "my manager", "a good supervisor": a person described, no title of their own
        lowered = {w.lower() for w in words}
        plain_title = words[-1].lower() in titles and not lowered & (_ARTICLES | {"of"})
        whole = len(words) >= MIN_WORDS_OF_FIELD or bool(lowered - vocabulary - titles - _GENERIC)  # a title with
        # a field word of its own, or two before the title word ("vendor relations specialist"), not "budget manager"
        allowed = (alias_words | (vocabulary if whole else set())) if plain_title else set()
        if lowered & ((vocabulary - allowed) | _GENERIC):
            continue
        role_like = (had_article and (short or compared)) or bool(lowered & titles)
        if role_like or (whole_message and not spans):
            found.append(" ".join(words))
        else:
            found.extend(word for word in words if misspelt_head(word.lower(), titles))
    return tuple(dict.fromkeys(found))


# Words that name a dimension, as people write them (kb/data/vocabulary.yml; the KB's headings cover the
# formal ones).
DIMENSION_CUES: dict[str, tuple[str, ...]] = vocabulary().dimensions
COMPENSATION = "compensation"
MIN_FUZZY_CUE = 6  # shorter cue words must be typed exactly ("earns" is one letter from "learns")
CUE_SCORE = 82.0


def _pay_verb_at(lowered: str) -> list[int]:
    """Where a verb asks about pay ("what does a buyer make?", "who pulls in more?"): at the end of a
    clause or before a word of ``pay_verb_followers`` ("make in Texas"), never "what makes a good buyer";
    counted only when no other dimension is named ("who makes more decisions?")."""
    words = vocabulary()
    followers = "|".join(re.escape(f) for f in words.list("pay_verb_followers"))
    verbs = "|".join(re.escape(v) for v in words.list("pay_verbs"))
    pattern = rf" (?:{verbs})(?= (?:{followers}) | *$| (?:and|or|but|vs|than|compared) )"
    return [m.start() for m in re.finditer(pattern, lowered)]


def dimension_mentions(text: str) -> list[tuple[int, str]]:
    """Each dimension a message's words name with where it is first named (a character offset in the
    lower-cased, de-punctuated text of the same length), forgiving typos ("bugdet", "seinor"). A turn reads
    the same text several times (the message, its clauses), so the reading is remembered per text."""
    return list(_dimension_mentions(text))


@lru_cache(maxsize=4096)
def _dimension_mentions(text: str) -> tuple[tuple[int, str], ...]:
    lowered = " " + re.sub(r"[^a-z0-9' -]", " ", text.lower()) + " "
    lowered = EMPLOYERS.sub(lambda m: " " * len(m.group(0)), lowered)  # "at target" names a store, no targets
    tokens = lowered.split()
    found: list[tuple[int, str]] = []
    for slug, cues in DIMENSION_CUES.items():
        positions = [lowered.find(f" {cue} ") for cue in cues if f" {cue} " in lowered]
        if not positions:
            singles = [cue for cue in cues if " " not in cue and len(cue) >= MIN_FUZZY_CUE]
            for index, token in enumerate(tokens):
                same_start = [cue for cue in singles if cue[0] == token[0]]  # a slip keeps the first letter:
                if len(token) >= MIN_FUZZY_CUE - 1 and not is_common_word(token) and process.extractOne(  # "bugdet",
                    token, same_start, scorer=fuzz.ratio, score_cutoff=CUE_SCORE  # never a real word: "wearing"
                ):  # (earning), "sending" (spending)
                    positions.append(len(" ".join(tokens[:index])))
                    break
        if positions:
            found.append((max(min(positions) - 1, 0), slug))
    verbs = _pay_verb_at(lowered.rstrip() + " ")
    if verbs and not found:  # "who makes more decisions?" asks about decisions, "who makes more?" about pay
        found.append((max(verbs[0] - 1, 0), COMPENSATION))
    return tuple(sorted(found))


def worded_dimensions(text: str) -> list[str]:
    """The dimensions a message's words name, in order of appearance, forgiving typos ("bugdet", "seinor")."""
    return [slug for _, slug in dimension_mentions(text)]


# Words that name a job family as a destination ("move into supply chain", kb/data/vocabulary.yml); the
# KB's family names are matched too. Each maps to words found in the family's name.
FAMILY_CUES: dict[str, str] = vocabulary().families
INTO = re.compile(r"(?=\b(?:into|to|towards|toward)\s+(?:the\s+)?([a-z &-]+))", re.I)  # every start
IN_FIELD = re.compile(r"(?=\b(?:in|into|to|towards|toward|within)\s+(?:the\s+|an?\s+)?([a-z &-]+))", re.I)  # each
FROM = re.compile(r"\bfrom\s+(?:the\s+)?([a-z &-]+?)\s+(?:into|to|towards)\b", re.I)


def _family_of(words: str, families: list[str]) -> Optional[str]:
    """The family whose name (or a part of it: "supply chain" of "Supply chain and logistics") starts
    ``words``, the longest match winning; else one named by a ``FAMILY_CUES`` word."""
    words = words.lower().strip()
    matches = [
        (len(part), family)
        for family in families
        for part in (family.lower(), *family.lower().split(" and "))
        if words.startswith(part.strip())
    ]
    if matches:
        return max(matches)[1]
    for cue, part in FAMILY_CUES.items():
        if words.startswith(cue):
            return next((f for f in families if part in f.lower()), None)
    return None


def source_words(text: str) -> Optional[str]:
    """The words naming where a career changer comes from ("from purchasing into ..." -> "purchasing")."""
    found = FROM.search(text)
    return found.group(1).strip() if found else None


def family_moves(text: str, families: list[str]) -> tuple[Optional[str], Optional[str]]:
    """The job families a career-change message moves from and into ("from purchasing into operations
    management"), each None when not named. Role mentions should be blanked out first."""
    targets = (_family_of(m.group(1), families) for m in INTO.finditer(text))
    source = FROM.search(text)
    return (_family_of(source.group(1), families) if source else None), next((t for t in targets if t), None)


def family_in(text: str, families: list[str]) -> Optional[str]:
    """The job family a message asks about as a field ("a first job in supply chain", "into logistics",
    "the ladder in procurement"), None when it names none after such a word. Role mentions should be
    blanked out first."""
    return next((f for f in (_family_of(m.group(1), families) for m in IN_FIELD.finditer(text)) if f), None)
