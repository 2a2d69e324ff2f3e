"""Answers that used to come as several messages, or as a wall of figures, in a real browser at
desktop and phone sizes: each is one message whose buttons are all shown, and a pay answer is short
with its full BLS figures one click away, one button for every place asked; a long message's note comes
before the answer, whose buttons follow its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.channels.test_limits import LONG_NOTE, PAY_VERDICT, STORY
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


@contextmanager
def widget_at(browser: Any, size: str, bot: Bot, web_url: str) -> Iterator[Any]:
    """The page at ``size`` with the chat open and greeted; its browser context is closed afterwards."""
    mobile = size == "mobile"
    context = browser.new_context(viewport=SIZES[size], is_mobile=mobile, has_touch=mobile)
    try:
        page = context.new_page()
        page.goto(f"{web_url}/?rasa={bot.url}")
        open_chat(page)
        greeted(page)
        yield page
    finally:
        context.close()


def every_button_shown(page: Any, expected: list[str]) -> None:
    replies = page.locator(".rw-replies .rw-reply")
    expect(replies).to_have_count(len(expected), timeout=BOT_SECONDS)
    assert buttons(page) == expected
    for i in range(len(expected)):
        replies.nth(i).scroll_into_view_if_needed()
        expect(replies.nth(i)).to_be_visible()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def click_for(page: Any, title: str, needle: str) -> list[str]:
    """Clicks the answer's button ``title``; the bot's reply, once it holds ``needle``."""
    page.locator(".rw-replies .rw-reply", has_text=re.compile(f"^{re.escape(title)}$")).click()
    return wait_for_reply(page, needle)


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_an_unknown_title_and_the_way_in_come_as_one_message_with_every_button(
    bot: Bot, web_url: str, browser: Any, size: str
) -> None:
    with widget_at(browser, size, bot, web_url) as p:
        send(p, UNKNOWN_AND_ROUTE)
        shown = wait_for_reply(p, 'I don\'t know the role "inventory supervisor"', "People usually become")
        assert len(shown) == 1, f"{size}: {len(shown)} messages"
        every_button_shown(p, UNKNOWN_AND_ROUTE_BUTTONS)
        shot(p, f"widget-unknown-route-{size}")
        click_for(p, "Inventory Manager", "Inventory Manager (Supply chain and logistics).")


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_a_pay_answer_is_short_and_its_full_figures_are_one_click_away(
    bot: Bot, web_url: str, browser: Any, size: str
) -> None:
    with widget_at(browser, size, bot, web_url) as p:
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
        shot(p, f"widget-pay-{size}")
        detail = click_for(p, "Full BLS pay figures", "Industrial Production Managers (SOC 11-3051): median $126,060")
        assert "Buyers and Purchasing Agents (SOC 13-1020): median $77,710 a year" in detail[0]
        assert detail[0].endswith("Source: US BLS OEWS, May 2025 (national).")


PAY_IN_TWO_PLACES = "operations manager pay in texas vs california"
PLACES_VERDICT = (
    "An Operations Manager is typically paid more in California than in Texas: about 15% more, comparing the "
    "middle of its typical pay range in each."
)
PAY_IN_TWO_PLACES_BUTTONS = [
    "Full BLS pay figures for Texas and California",
    "Operations Manager vs Head of Operations",
    "Helpful",
    "Not helpful",
]


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_pay_in_two_places_opens_with_its_verdict_and_one_button_gives_both_places_figures(
    bot: Bot, web_url: str, browser: Any, size: str
) -> None:
    with widget_at(browser, size, bot, web_url) as p:
        send(p, PAY_IN_TWO_PLACES)
        shown = wait_for_reply(p, PLACES_VERDICT)
        assert len(shown) == 1 and shown[0].startswith(PLACES_VERDICT)
        assert p.locator(".rw-response").last.locator("strong, b").all_inner_texts() == [PLACES_VERDICT]
        assert buttons(p) == PAY_IN_TWO_PLACES_BUTTONS  # one button for the figures, not one per place
        text_and_buttons_shown_together(p, size)
        shot(p, f"widget-pay-places-{size}")
        figures = "In Texas:\nGeneral and Operations Managers (SOC 11-1021): median $103,230 a year"
        detail = click_for(p, "Full BLS pay figures for Texas and California", figures)
        assert "Source: US BLS OEWS, May 2025 (Texas).\n\nIn California:\nGeneral and Operations Managers" in detail[0]
        assert detail[0].endswith("Source: US BLS OEWS, May 2025 (California).")


def text_and_buttons_shown_together(page: Any, size: str) -> None:
    """The newest answer's text and every one of its buttons lie in the panel at once."""
    page.wait_for_timeout(600)  # the widget's scrolling has settled
    panel = page.locator(".rw-messages-container").bounding_box()
    text = page.locator(".rw-response").last.bounding_box()
    last = page.locator(".rw-replies .rw-reply").last.bounding_box()
    assert panel and text and last
    assert panel["y"] <= text["y"], f"{size}: the answer's start is scrolled out of the panel"
    assert last["y"] + last["height"] <= panel["y"] + panel["height"] + 1, f"{size}: its buttons are cut off"


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_a_long_messages_note_comes_before_the_answer_whose_buttons_follow_its_text(
    bot: Bot, web_url: str, browser: Any, size: str
) -> None:
    with widget_at(browser, size, bot, web_url) as p:
        box = p.locator(".rw-new-message")
        box.fill(STORY)
        box.press("Enter")
        shown = wait_for_reply(p, LONG_NOTE, PAY_VERDICT)
        assert shown[0] == LONG_NOTE  # a message of its own, first
        assert len(shown) == 2 and shown[1].startswith(PAY_VERDICT)
        assert shown[1].endswith("\nRelated comparisons:")  # the line right above the buttons it introduces
        assert p.locator(".rw-response").last.locator("strong, b").inner_text().startswith(PAY_VERDICT)
        assert buttons(p) == PAY_BUTTONS
        text_and_buttons_shown_together(p, size)
        shot(p, f"widget-long-message-{size}")
