"""A question in another language gets the English-only reply (action_help on the fallback NLU gives
it, nlu/language.py), and English with typos or slang never does."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.help import ENGLISH_ONLY, OPENERS, ActionHelp
from tests.actions.conftest import make_tracker, texts


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("¿Cuánto gana un gerente de operaciones?", ENGLISH_ONLY),
        ("Was verdient ein Betriebsleiter?", ENGLISH_ONLY),
        ("Qui gagne plus, un directeur ou un acheteur?", ENGLISH_ONLY),
        ("🤔", OPENERS["nlu_fallback"]),  # emoji and punctuation are no language: the usual "didn't get that"
        ("?", OPENERS["nlu_fallback"]),
        ("中文问题", ENGLISH_ONLY),
        ("asdf qwer", OPENERS["nlu_fallback"]),
        ("whos da boss lol", OPENERS["nlu_fallback"]),
        ("y u no answr", OPENERS["nlu_fallback"]),
    ],
)
async def test_only_another_language_gets_the_english_only_reply(knowledge, domain, text: str, reply: str) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHelp(knowledge).run(dispatcher, make_tracker(text=text, intent="nlu_fallback"), domain)
    assert texts(dispatcher) == [reply]
