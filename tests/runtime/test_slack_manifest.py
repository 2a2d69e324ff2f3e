"""The Slack app manifest (runtime/slack_manifest.yml) asks for what channels/slack.py handles, no more,
and ``make slack-manifest HOST=...`` prints it with the bot's public address."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from channels.slack import RolewiseSlackInput
from runtime.slack_manifest import MANIFEST, HostError, manifest, public_base
from tests.servers import ROOT

# Slack's bot events and the scope each needs (Slack's Events API reference).
EVENT_SCOPES = {
    "app_mention": "app_mentions:read",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
    "message.mpim": "mpim:history",
}
POSTS_WITH = "chat:write"  # chat.postMessage, which RolewiseSlackBot answers with


def settings() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_every_bot_event_is_one_the_channel_answers_and_brings_its_scope() -> None:
    data = settings()
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert events == ["app_mention", "message.channels", "message.groups", "message.im"]
    for event in events:  # "message.im" arrives as an event of type "message" (channel_type im)
        body = {"event": {"type": event.split(".")[0], "text": "buyer or planner?", "user": "U1"}}
        assert RolewiseSlackInput._is_user_message(body), event
    assert sorted(data["oauth_config"]["scopes"]["bot"]) == sorted([POSTS_WITH, *(EVENT_SCOPES[e] for e in events)])


def test_bot_messages_are_not_answered_so_the_bot_never_talks_to_itself() -> None:
    assert not RolewiseSlackInput._is_user_message({"event": {"type": "message", "text": "hi", "bot_id": "B1"}})


def test_buttons_are_handled_so_interactivity_is_on_at_the_same_webhook() -> None:
    interactivity = settings()["settings"]["interactivity"]
    assert interactivity == {"is_enabled": True, "request_url": "https://YOUR-HOST/webhooks/slack/webhook"}
    assert RolewiseSlackInput._is_interactive_message({"actions": [{"type": "button", "value": "/greet"}]})


def test_the_request_urls_are_the_channels_webhook() -> None:
    channel = RolewiseSlackInput("xoxb-test", None, "http://127.0.0.1:1/api/", "secret", seen=None)  # type: ignore[arg-type]
    routes = {(route.uri, tuple(sorted(route.methods))) for route in channel.blueprint(lambda _: None)._future_routes}
    assert ("/webhook", ("GET", "POST")) in routes
    assert channel.name() == "slack"  # Rasa mounts the channel's blueprint at /webhooks/<name>
    assert settings()["settings"]["event_subscriptions"]["request_url"] == "https://YOUR-HOST/webhooks/slack/webhook"


def test_the_host_is_filled_in() -> None:
    text = manifest("https://bot.example.org/")
    data = yaml.safe_load(text)
    assert data["settings"]["event_subscriptions"]["request_url"] == "https://bot.example.org/webhooks/slack/webhook"
    assert data["settings"]["interactivity"]["request_url"] == "https://bot.example.org/webhooks/slack/webhook"
    assert "YOUR-HOST" not in text
    assert public_base("https://example.org:8443/rolewise/") == "https://example.org:8443/rolewise"


@pytest.mark.parametrize("host", ["http://bot.example.org", "bot.example.org", "https://", "https://x.org/?a=1"])
def test_a_host_slack_cannot_call_is_refused(host: str) -> None:
    with pytest.raises(HostError):
        public_base(host)


def test_make_slack_manifest() -> None:
    made = subprocess.run(
        ["make", "--no-print-directory", "slack-manifest", "HOST=https://bot.example.org"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout == manifest("https://bot.example.org")
    missing = subprocess.run(
        ["make", "--no-print-directory", "slack-manifest"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2
    assert "usage: make slack-manifest HOST=https://your.host" in missing.stderr
