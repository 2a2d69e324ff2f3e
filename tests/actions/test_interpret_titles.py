"""Titles as people type them, as a specification: (text, state) -> Question, without Rasa or a database.

The words right before a known title (seniority, the role's field, or a word that makes a title of its own)
and the short forms that name several roles ("dm", "pm") typed where a role fits. Titles come in as the
role matcher gives them, placed where their words are; the words come from ``kb/data/vocabulary.yml``; the
short forms, written in capitals in ``kb/data/ambiguous.yml``, and the role families as the KB gives them.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest

from actions.interpret import Lexicon, State, area_keys, interpret
from actions.question import AboutMe, Compare, Describe, Question, Several, Title
from kb.content.vocabulary import vocabulary

FAMILIES = {"Buyer": "Supply chain and logistics", "Procurement Manager": "Supply chain and logistics",
            "Store Manager": "Retail operations", "Assistant Store Manager": "Retail operations",
            "Shift Manager": "Operations management"}  # fmt: skip
LEXICON = Lexicon(
    areas=area_keys(["Illinois", "Chicago-Naperville-Elgin, IL-IN", "Victoria, TX"], vocabulary()),
    short_forms=frozenset({"pm", "dm", "sm", "mm"}),
    families=FAMILIES,
)
NONE = State()
PAIR = State(role_a="Store Manager", role_b="Assistant Store Manager")
BUYER, STORE, ASM = ("buyer", "Buyer"), ("store manager", "Store Manager"), ("asst manager", "Assistant Store Manager")
PROCUREMENT = ("procurement manager", "Procurement Manager")


def _titles(text: str, said: tuple[tuple[str, Optional[str]], ...]) -> tuple[Title, ...]:
    found = []
    for words, role in said:
        start = text.lower().index(words.lower())
        found.append(Title(text[start : start + len(words)], (start, start + len(words)), role))
    return tuple(found)


def _fields(question: Question, wanted: dict[str, Any]) -> dict[str, Any]:
    read = {
        "kind": type(question),
        "roles": question.roles,
        "unknown": question.unknown,
        "typed": tuple(t.text for t in question.titles),
        "dimensions": question.dimensions,
        "parts": [(type(p), p.roles, p.unknown) for p in question.parts] if isinstance(question, Several) else None,
    }
    return {key: read[key] for key in wanted}


# (text, state, titles as the matcher gives them, intent, expected fields)
TITLES: list[tuple[str, State, tuple[tuple[str, Optional[str]], ...], Optional[str], dict[str, Any]]] = [
    # seniority and field words are part of the title: the role stays, and no word of it is left over
    ("im a senior buyer", NONE, (BUYER,), "state_role",
     {"kind": AboutMe, "roles": ("Buyer",), "unknown": (), "typed": ("senior buyer",)}),
    ("whats a Sr. Buyer", NONE, (BUYER,), "describe_role", {"roles": ("Buyer",), "typed": ("Sr. Buyer",)}),
    ("is a senior buyer more senior than a procurement manager?", NONE, (BUYER, PROCUREMENT), "ask_hierarchy",
     {"roles": ("Buyer", "Procurement Manager"), "dimensions": ("hierarchy",)}),
    ("I'm a retail store manager", NONE, (STORE,), "state_role",
     {"roles": ("Store Manager",), "typed": ("retail store manager",)}),
    # another word after an article makes a title of its own, named back whole, never cut or swapped
    ("what does a media buyer do", NONE, (BUYER,), "describe_role",
     {"kind": Describe, "roles": (), "unknown": ("media buyer",)}),
    ("who earns more, a media buyer or a procurement manager?", NONE, (BUYER, PROCUREMENT), "ask_compensation",
     {"roles": ("Procurement Manager",), "unknown": ("media buyer",)}),
    ("im a category manager buyer", NONE, (BUYER,), "state_role",
     {"roles": (), "unknown": ("category manager buyer",)}),
    # words that describe the holder, or belong to the question or a place, are no part of a title
    ("what makes a good buyer", NONE, (BUYER,), None, {"roles": ("Buyer",), "typed": ("buyer",)}),
    ("is my store manager paid more than a buyer?", NONE, (STORE, BUYER), "ask_compensation",
     {"roles": ("Store Manager", "Buyer"), "unknown": ()}),
    ("my manager is annoying, should i become a store manager myself?", NONE, (STORE,), "career_path",
     {"roles": ("Store Manager",), "unknown": ()}),
    ("our director wants me to compare a buyer and a procurement manager", NONE, (BUYER, PROCUREMENT), "compare_roles",
     {"roles": ("Buyer", "Procurement Manager"), "unknown": ()}),
    ("chicago buyer salary", NONE, (BUYER,), "ask_compensation", {"roles": ("Buyer",), "typed": ("buyer",)}),
    ("suppose i reach store manager, what's the following step", NONE, (STORE,), "career_path",
     {"roles": ("Store Manager",), "unknown": ()}),
    ("breadth of responsibility buyer vs procurement manager", NONE, (BUYER, PROCUREMENT), "ask_scope",
     {"roles": ("Buyer", "Procurement Manager"), "unknown": ()}),
    # short forms of several roles, in any case, where a role fits: asked back (unknown here)
    ("store manager vs dm", NONE, (STORE,), "compare_roles",
     {"kind": Compare, "roles": ("Store Manager",), "unknown": ("dm",)}),
    ("dm vs store manager", NONE, (STORE,), "compare_roles", {"roles": ("Store Manager",), "unknown": ("dm",)}),
    ("whats a dm", NONE, (), "describe_role", {"kind": Describe, "unknown": ("dm",)}),
    ("what does a dm make?", NONE, (), "ask_compensation", {"unknown": ("dm",), "dimensions": ("compensation",)}),
    ("and a DM?", PAIR, (), "inform", {"unknown": ("DM",)}),
    ("how do I become a pm", NONE, (), "career_path", {"unknown": ("pm",)}),
    # ... and an ordinary word elsewhere: a direct message, a time
    ("can you dm me the link", NONE, (), None, {"unknown": ()}),
    ("send me a dm", NONE, (), None, {"unknown": ()}),
    ("i'll dm you later", NONE, (), None, {"unknown": ()}),
    ("should i dm?", NONE, (), None, {"unknown": ()}),
    ("can we talk at 5 pm", NONE, (), None, {"unknown": ()}),
    # the newcomer's message: an abbreviated title, a pay question and a short form, each read
    ("im a retail asst manager, whats the pay diff with store manager, and whats a dm", NONE,
     (("retail asst manager", "Assistant Store Manager"), STORE), "ask_compensation",
     {"kind": Several,
      "parts": [(Compare, ("Assistant Store Manager", "Store Manager"), ()), (Describe, (), ("dm",))]}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "state", "said", "intent", "wanted"), TITLES, ids=[t[0] for t in TITLES])
def test_a_title_is_read_with_the_words_around_it(
    text: str, state: State, said: tuple[tuple[str, Optional[str]], ...], intent: Optional[str], wanted: dict[str, Any]
) -> None:
    question = interpret(text, state, _titles(text, said), intent, LEXICON)
    assert _fields(question, wanted) == wanted


def test_without_the_kbs_short_forms_dm_stays_a_word() -> None:
    question = interpret("store manager vs dm", NONE, _titles("store manager vs dm", (STORE,)), "compare_roles",
                         Lexicon(areas=LEXICON.areas, families=FAMILIES))  # fmt: skip
    assert question.unknown == ()
