"""Rasa's REST channel with input checks: malformed requests get a clear 400, never a 500."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import guarded

MAX_SENDER_CHARS = 200


def _problem(message: str) -> HTTPResponse:
    return response.json({"error": message}, status=HTTPStatus.BAD_REQUEST)


class RolewiseRestInput(RestInput):
    """``POST /webhooks/rest/webhook`` with ``{"sender": str, "message": str}``."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        webhook = Blueprint("rolewise_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:
                return _problem('The body must be JSON: {"sender": "...", "message": "..."}.')
            if not isinstance(body, dict):
                return _problem('The body must be a JSON object: {"sender": "...", "message": "..."}.')
            sender, text, metadata = body.get("sender", "default"), body.get("message"), body.get("metadata")
            if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
                return _problem(f'"sender" must be a non-empty string of at most {MAX_SENDER_CHARS} characters.')
            if not isinstance(text, str):
                return _problem('"message" must be a string.')
            if metadata is not None and not isinstance(metadata, dict):
                return _problem('"metadata" must be a JSON object when given.')
            collector = CollectingOutputChannel()
            await handle(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            return response.json(collector.messages)

        return webhook
