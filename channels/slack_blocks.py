"""Block Kit layout of one answer (``channels.layout.Answer``) for Slack.

A note on the user's message (it was shortened) as a small context line first, then the text with its
verdict in bold, the chart (when Slack can fetch it), the answer's buttons, then the helpful / not
helpful pair set apart: a small context line asking "Was this helpful?" and an actions block of their own.
"""

from __future__ import annotations

from typing import Any, Optional

from channels.layout import Answer, Button
from kb.wording import replies

TEXT_LIMIT = 3000
BUTTON_TITLE_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
ACTIONS_PER_BLOCK = 25
ALT_LIMIT = 2000
FEEDBACK_QUESTION = replies.FEEDBACK_QUESTION
FEEDBACK_BLOCK = "feedback"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def image_block(public_url: str, path: str, alt: Optional[str]) -> dict[str, Any]:
    """A Block Kit image of ``path`` on this bot, as Slack fetches it from ``public_url``."""
    return {"type": "image", "image_url": f"{public_url}{path}", "alt_text": (alt or "Chart")[:ALT_LIMIT]}


def _elements(buttons: tuple[Button, ...], prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": b.title[:BUTTON_TITLE_LIMIT]},
            "value": b.payload[:BUTTON_VALUE_LIMIT],
            "action_id": f"{prefix}-{i}",
        }
        for i, b in enumerate(buttons)
    ]


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:TEXT_LIMIT]}]}


def slack_blocks(answer: Answer, public_url: Optional[str] = None) -> list[dict[str, Any]]:
    """The note's context line, section (verdict in bold), image (only with ``public_url``), actions, then
    the feedback blocks."""
    text = escape(answer.text)
    if answer.verdict and answer.text.startswith(answer.verdict):
        verdict = escape(answer.verdict)
        text = f"*{verdict}*{text[len(verdict) :]}"
    blocks: list[dict[str, Any]] = []
    if answer.note:
        blocks.append(_context(escape(answer.note)))
    if text:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text[:TEXT_LIMIT]}})
    if answer.image and public_url:
        blocks.append(image_block(public_url, answer.image, answer.alt))
    elements = _elements(answer.buttons, "choice")
    for start in range(0, len(elements), ACTIONS_PER_BLOCK):
        blocks.append({"type": "actions", "elements": elements[start : start + ACTIONS_PER_BLOCK]})
    if answer.feedback:
        blocks.append(_context(FEEDBACK_QUESTION))
        feedback = _elements(answer.feedback, "feedback")
        blocks.append({"type": "actions", "block_id": FEEDBACK_BLOCK, "elements": feedback})
    return blocks
