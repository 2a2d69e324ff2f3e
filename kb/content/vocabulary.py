"""Reading and checking ``kb/data/vocabulary.yml``: the words people use when they ask.

Dimension cues, job-family words, reference words, polarity words, negation and correction cues,
career, education and feeling words, slang and UK/Australian title forms, abbreviations of title
words ("asst": "assistant"), place names and US state postal codes, as
plain data. ``read_vocabulary`` collects problems as ``ContentError`` (``make kb`` refuses them);
``vocabulary()`` gives the checked-in file, read once per process. The interpreter
(``actions.interpret``) holds the rules that use these words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from kb.content.reader import ContentError, Reader, Where

VOCABULARY_FILE = Path(__file__).resolve().parents[1] / "data" / "vocabulary.yml"
WORD_LISTS = ("pay_verbs", "pay_on_openers", "pay_verb_followers", "negation", "correction", "career", "education",
              "describe", "feelings", "outside_us")  # fmt: skip
REFERENCE_KINDS = ("focus", "become_one", "former", "latter", "by_word", "writer", "compared_focus", "idioms",
                   "place", "offered")
TITLE_PHRASE_LISTS = ("title_words", "leading", "trailing", "generic", "seniority", "describing")
POLARITIES = ("less", "more")
STATE_CODE = re.compile(r"^[a-z]{2}$")
ONE_WORD = re.compile(r"^[a-z]+$")
CUE_LISTS = ("comparative", "same_job", "replace", "follow_up_start", "says_who_start", "my_role", "holds",
             "holds_after", "superlative", "over_roles", "of_a_pair", "rank_words", "question_start",
             "yes_no_start", "reports_to", "after", "from_there", "how_long", "ladder", "certification",
             "not_certifications", "unhelpful", "denial_start", "pick_both", "pick_courtesy", "pick_neither",
             "pick_drop", "pick_filler", "separators", "comparing", "articles", "clause_lead_in", "place_lead_in",
             "place_words", "place_tail", "national", "question_lead_in", "yes_or_no", "employers",
             "story_time", "tenure_counts", "tenure_units", "same_job_asked")  # fmt: skip
AREA_NAME = re.compile(r"^[A-Z][^,]+(, [A-Z]{2}(-[A-Z]{2})*)?$")  # "Phoenix-Mesa-Chandler, AZ", "New York"


@dataclass(frozen=True)
class Vocabulary:
    """The words of ``vocabulary.yml``, lower-case; each list in file order."""

    dimensions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    families: dict[str, str] = field(default_factory=dict)
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)
    polarity: dict[str, tuple[str, ...]] = field(default_factory=dict)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the WORD_LISTS
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical role -> forms
    places: dict[str, str] = field(default_factory=dict)  # other name -> OEWS area name
    us_states: dict[str, str] = field(default_factory=dict)  # postal code ("or") -> state name ("Oregon")
    abbreviations: dict[str, str] = field(default_factory=dict)  # short form ("asst") -> word ("assistant")
    title_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # TITLE_PHRASE_LISTS
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # CUE_LISTS: the words of one rule each
    source: Path = VOCABULARY_FILE

    def list(self, name: str) -> tuple[str, ...]:
        return self.words.get(name, ())


def _lower(items: list[tuple[str, Where]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(text.lower().split()) for text, _ in items))


def _groups(reader: Reader, node: object, what: str) -> dict[str, tuple[str, ...]]:
    mapping = reader.mapping(node, what)
    if mapping is None:
        return {}
    return {str(key): _lower(reader.texts(mapping, key)) for key in mapping}


def read_vocabulary(path: Path, errors: list[ContentError]) -> Vocabulary:
    """The file's words; its shape problems are appended to ``errors``."""
    reader = Reader(path, errors)
    node = reader.load_mapping("the vocabulary file")
    if node is None:
        return Vocabulary(source=path)
    keys = ("dimensions", "families", "references", "polarity", "titles", "places", "us_states", "abbreviations",
            "title_phrases", "cues")  # fmt: skip
    for name in (*keys, *WORD_LISTS):
        if name not in node:
            reader.fail(reader.where(node), f"missing '{name}'")
    references = _groups(reader, node.get("references", {}), "'references'")
    polarity = _groups(reader, node.get("polarity", {}), "'polarity'")
    phrases = _groups(reader, node.get("title_phrases", {}), "'title_phrases'")
    cues = _groups(reader, node.get("cues", {}), "'cues'")
    for name, known, found in (
        ("references", REFERENCE_KINDS, references),
        ("polarity", POLARITIES, polarity),
        ("title_phrases", TITLE_PHRASE_LISTS, phrases),
        ("cues", CUE_LISTS, cues),
    ):
        for key in sorted(set(found) ^ set(known)):
            reader.fail(reader.where(node, name), f"'{name}' must have exactly {', '.join(known)} (not '{key}')")
    for key in sorted(k for k, words in cues.items() if not words):
        reader.fail(reader.where(node, "cues"), f"cues: '{key}' has no words")
    pairs: dict[str, dict[str, str]] = {}
    for name in ("families", "places", "us_states", "abbreviations"):
        mapping = reader.mapping(node.get(name, {}), f"'{name}'") or {}
        pairs[name] = {str(k).lower(): " ".join(str(v).split()) for k, v in mapping.items() if isinstance(v, str)}
        if len(pairs[name]) != len(mapping):
            reader.fail(reader.where(node, name), f"'{name}' values must be text")
    for word, area in pairs["places"].items():
        if not AREA_NAME.match(area):
            said = f"place '{word}': '{area}' is no OEWS area name ('City, ST' or a state)"
            reader.fail(reader.where(node, "places"), said)
    for code, state in pairs["us_states"].items():
        if not STATE_CODE.match(code) or not AREA_NAME.match(state) or "," in state:
            said = f"us_states: '{code}: {state}' is no postal code and state name"
            reader.fail(reader.where(node, "us_states"), said)
    for short, word in pairs["abbreviations"].items():
        if not ONE_WORD.match(short) or not ONE_WORD.match(word) or short == word:
            said = f"abbreviations: '{short}: {word}' is no short form and the one word it stands for"
            reader.fail(reader.where(node, "abbreviations"), said)
    named = [state.lower() for state in pairs["us_states"].values()]
    for state in sorted({s for s in named if named.count(s) > 1}):
        reader.fail(reader.where(node, "us_states"), f"us_states: '{state}' has two codes")
    words = {name: _lower(reader.texts(node, name)) for name in WORD_LISTS}
    return Vocabulary(
        dimensions=_groups(reader, node.get("dimensions", {}), "'dimensions'"),
        families=pairs["families"],
        references=references,
        polarity=polarity,
        words=words,
        titles=_groups(reader, node.get("titles", {}), "'titles'"),
        places=pairs["places"],
        us_states=pairs["us_states"],
        abbreviations=pairs["abbreviations"],
        title_phrases=phrases,
        cues=cues,
        source=path,
    )


def check_vocabulary(vocabulary: Vocabulary, dimension_slugs: set[str], role_names: set[str]) -> list[ContentError]:
    """Problems with what the words point at: unknown dimension slugs or roles, a word under two dimensions."""
    where = Where(vocabulary.source, 1)
    errors = [ContentError(where, f"dimensions: unknown dimension '{slug}'")
              for slug in vocabulary.dimensions if slug not in dimension_slugs]  # fmt: skip
    errors += [ContentError(where, f"titles: unknown role '{name}'") for name in vocabulary.titles
               if name not in role_names]  # fmt: skip
    seen: dict[str, str] = {}
    for slug, cues in vocabulary.dimensions.items():
        for cue in cues:
            if seen.setdefault(cue, slug) != slug:
                errors.append(ContentError(where, f"dimensions: '{cue}' is under both {seen[cue]} and {slug}"))
    both = set(vocabulary.polarity.get("less", ())) & set(vocabulary.polarity.get("more", ()))
    errors += [ContentError(where, f"polarity: '{word}' is under both less and more") for word in sorted(both)]
    return errors


@lru_cache(maxsize=1)
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The vocabulary file's words (read once); a file with shape problems raises ``ValueError``."""
    errors: list[ContentError] = []
    found = read_vocabulary(path, errors)
    if errors:
        raise ValueError("\n".join(str(e) for e in errors))
    return found


def alternatives(words: tuple[str, ...]) -> str:
    """``words`` as regex alternatives, longest first, "-" and " " alike (no group: the caller adds one)."""
    forms = sorted({re.escape(w).replace(r"\-", "[- ]").replace(r"\ ", "[- ]") for w in words}, key=len, reverse=True)
    return "|".join(forms)


def words_pattern(words: Iterable[str], possessive: bool = False, at: str = "") -> re.Pattern[str]:
    """A pattern matching any of ``words`` as whole words (longest first; "-" and " " alike), ignoring case;
    with ``possessive``, also before "'s" ("that role's budget"). ``at="start"``: only at the start of the
    text (after punctuation); ``at="end"``: only at its end, an article after it allowed ("I'm a"). Compiled
    once per list of words (the same lists are asked for on every turn)."""
    return _compiled(tuple(words), possessive, at)


@lru_cache(maxsize=1024)
def _compiled(words: tuple[str, ...], possessive: bool, at: str) -> re.Pattern[str]:
    after = r"(?!\w)" if possessive else r"(?![\w'])"
    found = r"(?<![\w'])(" + alternatives(words) + r")" + after
    if at == "start":
        return re.compile(r"^\W*" + found, re.IGNORECASE)
    if at == "end":
        return re.compile(found + r":?\s*(?:an?|the)?\s*$", re.IGNORECASE)
    return re.compile(found, re.IGNORECASE)
