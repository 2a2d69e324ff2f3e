"""Rasa as `make run` starts it: no HTTP API unless asked for with a token, CORS for the demo page only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.servers import Bot, running_bot

TOKEN = "api-token-for-tests"
FOREIGN = "http://evil.example"
# What an attacker on the network would call: read and change a conversation, push text, unload the model.
API_CALLS = [
    ("GET", "/conversations/rest:someone/tracker"),
    ("POST", "/conversations/rest:someone/tracker/events"),
    ("POST", "/conversations/rest:someone/trigger_intent?output_channel=slack"),
    ("DELETE", "/model"),
]


@pytest.mark.parametrize(("method", "path"), [*API_CALLS, ("GET", "/status")])
def test_the_http_api_is_off_by_default(bot: Bot, method: str, path: str) -> None:
    response = requests.request(method, f"{bot.url}{path}", json={"event": "slot"}, timeout=10)
    assert response.status_code == 404


def test_cors_answers_the_demo_page(bot: Bot, web_port: int) -> None:
    page = f"http://127.0.0.1:{web_port}"
    preflight = requests.options(
        f"{bot.url}/webhooks/rest/webhook",
        headers={"Origin": page, "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert preflight.headers.get("Access-Control-Allow-Origin") == page
    polling = requests.get(f"{bot.url}/socket.io/?EIO=4&transport=polling", headers={"Origin": page}, timeout=10)
    assert polling.headers.get("Access-Control-Allow-Origin") == page


def test_cors_ignores_every_other_origin(bot: Bot) -> None:
    preflight = requests.options(
        f"{bot.url}/webhooks/rest/webhook",
        headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    simple = requests.get(f"{bot.url}/webhooks/rest/", headers={"Origin": FOREIGN}, timeout=10)
    assert "Access-Control-Allow-Origin" not in simple.headers
    assert "Access-Control-Allow-Credentials" not in simple.headers


@pytest.fixture(scope="module")
def api_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    env = {"ROLEWISE_API": "1", "ROLEWISE_API_TOKEN": TOKEN}
    with running_bot(Path(tmp_path_factory.mktemp("api")), env) as bot:
        yield bot


@pytest.mark.parametrize(("method", "path"), API_CALLS)
def test_with_the_api_on_every_endpoint_needs_the_token(api_bot: Bot, method: str, path: str) -> None:
    for token in ("", "?token=wrong"):
        url = f"{api_bot.url}{path}{token if '?' not in path else token.replace('?', '&')}"
        assert requests.request(method, url, json={"event": "slot"}, timeout=10).status_code == 401


def test_with_the_token_the_api_reads_rest_conversations_under_their_namespace(api_bot: Bot) -> None:
    api_bot.say("probe", "who earns more, a buyer or a plant manager?")
    namespaced = requests.get(f"{api_bot.url}/conversations/rest:probe/tracker?token={TOKEN}", timeout=10).json()
    bare = requests.get(f"{api_bot.url}/conversations/probe/tracker?token={TOKEN}", timeout=10).json()
    said = [e["text"] for e in namespaced["events"] if e["event"] == "user"]
    assert said == ["who earns more, a buyer or a plant manager?"]
    assert [e for e in bare["events"] if e["event"] == "user"] == []
