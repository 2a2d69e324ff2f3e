"""Greeting, help and fallbacks always answer, with example questions built from the KB (the small test KB)."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.help import OPENERS, ActionDeny, ActionGoodbye, ActionHelp
from actions.slots import DIMENSION, PENDING, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, make_tracker, slot_events, texts

ASKED_WHICH = {  # the bot's question with choices, pending when the correction is typed
    "asked": "Should I compare the Operations Manager with the Buyer or with the Plant Manager?",
    "choices": [["Buyer vs Operations Manager", '/ask_compensation{"job_role": ["Buyer", "Operations Manager"]}'],
                ["Plant Manager vs Operations Manager",
                 '/ask_compensation{"job_role": ["Plant Manager", "Operations Manager"]}']],
}  # fmt: skip
ON_PAY = {ROLE_A: "Buyer", ROLE_B: "Plant Manager", DIMENSION: "compensation", PENDING: ASKED_WHICH}


async def test_the_greeting_is_short_with_four_short_examples(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHelp(knowledge).run(dispatcher, make_tracker(text="hi", intent="greet"), domain)
    assert texts(dispatcher) == ["Hi! I compare operations roles and explain career paths. Try one:"]
    assert buttons(dispatcher) == [
        {
            "title": "Head of Operations vs Operations Manager",
            "payload": '/compare_roles{"job_role": ["Head of Operations", "Operations Manager"]}',
        },
        {
            "title": "Compensation: Procurement Manager vs Buyer",
            "payload": '/ask_compensation{"job_role": ["Procurement Manager", "Buyer"]}',
        },
        {
            "title": "How do I become a Head of Operations?",
            "payload": '/career_path{"job_role": "Head of Operations", "career_direction": "into"}',
        },
        {"title": "Which roles do you know?", "payload": "/list_roles"},
    ]


@pytest.mark.parametrize("intent", ["help", "out_of_scope", "nlu_fallback", None])
async def test_every_redirect_has_clickable_examples(knowledge, domain, intent) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHelp(knowledge).run(dispatcher, make_tracker(text="hi", intent=intent), domain)
    assert texts(dispatcher) == [OPENERS.get(intent or "", OPENERS["nlu_fallback"])]
    assert buttons(dispatcher) == [
        {
            "title": "Who has more budget authority: a Head of Operations or an Operations Manager?",
            "payload": '/ask_budget{"job_role": ["Head of Operations", "Operations Manager"]}',
        },
        {
            "title": "Who is typically paid more: a Procurement Manager or a Buyer?",
            "payload": '/ask_compensation{"job_role": ["Procurement Manager", "Buyer"]}',
        },
        {
            "title": "How do I become a Head of Operations?",
            "payload": '/career_path{"job_role": "Head of Operations", "career_direction": "into"}',
        },
        {"title": "Which roles do you know?", "payload": "/list_roles"},
    ]


async def test_an_unclear_message_naming_two_roles_offers_questions_about_that_pair(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    pair = ("Buyer", "Plant Manager")
    tracker = make_tracker(text="buyer vs a plant manager", intent="nlu_fallback", roles=pair)
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "I'm not sure what you'd like to know about the Buyer and the Plant Manager. Pick one:"
    ]
    roles = '{"job_role": ["Buyer", "Plant Manager"]}'
    assert buttons(dispatcher) == [
        {"title": "Compare a Buyer and a Plant Manager", "payload": f"/compare_roles{roles}"},
        {"title": "Who has more budget authority: a Buyer or a Plant Manager?", "payload": f"/ask_budget{roles}"},
        {"title": "Who is typically paid more: a Buyer or a Plant Manager?", "payload": f"/ask_compensation{roles}"},
        {
            "title": "Who carries more responsibility in a crisis: a Buyer or a Plant Manager?",
            "payload": f"/ask_crisis_management{roles}",
        },
    ]


async def test_an_unclear_message_naming_two_roles_and_two_dimensions_is_answered_on_both(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    text = "who earns more, a buyer or a plant manager, and who has more budget?"
    tracker = make_tracker(text=text, intent="nlu_fallback", roles=("Buyer", "Plant Manager"))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    said = " ".join(texts(dispatcher))
    assert "paid more than" in said and "budget authority than" in said


async def test_an_unclear_message_turning_one_dimension_down_is_answered_on_the_other(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    slots = {ROLE_A: "Buyer", ROLE_B: "Plant Manager"}
    tracker = make_tracker(text="forget pay, what about budget?", intent="nlu_fallback", slots=slots)
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    said = " ".join(texts(dispatcher))
    assert "budget authority than" in said and "paid more than" not in said


async def test_an_unclear_message_naming_one_role_offers_questions_about_it(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="buyer???", intent="nlu_fallback", roles=("Buyer",))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == ["I'm not sure what you'd like to know about the Buyer. Pick one:"]
    assert [b["payload"] for b in buttons(dispatcher)] == [
        '/describe_role{"job_role": "Buyer"}',
        '/career_path{"job_role": "Buyer", "career_direction": "into"}',
        '/compare_roles{"job_role": "Buyer"}',
    ]


async def test_unknown_role_words_in_an_unclear_message_get_the_usual_examples(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="astronaut vs wizard", intent="nlu_fallback", roles=("astronaut", "wizard"))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [OPENERS["nlu_fallback"]]


async def test_help_asked_for_while_naming_a_role_still_gets_the_help_text(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="help buyer", intent="help", roles=("Buyer",))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [OPENERS["help"]]


async def test_an_unclear_message_asking_what_a_role_is_like_after_a_feeling_describes_it(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="my job is so hectic, what's a buyer like?", intent="nlu_fallback", roles=("Buyer",))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[0] == "Buyer (Supply chain)."  # the description, not "Noted: ..."


async def test_an_unclear_message_saying_a_role_is_theirs_is_still_about_them(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="my job right now is buyer", intent="nlu_fallback", roles=("buyer",))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("Noted: you're a Buyer.")
@pytest.mark.parametrize(("action", "intent"), [(ActionDeny, "deny"), (ActionGoodbye, "goodbye")])
@pytest.mark.parametrize("text", ["no I meant budget not pay", "nope, budget not pay", "no no, I meant the budget"])
async def test_a_no_that_carries_a_correction_is_answered_as_the_correction(knowledge, domain, action, intent,
                                                                              text) -> None:  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await action(knowledge).run(dispatcher, make_tracker(text, intent, slots=ON_PAY), domain)
    assert texts(dispatcher)[0].startswith("The Plant Manager has more budget authority than a Buyer.")
    after = slot_events(events)
    assert (after[DIMENSION], after[PENDING]["asked"]) == ("budget", "Related comparisons:")  # the question answered


@pytest.mark.parametrize(("action", "intent", "response"),
                         [(ActionDeny, "deny", "utter_deny"), (ActionGoodbye, "goodbye", "utter_goodbye")])  # fmt: skip
@pytest.mark.parametrize("text", ["no", "no thanks", "no, not pay", "nah that's all", "budget not pay"])
async def test_a_no_without_a_correction_is_a_no(knowledge, domain, action, intent, response, text) -> None:
    dispatcher = CollectingDispatcher()
    await action(knowledge).run(dispatcher, make_tracker(text, intent, slots=ON_PAY), domain)
    assert [m.get("response") for m in dispatcher.messages] == [response]


async def test_a_career_question_naming_a_role_read_as_off_topic_is_answered(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="how do i become a plant manager", intent="out_of_scope", roles=("plant manager",))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("People usually become a Plant Manager after working as:")


async def test_an_unclear_follow_up_naming_an_unknown_title_names_it_back(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="what about a yard supervisor", intent="nlu_fallback")
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith('I don\'t know the role "yard supervisor".')


STORY = ("Last summer we went to the beach with the kids and the weather was terrible, it rained every day and the "
         "hotel was awful. My sister says we should have gone to the mountains instead, and honestly she is probably "
         "right, she usually is about holidays and restaurants. Anyway, who earns more, a buyer or a plant manager?")


async def test_a_long_message_read_as_off_topic_is_answered_by_its_last_question(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=STORY, intent="out_of_scope", roles=("buyer", "plant manager"))
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("The Plant Manager is typically paid more than a Buyer.")
