"""Slack deliveries answered exactly once (restarts, several servers, double delivery), namespaced
conversations, and 400 for signed requests whose body is not one Slack sends."""

from __future__ import annotations

import itertools
import json
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from tests.channels.conftest import TEAM_CHANNEL, FakeSlack, SlackClient, slack_env
from tests.servers import Bot, local_redis, running_bot

QUESTION = "who earns more, a buyer or a plant manager?"
PAY_VERDICT = "*The Plant Manager is typically paid more than a Buyer.*"
BUDGET_VERDICT = "The Plant Manager has more budget authority than a Buyer."
REDIS_DB = 15
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
MESSAGE_NUMBERS = itertools.count(1)


def new_id() -> str:
    return uuid.uuid4().hex[:10].upper()


def delivery(event: dict[str, Any], event_id: str, team: str = "T1") -> bytes:
    body = {"type": "event_callback", "team_id": team, "event_id": event_id, "event": event}
    return json.dumps({**body, "authorizations": [{"user_id": "UBOT"}]}).encode()


def new_ts() -> str:
    """A Slack message timestamp not used before in this test run."""
    return f"{int(time.time())}.{next(MESSAGE_NUMBERS):06d}"


def direct_message(text: str, user: str, channel: str) -> dict[str, Any]:
    ts = new_ts()
    return {"type": "message", "channel_type": "im", "user": user, "channel": channel, "text": text, "ts": ts}


def answers_in(posts: list[dict[str, Any]], verdict: str) -> int:
    return sum(1 for post in posts if post.get("text", "").startswith(verdict.strip("*")))


def test_a_mention_delivered_as_app_mention_and_as_message_is_answered_once(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    before = len(fake_slack.posts())
    event = {"user": f"U{new_id()}", "channel": TEAM_CHANNEL, "text": f"<@UBOT> {QUESTION}", "ts": new_ts()}
    assert slack.post(delivery({**event, "type": "app_mention"}, f"Ev{new_id()}"), "application/json").ok
    assert slack.post(delivery({**event, "type": "message"}, f"Ev{new_id()}"), "application/json").ok
    posts = fake_slack.wait_for_posts(2, before, seconds=8)
    assert answers_in(posts, PAY_VERDICT) == 1


def test_a_plain_message_in_the_team_channel_is_answered(slack: SlackClient, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.posts())
    event = {**direct_message(QUESTION, f"U{new_id()}", TEAM_CHANNEL), "channel_type": "channel"}
    assert slack.post(delivery(event, f"Ev{new_id()}"), "application/json").ok
    assert answers_in(fake_slack.wait_for_posts(1, before), PAY_VERDICT) == 1


def test_a_rest_client_cannot_continue_a_slack_conversation(
    slack: SlackClient, slack_bot: Bot, fake_slack: FakeSlack
) -> None:
    user, channel, before = f"U{new_id()}", f"D{new_id()}", len(fake_slack.posts())
    body = delivery(direct_message(QUESTION, user, channel), f"Ev{new_id()}", "TACME")
    assert slack.post(body, "application/json").ok
    assert answers_in(fake_slack.wait_for_posts(1, before), PAY_VERDICT) == 1
    for sender in (user, f"slack:TACME:{user}", f"TACME:{user}"):
        reply = slack_bot.say(sender, "and what about budget?")
        assert not reply[0]["text"].startswith(BUDGET_VERDICT), f"REST sender {sender!r} continued the Slack DM"


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"not json",
        b'{"type": "event_callback", "event": "a string"}',
        b'{"type": "event_callback", "event": {"type": "message", "text": "hi", "user": 5, "channel": "D1"}}',
        b'{"type": "event_callback", "event": {"type": "message", "text": "hi", "user": "U1", "channel": "D1",'
        b' "channel_type": "im"}, "authorizations": "none"}',
    ],
    ids=["array", "not-json", "event-not-object", "user-not-string", "authorizations-not-list"],
)
def test_a_signed_event_with_a_malformed_body_gets_400(slack: SlackClient, body: bytes) -> None:
    assert slack.post(body, "application/json").status_code == 400


def dm_with(**fields: Any) -> bytes:
    """A signed-able direct message event with top-level ``fields`` of any type."""
    event = {"type": "message", "text": "hi", "user": "U1", "channel": "D1", "channel_type": "im", "ts": new_ts()}
    return json.dumps({"type": "event_callback", "event": event, **fields}).encode()


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"authed_users": 5}, '"authed_users" is not a list of user ids'),
        ({"authed_users": "UBOT"}, '"authed_users" is not a list of user ids'),
        ({"authed_users": [1, 2]}, '"authed_users" is not a list of user ids'),
        ({"authed_users": {"id": "UBOT"}}, '"authed_users" is not a list of user ids'),
        ({"authed_users": ["UBOT"], "team_id": {"id": "T1"}}, '"team_id" is not a string'),
        ({"authed_users": ["UBOT"], "event_id": 7}, '"event_id" is not a string'),
        ({"authed_users": [f"U{n:08d}" for n in range(400)]}, '"metadata" may be at most 4096 bytes of JSON.'),
    ],
    ids=["users-number", "users-string", "users-numbers", "users-object", "team-object", "event-id-number", "huge"],
)
def test_a_signed_event_with_wrong_typed_fields_gets_400_saying_which(
    slack: SlackClient, fields: dict[str, Any], problem: str
) -> None:
    answer = slack.post(dm_with(**fields), "application/json")
    assert (answer.status_code, answer.text) == (400, f"Malformed request: {problem}")


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        json.dumps({"type": "block_actions", "user": "U1", "actions": [{"type": "button", "value": "hi"}]}),
        json.dumps({"type": "block_actions", "user": {"id": "U1"}, "actions": ["a string"]}),
        json.dumps({"type": "block_actions", "user": {"id": "U1"}, "actions": []}),
    ],
    ids=["not-json", "user-not-object", "action-not-object", "no-action"],
)
def test_a_signed_interaction_with_a_malformed_payload_gets_400(slack: SlackClient, payload: str) -> None:
    assert slack.post(urlencode({"payload": payload}).encode(), "application/x-www-form-urlencoded").status_code == 400


def redeliver(bot: Bot, body: bytes) -> requests.Response:
    headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    return SlackClient(bot).post(body, "application/json", headers)


def test_a_delivery_handled_before_a_restart_is_not_answered_again(tmp_path: Path, fake_slack: FakeSlack) -> None:
    env = {**slack_env(fake_slack), "ROLEWISE_SLACK_EVENTS_DB": str(tmp_path / "slack_events.sqlite3")}
    body = delivery(direct_message(QUESTION, f"U{new_id()}", f"D{new_id()}"), f"Ev{new_id()}")
    before = len(fake_slack.posts())
    with running_bot(tmp_path / "first", env) as bot:
        assert SlackClient(bot).post(body, "application/json").ok
        assert answers_in(fake_slack.wait_for_posts(1, before), PAY_VERDICT) == 1
    after_first = len(fake_slack.posts())
    with running_bot(tmp_path / "second", env) as bot:
        assert redeliver(bot, body).ok
        assert fake_slack.wait_for_posts(1, after_first, seconds=8) == []


def test_a_delivery_handled_by_one_server_is_not_answered_by_another(tmp_path: Path, fake_slack: FakeSlack) -> None:
    local_redis(REDIS_DB)
    env = {**slack_env(fake_slack), "ROLEWISE_REDIS_URL": REDIS_URL}
    body = delivery(direct_message(QUESTION, f"U{new_id()}", f"D{new_id()}"), f"Ev{new_id()}")
    with running_bot(tmp_path / "one", env) as one, running_bot(tmp_path / "two", env) as two:
        before = len(fake_slack.posts())
        assert SlackClient(one).post(body, "application/json").ok
        assert answers_in(fake_slack.wait_for_posts(1, before), PAY_VERDICT) == 1
        after_one = len(fake_slack.posts())
        assert redeliver(two, body).ok
        assert fake_slack.wait_for_posts(1, after_one, seconds=8) == []
