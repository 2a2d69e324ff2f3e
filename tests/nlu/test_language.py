"""nlu/language.py: a message with nothing Rolewise could read is not understood, whatever the priors say."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu.language import NoEnglishFallback

PREDICTED = {"name": "affirm", "confidence": 0.37}
RANKING = [PREDICTED, {"name": "nlu_fallback", "confidence": 0.35}, {"name": "greet", "confidence": 0.2}]


def classified(text: str) -> Message:
    message = Message(data={"text": text, "intent": dict(PREDICTED), "intent_ranking": [dict(r) for r in RANKING]})
    NoEnglishFallback().process([message])
    return message


@pytest.mark.parametrize(
    "text",
    ["🤔", "😀🚀💼", "采购经理和买家谁挣得多\uff1f", "¿?", "¿Quién gana más?", "Was verdient ein Betriebsleiter?"],
)
def test_nothing_readable_is_a_fallback_with_full_confidence(text: str) -> None:
    message = classified(text)
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "affirm", "greet"]


@pytest.mark.parametrize("text", ["yes 👍", "2", "/greet", "whos da boss in a warehous", "   "])
def test_anything_readable_keeps_its_intent(text: str) -> None:
    message = classified(text)
    assert message.get("intent") == PREDICTED
