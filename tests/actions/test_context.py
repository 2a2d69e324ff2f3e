"""How a message is read in the light of the conversation (pure logic, no KB)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from actions.context import (
    Memory,
    Plan,
    RoleFacts,
    decide_dimension,
    focus,
    is_role_follow_up,
    masked,
    plan_question,
)
from actions.phrases import unrecognised_phrases, worded_dimensions

FACTS = {
    "Head of Operations": RoleFacts("Operations leadership", 6),
    "Operations Manager": RoleFacts("Operations management", 4),
    "Operations Lead": RoleFacts("Operations management", 3),
    "Facilities Manager": RoleFacts("Facilities", 4),
    "Buyer": RoleFacts("Supply chain and logistics", 2),
    "Plant Manager": RoleFacts("Manufacturing and quality", 5),
    "Quality Manager": RoleFacts("Manufacturing and quality", 4),
}
PAIR = Memory("Head of Operations", "Operations Manager", "budget")


@pytest.mark.parametrize(
    ("intent", "mentioned", "memory", "text", "expected"),
    [
        ("ask_budget", ["Buyer", "Plant Manager"], Memory(), "", Plan("answer", "Buyer", "Plant Manager", "budget")),
        ("ask_skills", [], PAIR, "and skills?", Plan("answer", "Head of Operations", "Operations Manager", "skills")),
        ("compare_roles", [], PAIR, "tell me more", Plan("answer", "Head of Operations", "Operations Manager", None)),
        (
            "inform",
            ["Operations Lead"],
            PAIR,
            "and an ops lead?",
            Plan("answer", "Head of Operations", "Operations Lead", "budget"),
        ),
        (
            "inform",
            ["Facilities Manager"],
            PAIR,
            "",
            Plan("answer", "Head of Operations", "Facilities Manager", "budget"),
        ),
        (
            "inform",
            ["Quality Manager"],
            Memory("Buyer", "Plant Manager", "scope"),
            "",
            Plan("answer", "Buyer", "Quality Manager", "scope"),
        ),
        (
            "inform",
            ["Operations Manager"],
            Memory("Buyer", "Plant Manager", None),
            "",
            Plan("ask_which", dimension=None, choices=("Buyer", "Plant Manager"), new_role="Operations Manager"),
        ),
        (  # a correction takes the place of the role named last
            "inform",
            ["Operations Manager"],
            Memory("Buyer", "Plant Manager", None),
            "no sorry, I meant an operations manager",
            Plan("answer", "Buyer", "Operations Manager", None),
        ),
        ("ask_budget", [], Memory(), "", Plan("ask_roles", dimension="budget")),
        ("compare_roles", ["Buyer"], Memory(), "", Plan("ask_roles", role_a="Buyer")),
        (
            "inform",
            ["Plant Manager"],
            Memory(role_a="Buyer", dimension="budget", needs_roles=True),
            "",
            Plan("answer", "Buyer", "Plant Manager", "budget"),
        ),
        ("compare_roles", ["Buyer", "Buyer"], Memory(), "", Plan("same_role", role_a="Buyer")),
        (  # "what about an ops manager?" with it already compared: said so, not answered again
            "inform",
            ["Operations Manager"],
            PAIR,
            "what about an ops manager?",
            Plan("in_pair", "Head of Operations", "Operations Manager", "budget", new_role="Operations Manager"),
        ),
        (  # the form's last role given: the pending question is answered
            "inform",
            ["Operations Manager"],
            replace(PAIR, needs_roles=True),
            "ops manager",
            Plan("answer", "Head of Operations", "Operations Manager", "budget"),
        ),
        (  # a clicked role of the pair: answered
            "inform",
            ["Operations Manager"],
            PAIR,
            '/inform{"job_role": "Operations Manager"}',
            Plan("answer", "Head of Operations", "Operations Manager", "budget"),
        ),
    ],
)
def test_plans(intent: str, mentioned: list[str], memory: Memory, text: str, expected: Plan) -> None:
    assert plan_question(intent, mentioned, memory, FACTS, text) == expected


def test_unknown_words_win_over_a_half_recognised_question() -> None:
    plan = plan_question("ask_budget", ["Buyer"], Memory(), FACTS, "buyer or barista", ("barista",))
    assert plan == Plan("unknown_role", role_a="Buyer", dimension="budget", unknown=("barista",))


VOCABULARY = {"budget", "authority", "salary", "pay", "crisis", "management", "skills"}


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("compare a head of ops with a barista", [(10, 21)], ("barista",)),
        ("who has more budget authority, a head of ops or an astronaut", [(33, 44)], ("astronaut",)),
        ("chief vibes officer vs ops manager", [(23, 34)], ("chief vibes officer",)),
        ("what about the budget", [], ()),
        ("and what about crisis management?", [], ()),
        ("who earns more?", [], ()),
        ("what is the difference", [], ()),
        ("tell me more", [], ()),
        # a person described by a title word alone is no title: "my manager", "a good supervisor"
        ("my manager is annoying, should i become an ops manager myself?", [(44, 55)], ()),
        ("is a good supervisor worth a head of ops", [(29, 40)], ()),
        ("my store supervisor vs a head of ops", [(25, 36)], ("store supervisor",)),
        # a dimension word inside a title with a word of its own: the whole title ("crisis" of crisis management)
        ("crisis management specialist vs a head of ops", [(34, 45)], ("crisis management specialist",)),
        ("salary and crisis manager or a head of ops", [(30, 41)], ()),  # "and": no plain title
        ("vendor crisis management specialist vs a head of ops", [(41, 52)], ("vendor crisis management specialist",)),
        ("budget manager or a head of ops?", [(20, 31)], ()),  # only dimension words before the title word
    ],
)
def test_unrecognised_phrases(text: str, spans: list[tuple[int, int]], expected: tuple[str, ...]) -> None:
    assert unrecognised_phrases(text, spans, VOCABULARY) == expected


def test_a_bare_reply_counts_as_a_role_attempt_only_when_asked() -> None:
    assert unrecognised_phrases("barista", [], VOCABULARY, whole_message=True) == ("barista",)
    assert unrecognised_phrases("barista", [], VOCABULARY) == ()


def test_why_explains_the_remembered_pair_on_its_dimension() -> None:
    assert plan_question("explain", [], PAIR, FACTS, "why?") == Plan(
        "explain", "Head of Operations", "Operations Manager", dimension="budget"
    )
    assert plan_question("explain", [], Memory(), FACTS, "why?") == Plan("nothing_to_explain")
    named = plan_question("explain", ["Plant Manager", "Buyer"], Memory(), FACTS, "why...", worded="budget")
    assert named == Plan("explain", "Plant Manager", "Buyer", dimension="budget")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on the shop floor, who makes more money?", ["compensation"]),
        ("whose bugdet is bigger", ["budget"]),
        ("who needs more experiance", ["experience"]),
        ("who is more seinor", ["hierarchy"]),
        ("decison making of a buyer", ["decision_making"]),
        ("who has the final say on budget", ["decision_making", "budget"]),
        ("how does a learner grow at speed", []),
        ("how is the procurement manager job different from the buyer position?", []),
    ],
)
def test_dimension_words_are_found_despite_typos(text: str, expected: list[str]) -> None:
    assert worded_dimensions(text) == expected


@pytest.mark.parametrize(
    ("intent", "words", "expected"),
    [
        ("ask_hierarchy", ["compensation"], "compensation"),  # the words disagree with the intent and win
        ("ask_budget", ["decision_making", "budget"], "budget"),  # the intent's own dimension is named too
        ("ask_budget", ["decision_making", "skills"], None),  # unclear: NLU decides
        ("compare_roles", [], None),
        ("inform", ["experience"], "experience"),
    ],
)
def test_the_dimension_is_decided_from_intent_and_words(intent: str, words: list[str], expected: str) -> None:
    assert decide_dimension(intent, words) == expected
    if expected and intent.startswith("ask_"):
        plan = plan_question(intent, ["Buyer", "Plant Manager"], Memory(), FACTS, "", worded=expected)
        assert plan.dimension == expected


def test_role_mentions_are_masked_before_looking_for_dimension_words() -> None:
    text = "strategic sourcing manager vs buyer"
    assert worded_dimensions(masked(text, [(0, 26)])) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and a fleet controller?", True),
        ("what about a dispatcher then?", True),
        ("how about a barista", True),
        ("and then?", False),  # continues a career answer: nothing to swap in
        ("and how do i become a dispatcher?", False),
        ("a dispatcher", False),  # a bare role: NLU's own reading stands
    ],
)
def test_short_follow_ups_naming_a_role_are_swaps(text: str, expected: bool) -> None:
    assert is_role_follow_up(text, ("Head of Operations", "Operations Manager")) is expected
    assert not is_role_follow_up(text, None)


def test_a_long_message_is_read_by_its_question() -> None:
    story = "I run a warehouse. " * 10 + "My boss is kind. Who earns more, a buyer or a planner? Thanks."
    start, end = focus(story)
    assert story[start:end].strip() == "Who earns more, a buyer or a planner?"
    assert focus("who earns more?") == (0, len("who earns more?"))


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("logisitcs cordinator or disptacher, who has more say?", [(0, 20)], ("disptacher",)),
        ("logisitcs cordinator or disptacher?", [], ("cordinator", "disptacher")),
        ("I planned to ask who controls more budget", [], ()),  # ordinary words near "planner", "controller"
    ],
)
def test_a_word_one_slip_from_a_title_is_an_unrecognised_title(
    text: str, spans: list[tuple[int, int]], expected: tuple[str, ...]
) -> None:
    heads = frozenset({"dispatcher", "planner", "controller", "coordinator"})
    assert unrecognised_phrases(text, spans, VOCABULARY, heads=heads) == expected


LONG_SENTENCE = (
    "I got an interview next week for a continuous improvement manager job, I've done some lean projects as a "
    "production supervisor but never led improvement full time, and I want to understand the role properly "
    "before I go in, but can you tell me what it involves?"
)


def test_the_focus_of_one_long_sentence_of_clauses_is_its_last_asking_clause() -> None:
    start, end = focus(LONG_SENTENCE)
    assert LONG_SENTENCE[start:end] == "can you tell me what it involves?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and a head of operations?",
         Plan("answer", "Operations Manager", "Head of Operations", dimension="compensation")),
        ("head of operations", Plan("ask_roles", role_a="Head of Operations", dimension="compensation")),
    ],
)  # fmt: skip
def test_a_follow_up_naming_a_role_after_one_roles_answer_compares_the_two(text: str, expected: Plan) -> None:
    after_one = Memory(dimension="compensation", focus="Operations Manager")
    assert plan_question("inform", ["Head of Operations"], after_one, FACTS, text) == expected
