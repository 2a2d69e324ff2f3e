"""Where the widget leaves the newest answer, over the real bot at desktop 1280 x 800 and mobile 390 x 844: a
full comparison's text and every one of its buttons in the panel together, the chart's lower part above them;
an answer whose text alone is taller than the panel from its first line (the verdict) on; a short answer at the
bottom as before. Every substantive answer (a comparison, pay, a career route) ends with the feedback buttons."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.servers import Bot
from tests.web.test_charts_feedback import LOADED, SIZES, record
from tests.web.test_widget import BOT_SECONDS, greeted, open_chat, send, wait_for_reply

# The panel, and where the newest bot answer (the bot's messages after the user's last one) and its last
# message (its text with the buttons) lie in it, in px from the panel's top (negative: scrolled above it).
PLACE = """() => {
  const panel = document.querySelector('.rw-messages-container');
  const box = panel.getBoundingClientRect();
  const groups = [...panel.querySelectorAll('.rw-group-message')];
  const answer = groups[groups.length - 1];
  const messages = answer.querySelectorAll('.rw-message');
  const last = messages[messages.length - 1];
  const replies = [...last.querySelectorAll('.rw-reply')];
  const from = e => Math.round(e.getBoundingClientRect().top - box.top);
  const to = e => Math.round(e.getBoundingClientRect().bottom - box.top);
  const chart = answer.querySelector('img.rw-image-frame');
  return {height: panel.clientHeight, scrolled: Math.round(panel.scrollTop),
          bottom: Math.round(panel.scrollHeight - panel.clientHeight), answer: answer.offsetHeight,
          fromBot: answer.classList.contains('rw-from-response'), text: from(last),
          lastButton: replies.length ? to(replies[replies.length - 1]) : null,
          chart: chart ? [from(chart), to(chart)] : null};
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
def test_an_answer_shows_its_text_with_its_buttons_and_a_taller_one_starts_at_its_verdict(
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
        full = place(p)
        record(size, **{"comparison answer in the panel": full})
        assert full["fromBot"] and full["answer"] > full["height"], full  # taller than the panel, chart and all
        assert 0 <= full["text"] and full["lastButton"] <= full["height"], full  # text and buttons together
        assert full["chart"][0] < 0 < full["chart"][1] <= full["text"], full  # the chart's end just above them
        assert feedback_titles(p) == ["Helpful", "Not helpful"]

        send(p, "which roles do you know?")  # a list taller than the panel: from its first line on
        wait_for_reply(p, "Supply chain and logistics")
        listed = place(p)
        assert abs(listed["text"]) <= 1 and listed["lastButton"] > listed["height"], listed

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
            assert 0 <= shown["text"] and shown["lastButton"] <= shown["height"], (question, shown)
    finally:
        context.close()
