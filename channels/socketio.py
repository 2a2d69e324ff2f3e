"""Rasa's socket.io channel (the website widget) with server-issued conversation ids.

Rasa's own channel takes the ``session_id`` each message carries at its word, so a client that
sends someone else's id hears and drives their conversation. Here:

- ``connect`` is refused for a browser ``Origin`` outside ``ROLEWISE_CORS_ORIGINS``;
- ``session_request`` confirms the offered id only if this server signed it (``channels.web_session``),
  and otherwise issues a new one; the socket joins that conversation's room;
- a message belongs to the conversation its socket was confirmed for, whatever id it carries;
- a message of the wrong shape, or sent before ``session_request``, gets a clear reply, not silence;
- metadata is held to the limits every channel applies (``channels.limits``), with a clear reply;
- every turn passes through the same guard as the other channels.

Several Rasa servers can serve one site if the load balancer keeps each socket on one server
(sticky sessions) and all share ``ROLEWISE_SESSION_SECRET``.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels import drain, limits, web_session
from channels.guard import guarded
from channels.layout import one_answer
from kb.wording import replies
from kb.wording.replies import NO_SESSION, WRONG_SHAPE
from runtime import settings

logger = logging.getLogger(__name__)

METADATA_REFUSED = replies.METADATA_REFUSED.format(
    max_bytes=limits.MAX_METADATA_BYTES, max_depth=limits.MAX_METADATA_DEPTH
)


class RolewiseSocketIOInput(SocketIOInput):
    """The channel described above; ``credentials.yml`` settings as for Rasa's ``SocketIOInput``."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.secret: bytes = settings.session_secret()
        self.origins: frozenset[str] = frozenset(settings.cors_origins())
        self.conversations: Dict[Text, Text] = {}  # socket id -> the conversation it was confirmed for

    def allowed(self, environ: Dict[Text, Any], auth: Optional[Dict[Text, Any]]) -> bool:
        """A browser from an allowed origin (or a client that sends none), with a JWT where one is configured."""
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin.rstrip("/") not in self.origins:
            logger.info("socket.io connection from origin %r refused.", origin)
            return False
        if not self.jwt_key:
            return True
        token = auth.get("token") if isinstance(auth, dict) else None
        return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        # CORS for the polling transport is answered by Rasa's app (``--cors``), not by socket.io.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        drain.install(webhook)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            return self.allowed(environ, auth)

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            self.conversations.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            offered = data.get("session_id") if isinstance(data, dict) else None
            conversation = web_session.conversation(self.secret, offered)
            session_id = offered if conversation else web_session.issue(self.secret)
            conversation = conversation or web_session.conversation(self.secret, session_id)
            assert conversation is not None
            previous = self.conversations.get(sid)
            if previous and previous != conversation:
                sio.leave_room(sid, previous, namespace=self.namespace)
            self.conversations[sid] = conversation
            sio.enter_room(sid, conversation, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            conversation = self.conversations.get(sid)
            if conversation is None:
                await sio.emit(self.bot_message_evt, {"text": NO_SESSION}, room=sid, namespace=self.namespace)
                return
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                await sio.emit(self.bot_message_evt, {"text": WRONG_SHAPE}, room=sid, namespace=self.namespace)
                return
            metadata = _metadata(data.get(self.metadata_key))
            problem = limits.metadata_problem(metadata)
            if problem is not None:
                logger.warning("socket.io message of %s refused: %s", conversation, problem)
                await sio.emit(self.bot_message_evt, {"text": METADATA_REFUSED}, room=sid, namespace=self.namespace)
                return
            message = UserMessage(
                data["message"],
                RolewiseSocketIOOutput(sio, self.bot_message_evt),
                conversation,
                input_channel=self.name(),
                metadata=metadata,
            )
            await handle(message)

        return webhook


class RolewiseSocketIOOutput(SocketIOOutput):
    """One socket.io message per answer (``channels.layout``), plus charts and a bold verdict.

    A ``note`` on the user's message (it was shortened) goes out first, as a message of its own, so the
    answer still opens with its verdict and its buttons follow its text.
    A message's ``image`` goes out next, with its ``alt`` text: rasa-webchat shows a message's
    buttons only while it is the last message, so the picture comes before the text and buttons it
    belongs to, not after them. The text is not split at blank lines (Rasa's own output splits it
    into several messages, hiding the buttons of all but the last); the feedback buttons come last.
    A text that opens with the message's ``verdict`` gets it as
    Markdown bold (``bold_verdict``); the widget's ``RolewiseChat.plainText`` keeps that one bold
    span and shows everything else as plain text.
    """

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        answer = one_answer([message])
        if answer.note:  # about the message, not the answer: a message of its own, before the answer
            await self._send_message(recipient_id, {"text": answer.note})
        if answer.image:
            payload = {"src": answer.image, "alt": answer.alt or ""}
            await self._send_message(recipient_id, {"attachment": {"type": "image", "payload": payload}})
        if not answer.text and not answer.buttons and not answer.feedback:
            return
        laid_out: Dict[Text, Any] = {"text": bold_verdict(answer.text, answer.verdict)}
        buttons = answer.buttons + answer.feedback
        if buttons:  # all on this one message: the widget shows the last message's buttons only
            laid_out["quick_replies"] = [
                {"content_type": "text", "title": b.title, "payload": b.payload} for b in buttons
            ]
        await self._send_message(recipient_id, laid_out)


MARKDOWN_CHARACTERS = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def bold_verdict(text: Text, verdict: Optional[Text]) -> Text:
    """``text`` with its opening ``verdict`` in Markdown bold, the verdict's Markdown characters
    escaped with a backslash; ``text`` unchanged when it does not open with the verdict."""
    verdict = (verdict or "").strip() if isinstance(verdict, str) else ""
    if not verdict or not text.startswith(verdict):
        return text
    escaped = MARKDOWN_CHARACTERS.sub(r"\\\1", verdict)
    return f"**{escaped}**{text[len(verdict) :]}"


def _metadata(value: Any) -> Dict[Text, Any]:
    """The message's metadata as a dict: a JSON object, a string holding one, or nothing."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return {}
    return value if isinstance(value, dict) else {}
