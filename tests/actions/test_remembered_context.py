"""What the conversation already knows shapes the answer: the job a goodbye names, a career question
while the form waits, an outside pair followed by another dimension, "that" after a route, a
certification asked about alone. Through the real actions on the small test KB."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.compare import ActionAnswerQuestion
from actions.education import ActionEducation
from actions.forms import ValidateComparisonForm
from actions.help import ActionGoodbye, ActionHelp
from actions.slots import COMPARED_OCCUPATION, CURRENT_OCCUPATION, FOCUS_ROLE, REQUESTED_SLOT, ROLE_A
from tests.actions.conftest import make_tracker, slot_events, texts
from tests.actions.test_outside import occupation


async def test_a_goodbye_naming_the_job_being_left_gets_the_ways_in(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "I'm a soldier getting out next year"
    tracker = make_tracker(text, "goodbye", entities=[occupation(text, "soldier", "military")])
    dispatcher = CollectingDispatcher()
    events = await ActionGoodbye(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith(
        "Noted: your job falls under Military service member, outside the operations roles I compare."
    )
    assert slot_events(events)[CURRENT_OCCUPATION] == "military"


async def test_a_plain_goodbye_is_a_goodbye(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    await ActionGoodbye(outside_kb).run(dispatcher, make_tracker("bye!", "goodbye"), domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_goodbye"]


async def test_the_form_takes_no_role_from_a_career_question(knowledge, domain) -> None:  # type: ignore[no-untyped-def]
    text = "I'm a line cook. could I become a plant manager?"
    tracker = make_tracker(
        text, "state_role", roles=("plant manager",), slots={REQUESTED_SLOT: ROLE_A},
        entities=[occupation(text, "line cook", "35-2014")],
    )  # fmt: skip
    assert await ValidateComparisonForm(knowledge).extract_role_a(CollectingDispatcher(), tracker, domain) == {}


async def test_the_form_still_takes_the_role_someone_says_they_hold(knowledge, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("I'm a buyer", "state_role", roles=("buyer",), slots={REQUESTED_SLOT: ROLE_A})
    assert await ValidateComparisonForm(knowledge).extract_role_a(CollectingDispatcher(), tracker, domain) == {
        ROLE_A: "Buyer"
    }


async def test_another_dimension_after_an_outside_pay_pair_is_for_operations_roles_only(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("and who has more budget?", "ask_budget", slots={COMPARED_OCCUPATION: "53-3032"})
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "I compare only operations roles on budget authority, so I can't place Heavy and Tractor-Trailer Truck Drivers "
        "(BLS) on it. I can give its pay from BLS data, or show how people from there get into operations."
    ]
    assert COMPARED_OCCUPATION not in slot_events(events)  # kept for the next dimension


async def test_a_question_naming_roles_forgets_the_outside_pair(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "who has more budget, a buyer or a plant manager?"
    tracker = make_tracker(text, "ask_budget", roles=("buyer", "plant manager"), slots={COMPARED_OCCUPATION: "53-3032"})
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert "Truck" not in texts(dispatcher)[0]
    assert slot_events(events)[COMPARED_OCCUPATION] is None


async def test_a_degree_for_that_after_a_route_is_the_routes_goal(knowledge, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker(
        "do i need a degree for that", "education",
        slots={FOCUS_ROLE: "Plant Manager", ROLE_A: "Buyer", "role_b": "Procurement Manager"},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionEducation(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("A Plant Manager ")


async def test_a_certification_asked_about_alone_names_the_roles_it_helps(knowledge, domain) -> None:  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    await ActionHelp(knowledge).run(dispatcher, make_tracker("is CPIM worth it for me?", "out_of_scope"), domain)
    first = texts(dispatcher)[0].splitlines()
    assert first[0].startswith("CPIM helps these roles most: ")
    assert first[-1] == "Tell me your role and I can say whether CPIM is worth it for you."
