"""Rasa as `make run` starts it: no HTTP API unless asked for with a token, CORS for the demo page only."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.servers import Bot, running_bot

TOKEN = "api-token-for-tests"
JWT_SECRET = "jwt-secret-for-tests"
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
    env = {"ROLEWISE_API": "1", "ROLEWISE_API_TOKEN": TOKEN, "ROLEWISE_JWT_SECRET": JWT_SECRET}
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


def command_lines() -> list[str]:
    """Every process's command line, as ``ps`` shows it to any user of the machine."""
    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:  # the process ended meanwhile
            pass
    return lines


def test_the_api_secrets_are_in_no_process_list_yet_rasa_has_them(api_bot: Bot) -> None:
    ours = [line for line in command_lines() if "runtime.rasa_cli" in line and f"--port {api_bot.url[-5:]}" in line]
    assert len(ours) == 1 and "--enable-api" in ours[0]
    assert [line for line in command_lines() if TOKEN in line or JWT_SECRET in line] == []
    assert requests.get(f"{api_bot.url}/status?token={TOKEN}", timeout=10).status_code == 200
    signed = jwt_token({"alg": "HS256", "typ": "JWT"}, {"user": {"username": "ops", "role": "admin"}}, JWT_SECRET)
    assert requests.get(f"{api_bot.url}/status", headers={"Authorization": f"Bearer {signed}"}, timeout=10).ok


def jwt_token(header: dict, payload: dict, secret: str = "") -> str:
    """A JWT: HS256-signed with ``secret``, or unsigned when ``secret`` is empty."""
    def part(value: bytes) -> str:
        return base64.urlsafe_b64encode(value).rstrip(b"=").decode()

    body = f"{part(json.dumps(header).encode())}.{part(json.dumps(payload).encode())}"
    signature = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest() if secret else b""
    return f"{body}.{part(signature)}"


@pytest.mark.parametrize(
    "token",
    [
        jwt_token({"alg": "none", "typ": "JWT"}, {"user": {"username": "ops", "role": "admin"}}),
        jwt_token({"alg": "HS512", "typ": "JWT"}, {"user": {"username": "ops", "role": "admin"}}, JWT_SECRET),
        jwt_token({"alg": "HS256", "typ": "JWT"}, {"user": {"username": "ops", "role": "admin"}}, "another secret"),
        "not.a.jwt",
        "garbage",
    ],
)
def test_a_forged_or_malformed_jwt_is_refused_with_401(api_bot: Bot, token: str) -> None:
    answer = requests.get(f"{api_bot.url}/status", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert answer.status_code == 401
