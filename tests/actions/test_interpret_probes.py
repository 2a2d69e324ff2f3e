"""Field-style probes of the interpreter: (text, state) -> Question, written as people type on forums
(US and UK slang, typos, polite wrappers, very short, two-part, corrections). Each row checks only the
fields it names. Titles come in as the role matcher gives them, placed where their words are."""

from __future__ import annotations

from typing import Any, Optional

import pytest

from actions.interpret import Lexicon, State, area_keys, interpret
from actions.question import Career, Compare, Describe, Education, Question, Several, Unknown
from kb.content.vocabulary import vocabulary

AREAS = ["Illinois", "Texas", "Ohio", "Georgia", "Phoenix-Mesa-Chandler, AZ", "San Francisco-Oakland-Fremont, CA",
         "Chicago-Naperville-Elgin, IL-IN", "Dallas-Fort Worth-Arlington, TX", "New York",
         "New York-Newark-Jersey City, NY-NJ", "Manchester-Nashua, NH",
         "Palm Bay-Melbourne-Titusville, FL"]  # fmt: skip
LEXICON = Lexicon(areas=area_keys(AREAS, vocabulary()))
PAIR = State(role_a="Warehouse Manager", role_b="Procurement Manager")
FOCUS = State(focus_role="Demand Planner")
ME = State(current_role="Dispatcher")
NONE = State()
BUYER, PLANNER, COO = ("buyer", "Buyer"), ("planner", "Supply Planner"), ("coo", "Chief Operating Officer")

# (text, state, titles as (words, role or None), intent, expected fields)
PROBES: list[tuple[str, State, tuple[tuple[str, Optional[str]], ...], Optional[str], dict[str, Any]]] = [
    # everyday words for a dimension
    ("what does a buyer make a year?", NONE, (BUYER,), "ask_compensation", {"dimensions": ("compensation",)}),
    ("how much do buyers take home", NONE, (("buyers", "Buyer"),), "ask_compensation",
     {"dimensions": ("compensation",)}),
    ("whats the going rate for a buyer", NONE, (BUYER,), None, {"dimensions": ("compensation",)}),
    ("top paying supply chain jobs?", NONE, (), "ask_compensation", {"dimensions": ("compensation",), "less": False}),
    ("worst paying jobs in a warehouse", NONE, (), "ask_compensation", {"dimensions": ("compensation",),
                                                                      "less": True}),
    ("cheapest paid roles in retail", NONE, (), "ask_compensation", {"less": True}),
    ("bottom of the pay scale in customer service?", NONE, (), "ask_compensation",
     {"dimensions": ("compensation",), "less": True}),
    ("is the coo the boss of the buyer", NONE, (COO, BUYER), "ask_hierarchy", {"dimensions": ("hierarchy",)}),
    ("what schooling do u need to be a buyer", NONE, (BUYER,), "education", {"kind": Education}),
    ("is CPIM worth getting for a planner?", NONE, (PLANNER,), None, {"kind": Education}),
    ("what training does a buyer need", NONE, (BUYER,), None, {"kind": Education}),
    ("which one has the bigger pay packet, a buyer or a planner?", NONE, (BUYER, PLANNER), "ask_compensation",
     {"dimensions": ("compensation",), "roles": ("Buyer", "Supply Planner")}),
    # references
    ("what do they make?", FOCUS, (), "ask_compensation", {"roles": ("Demand Planner",)}),
    ("how much do those guys pull in", FOCUS, (), "ask_compensation",
     {"roles": ("Demand Planner",), "dimensions": ("compensation",)}),
    ("do u need a degree for that job", FOCUS, (), "education", {"roles": ("Demand Planner",)}),
    ("how do I become one", FOCUS, (), "career_path", {"kind": Career, "roles": ("Demand Planner",)}),
    ("how do I become the warehouse one?", PAIR, (("warehouse", None),), "career_path",
     {"roles": ("Warehouse Manager",), "unknown": ()}),
    ("what does the procurement one earn", PAIR, (), "ask_compensation", {"roles": ("Procurement Manager",)}),
    ("tell me more about the latter", PAIR, (), "describe_role", {"roles": ("Procurement Manager",)}),
    ("does the former need a degree?", PAIR, (), "education", {"roles": ("Warehouse Manager",)}),
    ("what do I need to become one, a cert or a degree?", FOCUS, (), "education", {"roles": ("Demand Planner",)}),
    # negation and correction
    ("no, not the coo, I meant the buyer", PAIR, (COO, BUYER), "inform",
     {"roles": ("Buyer",), "negated_roles": ("Chief Operating Officer",)}),
    ("sorry I meant skills, not pay", PAIR, (), "ask_skills",
     {"dimensions": ("skills",), "negated_dimensions": ("compensation",)}),
    ("no wait, budget rather than scope", PAIR, (), "ask_budget",
     {"dimensions": ("budget",), "negated_dimensions": ("scope",)}),
    ("never mind the salary, who has more say?", PAIR, (), "ask_decision_making",
     {"dimensions": ("decision_making",), "negated_dimensions": ("compensation",)}),
    ("oops, procurement manager, not warehouse", PAIR, (("procurement manager", "Procurement Manager"),), "inform",
     {"negated_roles": ("Warehouse Manager",)}),
    ("can i skip straight to buyer", ME, (BUYER,), "inform",
     {"kind": Career, "roles": ("Buyer",), "negated_roles": ()}),  # "skip" of a career step turns nothing down
    ("planner not buyer", NONE, (PLANNER, BUYER), "inform",
     {"roles": ("Supply Planner",), "negated_roles": ("Buyer",)}),
    ("buyer instead of planner", NONE, (BUYER, PLANNER), "inform",
     {"roles": ("Buyer",), "negated_roles": ("Supply Planner",)}),
    # places
    ("what does a buyer pull in around Dallas?", NONE, (BUYER,), "ask_compensation",
     {"areas": ("Dallas-Fort Worth-Arlington, TX",)}),
    ("buyer salary in chicago pls", NONE, (BUYER,), "ask_compensation",
     {"areas": ("Chicago-Naperville-Elgin, IL-IN",)}),
    ("and in Ohio?", PAIR, (), "inform", {"areas": ("Ohio",), "kind": Compare}),
    ("how about out in georgia", PAIR, (), "inform", {"areas": ("Georgia",)}),
    ("and a buyer there?", State(focus_role="Supply Planner", dimension="compensation", place="Texas"), (BUYER,),
     "ask_compensation", {"areas": ("Texas",)}),
    ("how do i become a buyer and whats the pay", NONE, (BUYER,), "ask_compensation",
     {"kind": Several, "parts": [Career, Compare]}),  # "whats" opens a question of its own, as "what" does
    ("ok how do i get there", State(role_a="Buyer", role_b="Supply Planner", dimension="compensation", place="Texas"),
     (), "help", {"areas": None}),  # a goal, not the place of the last pay answer
    ("what's a buyer on in Manchester?", NONE, (BUYER,), "ask_compensation", {"place_kind": "outside_us"}),
    ("buyer salary in melbourne?", NONE, (BUYER,), "ask_compensation", {"place_kind": "outside_us"}),
    ("buyer pay in Manchester-Nashua, NH", NONE, (BUYER,), "ask_compensation", {"areas": ("Manchester-Nashua, NH",)}),
    ("buyer wages in the uk", NONE, (BUYER,), "ask_compensation", {"place_kind": "outside_us"}),
    ("what does a buyer earn in Sydney", NONE, (BUYER,), "ask_compensation", {"place_kind": "outside_us"}),
    ("buyer pay in SF", NONE, (BUYER,), "ask_compensation", {"areas": ("San Francisco-Oakland-Fremont, CA",)}),
    ("what does a planner do in practice", NONE, (PLANNER,), "describe_role", {"place_kind": None}),
    # two parts
    ("how do I become a buyer and what certs should I get?", NONE, (BUYER,), "career_path",
     {"parts": [Career, Education]}),
    ("what does a buyer do? and what do they earn?", NONE, (BUYER,), "describe_role",
     {"parts": [Describe, Compare]}),
    ("do I need a degree to be a buyer, and how long does it take to become one?", NONE, (BUYER,), "education",
     {"parts": [Education, Career]}),
    ("who earns more, a buyer or a planner?", NONE, (BUYER, PLANNER), "ask_compensation", {"parts": None}),
    # stories with a feeling word: the question stays
    ("fed up of nights as a dispatcher tbh. what comes after dispatcher?", NONE, (("dispatcher", "Dispatcher"),),
     "career_path", {"kind": Career, "feeling": "fed up"}),
    ("so bored lol, what does a buyer do", NONE, (BUYER,), "describe_role", {"kind": Describe, "feeling": "bored"}),
    # titles never dropped or swapped
    ("what does a scrum master make?", PAIR, (("scrum master", None),), "ask_compensation",
     {"unknown": ("scrum master",), "roles": ()}),
    ("travel coordinator vs buyer", NONE, (("travel coordinator", None), BUYER), "compare_roles",
     {"unknown": ("travel coordinator",), "roles": ("Buyer",)}),
    ("how much does a biyer make", PAIR, (("biyer", None),), "ask_compensation",
     {"unknown": ("biyer",), "roles": ()}),
    # commands and nothing
    ("/ask_compensation", PAIR, (), "ask_compensation", {"dimensions": ()}),
    ("hmm", NONE, (), None, {"kind": Unknown}),
]


def _titles(text: str, said: tuple[tuple[str, Optional[str]], ...]):
    from actions.question import Title

    found = []
    for words, role in said:
        start = text.lower().index(words.lower())
        found.append(Title(words, (start, start + len(words)), role))
    return tuple(found)


def _fields(question: Question, wanted: dict[str, Any]) -> dict[str, Any]:
    place = question.place
    read = {
        "kind": type(question),
        "roles": question.roles,
        "unknown": question.unknown,
        "dimensions": question.dimensions,
        "negated_roles": question.negated_roles,
        "negated_dimensions": question.negated_dimensions,
        "less": question.less,
        "feeling": question.feeling,
        "areas": place.areas if place else None,
        "place_kind": place.kind if place else None,
        "parts": [type(p) for p in question.parts] if isinstance(question, Several) else None,
    }
    return {key: read[key] for key in wanted}


@pytest.mark.parametrize(("text", "state", "said", "intent", "wanted"), PROBES, ids=[p[0] for p in PROBES])
def test_a_field_probe(text: str, state: State, said, intent: Optional[str], wanted: dict[str, Any]) -> None:
    question = interpret(text, state, _titles(text, said), intent, LEXICON)
    assert _fields(question, wanted) == wanted


def test_there_are_forty_probes_or_more() -> None:
    assert len(PROBES) >= 40
