"""Finding phrases that look like job titles but name no known role ("chief vibes officer").

Pure word lists and one function, kept apart from ``actions.context`` so that module
stays about what a message means.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

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


# Words that name a dimension, as people write them (the KB's headings cover the formal ones).
DIMENSION_CUES: dict[str, tuple[str, ...]] = {
    "compensation": ("pay", "paid", "salary", "salaries", "earn", "earns", "earning", "earnings", "money",
                     "wage", "wages", "compensation", "bonus", "income", "remuneration"),
    "budget": ("budget", "budgets", "spend", "spending", "purse strings", "financial authority", "sign off spend"),
    "experience": ("experience", "experienced", "years of experience", "track record"),
    "hierarchy": ("senior", "seniority", "hierarchy", "rank", "ranks", "higher up", "reports to", "pecking order"),
    "decision_making": ("decision", "decisions", "decide", "decides", "autonomy", "final say", "call the shots"),
    "skills": ("skill", "skills", "skillset", "competencies"),
    "crisis_management": ("crisis", "crises", "emergency", "emergencies", "outage", "disruption"),
    "strategy": ("strategy", "strategic", "vision", "long-term planning"),
    "scope": ("scope", "remit", "span of control"),
    "collaboration": ("collaboration", "collaborate", "cross-functional", "teamwork"),
    "performance_metrics": ("kpi", "kpis", "metrics", "measured on", "judged on", "targets"),
    "external_relations": ("suppliers", "vendors", "external", "outside the company", "clients"),
}  # fmt: skip
MIN_FUZZY_CUE = 6  # shorter cue words must be typed exactly ("earns" is one letter from "learns")
CUE_SCORE = 82.0


def worded_dimensions(text: str) -> list[str]:
    """The dimensions a message's words name, in order of appearance, forgiving typos ("bugdet", "seinor")."""
    lowered = " " + re.sub(r"[^a-z0-9' -]+", " ", text.lower()) + " "
    tokens = lowered.split()
    found: list[tuple[int, str]] = []
    for slug, cues in DIMENSION_CUES.items():
        positions = [lowered.find(f" {cue} ") for cue in cues if f" {cue} " in lowered]
        if not positions:
            singles = [cue for cue in cues if " " not in cue and len(cue) >= MIN_FUZZY_CUE]
            for index, token in enumerate(tokens):
                if len(token) >= MIN_FUZZY_CUE - 1 and process.extractOne(
                    token, singles, scorer=fuzz.ratio, score_cutoff=CUE_SCORE
                ):
                    positions.append(len(" ".join(tokens[:index])))
                    break
        if positions:
            found.append((min(positions), slug))
    return [slug for _, slug in sorted(found)]
