"""Pure text helpers shared by content loading, resolving and phrasing."""

from __future__ import annotations

import importlib
import importlib.util
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

_ARTICLES = ("a ", "an ", "the ")
_NON_WORD = re.compile(r"[^\w&+/]+")
_KEEP_S = ("ss", "us", "is", "ics")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def slugify(name: str) -> str:
    """File- and URL-safe identifier for a role name ("VP of Operations" -> "vp-of-operations")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def singular(word: str) -> str:
    """Crude English singular, applied to both aliases and queries so that they meet."""
    if len(word) <= 3 or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def lookup_key(text: str) -> str:
    """Normal form used to match what a user typed against role aliases.

    Case, punctuation, hyphens, a leading article and plurals do not matter:
    "The Operations-Managers" and "operations manager" share one key.
    """
    cleaned = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    for article in _ARTICLES:
        if cleaned.startswith(article):
            cleaned = cleaned[len(article) :]
            break
    return " ".join(singular(word) for word in cleaned.split())


def indefinite_article(name: str) -> str:
    """'a' or 'an' by the sound of the first letter; acronyms spelled letter by letter count."""
    first_word = name.split()[0] if name.split() else name
    if first_word.isupper() and len(first_word) > 1:
        return "an" if first_word[0] in "AEFHILMNORSX" else "a"
    return "an" if first_word[:1].lower() in "aeiou" else "a"


def hyphen_forms(alias: str) -> list[str]:
    """Spellings with one pair of words hyphenated ("supply-chain manager") or unhyphenated."""
    if "-" in alias:
        return [alias.replace("-", " ")]
    words = alias.split()
    return [" ".join([*words[:i], f"{words[i]}-{words[i + 1]}", *words[i + 2 :]]) for i in range(len(words) - 1)]


def plural_forms(alias: str) -> list[str]:
    """Plural surface forms of an alias, for the entity patterns ("heads of operations")."""
    words = alias.split()
    if not words:
        return []
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    word = words[head]
    if word.isupper() and len(word) > 1:
        plural = word + "s"
    elif word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        plural = word[:-1] + "ies"
    elif word.endswith(("s", "x", "ch", "sh")):
        return []
    else:
        plural = word + "s"
    return [" ".join([*words[:head], plural, *words[head + 1 :]])]


def first_sentence(text: str) -> str:
    """The opening sentence of a paragraph, so that composed answers stay short."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def series(items: Sequence[str], conjunction: str) -> str:
    """Items as a sentence lists them: "a, b and c" (``conjunction`` "and"), "a or b"; one item alone."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} {items[-1]}"


READABLE = re.compile(r"[A-Za-z0-9]")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SURE_LANGUAGE = 0.9  # py3langid's probability at or over which its guess of another language counts
CLOSE_GUESSES = 3  # py3langid's best guesses looked at for a language whose stop words the text holds


def has_english(text: str) -> bool:
    """Whether ``text`` is something Rolewise could read: a letter a-z or a digit (not emoji or another
    script only), and not a sentence in another language written in Latin letters (``foreign_language``)."""
    return bool(READABLE.search(text)) and foreign_language(text) is None


def foreign_language(text: str) -> Optional[str]:
    """The ISO 639-1 code of the other language ``text`` is written in ("es" for "¿Cuánto gana un
    gerente de operaciones?", "de" for "Was verdient ein Betriebsleiter?"), or None for English.

    Two well-kept sources must agree, so English typos and slang ("whos da boss in a warehous",
    "r u human") stay English: py3langid (a language model shipped in the package) ranks another
    language among its ``CLOSE_GUESSES`` best guesses, above English, and the text holds more of
    spaCy's stop words of that language that are not English stop words than English stop words
    that are not its own (each word once, none of one letter): at least two and no English one,
    unless py3langid puts the language first with probability ``SURE_LANGUAGE`` or more and one of
    them has three letters or more ("Was verdient ein Betriebsleiter?": only "ein"; "whos da boss
    lol" stays English though "da" is a Portuguese stop word).
    """
    words = {word.casefold() for word in WORD.findall(text) if len(word) > 1}  # "u", "y", "r": English slang too
    if not words:
        return None
    ranked = _identifier().rank(text)[:CLOSE_GUESSES]
    for rank, (language, probability) in enumerate(ranked):
        if language == "en":
            return None  # English is as likely as any other language left to look at (spaCy never loaded)
        theirs, english = _stop_words(language), _stop_words("en")
        own = sum(1 for word in words if word in theirs and word not in english)
        ours = sum(1 for word in words if word in english and word not in theirs)
        longer = sum(1 for word in words if len(word) > 2 and word in theirs and word not in english)
        if own > ours and ((rank == 0 and probability >= SURE_LANGUAGE and longer) or (own >= 2 and ours == 0)):
            return language
    return None


def prepare_language_check() -> None:
    """Loads what ``foreign_language`` reads (py3langid's model, about half a second) ahead of the first
    message, so that message is not the slow one."""
    _identifier()
    _stop_words("en")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=None)
def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of ``language`` (empty when spaCy has no such language).

    Read from ``spacy/lang/<language>/stop_words.py`` alone (a list with no imports): importing it as
    ``spacy.lang.<language>.stop_words`` would import spaCy itself first, which took 11 s in a process
    that had not loaded it (the action server)."""
    package = importlib.util.find_spec("spacy")
    folders = package.submodule_search_locations if package is not None else None
    path = Path(next(iter(folders))) / "lang" / language / "stop_words.py" if folders else None
    if path is None or not language.isalpha() or not path.is_file():
        return frozenset()
    spec = importlib.util.spec_from_file_location(f"_stop_words_{language}", path)
    if spec is None or spec.loader is None:
        return frozenset()
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(word.casefold() for word in getattr(module, "STOP_WORDS", ()))
