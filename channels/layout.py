"""One turn, one message: what every channel lays out.

rasa-webchat shows a message's buttons only while it is the last message, so an answer that came
as several messages (an unknown title's "Did you mean ...?" and then the route, help and then the
form's question, two verdicts) would hide all but the last one's buttons. ``channels.guard``
holds a turn's messages and sends them as one ``Answer``: the texts in order with a blank line
between them, every button once (in order), the helpful / not helpful buttons apart and last, and
the first chart. Rasa message dicts in, a Rasa message dict out (``Answer.message``), so each
channel lays it out as before: ``channels.socketio`` (the widget), ``channels.slack_blocks``
(Block Kit) and ``channels.rest``.

A ``note`` about the message rather than the answer (it was too long and was shortened) goes before the
answer, never between its text and its buttons: the buttons follow the text they belong to, and the
answer still opens with its verdict. The widget shows it as a message of its own just before the answer,
Slack as a small context line above it, REST as the text's first paragraph (``Answer.noted_text``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

FEEDBACK_PAYLOAD = "/feedback"  # the intent of the helpful / not helpful buttons
PARAGRAPH = "\n\n"


@dataclass(frozen=True)
class Button:
    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class Answer:
    """A turn's reply: ``verdict`` is the opening sentence to emphasise (when the text opens with it);
    ``image`` a chart's path on the bot with its ``alt`` text; ``feedback`` the helpful / not helpful pair;
    ``note`` what is said before the answer about the message it answers."""

    text: str = ""
    verdict: Optional[str] = None
    buttons: tuple[Button, ...] = ()
    feedback: tuple[Button, ...] = ()
    image: Optional[str] = None
    alt: Optional[str] = None
    note: Optional[str] = None

    def message(self) -> dict[str, Any]:
        """The answer as one Rasa message dict (``text``, ``buttons`` with feedback last, ``verdict``,
        ``image``, ``alt``, ``note``); keys without a value are left out."""
        message: dict[str, Any] = {"text": self.text or None, "verdict": self.verdict, "image": self.image}
        message["note"] = self.note
        message["alt"] = self.alt if self.image else None
        every = self.buttons + self.feedback
        message["buttons"] = [b.as_dict() for b in every] or None
        return {k: v for k, v in message.items() if v is not None}

    def noted_text(self) -> str:
        """The text with the ``note`` as its first paragraph, for a channel that has no other place for it."""
        return PARAGRAPH.join(part for part in (self.note, self.text) if part)


def is_feedback(button: Button) -> bool:
    return button.payload.startswith(FEEDBACK_PAYLOAD)


def _buttons(message: dict[str, Any]) -> list[Button]:
    found = []
    for raw in message.get("buttons") or []:
        if isinstance(raw, dict) and raw.get("title") is not None and isinstance(raw.get("payload"), str):
            found.append(Button(str(raw["title"]), raw["payload"]))
    return found


def one_answer(messages: Iterable[dict[str, Any]]) -> Answer:
    """The messages of one turn as one ``Answer``.

    Texts keep their order; the verdict is the first message's, when that message has text. Buttons
    keep their order, each payload once; feedback buttons go last, each title once (the first
    answer's pair). The first image is kept with its alt text, and the first note.
    """
    texts: list[str] = []
    verdict: Optional[str] = None
    buttons: dict[str, Button] = {}
    feedback: dict[str, Button] = {}
    image = alt = note = None
    for index, message in enumerate(messages):
        text = message.get("text")
        if isinstance(text, str) and text.strip():
            if not texts and index == 0 and isinstance(message.get("verdict"), str):
                verdict = message["verdict"]
            texts.append(text)
        for button in _buttons(message):
            if is_feedback(button):
                feedback.setdefault(button.title, button)
            else:
                buttons.setdefault(button.payload, button)
        if image is None and isinstance(message.get("image"), str):
            image, alt = message["image"], message.get("alt") if isinstance(message.get("alt"), str) else None
        if note is None and isinstance(message.get("note"), str):
            note = message["note"]
    every = tuple(buttons.values()), tuple(feedback.values())
    return Answer(PARAGRAPH.join(texts), verdict, *every, image, alt, note)
