"""Greeting, help and fallbacks always answer, with example questions built from the KB."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.help import OPENERS, ActionHelp
from tests.actions.conftest import buttons, make_tracker, texts


@pytest.mark.parametrize("intent", ["greet", "help", "out_of_scope", "nlu_fallback", None])
async def test_every_redirect_has_clickable_examples(knowledge, domain, intent) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHelp(knowledge).run(dispatcher, make_tracker(text="hi", intent=intent), domain)
    assert texts(dispatcher) == [OPENERS.get(intent or "", OPENERS["nlu_fallback"])]
    examples = buttons(dispatcher)
    assert examples[0] == {
        "title": "Who has more budget authority: a Head of Operations or an Operations Manager?",
        "payload": '/ask_budget{"job_role": ["Head of Operations", "Operations Manager"]}',
    }
    assert examples[-1]["payload"] == "/list_roles"
    assert 3 <= len(examples) <= 5


async def test_an_unclear_message_naming_two_roles_offers_questions_about_that_pair(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    pair = ("Buyer", "VP of Operations")
    tracker = make_tracker(text="buyer vs a vp of operations", intent="nlu_fallback", roles=pair)
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "I'm not sure what you'd like to know about the Buyer and the VP of Operations. Pick one:"
    ]
    offered = buttons(dispatcher)
    assert offered[0] == {
        "title": "Compare a Buyer and a VP of Operations",
        "payload": '/compare_roles{"job_role": ["Buyer", "VP of Operations"]}',
    }
    intents = [b["payload"].split("{")[0] for b in offered[1:]]
    assert intents == ["/ask_budget", "/ask_compensation", "/ask_crisis_management"]
    assert all('["Buyer", "VP of Operations"]' in b["payload"] for b in offered)


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
