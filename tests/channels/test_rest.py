"""The REST channel against the real bot: a required sender in its own namespace, bounded input, a token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from channels.limits import MAX_METADATA_DEPTH
from channels.rest import MAX_BODY_BYTES
from tests.servers import Bot, running_bot

PAY_VERDICT = "The Plant Manager is typically paid more than a Buyer."
BUDGET_VERDICT = "The Plant Manager has more budget authority than a Buyer."
TOKEN = "rest-token-for-tests"


def post(bot: Bot, body: Any, **headers: str) -> requests.Response:
    return requests.post(f"{bot.url}/webhooks/rest/webhook", json=body, headers=headers, timeout=30)


def nested(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(levels - 1):
        value = {"next": value}
    return value


@pytest.mark.parametrize("body", [{"message": "hi"}, {"sender": "", "message": "hi"}, {"sender": 7, "message": "hi"}])
def test_a_message_without_a_sender_is_refused(bot: Bot, body: dict[str, Any]) -> None:
    response = post(bot, body)
    assert response.status_code == 400
    assert response.json() == {
        "error": '"sender" is required: a non-empty string of at most 200 characters that names the conversation.'
    }


def test_metadata_deeper_than_the_bound_is_refused(bot: Bot) -> None:
    response = post(bot, {"sender": "deep", "message": "hi", "metadata": nested(MAX_METADATA_DEPTH + 1)})
    assert (response.status_code, response.json()) == (400, {"error": '"metadata" may nest at most 8 levels deep.'})
    accepted = post(bot, {"sender": "deep", "message": "hi", "metadata": nested(MAX_METADATA_DEPTH)})
    assert accepted.status_code == 200


def test_replies_name_the_sender_the_client_chose(bot: Bot) -> None:
    reply = post(bot, {"sender": "client-42", "message": "who earns more, a buyer or a plant manager?"}).json()
    assert reply[0]["text"].startswith(PAY_VERDICT)
    assert {message["recipient_id"] for message in reply} == {"client-42"}


def test_zero_width_characters_inside_a_word_are_removed(bot: Bot) -> None:
    reply = bot.say("zero-width", "who earns more, a bu\u200byer or a plant\u2060 manager?\ufeff")
    assert reply[0]["text"].startswith(PAY_VERDICT)


def test_a_typed_restart_starts_over_with_a_short_confirmation(bot: Bot) -> None:
    assert bot.say("restarter", "who earns more, a buyer or a plant manager?")[0]["text"].startswith(PAY_VERDICT)
    assert [m["text"] for m in bot.say("restarter", "/restart")] == [
        "Starting over: I've forgotten the roles we were discussing. Ask me about any two roles."
    ]
    after = bot.say("restarter", "and what about budget?")
    assert not any(m.get("text", "").startswith("The Plant Manager") for m in after), after


@pytest.fixture(scope="module")
def guarded_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    with running_bot(Path(tmp_path_factory.mktemp("rest-token")), {"ROLEWISE_REST_TOKEN": TOKEN}) as bot:
        yield bot


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN, "Bearer"])
def test_with_a_rest_token_set_requests_without_it_are_refused(guarded_bot: Bot, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = post(guarded_bot, {"sender": "s", "message": "hi"}, **headers)
    assert (response.status_code, response.json()) == (
        401,
        {"error": "Send the REST token as 'Authorization: Bearer <token>'."},
    )


def test_with_a_rest_token_set_requests_with_it_are_answered(guarded_bot: Bot) -> None:
    body = {"sender": "s", "message": "who earns more, a buyer or a plant manager?"}
    response = post(guarded_bot, body, Authorization=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response.json()[0]["text"].startswith(PAY_VERDICT)


def test_a_browser_request_from_a_foreign_origin_is_refused_and_not_processed(bot: Bot, web_port: int) -> None:
    question = {"sender": "csrf", "message": "who earns more, a buyer or a plant manager?"}
    refused = post(bot, question, Origin="http://evil.example")
    assert (refused.status_code, refused.json()) == (
        403,
        {"error": "Browser requests are accepted only from this bot's own pages."},
    )
    follow_up = post(bot, {"sender": "csrf", "message": "and what about budget?"}).json()
    assert not follow_up[0]["text"].startswith(BUDGET_VERDICT)  # the refused question was never asked
    allowed = post(bot, question, Origin=f"http://127.0.0.1:{web_port}")
    assert allowed.status_code == 200


def test_an_oversized_body_or_metadata_is_refused(bot: Bot) -> None:
    huge = post(bot, {"sender": "big", "message": "x" * (MAX_BODY_BYTES + 1)})
    assert (huge.status_code, huge.json()) == (413, {"error": "The body may be at most 65536 bytes."})
    wide = post(bot, {"sender": "big", "message": "hi", "metadata": {f"k{i}": i for i in range(1000)}})
    assert (wide.status_code, wide.json()) == (400, {"error": '"metadata" may be at most 4096 bytes of JSON.'})
    assert post(bot, {"sender": "big", "message": "hi", "metadata": {"page": "careers"}}).status_code == 200
