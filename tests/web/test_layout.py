"""How answers are laid out in the widget, in a real browser: one message per answer with all its
buttons, the verdict in bold with the text's line breaks kept, buttons that survive a reload, and a
greeting that fits the panel.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import expect

from tests.servers import Bot
from tests.web.conftest import ARTIFACTS, Page
from tests.web.fake_rasa import fake_rasa
from tests.web.test_charts_feedback import SIZES, compare_in_widget, record
from tests.web.test_widget import BOT_SECONDS, assert_stayed_local, open_chat, wait_for_reply

COMPARISON_BUTTONS = [
    "Position in the hierarchy",
    "Strategic involvement",
    "Scope of responsibility",
    "Budget authority",
    "Plant Manager vs Production Manager",
    "Buyer vs Procurement Manager",
    "Plant Manager vs Director of Operations",
    "Helpful",
    "Not helpful",
]
SUMMARY_VERDICT = "The Plant Manager is ahead of a Buyer on all 12 dimensions."
BUDGET_VERDICT = "The Plant Manager has more budget authority than a Buyer."
GREETING = "Hi! I compare operations roles and explain career paths. Try one:"
GREETING_MAX_PX = 350  # from the greeting's text to its last button
GREETING_BUTTONS = [
    "Head of Operations vs Operations Manager",
    "Compensation: Supply Chain Manager vs Operations Manager",
    "How do I become a Head of Operations?",
    "Which roles do you know?",
]


def rest_text(bot: Bot, message: str) -> str:
    """The answer's text as REST gives it (plain, with its line breaks), from a conversation of its own."""
    replies = bot.say(f"layout-{uuid.uuid4()}", message)
    return next(r["text"] for r in replies if r.get("text"))


def button(page: Any, title: str) -> Any:
    return page.locator(".rw-replies .rw-reply").filter(has_text=re.compile(f"^{re.escape(title)}$"))


def buttons(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".rw-replies .rw-reply").all_inner_texts()]


def test_a_full_comparison_is_one_message_with_bold_verdict_line_breaks_and_all_its_buttons(
    bot: Bot, web_url: str, page: Page
) -> None:
    p = page.page
    chart = compare_in_widget(p, bot, web_url)
    assert chart.evaluate("img => img.complete && img.naturalWidth") == 640
    answer = p.locator(".rw-response").last
    expected = rest_text(bot, "compare a buyer and a plant manager")
    assert expected.splitlines()[0] == f"{SUMMARY_VERDICT} The biggest differences:"
    assert answer.inner_text() == expected  # every line break of the text is a line break on screen
    assert answer.locator("strong, b").all_inner_texts() == [SUMMARY_VERDICT]  # the verdict, not a title
    assert buttons(p) == COMPARISON_BUTTONS
    for title in COMPARISON_BUTTONS:
        expect(button(p, title)).to_be_visible()

    p.reload()  # the last answer keeps its buttons, and they still work
    open_chat(p)
    expect(p.locator(".rw-replies .rw-reply")).to_have_count(len(COMPARISON_BUTTONS))
    assert buttons(p) == COMPARISON_BUTTONS
    expect(p.locator(".rw-response").last.locator("strong, b")).to_have_text(SUMMARY_VERDICT)
    button(p, "Budget authority").click()
    expect(p.locator(".rw-client").last).to_have_text("Budget authority")
    wait_for_reply(p, BUDGET_VERDICT)
    verdict = p.locator(".rw-response").last.locator("strong, b")
    expect(verdict).to_have_text(BUDGET_VERDICT)
    assert verdict.count() == 1
    assert p.locator(".rw-response").last.inner_text() == rest_text(
        bot, '/ask_budget{"job_role": ["Plant Manager", "Buyer"]}'
    )
    assert page.errors == []
    assert_stayed_local(page)


def test_the_greeting_fits_the_panel_on_desktop_and_mobile(bot: Bot, web_url: str, browser: Any) -> None:
    for size in ("desktop", "mobile"):
        viewport = SIZES[size]
        context = browser.new_context(viewport=viewport, is_mobile=size == "mobile", has_touch=size == "mobile")
        try:
            p = context.new_page()
            p.goto(f"{web_url}/?rasa={bot.url}")
            open_chat(p)
            greeting = p.locator(".rw-response", has_text=GREETING)
            expect(greeting).to_be_visible(timeout=BOT_SECONDS)
            expect(p.locator(".rw-replies .rw-reply")).to_have_count(len(GREETING_BUTTONS))
            assert buttons(p) == GREETING_BUTTONS
            p.wait_for_timeout(500)  # the widget scrolls to the newest message
            panel = p.locator(".rw-messages-container").bounding_box()
            text, last = greeting.bounding_box(), p.locator(".rw-replies .rw-reply").last.bounding_box()
            assert panel and text and last
            assert text["y"] >= panel["y"], f"{size}: the greeting's text is scrolled out of the panel"
            assert last["y"] + last["height"] <= panel["y"] + panel["height"] + 1, f"{size}: buttons cut off"
            # ... and would also fit rasa-webchat's own 425 px panel, with room to spare
            assert last["y"] + last["height"] - text["y"] <= GREETING_MAX_PX, f"{size}: the greeting is too tall"
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            p.screenshot(path=str(ARTIFACTS / f"widget-greeting-{size}.png"))
        finally:
            context.close()


# Where the open chat lies in the window, in px: [x, y, width, height].
BOXES = """() => Object.fromEntries(['.rw-conversation-container', '.rw-header', '.rw-messages-container', '.rw-sender',
  '.rw-launcher'].map(s => { const r = document.querySelector(s).getBoundingClientRect();
  return [s.slice(4), [r.x, r.y, r.width, r.height].map(Math.round)]; }))"""


def test_on_desktop_the_chat_takes_the_windows_height_and_on_a_phone_the_whole_screen(
    bot: Bot, web_url: str, browser: Any
) -> None:
    """The open chat's box, its header's, and from the top of its messages to the bottom of the box where one
    types (which grows with the text typed), in px; the launcher is hidden while the chat is open: on desktop
    the header's X closes it (rasa-webchat shows the X on phones only)."""
    for size, conversation, messages_from in (("desktop", [840, 12, 420, 776], 82), ("mobile", [0, 0, 390, 844], 70)):
        mobile = size == "mobile"
        context = browser.new_context(viewport=SIZES[size], is_mobile=mobile, has_touch=mobile)
        try:
            p = context.new_page()
            p.goto(f"{web_url}/?rasa={bot.url}")
            open_chat(p)
            expect(p.locator(".rw-response").first).to_be_visible(timeout=BOT_SECONDS)
            p.wait_for_timeout(800)  # the panel's slide-in is over
            box = p.evaluate(BOXES)
            record(size, **{f"{name} [x, y, width, height]": found for name, found in box.items()})
            x, y, width, height = conversation
            assert box["conversation-container"] == conversation, size
            assert box["header"] == [x, y, width, messages_from - y], size
            messages, sender = box["messages-container"], box["sender"]
            assert messages[:3] == [x, messages_from, width] and sender[1] == messages_from + messages[3], size
            assert sender[1] + sender[3] == y + height and messages[3] >= (640 if size == "desktop" else 700), size
            assert box["launcher"] == [0, 0, 0, 0], size
            p.locator(".rw-header .rw-close-button").click()  # closes the chat; the launcher opens it again
            expect(p.locator(".rw-conversation-container")).not_to_be_visible()
            p.locator(".rw-launcher").click()
            expect(p.locator(".rw-conversation-container")).to_be_visible()
        finally:
            context.close()


def test_only_an_opening_bold_span_is_rendered_and_it_stays_literal(web_url: str, page: Page) -> None:
    """The one Markdown span let through holds plain text: markup inside it is shown, never run."""
    p = page.page
    replies = [
        {"text": "**The A has more\\_budget \\[x\\]\\(javascript:window.pwned=1\\) <b>than</b> a B\\.**"
                 " Why: **not bold**\n1. a line"},
        {"text": "Plain **not bold** text"},
    ]  # fmt: skip
    with fake_rasa(replies) as rasa:
        p.goto(f"{web_url}/?rasa={rasa}")
        open_chat(p)
        shown = wait_for_reply(p, "Plain")
        assert shown == [
            "The A has more_budget [x](javascript:window.pwned=1) <b>than</b> a B. Why: **not bold**\n1. a line",
            "Plain **not bold** text",
        ]
        messages = p.locator(".rw-messages-container")
        assert messages.locator("strong, b").all_inner_texts() == [
            "The A has more_budget [x](javascript:window.pwned=1) <b>than</b> a B."
        ]
        expect(messages.locator("a, em, ol, li, script")).to_have_count(0)
        assert p.evaluate("typeof window.pwned") == "undefined"
