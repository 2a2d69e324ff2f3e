"""The profile chart, feedback buttons and the unreachable-bot notice in a real browser.

A full comparison shows its chart (served by the bot's own web server) with alt text naming the
leaders, followed by the answer's buttons; a "Not helpful" click is stored in the KB's usage
tables; a page whose bot is down says so. Screenshots (desktop and mobile) go to tests/artifacts/
and, with ROLEWISE_UPDATE_DOCS_SCREENSHOT=1, to docs/.
"""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

from playwright.sync_api import expect
from sqlalchemy.orm import Session

from kb.wording.chart import LABEL_PX
from kb.db import open_existing
from kb.usage import feedback_of
from runtime.ports import free_port
from tests.servers import ROOT, Bot
from tests.web.conftest import ARTIFACTS, Page
from tests.web.fake_rasa import fake_rasa
from tests.web.test_widget import BOT_SECONDS, assert_stayed_local, greeted, open_chat, send, wait_for_reply

CHART = "/webhooks/charts/buyer--plant-manager.png"
NOT_HELPFUL_THANKS = "Thanks for telling me. I've noted it so that this answer can be improved."
LOADED = "img => img.complete && img.naturalWidth"
SIZES = {
    "desktop": {"width": 1280, "height": 800},
    "tall desktop": {"width": 1280, "height": 1200},
    "mobile": {"width": 390, "height": 844},
}


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(shot))
    if os.environ.get("ROLEWISE_UPDATE_DOCS_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / f"{name}.png")


def stored_feedback(conversation: str) -> list[tuple]:
    with Session(open_existing()) as session:  # the KB the bot was started on
        return feedback_of(session, conversation)


READABLE_PX = 12  # the chart's labels as shown, at least
CHART_SHOWN_PX = {"desktop": 400, "mobile": 370}  # a row of the panel's own: its width less the margins
MEASURED = ARTIFACTS / "chart-labels.json"  # the label sizes and positions measured, by size


def check_chart_and_feedback(p: Any, size: str) -> None:
    """The chart is shown whole (not cropped) across the panel with labels of at least ``READABLE_PX``; the
    helpful / not helpful buttons are smaller than the comparison buttons, on a row of their own below them."""
    chart = p.locator("img.rw-image-frame")
    natural = chart.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    shown = chart.bounding_box()
    assert shown is not None
    assert abs(shown["height"] - shown["width"] * natural[1] / natural[0]) <= 2, f"{size}: the chart is cropped"
    assert shown["width"] == CHART_SHOWN_PX[size]
    label = LABEL_PX * shown["width"] / natural[0]
    assert label >= READABLE_PX, f"{size}: chart labels {label:.1f} px, under {READABLE_PX} px"
    record(size, chart_width=shown["width"], chart_height=round(shown["height"]), label_px=round(label, 2))

    replies = p.locator(".rw-replies .rw-reply")
    feedback = p.locator(".rw-replies .rw-reply.rolewise-feedback")
    expect(feedback).to_have_count(2)
    assert feedback.all_inner_texts() == ["Helpful", "Not helpful"]
    marked = [replies.nth(i).get_attribute("class") or "" for i in range(replies.count())]
    others = [replies.nth(i) for i, classes in enumerate(marked) if "rolewise-feedback" not in classes]
    assert len(others) == 7
    font = "el => parseFloat(getComputedStyle(el).fontSize)"
    smaller = [feedback.nth(i).evaluate(font) < others[0].evaluate(font) * 0.9 for i in range(2)]
    assert smaller == [True, True], f"{size}: the feedback buttons are not smaller"
    boxes = [b.bounding_box() for b in others]
    lowest = max(b["y"] + b["height"] for b in boxes if b)
    tops = [feedback.nth(i).bounding_box()["y"] for i in range(2)]
    assert min(tops) > lowest, f"{size}: the feedback buttons share a row with the comparison buttons"
    assert tops[0] == tops[1], f"{size}: helpful and not helpful are not side by side"


def record(size: str, **measured: float) -> None:
    """Keeps what a test measured at ``size`` in ``MEASURED``, for the record."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = json.loads(MEASURED.read_text()) if MEASURED.exists() else {}
    found.setdefault(size, {}).update(measured)
    MEASURED.write_text(json.dumps(found, indent=2, sort_keys=True))


def compare_in_widget(page: Any, bot: Bot, web_url: str) -> Any:
    page.goto(f"{web_url}/?rasa={bot.url}")
    open_chat(page)
    greeted(page)
    send(page, "compare a buyer and a plant manager")
    chart = page.locator("img.rw-image-frame")
    expect(chart).to_have_count(1, timeout=BOT_SECONDS)
    page.wait_for_function(f"() => ({LOADED})(document.querySelector('img.rw-image-frame')) > 0", timeout=BOT_SECONDS)
    wait_for_reply(page, "Look closer at one difference, or try a related comparison:")
    return chart


def test_a_full_comparison_shows_its_chart_and_buttons_and_not_helpful_is_stored(
    bot: Bot, web_url: str, page: Page
) -> None:
    p = page.page
    chart = compare_in_widget(p, bot, web_url)
    assert chart.get_attribute("src") == bot.url + CHART
    assert chart.evaluate(LOADED) == 640
    alt = chart.get_attribute("alt") or ""
    assert alt.startswith("Profile chart of the ") and alt.count(": ") == 13
    titles = p.locator(".rw-replies .rw-reply").all_inner_texts()
    assert titles[-2:] == ["Helpful", "Not helpful"]
    assert len([t for t in titles if " vs " in t]) == 3
    check_chart_and_feedback(p, "desktop")
    p.set_viewport_size(SIZES["tall desktop"])  # a 1920 x 1200 screen's height: the chart and the whole answer
    p.wait_for_timeout(600)
    panel, last = p.locator(".rw-messages-container").bounding_box(), p.locator(".rw-replies .rw-reply").last
    shown, end = chart.bounding_box(), last.bounding_box()
    assert panel and shown and end and panel["y"] <= shown["y"], "the chart's top is cut off"
    assert end["y"] + end["height"] <= panel["y"] + panel["height"], "the answer's buttons are cut off"
    screenshot(p, "widget-chart")
    p.set_viewport_size(SIZES["desktop"])

    session_id = json.loads(p.evaluate("localStorage.getItem('chat_session')"))["session_id"]
    conversation = "web:" + session_id.split(".")[0]
    assert stored_feedback(conversation) == []
    p.locator(".rw-replies .rw-reply", has_text="Not helpful").click()
    wait_for_reply(p, NOT_HELPFUL_THANKS)
    stored = stored_feedback(conversation)
    assert len(stored) == 1 and stored[0][0] is False and stored[0][3] is None
    assert sorted(stored[0][1:3]) == ["Buyer", "Plant Manager"]

    p.reload()  # the chart keeps its alt text after a reload
    open_chat(p)
    expect(p.locator("img.rw-image-frame")).to_have_attribute("alt", alt)
    assert page.errors == []
    assert_stayed_local(page)


def test_mobile_screenshot(bot: Bot, web_url: str, browser: Any) -> None:
    context = browser.new_context(viewport=SIZES["mobile"], is_mobile=True, has_touch=True)
    try:
        p = context.new_page()
        compare_in_widget(p, bot, web_url)
        check_chart_and_feedback(p, "mobile")
        p.wait_for_timeout(600)  # as it opens: the answer's text and buttons, the chart's end above them
        screenshot(p, "widget-mobile")
        p.locator("img.rw-image-frame").screenshot(path=str(ARTIFACTS / "chart.png"))
        if os.environ.get("ROLEWISE_UPDATE_DOCS_SCREENSHOT") == "1":
            shutil.copyfile(ARTIFACTS / "chart.png", ROOT / "docs" / "chart.png")
    finally:
        context.close()


def test_a_page_whose_bot_is_down_says_so(web_url: str, page: Page) -> None:
    p = page.page
    down = f"http://127.0.0.1:{free_port()}"
    p.goto(f"{web_url}/?rasa={down}")
    notice = p.locator("#rolewise-offline")
    expect(notice).to_be_visible(timeout=20_000)
    assert notice.inner_text() == (
        f"The chat cannot reach the Rolewise bot at {down}. Is it running (make run starts it), and does it "
        "allow this page (ROLEWISE_CORS_ORIGINS)? The chat appears as soon as the bot answers."
    )
    assert notice.get_attribute("role") == "alert"
    assert p.locator(".rw-launcher").count() == 0


def test_a_page_whose_bot_is_up_shows_no_notice(bot: Bot, web_url: str, page: Page) -> None:
    p = page.page
    p.goto(f"{web_url}/?rasa={bot.url}")
    open_chat(p)
    p.wait_for_timeout(9_000)  # past the notice's 8 s timer
    assert p.locator("#rolewise-offline:visible").count() == 0


def test_only_the_bots_own_charts_are_shown(web_url: str, page: Page) -> None:
    """A chart path on the bot's origin is shown with its alt text; another path or origin is not."""
    p = page.page
    replies: list[dict[str, Any]] = [
        {"attachment": {"type": "image", "payload": {"src": CHART, "alt": "the leaders"}}},
        {"attachment": {"type": "image", "payload": {"src": "/elsewhere.png"}}},
        {"attachment": {"type": "image", "payload": {"src": f"http://localhost:1{CHART}"}}},
        {"text": "done"},
    ]
    with fake_rasa(replies) as rasa:
        p.goto(f"{web_url}/?rasa={rasa}")
        open_chat(p)
        shown = wait_for_reply(p, "done")
        images = p.locator(".rw-messages-container img.rw-image-frame")
        expect(images).to_have_count(1)
        assert images.get_attribute("src") == rasa + CHART
        assert images.get_attribute("alt") == "the leaders"
        assert shown.count("(This chat shows text only.)") == 2
