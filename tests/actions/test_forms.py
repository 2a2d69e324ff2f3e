"""The comparison form: fills roles from the reply, asks with buttons, explains unknown roles."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.forms import ActionAskRoleA, ActionAskRoleB, ValidateComparisonForm
from actions.slots import DIMENSION, PENDING, REQUESTED_SLOT, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, make_tracker, slot_events, texts


async def validate(knowledge, domain, **tracker) -> tuple[CollectingDispatcher, list]:
    dispatcher = CollectingDispatcher()
    events = await ValidateComparisonForm(knowledge).run(dispatcher, make_tracker(**tracker), domain)
    return dispatcher, events


async def test_two_roles_in_one_reply_fill_both_slots(knowledge, domain) -> None:
    _, events = await validate(
        knowledge,
        domain,
        text="buyer and procurement manager",
        intent="inform",
        roles=("Buyer", "Procurement Manager"),
        slots={REQUESTED_SLOT: ROLE_A},
    )
    assert slot_events(events) == {ROLE_A: "Buyer", ROLE_B: "Procurement Manager"}


async def test_the_second_role_fills_role_b(knowledge, domain) -> None:
    _, events = await validate(
        knowledge,
        domain,
        text="plant manager",
        intent="inform",
        roles=("Plant Manager",),
        slots={REQUESTED_SLOT: ROLE_B, ROLE_A: "Buyer"},
    )
    assert slot_events(events) == {ROLE_B: "Plant Manager"}


async def test_an_unknown_role_is_explained_and_asked_again(knowledge, domain) -> None:
    dispatcher, events = await validate(
        knowledge, domain, text="a barista", intent="inform", slots={REQUESTED_SLOT: ROLE_B, ROLE_A: "Buyer"}
    )
    assert texts(dispatcher) == ['I don\'t know the role "barista". Ask me to list roles to see the ones I know.']
    assert slot_events(events) == {ROLE_B: None}


async def test_the_same_role_again_is_refused(knowledge, domain) -> None:
    dispatcher, events = await validate(
        knowledge,
        domain,
        text="buyer",
        intent="inform",
        roles=("Buyer",),
        slots={REQUESTED_SLOT: ROLE_B, ROLE_A: "Buyer"},
    )
    assert texts(dispatcher) == ["We already have the Buyer. Name a different role to compare it with."]
    assert slot_events(events) == {ROLE_B: None}


async def test_a_reply_with_no_role_is_left_to_other_rules(knowledge, domain) -> None:
    dispatcher, events = await validate(knowledge, domain, text="help", intent="help", slots={REQUESTED_SLOT: ROLE_A})
    assert events == [] and texts(dispatcher) == []


async def test_the_questions_offer_common_roles_as_buttons(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskRoleA(knowledge).run(dispatcher, make_tracker(slots={DIMENSION: "budget"}), domain)
    assert texts(dispatcher) == ["Which two roles should I compare on budget authority? Pick one or type both."]
    most_asked = ["Head of Operations", "Operations Manager", "Procurement Manager", "Buyer", "Chief Operating Officer"]
    assert buttons(dispatcher) == [
        {"title": name, "payload": f'/inform{{"job_role": "{name}"}}'} for name in most_asked
    ]
    dispatcher = CollectingDispatcher()
    await ActionAskRoleB(knowledge).run(dispatcher, make_tracker(slots={ROLE_A: "Buyer", DIMENSION: "all"}), domain)
    assert texts(dispatcher) == ["Which role should I compare the Buyer with?"]
    closest = [
        "Procurement Manager",
        "Head of Operations",
        "Operations Manager",
        "Chief Operating Officer",
        "Plant Manager",
    ]
    assert [b["title"] for b in buttons(dispatcher)] == closest


OFFERED = {
    "asked": "Which two roles should I compare? Pick one or type both.",
    "choices": [[r, f'/inform{{"job_role": "{r}"}}'] for r in ("Operations Manager", "Head of Operations", "Buyer")],
}


async def test_starting_the_form_says_nothing_about_the_question_s_own_role(knowledge, domain) -> None:
    dispatcher, events = await validate(
        knowledge,
        domain,
        text="who has more budget authority, a buyer?",
        intent="ask_budget",
        roles=("Buyer",),
        slots={ROLE_A: "Buyer"},
    )
    assert (texts(dispatcher), events) == ([], [])


async def test_a_typed_pick_of_an_offered_role_fills_the_slot(knowledge, domain) -> None:
    _, events = await validate(
        knowledge, domain, text="the second one", intent="choose", slots={REQUESTED_SLOT: ROLE_A, PENDING: OFFERED}
    )
    assert slot_events(events) == {ROLE_A: "Head of Operations"}


async def test_another_kind_of_question_never_fills_the_form(knowledge, domain) -> None:
    for intent, text in (("describe_role", "what does a plant manager do?"), ("out_of_scope", "weather in paris?")):
        dispatcher, events = await validate(
            knowledge,
            domain,
            text=text,
            intent=intent,
            roles=("Plant Manager",) if intent == "describe_role" else (),
            slots={REQUESTED_SLOT: ROLE_A},
        )
        assert (texts(dispatcher), events) == ([], []), text


async def test_a_new_comparison_while_the_form_waits_fills_both_roles(knowledge, domain) -> None:
    _, events = await validate(
        knowledge,
        domain,
        text="who earns more, a buyer or a plant manager?",
        intent="ask_compensation",
        roles=("Buyer", "Plant Manager"),
        slots={REQUESTED_SLOT: ROLE_B, ROLE_A: "Operations Manager"},
    )
    assert slot_events(events) == {ROLE_A: "Buyer", ROLE_B: "Plant Manager"}
