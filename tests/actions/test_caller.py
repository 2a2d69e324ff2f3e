"""Only Rasa may call the action server (actions/caller.py): the shared token, checked on a real server."""

from __future__ import annotations

import time
import uuid

import pytest
import requests
from sqlalchemy.orm import Session

from actions.caller import REFUSED, from_rasa
from actions.feedback import THANKS, feedback_buttons
from kb.db import open_existing
from kb.usage import feedback_of
from tests.servers import Bot


def forged_feedback_call(sender: str) -> dict:
    """What a caller other than Rasa would post to store a feedback row under ``sender``."""
    message = {
        "text": '/feedback{"helpful": false, "answer": "Buyer|Plant Manager|budget"}',
        "intent": {"name": "feedback", "confidence": 1.0},
        "entities": [
            {"entity": "helpful", "value": False},
            {"entity": "answer", "value": "Buyer|Plant Manager|budget"},
        ],
    }
    buttons = feedback_buttons("Buyer", "Plant Manager", "budget")
    tracker = {
        "sender_id": sender,
        "slots": {},
        "latest_message": message,
        "events": [  # an answer that carried the buttons, then the click
            {"event": "bot", "text": "The Plant Manager has more budget authority.", "data": {"buttons": buttons}},
            {"event": "user", "text": message["text"], "parse_data": message},
        ],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    return {"next_action": "action_feedback", "sender_id": sender, "tracker": tracker, "domain": {}}


def test_the_token_must_match_exactly() -> None:
    assert from_rasa("Bearer s3cret", "s3cret") is True
    for header in ("", "s3cret", "Bearer s3cre", "Bearer s3cret ", "bearer s3cret", "Basic s3cret"):
        assert from_rasa(header, "s3cret") is False


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Basic abc"])
def test_a_call_without_rasas_token_is_refused_logged_and_runs_nothing(bot: Bot, authorization: str | None) -> None:
    sender = f"forged-{uuid.uuid4().hex[:8]}"
    headers = {"Authorization": authorization} if authorization else {}
    answer = requests.post(f"{bot.actions_url}/webhook", json=forged_feedback_call(sender), headers=headers, timeout=10)
    assert (answer.status_code, answer.json()) == (401, REFUSED)
    listing = requests.get(f"{bot.actions_url}/actions", headers=headers, timeout=10)
    assert (listing.status_code, listing.json()) == (401, REFUSED)
    with Session(open_existing()) as session:
        assert feedback_of(session, sender) == []
    log = (bot.log.parent / "actions.log").read_text()
    assert "WARNING actions.caller - Refused POST /webhook from 127.0.0.1: no valid action token" in log
    assert "WARNING actions.caller - Refused GET /actions from 127.0.0.1: no valid action token" in log


def test_rasas_token_opens_the_action_server(bot: Bot) -> None:
    sender = f"rasa-{uuid.uuid4().hex[:8]}"
    headers = {"Authorization": f"Bearer {bot.actions_token}"}
    answer = requests.post(f"{bot.actions_url}/webhook", json=forged_feedback_call(sender), headers=headers, timeout=10)
    assert answer.status_code == 200
    assert answer.json()["responses"][0]["text"] == THANKS[False]
    time.sleep(0.5)
    with Session(open_existing()) as session:
        assert feedback_of(session, sender) == [(False, "Buyer", "Plant Manager", "budget")]
    assert requests.get(f"{bot.actions_url}/health", timeout=10).status_code == 200


def test_rasa_calls_the_action_server_with_its_token(bot: Bot) -> None:
    log = bot.log.parent / "actions.log"
    refusals = log.read_text().count("Refused")
    replies = bot.say(f"user-{uuid.uuid4().hex[:8]}", "who earns more, a buyer or a plant manager?")
    assert "Source: US BLS OEWS, May 2025 (national), annual wages." in replies[0]["text"]
    assert log.read_text().count("Refused") == refusals
