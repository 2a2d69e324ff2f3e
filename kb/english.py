"""How common an English word is, from the English word-frequency list that ships inside the
``pyspellchecker`` package (``spellchecker/resources/en.json.gz``: about 160,000 words with their counts in
its source corpora). Typo allowances ask it so that a real word is never read as a slip of another one:
"sending" is not "spending", "wearing" is not "earning".
"""

from __future__ import annotations

from functools import lru_cache

COMMON = 1000  # occurrences in the list from which a word counts as common ("budge": 2,001; "manger": 585)


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en").word_frequency.dictionary)


def is_common_word(word: str) -> bool:
    """True when ``word`` (any case) is a common English word: seen at least ``COMMON`` times in the
    package's English frequency list. Loaded once per process (about 0.15 s, 160,000 entries)."""
    return _counts().get(word.lower(), 0) >= COMMON
