"""One set of input limits on every channel (channels/limits.py): metadata size and depth, and typed
control payloads answered plainly and logged, on the real bot over REST and socket.io (Slack: test_slack_security)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from channels.limits import (
    MAX_METADATA_BYTES,
    MAX_METADATA_DEPTH,
    control_intent,
    control_reply,
    depth,
    metadata_problem,
)
from channels.socketio import METADATA_REFUSED
from tests.channels.socket_client import WidgetClient
from tests.servers import Bot

QUESTION = "who earns more, a buyer or a plant manager?"
PAY_VERDICT = "The Plant Manager is typically paid more than a Buyer."
DEEP = '"metadata" may nest at most 8 levels deep.'
RESTARTED = "Starting over: I've forgotten the roles we were discussing. Ask me about any two roles."
LARGE = '"metadata" may be at most 4096 bytes of JSON.'


def nested(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(levels - 1):
        value = {"next": value}
    return value


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 0), ({}, 1), ({"a": [1, {"b": []}]}, 4), ([[[]]], 3), (nested(500), 500)]
)
def test_depth_counts_nesting_without_recursion(value: Any, expected: int) -> None:
    assert depth(value) == expected


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        (None, None),
        ({}, None),
        (nested(MAX_METADATA_DEPTH), None),
        (nested(MAX_METADATA_DEPTH + 1), DEEP),
        (nested(400), DEEP),
        ({"pad": "x" * (MAX_METADATA_BYTES - 11)}, None),  # {"pad": "..."} is 11 bytes around the text
        ({"pad": "x" * (MAX_METADATA_BYTES - 10)}, LARGE),
        ({"pad": "é" * 1000}, LARGE),  # 6 bytes of JSON each (\u00e9)
        ([1, 2], '"metadata" must be a JSON object when given.'),
        ("text", '"metadata" must be a JSON object when given.'),
    ],
)
def test_metadata_limits(metadata: Any, problem: str | None) -> None:
    assert metadata_problem(metadata) == problem


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("/session_start", "session_start"),
        ("/restart", "restart"),
        ("/back", "back"),
        ("  /restart{\"x\": 1}", "restart"),
        ("/ back", "back"),
        ("/feedback{\"helpful\": true}", None),
        ("/greet", None),
        ("restart", None),
        ("how do I restart my career?", None),
        ("/restarted", None),
    ],
)
def test_control_payloads_are_rasas_default_intents_typed_as_payloads(text: str, intent: str | None) -> None:
    assert control_intent(text) == intent


def rest(bot: Bot, sender: str, message: str, metadata: Any = None) -> requests.Response:
    body = {"sender": sender, "message": message, **({"metadata": metadata} if metadata is not None else {})}
    return requests.post(f"{bot.url}/webhooks/rest/webhook", json=body, timeout=30)


@pytest.mark.parametrize("typed", ["/session_start", "/back", '/back{"x": "<script>"}', '/session_start{"a": [1]}'])
def test_a_typed_control_payload_gets_a_plain_reply_over_rest_and_is_logged(bot: Bot, typed: str) -> None:
    sender = f"control-{uuid.uuid4().hex[:8]}"
    name = typed[1:].split("{")[0]
    answer = rest(bot, sender, typed)
    assert answer.json() == [{"recipient_id": sender, "text": control_reply(name)}]
    assert f"Typed control payload /{name} from rest:{sender} answered, not run." in bot.log.read_text()
    # the conversation goes on as before
    assert rest(bot, sender, QUESTION).json()[0]["text"].startswith(PAY_VERDICT)


def test_a_typed_restart_is_logged_and_starts_over(bot: Bot) -> None:
    sender = f"control-{uuid.uuid4().hex[:8]}"
    answer = rest(bot, sender, "/restart")
    assert answer.json() == [{"recipient_id": sender, "text": RESTARTED}]
    assert f"Typed control payload /restart from rest:{sender} passed to Rasa." in bot.log.read_text()


def test_control_reply_is_plain_and_helpful() -> None:
    assert control_reply("back") == (
        "Typed commands such as /back are not used here. To start over, type /restart; otherwise "
        'just ask your next question, for example "head of ops vs ops manager" or "what does a buyer do?".'
    )


@pytest.fixture()
def widget(bot: Bot, web_port: int) -> Iterator[WidgetClient]:
    client = WidgetClient(bot.url, origin=f"http://127.0.0.1:{web_port}")
    client.request_session(None)
    yield client
    client.close()


@pytest.mark.parametrize(
    "metadata",
    [{"pad": "x" * 300_000}, nested(400), json.dumps({"pad": "x" * 5000}), json.dumps(nested(MAX_METADATA_DEPTH + 1))],
    ids=["300KB", "depth-400", "large-json-string", "deep-json-string"],
)
def test_socketio_metadata_over_the_limits_gets_a_clear_reply_and_no_turn(widget: WidgetClient, metadata: Any) -> None:
    widget.say({"message": QUESTION, "metadata": metadata})
    assert widget.next_text() == METADATA_REFUSED
    assert widget.heard_nothing_for(1.0)
    widget.say({"message": QUESTION, "metadata": {"language": "en"}})
    assert widget.next_text().startswith(f"**{PAY_VERDICT[:-1]}\\. The Plant Manager earns about two and a half times")


def test_socketio_control_payloads_get_the_same_plain_reply(widget: WidgetClient) -> None:
    widget.say({"message": "/session_start"})
    assert widget.next_text() == control_reply("session_start")
