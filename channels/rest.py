"""Rasa's REST channel with input checks and its own conversation namespace.

``POST /webhooks/rest/webhook`` with ``{"sender": str, "message": str, "metadata": {...}?}``:

- ``sender`` is required; the conversation is ``rest:<sender>``, so a REST client can never
  continue a Slack or website conversation by typing its id.
- With ``ROLEWISE_REST_TOKEN`` set, requests must carry ``Authorization: Bearer <token>`` (401 otherwise).
- A browser request from an origin outside ``ROLEWISE_CORS_ORIGINS`` is refused (403): CORS alone only
  hides the answer from a foreign page, which could otherwise still drive conversations unseen.
- Bodies are bounded (413 over ``MAX_BODY_BYTES``); metadata is held to the limits every channel
  applies (``channels.limits``: 4 KB of JSON, 8 levels), since Rasa keeps it in the conversation's history.
- Malformed requests get a clear 400 (JSON ``{"error": ...}``), never a 500.
- A turn is answered with one message (``channels.layout``): ``text``, ``buttons`` (the helpful /
  not helpful pair last) and, for a full comparison, ``image`` (the chart's path on this server).
  A note on the message itself (it was shortened) is the text's first paragraph, before the answer.
"""

from __future__ import annotations

import hmac
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import drain, limits
from channels.guard import guarded
from channels.layout import one_answer
from runtime import settings

MAX_SENDER_CHARS = 200
MAX_BODY_BYTES = 64 * 1024
NAMESPACE = "rest:"
SHAPE = '{"sender": "...", "message": "..."}'


def _problem(message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class OneMessageCollector(CollectingOutputChannel):
    """Collects each answer as one REST message, its chart on the same message (Rasa's own collector
    splits text and image into two)."""

    async def send_response(self, recipient_id: Text, message: dict[Text, Any]) -> None:
        answer = one_answer([message])
        laid_out = answer.message()
        text, image, buttons = answer.noted_text() or None, laid_out.get("image"), laid_out.get("buttons")
        self.messages.append(self._message(recipient_id, text=text, image=image, buttons=buttons))


def authorised(request: Request, token: Optional[str]) -> bool:
    """True when no token is required, or the request carries ``Authorization: Bearer <token>``."""
    if token is None:
        return True
    scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class RolewiseRestInput(RestInput):
    """The REST channel described above."""

    def __init__(self, token: Optional[str] = None, origins: frozenset[str] = frozenset()) -> None:
        self.token = token
        self.origins = origins

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[Text, Any]]) -> "RolewiseRestInput":
        return cls(settings.rest_token(), frozenset(settings.cors_origins()))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        webhook = Blueprint("rolewise_rest_webhook", __name__)
        drain.install(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not authorised(request, self.token):
                return _problem("Send the REST token as 'Authorization: Bearer <token>'.", HTTPStatus.UNAUTHORIZED)
            origin = request.headers.get("origin")
            if origin is not None and origin.rstrip("/") not in self.origins:
                return _problem("Browser requests are accepted only from this bot's own pages.", HTTPStatus.FORBIDDEN)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return _problem(f"The body may be at most {MAX_BODY_BYTES} bytes.", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            try:
                body = request.json
            except Exception:
                return _problem(f"The body must be JSON: {SHAPE}.")
            if not isinstance(body, dict):
                return _problem(f"The body must be a JSON object: {SHAPE}.")
            sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata")
            if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
                return _problem(
                    f'"sender" is required: a non-empty string of at most {MAX_SENDER_CHARS} characters '
                    "that names the conversation."
                )
            if not isinstance(text, str):
                return _problem('"message" must be a string.')
            problem = limits.metadata_problem(metadata)
            if problem is not None:
                return _problem(problem)
            collector = OneMessageCollector()
            conversation = NAMESPACE + sender
            await handle(UserMessage(text, collector, conversation, input_channel=self.name(), metadata=metadata))
            return response.json([{**m, "recipient_id": sender} for m in collector.messages])

        return webhook
