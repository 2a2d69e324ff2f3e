"""After a long answer the widget shows the answer's start, not its end: the newest bot answer's top
is at the top of the conversation panel (desktop 1280 x 800 and mobile 390 x 844), over the real bot;
and every substantive answer (a comparison, pay, a career route) ends with the feedback buttons."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.servers import Bot
from tests.web.test_charts_feedback import LOADED
from tests.web.test_widget import BOT_SECONDS, greeted, open_chat, send, wait_for_reply

SIZES = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}

# Where the newest bot answer (the bot's messages after the user's last one) starts, in the panel's
# scrolled content, and how the panel is scrolled and sized.
PLACE = """() => {
  const panel = document.querySelector('.rw-messages-container');
  const groups = [...panel.querySelectorAll('.rw-group-message')];
  const answer = groups[groups.length - 1];
  const top = answer.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
  return {top: Math.round(top), scrolled: Math.round(panel.scrollTop), height: panel.clientHeight,
          bottom: Math.round(panel.scrollHeight - panel.clientHeight), answer: answer.offsetHeight,
          fromBot: answer.classList.contains('rw-from-response')};
}"""


# The titles of the feedback buttons under the newest answer (the widget shows the last message's buttons).
FEEDBACK_TITLES = """() => [...document.querySelectorAll('.rw-replies .rw-reply.rolewise-feedback')]
  .map(b => b.textContent.trim())"""


def feedback_titles(page: Any) -> list[str]:
    page.wait_for_timeout(300)
    return page.evaluate(FEEDBACK_TITLES)


def place(page: Any) -> dict:
    page.wait_for_timeout(600)  # the widget's own scrolling and the chart's loading have settled
    return page.evaluate(PLACE)


@pytest.mark.parametrize("size", ["desktop", "mobile"])
def test_a_long_answer_starts_at_the_top_of_the_panel_and_a_short_one_stays_at_the_bottom(
    bot: Bot, web_url: str, browser: Any, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], is_mobile=size == "mobile", has_touch=size == "mobile")
    try:
        p = context.new_page()
        p.goto(f"{web_url}/?rasa={bot.url}")
        open_chat(p)
        greeted(p)
        send(p, "compare a buyer and a plant manager")
        expect(p.locator("img.rw-image-frame")).to_have_count(1, timeout=BOT_SECONDS)
        p.wait_for_function(f"() => ({LOADED})(document.querySelector('img.rw-image-frame')) > 0", timeout=BOT_SECONDS)
        wait_for_reply(p, "Look closer at one difference, or try a related comparison:")
        long = place(p)
        assert long["fromBot"] and long["answer"] > long["height"], long  # taller than the panel
        assert abs(long["scrolled"] - long["top"]) <= 2, long  # its start is at the panel's top
        assert long["scrolled"] < long["bottom"], long  # so not scrolled to the end
        chart = p.locator("img.rw-image-frame").bounding_box()
        panel = p.locator(".rw-messages-container").bounding_box()
        assert chart and panel and panel["y"] <= chart["y"] < panel["y"] + panel["height"], (chart, panel)

        assert feedback_titles(p) == ["Helpful", "Not helpful"]

        send(p, "thanks")
        wait_for_reply(p, "")
        short = place(p)
        assert short["fromBot"] and short["answer"] < short["height"], short
        assert abs(short["scrolled"] - short["bottom"]) <= 2, short  # a short answer: at the bottom as before

        for question, reply in (
            ("what does a buyer make?", "A Buyer earns"),
            ("how do I get from buyer to plant manager?", "Plant Manager"),
        ):
            send(p, question)
            wait_for_reply(p, reply)
            assert feedback_titles(p) == ["Helpful", "Not helpful"], question
            shown = place(p)
            assert abs(shown["scrolled"] - min(shown["top"], shown["bottom"])) <= 2, (question, shown)
    finally:
        context.close()
