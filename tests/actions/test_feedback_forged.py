"""Feedback typed to the real bot: only on an answer the conversation received, once per answer;
anything else gets a plain reply and a log line, and nothing is stored."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from sqlalchemy.orm import Session

from actions.feedback import ALREADY, REFUSED, THANKS
from kb.db import open_existing
from kb.usage import feedback_of
from tests.servers import Bot


def send(bot: Bot, sender: str, text: str) -> list[dict]:
    body = {"sender": sender, "message": text}
    return requests.post(f"{bot.url}/webhooks/rest/webhook", json=body, timeout=30).json()


def stored(sender: str) -> list:
    engine = open_existing()
    try:
        with Session(engine) as session:
            return feedback_of(session, f"rest:{sender}")
    finally:
        engine.dispose()


def feedback(helpful: bool, answer: str) -> str:
    return "/feedback" + json.dumps({"helpful": helpful, "answer": answer})


def logged(bot: Bot, sender: str, problem: str) -> bool:
    log = (bot.log.parent / "actions.log").read_text()
    return f"WARNING actions.feedback - Feedback from rest:{sender} not stored: {problem}" in log


@pytest.mark.parametrize(
    "answer",
    [
        "<script>alert(1)</script>|Buyer|budget",
        "Astronaut|Chief Operating Officer|budget",
        "Buyer|Plant Manager|" + "d" * 100,
        "Buyer|Plant Manager|compensation",  # a real answer, but not one this conversation got
    ],
    ids=["script-tag", "forged-role", "long-dimension", "answer-never-given"],
)
def test_feedback_on_an_answer_never_given_is_refused_plainly_logged_and_not_stored(bot: Bot, answer: str) -> None:
    sender = f"forger-{uuid.uuid4().hex[:8]}"
    for _ in range(3):
        assert [reply["text"] for reply in send(bot, sender, feedback(False, answer))] == [REFUSED]
    assert stored(sender) == []
    assert logged(bot, sender, "not an answer this conversation received")


def test_a_real_buttons_feedback_is_thanked_and_stored_once(bot: Bot) -> None:
    sender = f"clicker-{uuid.uuid4().hex[:8]}"
    [answer] = send(bot, sender, "who has more budget authority, a buyer or a plant manager?")
    helpful, not_helpful = answer["buttons"][-2:]
    assert json.loads(not_helpful["payload"][len("/feedback"):]) == {
        "helpful": False,
        "answer": "Plant Manager|Buyer|budget",
    }
    assert [reply["text"] for reply in send(bot, sender, not_helpful["payload"])] == [THANKS[False]]
    assert [reply["text"] for reply in send(bot, sender, helpful["payload"])] == [ALREADY]
    never_given = feedback(True, "Buyer|Plant Manager|compensation")
    assert [reply["text"] for reply in send(bot, sender, never_given)] == [REFUSED]
    assert stored(sender) == [(False, "Plant Manager", "Buyer", "budget")]
    assert logged(bot, sender, "this conversation already rated that answer")
