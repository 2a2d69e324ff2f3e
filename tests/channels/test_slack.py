"""Slack end to end against a local fake Web API: rendering, threads, buttons and security."""

from __future__ import annotations

import json
import time
import uuid

import requests

from tests.channels.conftest import FakeSlack, SlackClient
from tests.servers import Bot

QUESTION = "who has more budget authority, a head of operations or an operations manager?"


def new_id() -> str:
    return uuid.uuid4().hex[:10]


def section_text(post: dict) -> str:
    return post["blocks"][0]["text"]["text"]


def test_a_direct_message_gets_a_bold_verdict_and_block_kit_buttons(slack: SlackClient, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.posts())
    user, channel = f"U{new_id()}", f"D{new_id()}"
    reply = slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "user": user,
            "channel": channel,
            "text": QUESTION,
            "ts": "1700000000.000100",
        },
        event_id=f"Ev{new_id()}",
    )
    assert reply.status_code == 200
    (answer,) = fake_slack.wait_for_posts(1, before)
    assert answer["channel"] == channel and "thread_ts" not in answer
    assert section_text(answer).startswith(
        "*The Head of Operations has more budget authority than an Operations Manager.* "
    )
    assert section_text(answer).endswith(".\nRelated comparisons:")
    assert [b["type"] for b in answer["blocks"]] == ["section", "actions", "context", "actions"]
    buttons, feedback = answer["blocks"][1]["elements"], answer["blocks"][3]["elements"]
    assert buttons and all(b["type"] == "button" and b["value"].startswith("/ask_budget{") for b in buttons)
    # the helpful / not helpful pair is set apart: a small "Was this helpful?" line, then its own row
    assert answer["blocks"][2] == {"type": "context", "elements": [{"type": "mrkdwn", "text": "Was this helpful?"}]}
    assert answer["blocks"][3]["block_id"] == "feedback"
    assert [b["text"]["text"] for b in feedback] == ["Helpful", "Not helpful"]
    assert all(b["value"].startswith("/feedback{") for b in feedback)


def test_a_mention_in_a_thread_is_answered_in_that_thread(slack: SlackClient, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.posts())
    thread = "1700000000.000200"
    slack.event(
        {
            "type": "app_mention",
            "user": f"U{new_id()}",
            "channel": "C1",
            "text": f"<@UBOT> {QUESTION}",
            "ts": "1700000000.000300",
            "thread_ts": thread,
        },
        event_id=f"Ev{new_id()}",
    )
    posts = fake_slack.wait_for_posts(1, before)
    assert len(posts) == 1 and posts[0].get("thread_ts") == thread
    assert "Head of Operations" in section_text(posts[0])


def test_a_button_click_asks_that_comparison(slack: SlackClient, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.posts())
    value = '/ask_compensation{"job_role": ["Buyer", "Procurement Manager"]}'
    response = slack.click(f"U{new_id()}", "D2", value, trigger=new_id())
    assert response.status_code == 200
    posts = fake_slack.wait_for_posts(1, before)
    assert section_text(posts[0]).startswith(
        "*The Procurement Manager is typically paid more than a Buyer. The Procurement Manager earns about 85% more,"
        " comparing the middle of each role's typical pay range.*"
    )


def test_more_than_five_choices_stay_buttons(slack: SlackClient, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.posts())
    value = '/list_roles{"job_family": "Supply chain and logistics"}'
    slack.click(f"U{new_id()}", "D3", value, trigger=new_id())
    [post] = fake_slack.wait_for_posts(1, before)
    assert len(post["blocks"][1]["elements"]) == 6


def test_a_retry_of_a_handled_event_is_not_answered_twice(slack: SlackClient, fake_slack: FakeSlack) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": f"U{new_id()}",
        "channel": "D4",
        "text": "who earns more, a buyer or a procurement manager",
        "ts": "1700000000.000400",
    }
    event_id = f"Ev{new_id()}"
    before = len(fake_slack.posts())
    assert slack.event(event, event_id).status_code == 200
    first = fake_slack.wait_for_posts(1, before)
    assert len(first) == 1
    retry = slack.event(event, event_id, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retry.status_code == 200
    time.sleep(3)
    assert len(fake_slack.posts()) - before == len(first)


def test_unsigned_forged_or_stale_requests_get_401_and_no_reply(slack: SlackClient, fake_slack: FakeSlack) -> None:
    event = {"type": "message", "channel_type": "im", "user": "UEVIL", "channel": "D5", "text": QUESTION}
    before = len(fake_slack.posts())
    assert slack.event(event, f"Ev{new_id()}", signed=False).status_code == 401
    assert slack.event(event, f"Ev{new_id()}", headers={"X-Slack-Signature": "v0=" + "0" * 64}).status_code == 401
    assert slack.event(event, f"Ev{new_id()}", timestamp=int(time.time()) - 6 * 60).status_code == 401
    time.sleep(3)
    assert len(fake_slack.posts()) == before


def test_url_verification_echoes_the_challenge(slack: SlackClient) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123"}).encode()
    response = slack.post(body, "application/json")
    assert response.status_code == 200 and response.json() == {"challenge": "abc123"}


def test_without_slack_settings_the_bot_runs_and_slack_is_off(bot: Bot) -> None:
    response = requests.post(f"{bot.url}/webhooks/slack/webhook", json={"type": "event_callback"}, timeout=10)
    assert response.status_code == 503
    assert "SLACK_BOT_TOKEN" in response.text
    log = bot.log.read_text()
    assert log.count("Slack channel off") == 1
    replies = requests.post(f"{bot.url}/webhooks/rest/webhook", json={"sender": "s", "message": "hello"}, timeout=30)
    assert replies.json()[0]["text"].startswith("Hi!")


def test_domain_responses_are_laid_out_as_blocks_too(slack: SlackClient, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.posts())
    slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "user": f"U{new_id()}",
            "channel": "D6",
            "text": "thanks a lot",
            "ts": "1700000000.000600",
        },
        event_id=f"Ev{new_id()}",
    )
    [post] = fake_slack.wait_for_posts(1, before)
    assert post["text"] == "You're welcome! Ask me about any other pair of roles."
    assert section_text(post) == post["text"]
