"""What every channel does around a turn so that no user meets silence or a stack trace.

Control characters are dropped; a very long message is shortened to its opening and its end, and its
answer says so (``channels.limits``); an empty message gets
a hint without touching the conversation; a typed control payload (``/restart``, ``/session_start``,
``/back``) is logged, and the last two get a plain reply and never reach Rasa; a turn that produced no reply (the
action server down, an exception) gets an apology; a turn slower than
``ROLEWISE_TURN_TIMEOUT`` seconds gets an apology while it finishes in the background. A turn's
messages reach the channel as one message (``channels.layout``), once the turn is over.
"""

from __future__ import annotations

import asyncio
import logging
import os
import unicodedata
from dataclasses import replace
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels import drain, limits
from channels.layout import one_answer
from kb.wording.replies import APOLOGY, EMPTY, SLOW

logger = logging.getLogger(__name__)

DEFAULT_TURN_TIMEOUT = 20.0

Handler = Callable[[UserMessage], Awaitable[Any]]


def clean_text(text: Any) -> str:
    """The message printable and trimmed (``limits.shortened`` then bounds its length).

    Control characters become spaces; invisible format characters (zero-width spaces and joiners,
    byte-order marks, direction marks) and lone surrogates are removed, so "bu\u200byer" reads "buyer".
    """
    if not isinstance(text, str):
        return ""
    kept = "".join(_printable(c) for c in text)
    return kept.strip()


def _printable(character: str) -> str:
    category = unicodedata.category(character)
    if category in ("Cf", "Cs"):
        return ""
    if category == "Cc" and character not in "\n\t":
        return " "
    return character


def turn_timeout() -> float:
    try:
        return float(os.environ.get("ROLEWISE_TURN_TIMEOUT", DEFAULT_TURN_TIMEOUT))
    except ValueError:
        return DEFAULT_TURN_TIMEOUT


class TurnOutputChannel(OutputChannel):
    """Holds a turn's bot messages, then passes them on as one (``flush``), so no answer's buttons
    are hidden behind a second message; ``sent`` counts the messages the turn produced. A ``note`` (the
    message was shortened) is said before the answer (``channels.layout.Answer.note``)."""

    def __init__(self, inner: OutputChannel, note: Optional[str] = None) -> None:
        super().__init__()
        self.inner = inner
        self.note = note
        self.sent = 0
        self.held: list[Dict[Text, Any]] = []
        self.recipient: Text = ""

    @classmethod
    def name(cls) -> Text:
        return "turn"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent += 1
        self.recipient = self.recipient or recipient_id
        self.held.append(dict(message))

    async def flush(self) -> None:
        """Send what is held as one message (nothing when nothing is held)."""
        held, self.held = self.held, []
        if held:
            answer = replace(one_answer(held), note=self.note)
            await self.inner.send_response(self.recipient, answer.message())

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)


def guarded(on_new_message: Handler) -> Handler:
    """Wrap a channel's message handler with the rules above; each turn counts as in progress for ``drain``."""

    async def handle(message: UserMessage) -> None:
        with drain.turn():
            await answer(message)

    async def answer(message: UserMessage) -> None:
        text = clean_text(message.text)
        output = message.output_channel
        if not text:
            await output.send_text_message(message.sender_id, EMPTY)
            return
        control = limits.control_intent(text)
        if control in limits.ANSWERED_HERE:
            logger.warning("Typed control payload /%s from %s answered, not run.", control, message.sender_id)
            await output.send_text_message(message.sender_id, limits.control_reply(control))
            return
        if control is not None:
            logger.warning("Typed control payload /%s from %s passed to Rasa.", control, message.sender_id)
        read = limits.shortened(text)
        note = None
        if read != text:
            logger.info("Message of %s shortened from %d to %d characters.", message.sender_id, len(text), len(read))
            note = limits.shortened_note(len(text))
        message.text = read
        turn = TurnOutputChannel(output, note)
        message.output_channel = turn
        task = asyncio.ensure_future(on_new_message(message))
        done, _ = await asyncio.wait({task}, timeout=turn_timeout())
        if not done:
            logger.warning(
                "Turn for %s exceeded %ss; apologising while it finishes.", message.sender_id, turn_timeout()
            )
            await output.send_text_message(message.sender_id, SLOW)
            task.add_done_callback(lambda _: asyncio.ensure_future(turn.flush()))  # its answer, when it comes
            return
        if task.exception() is not None:
            logger.error("Turn for %s failed", message.sender_id, exc_info=task.exception())
        await turn.flush()
        if turn.sent == 0:
            await output.send_text_message(message.sender_id, APOLOGY)

    return handle
