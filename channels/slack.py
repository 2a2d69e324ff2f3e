"""Slack, configured from the environment, rendering Block Kit messages built by the actions.

Rasa's ``credentials.yml`` fails on unset ``${VAR}`` placeholders, so the Slack
entry there names this class without settings and it reads ``SLACK_BOT_TOKEN``,
``SLACK_SIGNING_SECRET`` and optionally ``SLACK_CHANNEL`` itself. Without them the
channel is off: one log line at start, and its webhook answers 503.
"""

from __future__ import annotations

import json
import logging
import os
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from actions import render
from channels.guard import guarded

logger = logging.getLogger(__name__)

TOKEN, SECRET, CHANNEL, API_URL = "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL", "SLACK_API_URL"
DEFAULT_API_URL = "https://slack.com/api/"
SEEN_EVENTS = 10_000


class RolewiseSlackBot(SlackBot):
    """Lays out every message with ``render.slack_blocks``: the verdict the actions marked in bold, then buttons."""

    def __init__(self, token: Text, channel: Optional[Text], thread_id: Optional[Text], api_url: Text) -> None:
        super().__init__(token, channel, thread_id)
        self.client = AsyncWebClient(token, base_url=api_url)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._post_layout(recipient_id, text, [], kwargs.get("verdict"))

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self._post_layout(recipient_id, text, buttons, kwargs.get("verdict"))

    async def _post_layout(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], verdict: Optional[Text]
    ) -> None:
        reply = render.Reply(text, tuple(render.Button(b["title"], b["payload"]) for b in buttons), verdict)
        blocks = render.slack_blocks(reply)
        await self._post_message(channel=self.slack_channel or recipient_id, text=text, blocks=blocks)


class SlackDisabled(InputChannel):
    """Stands in for Slack when it is not configured, so the webhook says so instead of 404."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = Blueprint("slack_disabled", __name__)

        @blueprint.route("/webhook", methods=["GET", "POST"])
        async def webhook(_: Request) -> HTTPResponse:
            return response.text(
                f"Slack is not configured: set {TOKEN} and {SECRET}.", status=HTTPStatus.SERVICE_UNAVAILABLE
            )

        return blueprint


class RolewiseSlackInput(SlackInput):
    """Slack's Events API and interactivity, with 401 for unsigned requests and retry de-duplication."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        token, secret = os.environ.get(TOKEN, "").strip(), os.environ.get(SECRET, "").strip()
        if not token or not secret:
            logger.warning("Slack channel off: %s and %s are not set.", TOKEN, SECRET)
            return SlackDisabled()
        logger.info("Slack channel on.")
        channel = os.environ.get(CHANNEL, "").strip() or None
        api_url = os.environ.get(API_URL, "").strip() or DEFAULT_API_URL
        return cls(token, channel, api_url, secret)

    def __init__(self, token: Text, channel: Optional[Text], api_url: Text, signing_secret: Text) -> None:
        # Retries are de-duplicated by event id below, so none is ignored by its reason alone.
        super().__init__(
            token,
            channel,
            slack_signing_secret=signing_secret,
            slack_retry_reason_header="x-slack-retry-reason",
            slack_retry_number_header="x-slack-retry-num",
            errors_ignore_retry=["__none__"],
            use_threads=True,  # thread_id is only set when the question itself was in a thread
        )
        self.api_url = api_url
        self._seen: OrderedDict[str, None] = OrderedDict()

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return RolewiseSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.api_url)

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        """Reply in a thread only when the question was asked in one."""
        metadata = super().get_metadata(request)
        if request.headers.get("content-type") == "application/json":
            event = (request.json or {}).get("event", {})
            metadata["thread_id"] = event.get("thread_ts")
        elif metadata:
            payload = json.loads(request.form["payload"][0])
            metadata["thread_id"] = (payload.get("message") or {}).get("thread_ts")
        return metadata

    def first_time(self, key: Optional[Text]) -> bool:
        """True the first time an event id is seen; Slack retries reuse it."""
        if not key:
            return True
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > SEEN_EVENTS:
            self._seen.popitem(last=False)
        return True

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = guarded(on_new_message)
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.text("Missing or invalid Slack signature.", status=HTTPStatus.UNAUTHORIZED)
            content_type = request.headers.get("content-type")
            if content_type == "application/json":
                return await self._event(request, on_new_message)
            if content_type == "application/x-www-form-urlencoded":
                return await self._interaction(request, on_new_message)
            return response.text("Unsupported content type.", status=HTTPStatus.BAD_REQUEST)

        return slack_webhook

    async def _event(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        try:
            body = request.json or {}
        except Exception:
            return response.text("Malformed JSON.", status=HTTPStatus.BAD_REQUEST)
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        if not self._is_user_message(body):
            return response.text("Not a user message.")
        metadata = self.get_metadata(request)
        if not self._is_supported_channel(body, metadata):
            return response.text("Channel not supported.")
        if not self.first_time(body.get("event_id")):
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        event = body.get("event", {})
        conversation = self._get_conversation_id(
            event.get("user", ""), metadata.get("out_channel"), metadata.get("thread_id")
        )
        text = self._sanitize_user_message(event.get("text", ""), metadata["users"])
        return await self.process_message(request, on_new_message, text, conversation, metadata)

    async def _interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(request.form["payload"][0])
        except (KeyError, IndexError, ValueError):
            return response.text("Malformed interaction payload.", status=HTTPStatus.BAD_REQUEST)
        if not self._is_interactive_message(payload):
            return response.text("Not an interaction.")
        text = self._get_interactive_response(payload["actions"][0])
        if text is None:
            return response.text("Nothing to send.")
        if not self.first_time(payload.get("trigger_id") or payload["actions"][0].get("action_ts")):
            return response.text("")
        metadata = self.get_metadata(request)
        conversation = self._get_conversation_id(
            payload["user"]["id"], metadata.get("out_channel"), metadata.get("thread_id")
        )
        return await self.process_message(request, on_new_message, text, conversation, metadata)
