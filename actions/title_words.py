"""What the words around a role mention do to it: the interpreter's title rules.

- A word of seniority or of the role's own field right before a known title belongs to it ("senior buyer",
  "Sr. Buyer", "retail store manager" name the role). Any other title-like word there makes the whole a
  title of its own, named back as one ("media buyer", "category manager buyer"), never cut to "media"
  and never swapped for the role it ends with. Words that describe the person ("a good buyer", "my store
  manager") or belong to the question ("who earns more", "in Texas") are no part of a title.
- A short form that names several roles (``ambiguous.yml``: "DM", "PM"), typed in any case, is a title
  where a role fits: after "what's a", "I'm a", "become a", or beside "vs", "or", "than" ("store manager
  vs dm"). Elsewhere it is an ordinary word ("dm me"), as is "pm" in "5 pm".

The words come from ``kb/data/vocabulary.yml``; the short forms and role families from the KB (``Lexicon``).
"""

from __future__ import annotations

import re
from typing import Mapping

from actions.question import Title
from kb.content.vocabulary import Vocabulary, words_pattern

MAX_MODIFIER_WORDS = 2  # "senior category buyer"
NOWHERE = (0, 0)
BOUNDARY = re.compile(r"[,;:?!()\"/]")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'.-]*")
AFTER_FORM = re.compile(r"\s*(?:$|[,;:?!.)])")


def _once(build):  # type: ignore[no-untyped-def]
    """``build(words)`` computed once per vocabulary object (a ``Vocabulary`` holds dicts: not hashable)."""
    done: dict[int, tuple[Vocabulary, object]] = {}

    def cached(words: Vocabulary):  # type: ignore[no-untyped-def]
        if id(words) not in done or done[id(words)][0] is not words:
            done[id(words)] = (words, build(words))
        return done[id(words)][1]

    return cached


@_once
def _not_title_words(words: Vocabulary) -> frozenset[str]:
    """Words that are never part of a title before a role mention: those of the question around it."""
    lists = [words.title_phrases.get(name, ()) for name in ("leading", "trailing", "generic", "describing")]
    lists += [words.cues.get(name, ()) for name in words.cues if name not in ("pick_filler",)]
    lists += [words.list(name) for name in ("negation", "correction", "career", "education", "describe", "feelings",
                                            "pay_verbs", "pay_verb_followers", "pay_on_openers", "outside_us")]
    lists += [*words.polarity.values(), *words.dimensions.values(), *words.references.values()]
    found = {word for phrases in lists for phrase in phrases for word in phrase.split()}
    found |= {name.lower() for name in words.us_states.values()} | set(words.places)
    return frozenset(found)


def _field_words(role: str, families: Mapping[str, str], words: Vocabulary) -> frozenset[str]:
    """Words that qualify ``role`` without changing it: seniority, and words of its own job family
    ("retail" for a Store Manager) or naming that family (``families`` of the vocabulary)."""
    family = families.get(role, "").lower()
    named = {cue for cue, part in words.families.items() if part in family and " " not in cue}
    return frozenset(words.title_phrases.get("seniority", ())) | set(family.split()) - {"and", "of"} | named


def _words_before(text: str, end: int) -> list[re.Match[str]]:
    """The words right before ``end`` in its clause, nearest first, as long as only spaces part them."""
    clause_start = max((m.end() for m in BOUNDARY.finditer(text, 0, end)), default=0)
    found = list(TOKEN.finditer(text, clause_start, end))
    nearest: list[re.Match[str]] = []
    edge = end
    for match in reversed(found):
        if text[match.end() : edge].strip():
            break
        nearest.append(match)
        edge = match.start()
    return nearest


def with_modifiers(
    text: str,
    titles: tuple[Title, ...],
    words: Vocabulary,
    families: Mapping[str, str],
    areas: Mapping[str, object],
) -> tuple[Title, ...]:
    """The titles with the words typed right before each known one read with it: seniority and field
    words widen its span, any other title-like word makes the whole an unknown title ("media buyer").
    ``families``: each role's job family; ``areas``: place names (never part of a title)."""
    if text.startswith("/"):
        return titles
    stop = _not_title_words(words)
    articles = set(words.cues["articles"])
    taken = [t.span for t in titles]
    result = []
    for title in titles:
        if title.role is None or title.referred or title.span == NOWHERE:
            result.append(title)
            continue
        harmless = _field_words(title.role, families, words)
        before = [m for m in _words_before(text, title.span[0]) if not any(a <= m.start() < b for a, b in taken)]
        said = [m.group(0).lower().rstrip(".") for m in before]
        kept = 0  # seniority and field words nearest the title: part of it
        while kept < len(before) and said[kept] in harmless:
            kept += 1
        run = kept  # then title-like words after an article: a title of its own ("a media buyer")
        while run < len(before) and run - kept < MAX_MODIFIER_WORDS and said[run] not in articles:
            typed = before[run].group(0)
            if said[run] in stop or said[run] in areas or len(said[run]) < 2 or typed.endswith("."):
                break  # a word of the question, a place, or the end of a sentence ("... a buyer. Buyer ...")
            run += 1
        if run > kept and run < len(before) and said[run] in articles:
            span = (before[run - 1].start(), title.span[1])
            result.append(Title(text[span[0] : span[1]], span, None))
        elif kept:
            span = (before[kept - 1].start(), title.span[1])
            result.append(Title(text[span[0] : span[1]], span, title.role))
        else:
            result.append(title)
    return tuple(result)


@_once
def _role_slots(words: Vocabulary) -> dict[str, re.Pattern[str]]:
    """Patterns of what comes right before a role (a comparing word, perhaps with an article; "what's a",
    "I'm a", "become a": a lead ending in an article) and right after one (a comparing word, a word that
    trails a title, a pay verb, a place word)."""
    articles = "|".join(re.escape(a) for a in words.cues["articles"])
    separators = words_pattern(words.cues["separators"]).pattern
    leads = words_pattern(words.list("describe") + words.cues["holds"] + words.list("career")).pattern
    after = words.cues["separators"] + words.title_phrases["trailing"] + words.list("pay_verbs")
    return {
        "compared": re.compile(rf"{separators}\s+(?:(?:{articles})\s+)?$", re.I),
        "named": re.compile(rf"{leads}\s+(?:(?:{articles})\s+)?$", re.I),
        "article": re.compile(rf"(?<![\w'])(?:{articles})\s+$", re.I),
        "after": re.compile(rf"\s+{words_pattern(after + words.cues['place_words']).pattern}", re.I),
        "comparing": re.compile(rf"\s+{words_pattern(words.cues['comparing']).pattern}", re.I),
    }


def short_forms(text: str, titles: tuple[Title, ...], forms: frozenset[str], words: Vocabulary) -> tuple[Title, ...]:
    """The titles with each ambiguous short form (``forms``, lower-case) typed where a role fits added, as
    a title the KB does not know (its role is asked back), in text order among the titles placed in it."""
    if text.startswith("/") or not forms:
        return titles
    slots = _role_slots(words)
    pattern = re.compile(r"(?<![\w'])(" + "|".join(re.escape(f) for f in sorted(forms)) + r")s?(?![\w'])", re.I)
    found = []
    for match in pattern.finditer(text):
        span = match.span()
        if any(a < span[1] and span[0] < b for a, b in (t.span for t in titles)):
            continue
        left, right = text[: span[0]], text[span[1] :]
        named = slots["compared"].search(left) or (slots["article"].search(left) and slots["named"].search(left))
        ends_like_a_role = AFTER_FORM.match(right) or slots["after"].match(right)  # "a dm?", "a dm do", "dm make"
        opens_a_comparison = not left.strip() or re.search(r"[,;:?!.]\s*$", left)  # "dm vs store manager"
        if (named and ends_like_a_role) or (opens_a_comparison and slots["comparing"].match(right)):
            found.append(Title(match.group(0), span, None))
    result = list(titles)
    for title in found:  # in text order among the titles placed in the text; the others keep their places
        at = next((i for i, t in enumerate(result) if t.span != NOWHERE and t.span[0] > title.span[0]), len(result))
        result.insert(at, title)
    return tuple(result)



def family_mentions(
    text: str, titles: tuple[Title, ...], families: Mapping[str, str], words: Vocabulary
) -> tuple[Title, ...]:
    """The titles without the ones that name a job family rather than a role: words that are a family's
    name (or a part of it, or a family word of the vocabulary) followed by a word for roles ("which
    customer service roles earn the least?": the family, not the Customer Service Representative)."""
    names = {name.lower() for family in set(families.values()) for name in (family, *family.split(" and "))}
    names |= set(words.families)
    plurals = tuple(w for w in words.cues["over_roles"] if w.endswith("s"))
    after, ending = words_pattern(plurals, at="start"), words_pattern(plurals, at="end")

    def names_family(title: Title) -> bool:
        said = text[title.span[0] : title.span[1]]
        bare = ending.sub("", said).strip().lower()  # the matcher may take "roles" in: "customer service roles"
        return bare in names and (bare != said.strip().lower() or after.search(text[title.span[1] :]) is not None)

    return tuple(t for t in titles if t.referred or t.span == NOWHERE or not names_family(t))
