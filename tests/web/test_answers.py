"""Answers that used to come as several messages, or as a wall of figures, in a real browser at
desktop and phone sizes: each is one message whose buttons are all shown, and a pay answer is short
with its full BLS figures one click away."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.servers import Bot
from tests.web.conftest import ARTIFACTS
from tests.web.test_charts_feedback import SIZES
from tests.web.test_layout import buttons
from tests.web.test_widget import BOT_SECONDS, greeted, open_chat, send, wait_for_reply

UNKNOWN_AND_ROUTE = "I'm an inventory supervisor, how do I get to operations manager?"
UNKNOWN_AND_ROUTE_BUTTONS = [
    "Supply Planner",
    "Inventory Manager",
    "Transportation Supervisor",
    "Customer Service Manager vs Operations Manager",
    "Fulfillment Manager vs Operations Manager",
    "Store Manager vs Operations Manager",
    "Operations Lead vs Operations Manager",
    "Operations Supervisor vs Operations Manager",
    "Helpful",
    "Not helpful",
]
PAY = "who earns more, a buyer or a plant manager?"
PAY_BUTTONS = [
    "Full BLS pay figures",
    "Plant Manager vs Production Manager",
    "Buyer vs Procurement Manager",
    "Plant Manager vs Director of Operations",
    "Helpful",
    "Not helpful",
]
DOLLARS = re.compile(r"\$\d")


def widget_at(browser: Any, size: str, bot: Bot, web_url: str) -> tuple[Any, Any]:
    mobile = size == "mobile"
    context = browser.new_context(viewport=SIZES[size], is_mobile=mobile, has_touch=mobile)
    page = context.new_page()
    page.goto(f"{web_url}/?rasa={bot.url}")
    open_chat(page)
    greeted(page)
    return context, page


def every_button_shown(page: Any, expected: list[str]) -> None:
    replies = page.locator(".rw-replies .rw-reply")
    expect(replies).to_have_count(len(expected), timeout=BOT_SECONDS)
    assert buttons(page) == expected
    for i in range(len(expected)):
        replies.nth(i).scroll_into_view_if_needed()
        expect(replies.nth(i)).to_be_visible()


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_an_unknown_title_and_the_way_in_come_as_one_message_with_every_button(
    bot: Bot, web_url: str, browser: Any, size: str
) -> None:
    context, p = widget_at(browser, size, bot, web_url)
    try:
        send(p, UNKNOWN_AND_ROUTE)
        shown = wait_for_reply(p, 'I don\'t know the role "inventory supervisor"', "People usually become")
        assert len(shown) == 1, f"{size}: {len(shown)} messages"
        every_button_shown(p, UNKNOWN_AND_ROUTE_BUTTONS)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        p.screenshot(path=str(ARTIFACTS / f"widget-unknown-route-{size}.png"))
        p.locator(".rw-replies .rw-reply", has_text=re.compile("^Inventory Manager$")).click()
        wait_for_reply(p, "Inventory Manager (Supply chain and logistics).")
    finally:
        context.close()


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_a_pay_answer_is_short_and_its_full_figures_are_one_click_away(
    bot: Bot, web_url: str, browser: Any, size: str
) -> None:
    context, p = widget_at(browser, size, bot, web_url)
    try:
        send(p, PAY)
        shown = wait_for_reply(p, "The Plant Manager is typically paid more than a Buyer.")
        assert len(shown) == 1
        figures = [line for line in shown[0].splitlines() if DOLLARS.search(line)]
        assert figures == [
            "Plant Manager: typically in the top quarter, $161,880 to $205,520 "
            "(Industrial Production Managers median $126,060).",
            "Buyer: typically around the middle, $60,800 to $100,820 (Buyers and Purchasing Agents median $77,710).",
        ]
        every_button_shown(p, PAY_BUTTONS)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        p.screenshot(path=str(ARTIFACTS / f"widget-pay-{size}.png"))
        p.locator(".rw-replies .rw-reply", has_text="Full BLS pay figures").click()
        detail = wait_for_reply(p, "Industrial Production Managers (SOC 11-3051): median $126,060 a year")
        assert "Buyers and Purchasing Agents (SOC 13-1020): median $77,710 a year" in detail[0]
        assert detail[0].endswith("Source: US BLS OEWS, May 2025 (national).")
    finally:
        context.close()
