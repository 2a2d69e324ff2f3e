"""A local fake of Slack's Web API, and a bot started with Slack turned on against it."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import urlencode

import pytest
import requests

from tests.servers import Bot, free_port, running_bot

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
TEAM_CHANNEL = "CTEAMCHAN"  # the one channel whose plain messages the bot reads (SLACK_CHANNEL)


class FakeSlack:
    """Records every Web API call; answers like Slack does."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)) or 0)
                try:
                    data = json.loads(body or b"{}")
                except ValueError:
                    data = {"raw": body.decode()}
                with fake.lock:
                    fake.calls.append((self.path.rsplit("/", 1)[-1], data))
                reply = json.dumps({"ok": True, "channel": data.get("channel"), "ts": f"{time.time():.6f}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def posts(self) -> list[dict[str, Any]]:
        with self.lock:
            return [data for method, data in self.calls if method == "chat.postMessage"]

    def wait_for_posts(self, count: int, after: int = 0, seconds: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            new = self.posts()[after:]
            if len(new) >= count:
                time.sleep(0.5)  # let any extra (unexpected) message arrive too
                return self.posts()[after:]
            time.sleep(0.1)
        return self.posts()[after:]


def sign(body: bytes, timestamp: Optional[int] = None, secret: str = SECRET) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


class SlackClient:
    """Posts Events API and interactivity payloads to the bot the way Slack does."""

    def __init__(self, bot: Bot) -> None:
        self.url = f"{bot.url}/webhooks/slack/webhook"

    def event(
        self,
        event: dict[str, Any],
        event_id: str,
        headers: Optional[dict[str, str]] = None,
        signed: bool = True,
        timestamp: Optional[int] = None,
    ) -> requests.Response:
        body = json.dumps(
            {"type": "event_callback", "event_id": event_id, "event": event, "authorizations": [{"user_id": "UBOT"}]}
        ).encode()
        return self.post(body, "application/json", headers, signed, timestamp)

    def click(
        self, user: str, channel: str, value: str, trigger: str, thread_ts: Optional[str] = None
    ) -> requests.Response:
        message = {"ts": "1700000000.000100", **({"thread_ts": thread_ts} if thread_ts else {})}
        payload = {
            "type": "block_actions",
            "trigger_id": trigger,
            "user": {"id": user},
            "channel": {"id": channel},
            "message": message,
            "actions": [{"type": "button", "value": value, "action_ts": trigger}],
        }
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")

    def post(
        self,
        body: bytes,
        content_type: str,
        headers: Optional[dict[str, str]] = None,
        signed: bool = True,
        timestamp: Optional[int] = None,
    ) -> requests.Response:
        all_headers = {"Content-Type": content_type, **(sign(body, timestamp) if signed else {}), **(headers or {})}
        return requests.post(self.url, data=body, headers=all_headers, timeout=30)


def slack_env(fake_slack: FakeSlack) -> dict[str, str]:
    """The settings that turn Slack on against the fake Web API."""
    return {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake_slack.url}


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    yield fake
    fake.server.shutdown()


@pytest.fixture(scope="session")
def slack_bot(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack) -> Iterator[Bot]:
    folder = tmp_path_factory.mktemp("slack-bot")
    env = {
        **slack_env(fake_slack),
        "SLACK_CHANNEL": TEAM_CHANNEL,
        "ROLEWISE_SLACK_EVENTS_DB": str(folder / "slack_events.sqlite3"),
    }
    with running_bot(folder, env) as bot:
        yield bot


@pytest.fixture()
def slack(slack_bot: Bot) -> SlackClient:
    return SlackClient(slack_bot)
