"""The interpreter as a specification: (text, state) -> Question, without Rasa or a database.

Titles come in as the role matcher gives them (here written by hand with their spans); the words
come from ``kb/data/vocabulary.yml``; areas from a handful of OEWS area names.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import pytest

from actions.interpret import Lexicon, State, area_keys, carries_correction, interpret
from actions.question import AboutMe, Aspect, Career, Compare, Describe, Education, Listing, Place, Several, Title
from actions.question import Unknown
from kb.content.vocabulary import vocabulary

AREAS = ["Illinois", "Texas", "Phoenix-Mesa-Chandler, AZ", "San Francisco-Oakland-Fremont, CA",
         "Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA", "Arizona", "New York",
         "New York-Newark-Jersey City, NY-NJ"]  # fmt: skip
LEXICON = Lexicon(areas=area_keys(AREAS, vocabulary()))
PAIR = State(role_a="Buyer", role_b="Procurement Manager")
FOCUS = State(focus_role="Plant Manager")
NOTHING = State()


def titles(text: str, *roles: tuple[str, Optional[str]]) -> tuple[Title, ...]:
    """Each (words as typed, canonical role or None) placed where the words are in ``text``."""
    found = []
    for said, role in roles:
        start = text.lower().index(said.lower())
        found.append(Title(said, (start, start + len(said)), role))
    return tuple(found)


def read(text: str, state: State = NOTHING, *roles: tuple[str, Optional[str]], intent: Optional[str] = None):
    return interpret(text, state, titles(text, *roles), intent, LEXICON)


@pytest.mark.parametrize(
    ("text", "role", "place"),
    [
        (
            "what does an operations supervisor make in Illinois?",
            "operations supervisor",
            Place("illinois", "area", ("Illinois",)),
        ),
        (
            "operations supervisor pay around Phoenix",
            "operations supervisor",
            Place("phoenix", "area", ("Phoenix-Mesa-Chandler, AZ",)),
        ),
        (
            "how much does an operations supervisor earn in the Bay Area",
            "operations supervisor",
            Place("bay area", "area", ("San Francisco-Oakland-Fremont, CA",)),
        ),
        (
            "operations supervisor salary in Portland",
            "operations supervisor",
            Place("portland", "ambiguous", ("Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA")),
        ),
        ("what does an operations supervisor make in the UK?", "operations supervisor", Place("the uk", "outside_us")),
        ("what does an operations supervisor make?", "operations supervisor", None),
    ],
)
def test_a_place_is_read_from_a_pay_question(text: str, role: str, place: Optional[Place]) -> None:
    question = read(text, State(), (role, "Operations Supervisor"), intent="ask_compensation")
    assert (question.place, question.dimensions, question.roles) == (
        place,
        ("compensation",),
        ("Operations Supervisor",),
    )


@pytest.mark.parametrize(
    ("text", "areas"),
    [("paid in NY state?", ("New York",)), ("salary in New York", ("New York",)),
     ("in new york city", ("New York-Newark-Jersey City, NY-NJ",)), ("pay in TX", ("Texas",)),
     ("what is a PA paid", None)],
)  # fmt: skip
def test_a_state_name_wins_over_a_metro_named_after_it(text: str, areas: Optional[tuple[str, ...]]) -> None:
    place = read(text).place
    assert (place.areas if place else None) == areas


def test_a_place_alone_is_a_follow_up_on_the_pair() -> None:
    question = read("and in Texas?", PAIR, intent="inform")
    assert isinstance(question, Compare)
    assert (question.place, question.roles) == (Place("texas", "area", ("Texas",)), ())


@pytest.mark.parametrize(
    ("text", "dimensions"),
    [
        ("what does a buyer make?", ("compensation",)),
        ("who pulls in more, a buyer or a planner?", ("compensation",)),
        ("what's the take home for a buyer", ("compensation",)),
        ("what makes a good buyer", ()),
        ("who makes more decisions, a buyer or a planner?", ("decision_making",)),
        ("is a buyer the boss of a planner?", ("hierarchy",)),
        ("forget pay, what about budget?", ("budget",)),
        ("not the salary, the decisions", ("decision_making",)),
        ("I don't mean salary, I mean who makes the decisions", ("decision_making",)),
        ("no wait, I meant skills not experience", ("skills",)),
        ("no I meant budget not pay", ("budget",)),  # "I meant" ends the reach of the "no"
        ("not budget but pay", ("compensation",)),
        ("who has the bigger bugdet", ("budget",)),  # a slip in a cue word
        ("night shifts are wearing me down", ()),  # one letter from "earning", but not its first letter
        ("recruiters keep sending me both jobs", ()),  # one letter from "spending", but a common word itself
        ("who has to know how to do more things", ("skills",)),
        ("is a buyer a step up from a planner", ("hierarchy",)),
        ("how many people does a buyer manage", ("hierarchy",)),  # team size: the hierarchy below a role
    ],
)
def test_everyday_words_name_a_dimension(text: str, dimensions: tuple[str, ...]) -> None:
    assert read(text).dimensions == dimensions


def test_a_dimension_turned_down_is_kept_as_negated() -> None:
    assert read("forget pay, what about budget?").negated_dimensions == ("compensation",)


@pytest.mark.parametrize(
    ("text", "roles", "named", "negated"),
    [
        ("no, not the COO, I meant the VP", (("COO", "Chief Operating Officer"), ("VP", "VP of Operations")),
         ("VP of Operations",), ("Chief Operating Officer",)),
        ("not a buyer but a planner", (("buyer", "Buyer"), ("planner", "Supply Planner")),
         ("Supply Planner",), ("Buyer",)),
        ("a buyer or a planner?", (("buyer", "Buyer"), ("planner", "Supply Planner")), ("Buyer", "Supply Planner"), ()),
    ],
)  # fmt: skip
def test_a_correction_drops_the_role_it_turns_down(text, roles, named, negated) -> None:
    question = read(text, PAIR, *roles, intent="inform")
    assert (question.roles, question.negated_roles) == (named, negated)


MANAGERS = State(role_a="Operations Manager", role_b="Supply Chain Manager")
CATALOGUE = Lexicon(families={name: "" for name in ("Operations Manager", "Supply Chain Manager", "Regional Manager",
                    "Warehouse Manager", "Warehouse Associate", "District Manager", "Store Manager")})  # fmt: skip


@pytest.mark.parametrize(
    ("text", "named", "negated"),
    [
        ("no sorry i meant the regional one", ("Regional Manager",), ()),  # a KB role, of the pair's kind
        ("sorry the warehouse one, not supply chain", ("Warehouse Manager",), ("Supply Chain Manager",)),
        ("the supply chain one", ("Supply Chain Manager",), ()),  # a role of the conversation
        ("no, the manager one", (), ()),  # every role of that kind: none
    ],
)  # fmt: skip
def test_the_x_one_names_a_role_by_a_word_of_its_name(text: str, named: tuple, negated: tuple) -> None:
    question = interpret(text, MANAGERS, (), "inform", CATALOGUE)
    assert (question.roles, question.negated_roles) == (named, negated)


SAFETY = Lexicon(families={name: "" for name in ("Health and Safety Specialist", "Health and Safety Manager",
                                                 "Facilities Manager", "Operations Manager", "Operations Supervisor",
                                                 "Business Operations Manager")})  # fmt: skip


@pytest.mark.parametrize(
    ("text", "state", "named"),
    [
        # after one role: "the manager one" is the KB role sharing the most words with it
        ("no, the manager one", State(focus_role="Health and Safety Specialist"), ("Health and Safety Manager",)),
        # the role's own name with its last word changed, before other roles sharing a word with it
        ("no sorry, the manager one", State(focus_role="Operations Supervisor"), ("Operations Manager",)),
        # a title word after "the" names the one role of the conversation holding it
        ("is it the specialist or the manager that has less responsibility in a crisis?",
         State(role_a="Health and Safety Specialist", role_b="Health and Safety Manager"),
         ("Health and Safety Specialist", "Health and Safety Manager")),
        ("the manager", State(role_a="Operations Manager", role_b="Facilities Manager"), ()),  # both are managers
    ],
)  # fmt: skip
def test_a_role_named_by_its_title_word(text: str, state: State, named: tuple) -> None:
    assert interpret(text, state, (), "inform", SAFETY).roles == named


@pytest.mark.parametrize(
    ("text", "roles", "intent", "correction"),
    [
        ("no I meant budget not pay", (), "deny", True),
        ("nope, I meant budget not pay", (), "deny", True),
        ("no not pay, budget", (), "deny", True),
        ("nah I meant decision making not pay", (), "deny", True),
        ("no, the buyer", (("buyer", "Buyer"),), "deny", True),
        ("no I meant pay not budget", (), "goodbye", True),
        ("no", (), "deny", False),
        ("no thanks", (), "deny", False),
        ("no, not pay", (), "deny", False),  # turns pay down, asks nothing
        ("no, not the buyer", (("buyer", "Buyer"),), "deny", False),
        ("budget not pay", (), "deny", False),  # no "no" opens it
        ("no thanks, bye", (), "goodbye", False),
        ("no I meant budget not pay", (), "ask_budget", False),  # already read as the question
    ],
)  # fmt: skip
def test_a_no_carries_a_correction_when_it_names_what_was_meant(text, roles, intent, correction) -> None:
    assert carries_correction(replace(read(text, PAIR, *roles, intent=intent), intent=intent)) is correction


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what does it pay?", "ask_compensation"),
        ("how do I become one?", "career_path"),
        ("do they need a degree?", "education"),
        ("what do those guys earn?", "ask_compensation"),
        ("could I walk into that", "career_path"),
    ],
)
def test_a_reference_names_the_role_in_focus(text: str, intent: str) -> None:
    question = read(text, FOCUS, intent=intent)
    assert question.roles == ("Plant Manager",)
    assert question.titles[0].referred


def test_the_latter_names_the_pairs_second_role() -> None:
    assert read("tell me about the latter", PAIR, intent="describe_role").roles == ("Procurement Manager",)


def test_a_message_naming_two_roles_refers_to_none() -> None:
    text = "does it pay more, a buyer or a plant manager?"
    question = read(text, FOCUS, ("buyer", "Buyer"), ("plant manager", "Plant Manager"), intent="ask_compensation")
    assert question.roles == ("Buyer", "Plant Manager")


def test_a_career_and_an_education_question_are_two_parts() -> None:
    text = "how do I become a plant manager, and do I need a degree?"
    question = read(text, State(), ("plant manager", "Plant Manager"), intent="career_path")
    assert isinstance(question, Several)
    assert [type(p) for p in question.parts] == [Career, Education]
    assert [p.roles for p in question.parts] == [("Plant Manager",), ("Plant Manager",)]


@pytest.mark.parametrize(
    ("text", "intent", "kinds"),
    [
        ("what does a chief of staff do, and how do you become one?", "career_path", [Describe, Career]),
        ("do warehouse managers need a degree, and what do they usually earn?", "education", [Education, Compare]),
        ("how do I get into dispatching and what training is there?", "career_path", [Career, Education]),
        ("who earns more and who has more budget, a buyer or a planner?", "ask_compensation", None),
        ("what comes after shift manager?", "career_path", None),
        ("how do i become an operations manager, do i need an MBA?", "education", [Career, Education]),  # a comma
        ("I'm a nurse, how do I get into operations?", "career_path", None),  # a story, then one question
        ("who earns more, a buyer or a planner?", "ask_compensation", None),
    ],
)
def test_the_parts_of_a_message(text: str, intent: str, kinds: Optional[list]) -> None:
    question = read(text, intent=intent)
    assert ([type(p) for p in question.parts] if isinstance(question, Several) else None) == kinds


OPS_MANAGER = ("operations manager", "Operations Manager")
WAREHOUSE = ("warehouse manager", "Warehouse Manager")
BUYER = ("buyer", "Buyer")


@pytest.mark.parametrize(
    ("text", "state", "said", "intent", "kinds", "roles"),
    [
        # a career question, then how long it takes: the second part continues from where the first ends
        ("how do i become a warehouse manager, and how long does it take?", NOTHING, (WAREHOUSE,), "career_path",
         [Career, Career], [("Warehouse Manager",), ()]),
        ("how do i become a warehouse manager, and how long does it take?", FOCUS, (WAREHOUSE,), "career_path",
         [Career, Career], [("Warehouse Manager",), ()]),  # "it" is no reference to the role in focus here
        ("what comes after buyer and how long does that take?", NOTHING, (BUYER,), "career_path",
         [Career, Career], [("Buyer",), ()]),
        ("how long does it take to become a buyer, and what comes after?", NOTHING, (BUYER,), "career_path",
         [Career, Career], [("Buyer",), ()]),
        ("how long does it take to become a buyer?", NOTHING, (BUYER,), "career_path", None, None),
        ("i'm a buyer; how long does it take to become a warehouse manager?", NOTHING, (BUYER, WAREHOUSE),
         "state_role", None, None),  # the writer's own role: one question from it
        # a question, then an aspect not compared: both answered, the aspect with the roles named
        ("how many people does an operations manager manage and is it stressful?", NOTHING, (OPS_MANAGER,),
         "ask_hierarchy", [Compare, Aspect], [("Operations Manager",), ("Operations Manager",)]),
        ("what does a buyer earn, and is it stressful?", NOTHING, (BUYER,), "ask_compensation",
         [Compare, Aspect], [("Buyer",), ("Buyer",)]),
        ("how do i become a warehouse manager, and is it stressful?", NOTHING, (WAREHOUSE,), "career_path",
         [Career, Aspect], [("Warehouse Manager",), ("Warehouse Manager",)]),
        # an aspect asked about roles that the other clause only names, or follows up on: one question
        ("which is more stressful? a buyer or a warehouse manager?", NOTHING, (BUYER, WAREHOUSE), "ask_strategy",
         None, None),
        ("is a buyer stressful? what about a warehouse manager?", NOTHING, (BUYER, WAREHOUSE), "ask_strategy",
         None, None),
        ("my job is so hectic, and how do i become a warehouse manager?", NOTHING, (WAREHOUSE,), "career_path",
         None, None),  # a story's aspect word asks nothing
        ("my job is so stressful; how do i become a warehouse manager?", NOTHING, (WAREHOUSE,), "other_aspect",
         None, None),
        ("what does a buyer earn, and is it stressful?", NOTHING, (BUYER,), "other_aspect", [Compare, Aspect],
         [("Buyer",), ("Buyer",)]),  # read as about the aspect: the question beside it says what it asks
        # a statement whose only career words tell its time is a story, not a career question
        ("left the army last year after ten years on trucks, and what's the difference between a buyer and a "
         "warehouse manager?", NOTHING, (BUYER, WAREHOUSE), "compare_roles", None, None),
        ("after ten years as a buyer, and how do i become a warehouse manager?", NOTHING, (BUYER, WAREHOUSE),
         "career_path", None, None),
        # a part that opens with a title holds it
        ("warehouse manager vs buyer, who has the bigger team and who handles more stress?", NOTHING,
         (WAREHOUSE, BUYER), "ask_scope", [Compare, Aspect],
         [("Warehouse Manager", "Buyer"), ("Warehouse Manager", "Buyer")]),
    ],
)  # fmt: skip
def test_each_question_of_a_message_is_a_part(text, state, said, intent, kinds, roles) -> None:
    question = read(text, state, *said, intent=intent)
    parts = question.parts if isinstance(question, Several) else None
    assert ([type(p) for p in parts] if parts else None, [p.roles for p in parts] if parts else None) == (kinds, roles)


def test_a_feeling_in_a_story_is_context_not_the_question() -> None:
    text = "I'm burnt out as a buyer. How do I become a plant manager?"
    question = read(text, State(), ("buyer", "Buyer"), ("plant manager", "Plant Manager"), intent="career_path")
    assert (type(question), question.feeling, question.roles) == (Career, "burnt out", ("Buyer", "Plant Manager"))


@pytest.mark.parametrize(("text", "less"), [("who earns less?", True), ("which is the worst paying?", True),
                                            ("who is the lowest paid", True), ("who earns more?", False)])  # fmt: skip
def test_the_direction_of_a_comparison(text: str, less: bool) -> None:
    assert read(text).less is less


def test_an_unknown_title_stays_in_the_question() -> None:
    text = "travel coordinator vs buyer"
    question = read(text, PAIR, ("travel coordinator", None), ("buyer", "Buyer"), intent="compare_roles")
    assert (question.unknown, question.roles) == (("travel coordinator",), ("Buyer",))


STORY = (
    "So I've been working in a distribution centre for about six years now, started on the floor picking and "
    "packing, then moved to a team lead position on nights, and my manager keeps telling me I should apply for "
    "the warehouse manager opening. What does a warehouse manager do?"
)


@pytest.mark.parametrize(
    ("text", "intent", "kind"),
    [
        (STORY, "career_path", Describe),  # a long story read by NLU as a career question: its question decides
        ("my job is so hectic, what's a warehouse manager like?", "state_role", Describe),  # not their own job
        ("I'm a warehouse manager, what does it pay?", "state_role", AboutMe),  # theirs, said before the question
        # read as a dimension its words never name, but its words ask about a career or schooling
        ("my manager is annoying, should I become a warehouse manager myself?", "ask_hierarchy", Career),
        ("any schooling needed for a warehouse manager?", "ask_experience", Education),
        ("is a warehouse manager above a buyer?", "ask_hierarchy", Compare),  # its words name the dimension
        ("how much more would I make as a warehouse manager?", "career_path", Compare),  # pay, no career words
        ("how much more would I make as a warehouse manager?", "state_role", Compare),  # not their own role
        ("I'm a warehouse manager, I make 80k", "state_role", AboutMe),
        ("how do I become a warehouse manager and make more money?", "career_path", Career),
    ],
)
def test_the_question_of_a_story_decides_its_kind(text: str, intent: str, kind: type) -> None:
    assert type(read(text, NOTHING, ("warehouse manager", "Warehouse Manager"), intent=intent)) is kind


def test_their_own_role_against_another_on_a_dimension_is_a_comparison() -> None:
    text = "I'm a buyer, do I earn more than a warehouse manager?"
    question = read(text, NOTHING, ("buyer", "Buyer"), ("warehouse manager", "Warehouse Manager"), intent="state_role")
    assert (type(question), question.roles) == (Compare, ("Buyer", "Warehouse Manager"))


FAMILIES = Lexicon(families={"Buyer": "Supply chain and logistics", "Operations Manager": "Operations management"})


@pytest.mark.parametrize(
    ("text", "intent", "kind"),
    [
        # a job family asked about as a field, with a ladder word and no role named: that family's ladder
        ("how do I get into supply chain with no experience", "ask_experience", Career),
        ("what entry level jobs are there in logistics", "list_roles", Career),
        ("how do you climb the ladder in procurement", "out_of_scope", Career),
        ("what's a good starter job in ops", "out_of_scope", Career),
        ("whats the career path in logistics", "describe_role", Career),
        ("what career in ops pays the most", "ask_compensation", Compare),  # a superlative: a ranking
        ("what jobs are in supply chain", "list_roles", Listing),  # no ladder word: the family's roles
        ("how do I get into cooking", "out_of_scope", Unknown),  # not one of the KB's families
    ],
)
def test_a_field_with_a_ladder_word_asks_for_its_ladder(text: str, intent: str, kind: type) -> None:
    assert type(interpret(text, NOTHING, (), intent, FAMILIES)) is kind


@pytest.mark.parametrize(
    ("text", "intent", "kind", "roles"),
    [
        ("I'm a buyer, do I need a degree to become a warehouse manager", "education", Education,
         ("Warehouse Manager",)),  # the writer's own role is context, the other is asked about
        ("been a buyer 5 yrs and I'm tired of it, do I need a degree to be a warehouse manager?", "state_role",
         Education, ("Warehouse Manager",)),
        ("im a buyer. what does a warehouse manager do", "describe_role", Describe, ("Warehouse Manager",)),
        ("i'm a buyer, how do i get to warehouse manager? need an MBA?", "state_role", Several,
         ("Buyer", "Warehouse Manager")),  # a career question first: the route from their role, then schooling
        ("I'm so stressed about my future lol. what does a warehouse manager do?", "ask_strategy", Describe,
         ("Warehouse Manager",)),  # a dimension NLU read that its words never name
    ],
)  # fmt: skip
def test_a_question_about_another_role_than_the_writers_own(text: str, intent: str, kind: type, roles: tuple) -> None:
    named = [(said, role) for said, role in (("buyer", "Buyer"), ("warehouse manager", "Warehouse Manager"))
             if said in text.lower()]  # fmt: skip
    question = read(text, NOTHING, *named, intent=intent)
    assert (type(question), question.roles) == (kind, roles)


def test_a_family_said_with_a_word_for_roles_is_no_role() -> None:
    text = "which customer service roles earn the least money"
    lexicon = Lexicon(families={"Customer Service Representative": "Customer service"})
    named = titles(text, ("customer service roles", "Customer Service Representative"))
    question = interpret(text, NOTHING, named, "ask_compensation", lexicon)
    assert question.titles == ()


def test_there_is_the_place_of_the_last_pay_answer() -> None:
    state = State(focus_role="Buyer", place="Illinois")
    assert read("and a planner there?", state, ("planner", None)).place == Place("there", "area", ("Illinois",))
    assert read("and a planner there?", NOTHING, ("planner", None)).place is None  # no place asked before
    assert read("and in Texas?", state).place == Place("texas", "area", ("Texas",))  # a place named wins


@pytest.mark.parametrize(
    ("text", "said", "intent", "kind"),
    [
        ("fleet manager for 8 years now", ("fleet manager", "Fleet Manager"), "ask_experience", AboutMe),
        ("maintenance tech here, 10 years on the tools", ("maintenance tech", "Maintenance Technician"),
         "ask_experience", AboutMe),
        ("fleet manager for 8 years, is that enough to be a director?", ("fleet manager", "Fleet Manager"),
         "ask_experience", Career),  # a question, from their role: not a statement
    ],
)  # fmt: skip
def test_a_title_held_for_a_time_with_nothing_asked_says_who_they_are(text, said, intent, kind) -> None:
    assert type(read(text, NOTHING, said, intent=intent)) is kind


@pytest.mark.parametrize(
    ("text", "roles", "intent", "kind", "named"),
    [
        ("im a buyer. who earns more, a procurement manager or a supply chain manager?",
         (("buyer", "Buyer"), ("procurement manager", "Procurement Manager"),
          ("supply chain manager", "Supply Chain Manager")),
         "state_role", Compare, ("Procurement Manager", "Supply Chain Manager")),
        ("I work as a dispatcher, is a fleet manager or a transportation manager more senior?",
         (("dispatcher", "Dispatcher"), ("fleet manager", "Fleet Manager"),
          ("transportation manager", "Transportation Manager")),
         "ask_hierarchy", Compare, ("Fleet Manager", "Transportation Manager")),
        # a career question keeps the writer's role: where the route starts
        ("I've been a store manager for 6 yrs. can i jump straight to head of ops or do i need to be an OM first?",
         (("store manager", "Store Manager"), ("head of ops", "Head of Operations"), ("OM", "Operations Manager")),
         "ask_experience", Career, ("Store Manager", "Head of Operations", "Operations Manager")),
    ],
)  # fmt: skip
def test_two_roles_compared_beside_the_writers_own_are_compared_alone(text, roles, intent, kind, named) -> None:
    question = read(text, NOTHING, *roles, intent=intent)
    assert (type(question), question.roles) == (kind, named)
