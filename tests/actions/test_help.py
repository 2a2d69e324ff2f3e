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
