"""Charts and feedback in Slack: the chart joins its answer's post as an image block only when
ROLEWISE_PUBLIC_URL says where Slack can fetch it, and a "Not helpful" click is stored."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy.orm import Session

from channels.slack import RolewiseSlackBot
from kb.db import open_existing
from kb.usage import feedback_of
from tests.channels.conftest import TOKEN, FakeSlack, SlackClient, slack_env
from tests.servers import Bot, running_bot

PUBLIC = "https://rolewise.example.com/bot"
CHART = "/webhooks/charts/buyer--plant-manager.png"
ANSWER = {
    "text": "The Plant Manager is ahead of a Buyer on 11 of 12 dimensions. The biggest differences:",
    "buttons": [{"title": "Budget authority", "payload": "/ask_budget"}, {"title": "Helpful", "payload": "/feedback"}],
    "image": CHART,
    "alt": "Profile chart of the Buyer and the Plant Manager. Leader: Budget authority: Plant Manager.",
}


def block_types(post: dict[str, Any]) -> list[str]:
    return [block["type"] for block in post["blocks"]]


@pytest.mark.parametrize(
    ("public_url", "blocks"),
    [
        (PUBLIC, ["section", "image", "actions", "context", "actions"]),
        (None, ["section", "actions", "context", "actions"]),
    ],
)
async def test_the_chart_joins_the_answer_post_only_with_a_public_url(
    fake_slack: FakeSlack, public_url: str | None, blocks: list[str]
) -> None:
    before = len(fake_slack.posts())
    channel = f"D{uuid.uuid4().hex[:8]}"
    await RolewiseSlackBot(TOKEN, None, None, fake_slack.url, public_url).send_response(channel, dict(ANSWER))
    posts = fake_slack.wait_for_posts(1, before, seconds=5)
    assert len(posts) == 1
    assert block_types(posts[0]) == blocks
    if public_url:
        assert posts[0]["blocks"][1] == {"type": "image", "image_url": PUBLIC + CHART, "alt_text": ANSWER["alt"]}


@pytest.fixture(scope="module")
def chart_bot(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack) -> Iterator[Bot]:
    folder = tmp_path_factory.mktemp("slack-chart-bot")
    env = {
        **slack_env(fake_slack),
        "ROLEWISE_PUBLIC_URL": PUBLIC,
        "ROLEWISE_SLACK_EVENTS_DB": str(folder / "slack_events.sqlite3"),
    }
    with running_bot(folder, env) as bot:
        yield bot


def feedback_rows(conversation: str) -> list[tuple]:
    with Session(open_existing()) as session:  # the KB the bot was started on
        return feedback_of(session, conversation)


def test_a_full_comparison_posts_its_chart_and_a_not_helpful_click_is_stored(
    chart_bot: Bot, fake_slack: FakeSlack
) -> None:
    slack = SlackClient(chart_bot)
    user, channel = f"U{uuid.uuid4().hex[:8]}", f"D{uuid.uuid4().hex[:8]}"
    before = len(fake_slack.posts())
    event = {"type": "message", "channel_type": "im", "user": user, "channel": channel,
             "text": "compare a buyer and a plant manager", "ts": "1700000001.000100"}  # fmt: skip
    assert slack.event(event, event_id=f"Ev{uuid.uuid4().hex[:8]}").status_code == 200
    posts = fake_slack.wait_for_posts(1, before)
    assert len(posts) == 1
    images = [b for p in posts for b in p["blocks"] if b["type"] == "image"]
    assert len(images) == 1
    assert images[0]["image_url"].startswith(f"{PUBLIC}/webhooks/charts/")
    path = images[0]["image_url"][len(PUBLIC) :]
    assert path in ("/webhooks/charts/buyer--plant-manager.png",)
    assert images[0]["alt_text"].startswith("Profile chart of the ")
    assert images[0]["alt_text"].count(": ") == 13
    chart = requests.get(chart_bot.url + path, timeout=60)
    assert chart.status_code == 200 and chart.headers["Content-Type"] == "image/png"
    assert chart.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert requests.get(chart_bot.url + "/webhooks/charts/plant-manager--buyer.png", timeout=30).status_code == 404
    assert requests.post(chart_bot.url + path, timeout=30).status_code == 405

    buttons = [e for p in posts for b in p["blocks"] if b["type"] == "actions" for e in b["elements"]]
    not_helpful = [b for b in buttons if b["text"]["text"] == "Not helpful"]
    assert len(not_helpful) == 1
    assert json.loads(not_helpful[0]["value"].removeprefix("/feedback"))["helpful"] is False
    before = len(fake_slack.posts())
    assert slack.click(user, channel, not_helpful[0]["value"], trigger=f"T{uuid.uuid4().hex}").status_code == 200
    thanks = fake_slack.wait_for_posts(1, before)
    assert [p["text"] for p in thanks] == ["Thanks for telling me. I've noted it so that this answer can be improved."]
    pair = json.loads(not_helpful[0]["value"].removeprefix("/feedback"))["answer"].split("|")
    assert sorted(pair[:2]) == ["Buyer", "Plant Manager"] and pair[2] == ""
    assert feedback_rows(f"slack:-:{user}") == [(False, pair[0], pair[1], None)]
