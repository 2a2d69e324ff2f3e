"""Pure text helpers shared by content loading, resolving and phrasing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

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


def has_english(text: str) -> bool:
    """Whether ``text`` holds a letter a-z or a digit: anything Rolewise could read (not emoji or
    another script only)."""
    return bool(READABLE.search(text))
