"""The role in focus: "what does it pay?", "how do I become one?", "is it more senior than a buyer?".

After a role is described, a route to or from one role is given, or someone says what they do,
that role is in focus (the ``focus_role`` slot; a comparison of two roles clears it). The
interpreter (``actions.interpret.references``) reads "it", "that role", "become one" as naming the
role in focus and "the former" / "the latter" as the pair's first / second role: a ``Title`` with
``referred`` set. ``PAIR_WORDS`` tells a typed pick ("the latter") from a reference.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.cues import COMPARATIVE
from actions.question import Question, State, Title
from kb.content.vocabulary import Vocabulary, alternatives, vocabulary, words_pattern

_REFERENCES = vocabulary().references  # kb/data/vocabulary.yml
PAIR_WORDS = words_pattern(_REFERENCES["former"] + _REFERENCES["latter"])  # the pair's first, second role
TITLE_WORDS = tuple(vocabulary().title_phrases["title_words"])  # "the manager": a role by its title word
MIN_NAME_WORD = 4  # letters of a word that names a role of the conversation ("the warehouse one"; not "of")


def only_from_focus(question: Question) -> bool:
    """True when the one role the question names is one it refers to ("it", "the latter"), not typed."""
    return len(question.titles) == 1 and question.titles[0].referred


def _one_role(said: str, roles: tuple[str, ...]) -> Optional[str]:
    """The one role among ``roles`` whose name holds every word of ``said`` (None: none or several)."""
    asked = said.lower().split()
    holding = [r for r in roles if all(w in r.lower().split() for w in asked)]
    return holding[0] if len(holding) == 1 and all(len(w) >= MIN_NAME_WORD for w in asked) else None


def _by_kind(said: str, catalogue: tuple[str, ...], roles: tuple[str, ...]) -> Optional[str]:
    """The one KB role (``catalogue``) whose name holds every word of ``said``; among several, the one of
    the same kind as the conversation's ``roles`` (its last word: "the regional one" among managers)."""
    found = _one_role(said, catalogue)
    if found is None and roles:
        kinds = {r.split()[-1] for r in roles}
        found = _one_role(said, tuple(r for r in catalogue if r.split()[-1] in kinds))
    if found is None and len(said.split()) == 1:  # "the manager one" after an operations supervisor: the same
        swapped = {" ".join([*r.lower().split()[:-1], said.lower()]) for r in roles}  # name with its last word changed
        named = [r for r in catalogue if r.lower() in swapped and r not in roles]
        found = named[0] if len(named) == 1 else None
    if found is None and roles:  # "the manager one" after a health and safety specialist: the role sharing the most
        asked = set(said.lower().split())  # words with the conversation's roles ("Health and Safety Manager")
        theirs = {w for r in roles for w in r.lower().split()} - asked
        holding = [r for r in catalogue if asked <= set(r.lower().split()) and r not in roles]
        shared = sorted(((len(set(r.lower().split()) & theirs), r) for r in holding), reverse=True)
        if shared and shared[0][0] > 0 and (len(shared) == 1 or shared[1][0] < shared[0][0]):
            found = shared[0][1]
    return found


def by_word(
    text: str, state: State, titles: tuple[Title, ...], words: Vocabulary, catalogue: tuple[str, ...] = ()
) -> tuple[Title, ...]:
    """Roles named by a word of their name: "the warehouse one" (a ``by_word`` reference noun after it), or
    a bare word turned down ("regional manager, not district", "not supply chain"). A word counts when it is
    in the name of exactly one role of the conversation (pair, focus, own role) and no known title covers
    it; "the X one" naming no role of the conversation is the one KB role (``catalogue``) of that kind
    ("no sorry, I meant the regional one")."""
    roles = tuple(dict.fromkeys(r for r in (state.role_a, state.role_b, state.focus_role, state.current_role) if r))
    if not roles:
        return ()
    known = [t.span for t in titles if t.role]
    nouns = "|".join(re.escape(n) for n in words.references.get("by_word", ()))
    negation = words_pattern(words.list("negation")).pattern
    one = re.compile(rf"\bthe\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:{nouns})\b", re.I)  # "the warehouse one"
    bare = re.compile(  # "not district", "not supply chain"
        rf"{negation}\s+(?:the\s+|an?\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)(?=\s*(?:[,;.?!]|$))", re.I
    )
    titled = re.compile(rf"\bthe\s+({alternatives(TITLE_WORDS)})\b(?!\s+(?:{nouns})\b)", re.I)  # "the manager"
    said = [(m.group(1), m.start(1), True) for m in one.finditer(text)]
    said += [(m.group(1), m.start(1), False) for m in titled.finditer(text)]
    said += [(m.group(2), m.start(2), False) for m in bare.finditer(text)]
    found = []
    for phrase, start, of_a_kind in said:
        last = phrase.split()[-1]
        for words_said, at in ((phrase, start), (last, start + phrase.rfind(last))):
            role = _one_role(words_said, roles)
            span = (at, at + len(words_said))
            if any(a <= span[0] < b for a, b in known):
                break
            if role:
                found.append(Title(words_said, span, role, referred=True))
                break
        else:
            other = _by_kind(phrase, catalogue, roles) if of_a_kind else None
            if other is not None:
                found.append(Title(phrase, (start, start + len(phrase)), other))
    return tuple(found)


def references(
    text: str, state: State, titles: tuple[Title, ...], words: Vocabulary, catalogue: tuple[str, ...] = ()
) -> tuple[Title, ...]:
    """The titles with the role referred to added where the message refers to one: "it", "they",
    "those guys", "become one" the role in focus (else the user's own role); "the former" / "the
    latter" the pair's first / second; "the warehouse one" the role of the conversation with that word
    in its name, else the KB role (``catalogue``) of that kind (``by_word``: an unknown title on those
    words is dropped). Pronouns are not read when
    the message names two roles already."""
    if text.startswith("/"):
        return titles
    worded = by_word(text, state, titles, words, catalogue)
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
    if not found:
        found += _compared_with(text, state, titles, words)
    focus = state.focus_role or (state.current_role if not titles else None)
    if not found and focus:
        idioms = words_pattern(refs["idioms"]).sub(lambda m: " " * len(m.group(0)), text)  # not "worth it"
        match = words_pattern(refs["focus"] + refs["become_one"], possessive=True).search(idioms)
        if match:  # "become one", "get there": the role is at its last word, the verb stays a career word
            said = match.group(1)
            career = " ".join(said.lower().split()) in refs["become_one"]
            start = match.end(1) - len(said.split()[-1]) if career else match.start(1)
            aim = _other_than_own(state) if career and not state.focus_role else None  # after "how does my job
            found.append(Title(text[start : match.end(1)], (start, match.end(1)), aim or focus, referred=True))
    named = {t.role for t in titles}
    added = [t for t in found if t.role not in named]
    return tuple(sorted((*titles, *added), key=lambda t: t.span[0]))


def _other_than_own(state: State) -> Optional[str]:
    """The role the writer's own was just compared with ("how does my job compare with an operations
    manager?"), where "get there" points; None when no pair holds their role."""
    pair = (state.role_a, state.role_b)
    if not state.current_role or state.current_role not in pair or not all(pair):
        return None
    return pair[1] if pair[0] == state.current_role else pair[0]


def _compared_with(text: str, state: State, titles: tuple[Title, ...], words: Vocabulary) -> list[Title]:
    """In a comparison naming one role, the other side said with a word for the writer ("am I paid more than
    a planner?": their own role) or for the role in focus ("is that more senior than a supply planner?")."""
    typed = [t for t in titles if t.role and not t.referred]
    if len(typed) != 1 or not COMPARATIVE.search(text):
        return []
    start, end = typed[0].span
    outside = text[:start] + " " * (end - start) + text[end:]
    for kind, role in (("writer", state.current_role), ("compared_focus", state.focus_role)):
        match = words_pattern(words.references[kind]).search(outside) if role and role != typed[0].role else None
        if match:
            return [Title(match.group(1), match.span(1), role, referred=True)]  # type: ignore[arg-type]
    return []
