"""The website widget in a real browser: web/serve.py's page, rasa-webchat, and the real bot.

Each test loads the page in a fresh browser context, records every request the page makes, and
checks that none leaves this machine.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

from playwright.sync_api import expect

from tests.servers import ROOT, Bot
from tests.web.conftest import ARTIFACTS, Page
from tests.web.fake_rasa import fake_rasa

QUESTION = "who has more budget authority, a head of operations or an operations manager?"
VERDICT = "The Head of Operations has more budget authority than an Operations Manager"
XSS = 'is this safe? <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>'
BOT_SECONDS = 90_000  # ms: the first turns of a cold bot can take a while on 2 cores

# Texts of the bot messages shown after the user's last message.
REPLIES_AFTER_LAST_USER_MESSAGE = """() => {
  const groups = [...document.querySelectorAll('.rw-messages-container .rw-group-message')];
  let last = -1;
  groups.forEach((group, i) => { if (group.classList.contains('rw-from-client')) last = i; });
  return groups.slice(last + 1)
    .flatMap(group => [...group.querySelectorAll('.rw-response')].map(r => r.innerText));
}"""


def open_chat(page: Any) -> None:
    """Open the widget if it is closed. The widget appears once the socket is connected: its launcher, or
    the chat itself when it was left open (on desktop the launcher is hidden while the chat is open)."""
    shown = page.locator(".rw-launcher:visible, .rw-conversation-container:visible").first
    shown.wait_for(state="visible", timeout=BOT_SECONDS)
    conversation = page.locator(".rw-conversation-container")
    if not conversation.is_visible():
        page.locator(".rw-launcher").click()
    expect(conversation).to_be_visible()


def greeted(page: Any) -> None:
    """Wait for the greeting and its buttons: a message typed while the widget is still showing the
    greeting is placed above it."""
    expect(page.locator(".rw-response").first).to_be_visible(timeout=BOT_SECONDS)
    expect(page.locator(".rw-replies .rw-reply").first).to_be_visible(timeout=BOT_SECONDS)


def send(page: Any, text: str) -> None:
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".rw-client").last).to_have_text(text)


def wait_for_reply(page: Any, *needles: str) -> list[str]:
    """Wait until the bot messages after the user's last message contain every needle."""
    page.wait_for_function(
        f"""(needles) => {{
          const texts = ({REPLIES_AFTER_LAST_USER_MESSAGE})();
          return texts.length > 0 && needles.every(n => texts.some(t => t.includes(n)));
        }}""",
        arg=list(needles),
        timeout=BOT_SECONDS,
    )
    return page.evaluate(REPLIES_AFTER_LAST_USER_MESSAGE)


def assert_stayed_local(page: Page) -> None:
    assert page.traffic.urls, "no request was recorded"
    assert page.traffic.foreign() == [], f"requests to other hosts: {page.traffic.foreign()}"


def save_screenshot(page: Any) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "widget.png"
    page.screenshot(path=str(shot))
    if os.environ.get("ROLEWISE_UPDATE_DOCS_SCREENSHOT") == "1":  # refreshes the README's picture
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "widget.png")


def test_a_conversation_in_the_widget(bot: Bot, web_url: str, page: Page) -> None:
    p = page.page
    p.goto(f"{web_url}/?rasa={bot.url}")
    open_chat(p)
    greeted(p)
    send(p, QUESTION)
    verdict = p.locator(".rw-response", has_text=re.compile("^" + re.escape(VERDICT)))
    expect(verdict).to_be_visible(timeout=BOT_SECONDS)
    replies = p.locator(".rw-replies .rw-reply")
    expect(replies.first).to_be_visible(timeout=BOT_SECONDS)
    titles = replies.all_inner_texts()
    related = [i for i, title in enumerate(titles) if " vs " in title]
    assert related, f"no related comparison among the buttons {titles}"
    title = titles[related[0]].strip()
    save_screenshot(p)

    replies.nth(related[0]).click()
    expect(p.locator(".rw-client").last).to_have_text(title)  # the clicked title, as the user's message
    first, second = title.split(" vs ")
    answer = wait_for_reply(p, first, second, "budget authority")
    assert not any(VERDICT in text for text in answer)

    # The conversation survives a reload (params.storage "local" + Rasa's session_persistence).
    p.reload()
    open_chat(p)
    expect(p.locator(".rw-response", has_text=re.compile("^" + re.escape(VERDICT)))).to_be_visible()
    expect(p.locator(".rw-client", has_text=QUESTION)).to_be_visible()
    expect(p.locator(".rw-client").last).to_have_text(title)

    # Markup typed by the user is shown as text and never runs, nor does the bot's answer to it.
    send(p, XSS)
    wait_for_reply(p)
    assert p.evaluate("typeof window.__xss") == "undefined"
    assert p.locator('img[src="x"]').count() == 0
    assert p.locator(".rw-messages-container script").count() == 0
    assert p.locator(".rw-client").last.inner_text() == XSS

    assert page.errors == []
    assert_stayed_local(page)


HOSTILE_TEXT = "\n".join(
    [
        "**Bold** and _emphasis_ # not a heading",
        '<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>',
        "[a link](javascript:window.pwned=3) ![a pixel](http://tracker.invalid/pixel.png)",
        "<http://tracker.invalid/autolink> https://tracker.invalid/bare &amp; &lt;b&gt;",
        "- a line that looks like a list item",
    ]
)
HOSTILE = [
    {"attachment": {"type": "image", "payload": {"src": "http://tracker.invalid/image.png"}}},
    {
        "text": HOSTILE_TEXT,
        "quick_replies": [
            {"content_type": "text", "title": "<b>Option</b>", "payload": "/greet"},
            {"type": "web_url", "title": "Outside", "url": "javascript:window.pwned=4"},
        ],
        "metadata": {"customCss": {"style": "custom", "css": "background: url(http://tracker.invalid/bg.png)"}},
    },
]
NOT_RUN = "[typeof window.__xss, typeof window.pwned]"


def test_bot_messages_render_as_plain_text(web_url: str, page: Page) -> None:
    """Whatever a bot sends, the page shows its text literally: no HTML, Markdown, links or images
    (only an opening bold span, the verdict, is kept; test_layout.py checks its content stays literal)."""
    p = page.page
    with fake_rasa(HOSTILE) as rasa:  # the widget hides itself once its server is gone: check inside
        p.goto(f"{web_url}/?rasa={rasa}")
        open_chat(p)
        shown = wait_for_reply(p, "a link")  # both messages answer /greet
        # The one Markdown span let through is bold at the very start (how the bot sends its verdict).
        assert shown == ["(This chat shows text only.)", HOSTILE_TEXT.replace("**Bold**", "Bold", 1)]
        messages = p.locator(".rw-messages-container")
        assert messages.locator("strong, b").all_inner_texts() == ["Bold"]
        expect(messages.locator("a, em, h1, ul, li, script")).to_have_count(0)
        images = messages.locator("img").evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))")
        assert set(images) == {"/rolewise-chat/avatar.svg"}
        assert p.locator(".rw-replies .rw-reply").all_inner_texts() == ["<b>Option</b>"]
        assert p.locator(".rw-response").last.get_attribute("style") is None
        assert p.evaluate(NOT_RUN) == ["undefined", "undefined"]
    assert page.errors == []
    assert_stayed_local(page)


def test_the_hostile_messages_are_harmful_without_the_plain_text_hook(web_url: str, page: Page) -> None:
    """Control for the test above: rasa-webchat alone renders that message as live Markdown."""
    p = page.page

    def without_hook(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + "\nRolewiseChat.plainText = function () {};\n")

    p.route("**/rolewise-chat/webchat.js", without_hook)
    p.route("http://tracker.invalid/**", lambda route: route.abort())
    with fake_rasa(HOSTILE) as rasa:
        p.goto(f"{web_url}/?rasa={rasa}")
        open_chat(p)
        messages = p.locator(".rw-messages-container")
        expect(messages.locator('a[href="javascript:window.pwned=3"]')).to_have_count(1, timeout=BOT_SECONDS)
        expect(messages.locator('img[src="http://tracker.invalid/pixel.png"]')).to_have_count(1)
        expect(messages.locator('img[src="http://tracker.invalid/image.png"]')).to_have_count(1)
        expect(messages.locator('a.rw-reply[href="javascript:window.pwned=4"]')).to_have_count(1)
        expect(messages.locator("strong")).not_to_have_count(0)
        assert "tracker.invalid" in (p.locator(".rw-response").last.get_attribute("style") or "")
    assert "http://tracker.invalid/pixel.png" in page.traffic.foreign()


def test_the_embed_snippet_matches_the_page(web_url: str, page: Page) -> None:
    """The two lines shown to site owners load the same bundle and hooks the page itself uses."""
    p = page.page
    p.goto(web_url)
    snippet = p.locator("#embed-snippet").inner_text().strip().splitlines()
    assert len(snippet) == 2
    assert snippet[0] == '<script src="/rolewise-chat/webchat.js"></script>'
    for option in (
        'initPayload: "/greet"',
        'socketPath: "/socket.io/"',
        'params: {storage: "local"}',
        "onSocketEvent: {bot_uttered: RolewiseChat.plainText}",
    ):
        assert option in snippet[1]
    assert p.evaluate("[typeof WebChat.default, typeof RolewiseChat.plainText]") == ["function", "function"]
