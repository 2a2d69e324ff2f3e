"""nlu/place_reply.py: a US place with its state is a reply to "which one?", not small talk."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu.place_reply import PlaceReplyFallback


def classified(text: str, intent: str = "affirm", confidence: float = 0.37) -> Message:
    predicted = {"name": intent, "confidence": confidence}
    ranking = [predicted, {"name": "nlu_fallback", "confidence": 0.35}, {"name": "greet", "confidence": 0.2}]
    message = Message(data={"text": text, "intent": dict(predicted), "intent_ranking": [dict(r) for r in ranking]})
    PlaceReplyFallback().process([message])
    return message


@pytest.mark.parametrize(
    "text",
    ["Springfield, IL", "Springfield IL", "Springfield, OH", "Portland, ME", "portland, OR", "Portland Oregon",
     "Portland, Oregon", "Fayetteville, north carolina", "and Springfield, MO?", "the one in Portland, OR",
     "Eugene-Springfield, OR", "St. Louis, MO"],
)  # fmt: skip
def test_a_place_with_its_state_read_unsurely_is_a_fallback(text: str) -> None:
    message = classified(text)
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "affirm", "greet"]


@pytest.mark.parametrize(
    ("text", "confidence"),
    [("portland or", 0.37), ("yes ok", 0.37), ("Springfield", 0.37), ("/affirm", 0.37), ("pay in Austin, TX", 0.8),
     ("what does a buyer make in Austin, TX", 0.37), ("ok", 0.37), ("sure, OK", 0.95)],
)  # fmt: skip
def test_anything_else_keeps_its_intent(text: str, confidence: float) -> None:
    assert classified(text, confidence=confidence).get("intent") == {"name": "affirm", "confidence": confidence}
