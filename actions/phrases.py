"""Finding phrases that look like job titles but name no known role ("chief vibes officer").

Pure word lists and one function, kept apart from ``actions.context`` so that module
stays about what a message means.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(
    r"[,;:?!.()]|\b(?:vs\.?|versus|or|and|with|than|to|from|into|instead of|rather than|compared to|between)\b",
    re.IGNORECASE,
)
_ARTICLES = {"a", "an", "the"}
_LEADING = {
    "who",
    "what",
    "which",
    "how",
    "does",
    "do",
    "is",
    "are",
    "about",
    "compare",
    "comparing",
    "difference",
    "differences",
    "tell",
    "me",
    "more",
    "say",
    "i",
    "mean",
    "meant",
    "think",
    "so",
    "ok",
    "okay",
    "well",
    "hmm",
    "please",
    "can",
    "you",
    "would",
    "could",
    "like",
    "want",
    "become",
    "be",
    "get",
    "need",
    "and",
    "or",
    "but",
    "also",
    "just",
    "maybe",
    "try",
    "let's",
    "lets",
    "us",
    "now",
    "then",
    "describe",
    "explain",
    "whats",
    "what's",
}
_TRAILING = {
    "instead",
    "please",
    "then",
    "role",
    "roles",
    "job",
    "jobs",
    "position",
    "now",
    "too",
    "again",
    "one",
    "do",
    "does",
    "earn",
    "earns",
    "make",
    "makes",
    "get",
    "gets",
    "need",
    "needs",
    "mean",
    "means",
    "is",
    "are",
}
_TITLE_WORDS = {
    "manager",
    "managers",
    "director",
    "directors",
    "officer",
    "officers",
    "lead",
    "leader",
    "supervisor",
    "coordinator",
    "analyst",
    "head",
    "chief",
    "vp",
    "president",
    "executive",
    "specialist",
    "assistant",
    "associate",
    "engineer",
    "planner",
    "clerk",
    "administrator",
    "technician",
    "consultant",
    "controller",
    "agent",
    "operator",
    "representative",
    "mgr",
    "owner",
    "ceo",
    "cfo",
    "cto",
}
_GENERIC = {
    "difference",
    "differences",
    "comparison",
    "comparisons",
    "way",
    "thing",
    "things",
    "best",
    "better",
    "bot",
    "career",
    "path",
    "next",
    "step",
    "steps",
    "first",
    "second",
    "other",
    "same",
    "both",
    "each",
    "them",
    "it",
    "this",
    "that",
    "these",
    "those",
    "one",
    "two",
    "list",
    "lot",
    "bit",
    "day",
    "week",
}
MAX_ROLE_WORDS = 5


def unrecognised_phrases(
    text: str, spans: list[tuple[int, int]], vocabulary: set[str], whole_message: bool = False
) -> tuple[str, ...]:
    """Phrases that look like a role name but matched none ("a barista", "chief vibes officer").

    ``spans`` are the character ranges of recognised roles; ``vocabulary`` holds
    words that are about dimensions rather than roles ("budget", "salary").
    With ``whole_message`` a short reply such as "barista" counts as an attempt.
    """
    masked = list(text)
    for start, end in spans:
        masked[start:end] = "," * (end - start)
    found = []
    for chunk in _SEPARATORS.split("".join(masked)):
        words = [w.strip("'\"") for w in chunk.split()]
        words = [w for w in words if w]
        while words and words[0].lower() in _LEADING:
            words.pop(0)
        had_article = bool(words) and words[0].lower() in _ARTICLES
        words = words[1:] if had_article else words
        while words and words[-1].lower() in _TRAILING:
            words.pop()
        if not words or len(words) > MAX_ROLE_WORDS:
            continue
        lowered = {w.lower() for w in words}
        if lowered & (vocabulary | _GENERIC):
            continue
        role_like = had_article or words[-1].lower() in _TITLE_WORDS or bool(lowered & _TITLE_WORDS)
        if role_like or (whole_message and not spans):
            found.append(" ".join(words))
    return tuple(dict.fromkeys(found))
