"""Where an article names one of the two roles it compares, sentence by sentence.

The KB's entity ruler finds full names and aliases ("head of ops", "COOs"). Articles also say
"the supervisor", "directors" or "the former" once the pair is known; those short forms are
added for the article's two roles only, and only when they tell the two apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

JOB_NOUNS = frozenset(
    """manager supervisor director officer lead coordinator analyst associate buyer planner head vp
    engineer specialist superintendent controller dispatcher chief president""".split()
)
ALSO_CALLED = {"vp": ("president",)}  # "a vice president" names the VP
_OBJECT_MARKERS = frozenset(
    "than to with by unlike from over versus vs like under toward towards against compared".split()
)
_DETERMINERS = frozenset("a an the their its his her our your that those this these any every".split())


@dataclass(frozen=True)
class Mention:
    """One role named in a sentence: token offsets within the sentence and the canonical name."""

    start: int
    end: int
    role: str
    marker: str  # the preposition in front of it ("than", "unlike", ...), empty for a subject

    @property
    def is_object(self) -> bool:
        """True when the mention is the thing compared against, not the one compared."""
        return bool(self.marker)


def head_noun(name: str) -> str:
    """The job noun of a role name: "Head of Operations" -> "head", "Plant Manager" -> "manager"."""
    words = name.lower().split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def short_forms(roles: tuple[str, str]) -> dict[str, str]:
    """Single words that name one of the pair: the head nouns (and plurals) when they differ."""
    heads = [head_noun(role) for role in roles]
    forms: dict[str, str] = {"former": roles[0], "latter": roles[1]}
    if heads[0] != heads[1]:
        for role, head in zip(roles, heads, strict=True):
            for word in (head, *ALSO_CALLED.get(head, ())):
                if word in JOB_NOUNS:
                    forms[word] = role
                    forms[word + "s"] = role
    return forms


def _marker(sentence: "Span", start: int) -> str:
    """The object preposition directly before a mention, skipping one determiner."""
    index = start - 1
    if index >= 0 and sentence[index].lower_ in _DETERMINERS:
        index -= 1
    if index >= 0 and sentence[index].lower_ in _OBJECT_MARKERS:
        return sentence[index].lower_
    return ""


def find_mentions(sentence: "Span", roles: tuple[str, str], forms: dict[str, str]) -> list[Mention]:
    """The pair's roles named in ``sentence``, in order; other roles are ignored."""
    found: list[Mention] = []
    covered: set[int] = set()
    for ent in sentence.ents:
        start, end = ent.start - sentence.start, ent.end - sentence.start
        covered.update(range(start, end))
        if ent.ent_id_ in roles:
            found.append(Mention(start, end, ent.ent_id_, _marker(sentence, start)))
    for index, token in enumerate(sentence):
        role = forms.get(token.lower_)
        if role is None or index in covered:
            continue
        if token.lower_ in ("former", "latter") and (index == 0 or sentence[index - 1].lower_ != "the"):
            continue
        found.append(Mention(index, index + 1, role, _marker(sentence, index)))
    return sorted(found, key=lambda mention: mention.start)
