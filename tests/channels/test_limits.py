"""One set of input limits on every channel (channels/limits.py): long messages shortened to their opening
and their end, with a note before the answer; metadata size and depth; typed control payloads answered plainly
and logged; on the real bot over REST, socket.io and Slack (more Slack: test_slack_security)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from rasa.core.channels.channel import UserMessage

from channels.guard import guarded
from channels.limits import (
    CUT,
    MAX_MESSAGE_CHARS,
    MAX_METADATA_BYTES,
    MAX_METADATA_DEPTH,
    control_intent,
    control_reply,
    depth,
    metadata_problem,
    shortened,
    shortened_note,
)
from channels.rest import OneMessageCollector
from channels.socketio import METADATA_REFUSED
from tests.channels.conftest import TEAM_CHANNEL, FakeSlack, SlackClient
from tests.channels.socket_client import WidgetClient
from tests.servers import Bot

QUESTION = "who earns more, a buyer or a plant manager?"
PAY_VERDICT = "The Plant Manager is typically paid more than a Buyer."
DEEP = '"metadata" may nest at most 8 levels deep.'
RESTARTED = "Starting over: I've forgotten the roles we were discussing. Ask me about any two roles."
LARGE = '"metadata" may be at most 4096 bytes of JSON.'
RELATED = "Related comparisons:"


SENTENCES = [f"This is sentence {i:03d} of my story." for i in range(100)]  # 33 characters each
STORY = (  # 2,320 characters: a career story whose question comes last
    "I have worked in purchasing at a mid sized food manufacturer for nine years. "
    + " ".join(f"In year {year} I worked on supplier contracts, cost savings and audits with the plant team, "
               f"and my manager kept telling me that the next step was close." for year in range(1, 15))
    + " My partner thinks I should stay in buying because the hours are predictable and the stress is low."
    + " So my question is this: who earns more, a buyer or a plant manager?"
)  # fmt: skip
LONG_NOTE = (
    f"Your message was long ({len(STORY):,} characters), so I read its beginning and its end, 2,000 characters "
    "in all. If I missed your question, send it again on its own."
)


def test_a_message_within_the_limit_is_read_whole() -> None:
    text = "x" * MAX_MESSAGE_CHARS
    assert shortened(text) == text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # whole sentences: the opening ones within 500 characters (14, 475), the last ones filling the rest (44)
        (" ".join(SENTENCES), " ".join(SENTENCES[:14]) + CUT + " ".join(SENTENCES[-44:])),
        # line breaks end sentences too
        ("\n".join(SENTENCES), "\n".join(SENTENCES[:14]) + CUT + "\n".join(SENTENCES[-44:])),
        # one endless sentence: cut between words (100 words, then the last 299)
        (" ".join(["word"] * 1000), " ".join(["word"] * 100) + CUT + " ".join(["word"] * 299)),
        # no spaces at all: cut between characters
        ("x" * 5000, "x" * 500 + CUT + "x" * 1497),
    ],
    ids=["sentences", "lines", "words", "characters"],
)
def test_a_long_message_keeps_its_opening_and_its_end(text: str, read: str) -> None:
    assert shortened(text) == read
    assert len(read) <= MAX_MESSAGE_CHARS


def test_the_story_is_long_and_its_question_is_read() -> None:
    assert len(STORY) == 2320
    assert shortened(STORY).startswith("I have worked in purchasing at a mid sized food manufacturer for nine years.")
    assert shortened(STORY).endswith("who earns more, a buyer or a plant manager?")
    assert shortened_note(len(STORY)) == LONG_NOTE


async def test_the_guard_reads_a_long_message_shortened_and_says_so_before_the_answer() -> None:
    read: list[str] = []
    answer_text = "The answer.\nRelated comparisons:"
    button = {"title": "A vs B", "payload": "/compare_roles"}

    async def answer(message: UserMessage) -> None:
        read.append(message.text)
        await message.output_channel.send_response(message.sender_id, {"text": answer_text, "buttons": [button]})

    output = OneMessageCollector()  # the REST channel's: one message per turn, as sent
    await guarded(answer)(UserMessage(STORY, output, "rest:s"))
    assert read == [shortened(STORY)]
    # the note first, and the buttons' line still last, right above the buttons
    assert output.messages == [{"recipient_id": "rest:s", "text": f"{LONG_NOTE}\n\n{answer_text}", "buttons": [button]}]
    await guarded(answer)(UserMessage("who earns more, a buyer or a plant manager?", output, "rest:s"))
    assert output.messages[-1] == {"recipient_id": "rest:s", "text": answer_text, "buttons": [button]}


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


def test_a_long_story_over_rest_gets_a_note_then_its_question_answered(bot: Bot) -> None:
    text = rest(bot, f"long-{uuid.uuid4().hex[:8]}", STORY).json()[0]["text"]
    assert text.startswith(f"{LONG_NOTE}\n\n{PAY_VERDICT}")
    assert text.endswith(f"\n{RELATED}")  # the line that introduces the buttons, right above them


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


def test_a_long_story_over_socketio_gets_a_note_then_its_question_answered(widget: WidgetClient) -> None:
    widget.say({"message": STORY})
    assert widget.next_text() == LONG_NOTE  # a message of its own, before the answer
    text = widget.next_text()
    assert text.startswith(f"**{PAY_VERDICT[:-1]}\\. The Plant Manager earns about two and a half times")
    assert text.endswith(f"\n{RELATED}")


def test_a_long_story_over_slack_gets_its_question_answered_and_a_note(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    before = len(fake_slack.posts())
    user = f"U{uuid.uuid4().hex[:10].upper()}"
    event = {"type": "message", "channel_type": "im", "user": user, "channel": TEAM_CHANNEL, "text": STORY,
             "ts": f"{uuid.uuid4().int % 10**9}.000001"}  # fmt: skip
    assert slack.event(event, f"Ev{uuid.uuid4().hex[:10].upper()}").ok
    posts = fake_slack.wait_for_posts(1, before)
    assert [post["text"][: len(PAY_VERDICT)] for post in posts] == [PAY_VERDICT]
    note, answer = posts[0]["blocks"][:2]
    assert note == {"type": "context", "elements": [{"type": "mrkdwn", "text": LONG_NOTE}]}
    assert answer["text"]["text"].startswith(f"*{PAY_VERDICT}")
    assert answer["text"]["text"].endswith(f"\n{RELATED}")
