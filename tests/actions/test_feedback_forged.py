"""Forged feedback payloads typed to the real bot: a plain reply, a log line, nothing stored."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from sqlalchemy.orm import Session

from actions.feedback import REFUSED, THANKS
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


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("<script>alert(1)</script>|Buyer|budget", "no role is called '<script>alert(1)</script>'"),
        ("Astronaut|Chief Operating Officer|budget", "no role is called 'Astronaut'"),
        ("Buyer|Plant Manager|" + "d" * 100, "the dimension is not a dimension name"),
    ],
    ids=["script-tag", "forged-role", "long-dimension"],
)
def test_forged_feedback_is_refused_plainly_logged_and_not_stored(bot: Bot, answer: str, problem: str) -> None:
    sender = f"forger-{uuid.uuid4().hex[:8]}"
    replies = send(bot, sender, "/feedback" + json.dumps({"helpful": False, "answer": answer}))
    assert [reply["text"] for reply in replies] == [REFUSED]
    assert stored(sender) == []
    log = (bot.log.parent / "actions.log").read_text()
    assert f"WARNING actions.feedback - Feedback from rest:{sender} not stored: {problem}" in log


def test_a_real_buttons_feedback_is_thanked_and_stored(bot: Bot) -> None:
    sender = f"clicker-{uuid.uuid4().hex[:8]}"
    replies = send(bot, sender, "/feedback" + json.dumps({"helpful": True, "answer": "Buyer|Plant Manager|budget"}))
    assert [reply["text"] for reply in replies] == [THANKS[True]]
    assert stored(sender) == [(True, "Buyer", "Plant Manager", "budget")]
