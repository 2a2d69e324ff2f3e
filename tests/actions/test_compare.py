"""action_answer_question: verdict first, follow-ups keep context, related comparisons as buttons.

Runs on the small test KB (tests/fixtures/small_kb): Head of Operations -> Operations Manager and
Procurement Manager -> Buyer have authored contrasts; every other pair is answered from the profiles.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.compare import ActionAnswerQuestion
from actions.knowledge import UNAVAILABLE, KnowledgeBase
from actions.slots import DIMENSION, NEEDS_ROLES, PENDING, ROLE_A, ROLE_B
from kb.db import make_engine
from tests.actions.conftest import buttons, make_tracker, slot_events, texts

HOO, OM, FM, PM = "Head of Operations", "Operations Manager", "Facilities Manager", "Plant Manager"
COO, PROCUREMENT = "Chief Operating Officer", "Procurement Manager"
SAME = "Both of those are the Operations Manager, so there is nothing to compare. Name a different second role."
PAIR = {ROLE_A: HOO, ROLE_B: OM, DIMENSION: "budget"}


async def ask(knowledge: KnowledgeBase, domain: dict[str, Any], **tracker: Any) -> tuple[CollectingDispatcher, dict]:
    """The replies, and what the conversation remembers after the turn."""
    dispatcher = CollectingDispatcher()
    before = make_tracker(**tracker)
    events = await ActionAnswerQuestion(knowledge).run(dispatcher, before, domain)
    after = {**before.slots, **slot_events(events)}
    return dispatcher, {name: after[name] for name in (ROLE_A, ROLE_B, DIMENSION, NEEDS_ROLES)}


def payload_roles(button: dict[str, str]) -> list[str]:
    return json.loads(button["payload"][button["payload"].index("{") :])["job_role"]


async def test_dimension_question_answers_verdict_first_and_remembers_the_pair(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge,
        domain,
        text="who has more budget authority, a head of operations or an operations manager?",
        intent="ask_budget",
        roles=(HOO, OM),
    )
    assert texts(dispatcher) == [
        "The Head of Operations has more budget authority than an Operations Manager. "
        "The Head of Operations and the Operations Manager differ on budget. Authored test text.\n"
        "Related comparisons:"
    ]
    assert slots == {ROLE_A: HOO, ROLE_B: OM, DIMENSION: "budget", NEEDS_ROLES: False}


async def test_related_comparisons_are_buttons_that_ask_directly(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="head of ops or ops manager budget", intent="ask_budget", roles=(HOO, OM)
    )
    assert len(dispatcher.messages) == 1
    assert texts(dispatcher)[0].endswith(".\nRelated comparisons:")
    assert buttons(dispatcher, 0) == [
        {"title": f"{HOO} vs {other}", "payload": f'/ask_budget{{"job_role": ["{HOO}", "{other}"]}}'}
        for other in (COO, FM, PROCUREMENT)
    ]


@pytest.mark.parametrize(
    ("intent", "text", "opening"),
    [
        (
            "ask_crisis_management",
            "and what about crisis management?",
            "The Head of Operations carries more responsibility in a crisis than an Operations Manager.",
        ),
        (
            "ask_compensation",
            "who earns more?",
            "The Head of Operations is typically paid more than an Operations Manager.",
        ),
    ],
)
async def test_a_new_dimension_keeps_the_same_roles(knowledge, domain, intent: str, text: str, opening: str) -> None:
    dispatcher, slots = await ask(knowledge, domain, text=text, intent=intent, slots=PAIR)
    assert texts(dispatcher)[0].startswith(opening)
    assert slots[DIMENSION] == intent.removeprefix("ask_")


async def test_tell_me_more_gives_the_full_comparison_of_the_current_pair(knowledge, domain) -> None:
    dispatcher, slots = await ask(knowledge, domain, text="tell me more", intent="compare_roles", slots=PAIR)
    assert texts(dispatcher)[0].splitlines() == [
        "The Head of Operations is ahead of an Operations Manager on all 12 dimensions. The biggest differences:",
        "- External relations: the Head of Operations deals more with people outside the company.",
        "- Scope of responsibility: the Head of Operations has a broader scope.",
        "- Position in the hierarchy: the Head of Operations sits higher in the hierarchy.",
        "- Strategic involvement: the Head of Operations is more involved in strategy.",
        "Look closer at one difference, or try a related comparison:",
    ]
    assert len(dispatcher.messages) == 1
    drill, related = buttons(dispatcher, 0)[:4], buttons(dispatcher, 0)[4:]
    assert [(b["title"], b["payload"]) for b in drill] == [
        (title, f'/ask_{slug}{{"job_role": ["{HOO}", "{OM}"]}}')
        for title, slug in (
            ("External relations", "external_relations"),
            ("Scope of responsibility", "scope"),
            ("Position in the hierarchy", "hierarchy"),
            ("Strategic involvement", "strategy"),
        )
    ]
    assert [payload_roles(b) for b in related] == [[HOO, COO], [HOO, FM], [HOO, PROCUREMENT]]
    assert all(b["payload"].startswith("/compare_roles{") for b in related)
    assert slots[DIMENSION] == "all"


async def test_a_new_role_replaces_the_closest_one(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge, domain, text="what about a facilities manager instead?", intent="inform", roles=(FM,), slots=PAIR
    )
    assert (slots[ROLE_A], slots[ROLE_B], slots[DIMENSION]) == (HOO, FM, "budget")
    assert texts(dispatcher)[0] == (
        "The Head of Operations has more budget authority than a Facilities Manager. Based on the two role "
        "profiles: A Head of Operations is at level 4 on budget. A Facilities Manager is at level 3 on budget.\n"
        "Related comparisons:"
    )


async def test_instead_of_names_the_role_to_replace(knowledge, domain) -> None:
    _, slots = await ask(
        knowledge,
        domain,
        text="plant manager instead of the head of operations",
        intent="inform",
        roles=(PM, HOO),
        slots=PAIR,
    )
    assert (slots[ROLE_A], slots[ROLE_B]) == (PM, OM)


async def test_when_it_is_unclear_which_role_to_replace_it_asks(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge,
        domain,
        text="and an operations manager?",
        intent="inform",
        roles=(OM,),
        slots={ROLE_A: "Buyer", ROLE_B: "Plant Manager", DIMENSION: "budget"},
    )
    assert texts(dispatcher) == ["Should I compare the Operations Manager with the Buyer or with the Plant Manager?"]
    choices = buttons(dispatcher)
    assert [payload_roles(b) for b in choices] == [["Buyer", OM], ["Plant Manager", OM]]
    assert all(b["payload"].startswith("/ask_budget") for b in choices)
    assert (slots[ROLE_A], slots[ROLE_B]) == ("Buyer", "Plant Manager")


async def test_no_roles_and_nothing_remembered_starts_the_form(knowledge, domain) -> None:
    dispatcher, slots = await ask(knowledge, domain, text="who earns more?", intent="ask_compensation")
    assert texts(dispatcher) == []
    assert slots == {ROLE_A: None, ROLE_B: None, DIMENSION: "compensation", NEEDS_ROLES: True}


async def test_one_role_keeps_it_and_asks_for_the_second(knowledge, domain) -> None:
    _, slots = await ask(
        knowledge, domain, text="how much does a buyer earn compared to", intent="ask_compensation", roles=("Buyer",)
    )
    assert (slots[ROLE_A], slots[NEEDS_ROLES]) == ("Buyer", True)


async def test_after_the_form_the_pending_question_is_answered(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge,
        domain,
        text="procurement manager",
        intent="inform",
        roles=("Procurement Manager",),
        slots={ROLE_A: "Buyer", ROLE_B: "Procurement Manager", DIMENSION: "compensation", NEEDS_ROLES: True},
    )
    assert texts(dispatcher)[0] == (
        "The Procurement Manager is typically paid more than a Buyer. "
        "The Procurement Manager and the Buyer differ on compensation. Authored test text.\n"
        "Related comparisons:"
    )
    assert slots[NEEDS_ROLES] is False


async def test_unknown_role_names_the_words_and_offers_close_roles(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge,
        domain,
        text="compare a head of ops with an operations wizard",
        intent="compare_roles",
        entities=[{"entity": "job_role", "value": HOO, "start": 10, "end": 21}],
    )
    closest = ("Operations Lead", OM, "Operations Coordinator")
    assert texts(dispatcher) == [f'I don\'t know the role "operations wizard". Did you mean: {", ".join(closest)}?']
    assert buttons(dispatcher) == [
        {"title": name, "payload": f'/compare_roles{{"job_role": ["{HOO}", "{name}"]}}'} for name in closest
    ]
    assert slots == {ROLE_A: None, ROLE_B: None, DIMENSION: None, NEEDS_ROLES: False}


async def test_a_title_holding_a_dimension_word_is_named_back_not_read_as_the_dimension(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge,
        domain,
        text="vendor relations specialist vs head of ops",
        intent="ask_external_relations",
        entities=[{"entity": "job_role", "value": HOO, "start": 31, "end": 42}],
    )  # before: "Which role should I compare the Head of Operations with on external relations?"
    assert texts(dispatcher)[0].startswith('I don\'t know the role "vendor relations specialist".')
    assert slots[NEEDS_ROLES] is False


async def test_surface_forms_and_typos_in_entity_values_are_resolved(knowledge, domain) -> None:
    dispatcher, slots = await ask(
        knowledge,
        domain,
        text="x",
        intent="ask_budget",
        entities=[{"entity": "job_role", "value": "head of ops"}, {"entity": "job_role", "value": "operatons manger"}],
    )
    assert (slots[ROLE_A], slots[ROLE_B]) == (HOO, OM)
    assert texts(dispatcher)[0].startswith(
        "The Head of Operations has more budget authority than an Operations Manager. "
    )


async def test_the_same_role_twice_is_pointed_out(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge,
        domain,
        text="ops manager vs operations manager",
        intent="compare_roles",
        entities=[
            {"entity": "job_role", "value": OM, "start": 0, "end": 11},
            {"entity": "job_role", "value": OM, "start": 15, "end": 33},
        ],
    )
    assert texts(dispatcher) == [SAME]


async def test_profiles_answer_pairs_without_an_authored_contrast(knowledge, domain, session: Session) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="buyer vs plant manager budget", intent="ask_budget", roles=("Buyer", "Plant Manager")
    )
    assert texts(dispatcher)[0] == (
        "The Plant Manager has more budget authority than a Buyer. Based on the two role profiles: "
        "A Plant Manager is at level 4 on budget. A Buyer is at level 2 on budget.\n"
        "Related comparisons:"
    )


async def test_an_unreachable_knowledge_base_gets_an_apology_not_silence(domain, tmp_path) -> None:
    broken = KnowledgeBase(make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    dispatcher, slots = await ask(
        broken, domain, text="head of ops vs ops manager", intent="compare_roles", roles=(HOO, OM)
    )
    assert texts(dispatcher) == [UNAVAILABLE]
    assert slots == {ROLE_A: None, ROLE_B: None, DIMENSION: None, NEEDS_ROLES: False}


async def test_a_turn_records_only_the_slots_it_changes(knowledge, domain) -> None:
    asked = dict(text="who earns more, a buyer or a plant manager?", intent="ask_compensation", roles=("Buyer", PM))
    first = await ActionAnswerQuestion(knowledge).run(CollectingDispatcher(), make_tracker(**asked), domain)
    related = slot_events(first).pop(PENDING)
    assert related["menu"] and related["asked"] == "Related comparisons:"
    assert {k: v for k, v in slot_events(first).items() if k != PENDING} == {
        ROLE_A: "Buyer",
        ROLE_B: PM,
        DIMENSION: "compensation",
    }
    remembered = make_tracker(**asked, slots=slot_events(first))
    again = await ActionAnswerQuestion(knowledge).run(CollectingDispatcher(), remembered, domain)
    assert slot_events(again) == {}


async def test_a_typed_pick_is_answered_like_the_click(knowledge, domain) -> None:
    which = {
        "asked": f"Should I compare the {OM} with the Buyer or with the {PM}?",
        "choices": [
            [f"Buyer vs {OM}", f'/ask_budget{{"job_role": ["Buyer", "{OM}"]}}'],
            [f"{PM} vs {OM}", f'/ask_budget{{"job_role": ["{PM}", "{OM}"]}}'],
        ],
    }
    slots = {ROLE_A: "Buyer", ROLE_B: PM, DIMENSION: "budget", PENDING: which}
    dispatcher, after = await ask(knowledge, domain, text="the plant one", intent="choose", slots=slots)
    assert texts(dispatcher)[0].startswith(f"The {PM} has more budget authority than an {OM}.")
    assert (after[ROLE_A], after[ROLE_B]) == (PM, OM)
    dispatcher, after = await ask(knowledge, domain, text="replace the buyer", intent="inform", roles=("Buyer",),
                                  slots=slots)  # fmt: skip
    assert (after[ROLE_A], after[ROLE_B]) == (PM, OM)


SUGGESTIONS = {"asked": "Related comparisons:", "menu": True,
               "choices": [[f"{HOO} vs {COO}", f'/ask_budget{{"job_role": ["{HOO}", "{COO}"]}}']]}  # fmt: skip
NOT_UNDERSTOOD = "Sorry, I didn't quite get that. I compare operations roles dimension by dimension. You could ask:"


@pytest.mark.parametrize("pending", [None, SUGGESTIONS], ids=["nothing offered", "suggestions offered"])
@pytest.mark.parametrize("text", ["im good with numbers", "<b>hi</b>"])
async def test_a_reply_read_as_a_pick_with_no_question_asked_gets_the_help(knowledge, domain, text, pending) -> None:
    dispatcher, _ = await ask(knowledge, domain, text=text, intent="choose", slots={PENDING: pending})
    assert texts(dispatcher) == [NOT_UNDERSTOOD]
    assert [b["title"] for b in buttons(dispatcher)] == [
        f"Who has more budget authority: a {HOO} or an {OM}?",
        f"Who is typically paid more: a {PROCUREMENT} or a Buyer?",
        f"How do I become a {HOO}?",
        "Which roles do you know?",
    ]


async def test_a_pick_that_matches_nothing_asks_again_with_the_same_choices(knowledge, domain) -> None:
    which = {"asked": "Which one?", "choices": [["Buyer", '/inform{"job_role": "Buyer"}']]}
    dispatcher, _ = await ask(knowledge, domain, text="the seventh", intent="choose", slots={PENDING: which})
    assert texts(dispatcher) == ["Sorry, which one? Which one?"]
    assert buttons(dispatcher) == [{"title": "Buyer", "payload": '/inform{"job_role": "Buyer"}'}]


async def test_the_whole_difference_and_a_dimension_asked_together_get_both(knowledge, domain) -> None:
    text = "whats the diff between a head of ops and an ops manager? also who has the bigger budget"
    dispatcher, slots = await ask(knowledge, domain, text=text, intent="ask_budget", roles=(HOO, OM),
                                  entities=[])  # fmt: skip
    said = texts(dispatcher)
    assert said[0].startswith("The Head of Operations is ahead of an Operations Manager on ")  # the whole comparison
    assert said[-1].startswith("The Head of Operations has more budget authority than an Operations Manager.")
    assert (slots[ROLE_A], slots[ROLE_B], slots[DIMENSION]) == (HOO, OM, "budget")


async def test_the_difference_on_one_dimension_is_that_dimension_alone(knowledge, domain) -> None:
    text = "what's the difference in budget between a head of ops and an ops manager?"
    dispatcher, _ = await ask(knowledge, domain, text=text, intent="ask_budget", roles=(HOO, OM))
    assert len(dispatcher.messages) == 1
    verdict = "The Head of Operations has more budget authority than an Operations Manager."
    assert texts(dispatcher)[0].startswith(verdict)
