"""The role in focus: "what does it pay?", "how do I become one?", "is it more senior than a buyer?".

After a role is described, a route to or from one role is given, or someone says what they do,
that role is in focus (the ``focus_role`` slot; a comparison of two roles clears it). The
interpreter (``actions.interpret.references``) reads "it", "that role", "become one" as naming the
role in focus and "the former" / "the latter" as the pair's first / second role: a ``Title`` with
``referred`` set. ``PAIR_WORDS`` tells a typed pick ("the latter") from a reference.
"""

from __future__ import annotations

from actions.question import Question
from kb.content.vocabulary import vocabulary, words_pattern

_REFERENCES = vocabulary().references  # kb/data/vocabulary.yml
PAIR_WORDS = words_pattern(_REFERENCES["former"] + _REFERENCES["latter"])  # the pair's first, second role


def only_from_focus(question: Question) -> bool:
    """True when the one role the question names is one it refers to ("it", "the latter"), not typed."""
    return len(question.titles) == 1 and question.titles[0].referred
