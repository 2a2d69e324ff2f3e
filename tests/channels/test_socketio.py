"""The website channel against the real bot: ids only the server issues, origins it allows, clear replies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import socketio

from channels.socketio import NO_SESSION, WRONG_SHAPE
from channels.web_session import MAX_SESSION_ID_CHARS, NAMESPACE
from tests.channels.socket_client import WidgetClient
from tests.servers import Bot

QUESTION = "who earns more, a buyer or a plant manager?"
PAY_VERDICT = (  # the widget gets the verdict in bold
    "**The Plant Manager is typically paid more than a Buyer\\. The Plant Manager earns about two and a half times as "
    "much, comparing the middle of each role's typical pay range\\.** "
)
BUDGET_VERDICT = "**The Plant Manager has more budget authority than a Buyer\\.** "


@pytest.fixture()
def widget(bot: Bot, web_port: int) -> Iterator[WidgetClient]:
    client = WidgetClient(bot.url, origin=f"http://127.0.0.1:{web_port}")
    yield client
    client.close()


def test_a_page_from_another_origin_cannot_connect(bot: Bot) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError):
        WidgetClient(bot.url, origin="http://evil.example")


def test_the_server_issues_the_session_id(widget: WidgetClient) -> None:
    session_id = widget.request_session(None)
    token, dot, signature = session_id.partition(".")
    assert (len(token), dot, len(signature)) == (32, ".", 43)


@pytest.mark.parametrize(
    "offered",
    [
        "0123456789abcdef0123456789abcdef",  # an id of the kind Rasa's own channel accepts from anyone
        f"{NAMESPACE}0123456789abcdef",
        "x" * (MAX_SESSION_ID_CHARS * 100),
        {"nested": "object"},
    ],
    ids=["unsigned", "namespaced", "overlong", "object"],
)
def test_an_id_the_server_did_not_sign_is_replaced_by_a_new_one(widget: WidgetClient, offered: object) -> None:
    confirmed = widget.request_session(offered)
    assert confirmed != offered
    assert len(confirmed) == 76


def test_a_reload_continues_the_conversation(bot: Bot, web_port: int, widget: WidgetClient) -> None:
    session_id = widget.request_session(None)
    widget.say({"message": QUESTION, "session_id": session_id})
    assert widget.next_text().startswith(PAY_VERDICT)
    reloaded = WidgetClient(bot.url, origin=f"http://localhost:{web_port}")
    try:
        assert reloaded.request_session(session_id) == session_id
        reloaded.say({"message": "and what about budget?", "session_id": session_id})
        assert reloaded.next_text().startswith(BUDGET_VERDICT)
    finally:
        reloaded.close()


def test_a_client_cannot_drive_or_hear_another_conversation(bot: Bot, web_port: int, widget: WidgetClient) -> None:
    victim_id = widget.request_session(None)
    widget.say({"message": QUESTION, "session_id": victim_id})
    assert widget.next_text().startswith(PAY_VERDICT)
    widget.heard_nothing_for(2)  # the rest of the answer (related comparisons)

    attacker = WidgetClient(bot.url, origin=None)
    try:
        attacker.request_session(None)
        attacker.say({"message": "and what about budget?", "session_id": victim_id})
        answer = attacker.next_text()
        assert not answer.startswith(BUDGET_VERDICT), "the attacker's message continued the victim's conversation"
        assert widget.heard_nothing_for(3), "the victim heard the attacker's turn"
    finally:
        attacker.close()

    widget.say({"message": "and what about budget?", "session_id": victim_id})
    assert widget.next_text().startswith(BUDGET_VERDICT)


@pytest.mark.parametrize("payload", ["just a string", {"message": 42}, {"text": "hello"}, None, ["a", "list"]])
def test_a_message_of_the_wrong_shape_gets_a_clear_reply(widget: WidgetClient, payload: object) -> None:
    widget.request_session(None)
    widget.say(payload)
    assert widget.next_text() == WRONG_SHAPE


def test_a_message_before_any_session_gets_a_clear_reply(widget: WidgetClient) -> None:
    widget.say({"message": QUESTION, "session_id": "anything"})
    assert widget.next_text() == NO_SESSION
