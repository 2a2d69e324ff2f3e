"""Slack, configured from the environment, answering each turn with one Block Kit message (``channels.slack_blocks``).

Rasa's ``credentials.yml`` fails on unset ``${VAR}`` placeholders, so the Slack
entry there names this class without settings and it reads ``SLACK_BOT_TOKEN``,
``SLACK_SIGNING_SECRET`` and optionally ``SLACK_CHANNEL`` itself. Without them the
channel is off: one log line at start, and its webhook answers 503.

A conversation is ``slack:<team>:<user>``: one per person per workspace, whichever channel or
thread they write in (answers still go to the channel and thread asked in). Each delivery is
claimed once (``channels.replay``) under the message's channel and ``ts`` (so an @mention that
arrives as ``app_mention`` and as ``message`` is answered once), else its event id, and a button
click under its trigger id. Signed requests whose body cannot be read get 400.
"""

from __future__ import annotations

import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from channels import drain, limits
from channels.layout import one_answer
from channels.slack_blocks import slack_blocks
from channels.guard import guarded
from channels.replay import Seen, seen_store
from runtime import settings

logger = logging.getLogger(__name__)

TOKEN, SECRET, CHANNEL, API_URL = "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL", "SLACK_API_URL"
DEFAULT_API_URL = "https://slack.com/api/"
NAMESPACE = "slack:"


class Malformed(ValueError):
    """A signed request whose body does not have the shape Slack sends."""


class RolewiseSlackBot(SlackBot):
    """Posts every message as Block Kit (``channels.slack_blocks``): the verdict the actions marked in
    bold, the chart, the answer's buttons, then the feedback buttons set apart."""

    def __init__(
        self,
        token: Text,
        channel: Optional[Text],
        thread_id: Optional[Text],
        api_url: Text,
        public_url: Optional[Text] = None,
    ) -> None:
        super().__init__(token, channel, thread_id)
        self.client = AsyncWebClient(token, base_url=api_url)
        self.public_url = public_url

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """A chart (``image``, a path on this bot) joins its answer's post as an image block when
        ``ROLEWISE_PUBLIC_URL`` says where Slack can fetch it; otherwise the answer goes without it."""
        answer = one_answer([message])
        blocks = slack_blocks(answer, self.public_url)
        await self._post_message(channel=self.slack_channel or recipient_id, text=answer.text, blocks=blocks)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, **kwargs})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons, **kwargs})


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
            logger.info("Slack channel off: %s and %s are not set.", TOKEN, SECRET)
            return SlackDisabled()
        logger.info("Slack channel on.")
        channel = os.environ.get(CHANNEL, "").strip() or None
        api_url = os.environ.get(API_URL, "").strip() or DEFAULT_API_URL
        return cls(token, channel, api_url, secret, seen_store(settings.redis_url(), settings.slack_events_db()))

    def __init__(
        self, token: Text, channel: Optional[Text], api_url: Text, signing_secret: Text, seen: Seen
    ) -> None:
        # Retries are de-duplicated by the claims below, so none is ignored by its reason alone.
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
        self.seen = seen

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return RolewiseSlackBot(
            self.slack_token, channel or self.slack_channel, thread_id, self.api_url, settings.public_url()
        )

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

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = guarded(on_new_message)
        slack_webhook = Blueprint("slack_webhook", __name__)
        drain.install(slack_webhook)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.text("Missing or invalid Slack signature.", status=HTTPStatus.UNAUTHORIZED)
            content_type = request.headers.get("content-type")
            try:
                if content_type == "application/json":
                    return await self._event(request, on_new_message)
                if content_type == "application/x-www-form-urlencoded":
                    return await self._interaction(request, on_new_message)
            except Malformed as problem:
                return response.text(f"Malformed request: {problem}", status=HTTPStatus.BAD_REQUEST)
            return response.text("Unsupported content type.", status=HTTPStatus.BAD_REQUEST)

        return slack_webhook

    async def _event(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        try:
            body = request.json
        except Exception as error:
            raise Malformed("the body is not JSON") from error
        if not isinstance(body, dict):
            raise Malformed("the body is not a JSON object")
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        event = body.get("event")
        if event is not None and not isinstance(event, dict):
            raise Malformed('"event" is not an object')
        if not self._is_user_message(body):
            return response.text("Not a user message.")
        for field in ("text", "user", "channel"):
            if not isinstance(event.get(field), str):
                raise Malformed(f'"event.{field}" is not a string')
        try:
            metadata = self.get_metadata(request)
        except (KeyError, IndexError, TypeError, AttributeError) as error:
            raise Malformed('"authorizations" is not a list of objects') from error
        users = metadata.get("users")
        if not isinstance(users, list) or not all(isinstance(user, str) for user in users):
            raise Malformed('"authed_users" is not a list of user ids')
        for field in ("team_id", "event_id"):
            if body.get(field) is not None and not isinstance(body[field], str):
                raise Malformed(f'"{field}" is not a string')
        if event.get("ts") is not None and not isinstance(event["ts"], str):
            raise Malformed('"event.ts" is not a string')
        problem = limits.metadata_problem(metadata)
        if problem is not None:
            raise Malformed(problem)
        if not self._is_supported_channel(body, metadata):
            return response.text("Channel not supported.")
        key = f"message:{event['channel']}:{event['ts']}" if event.get("ts") else f"event:{body.get('event_id')}"
        if not await self.seen.claim(key):
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        conversation = conversation_id(body.get("team_id"), event["user"])
        text = self._sanitize_user_message(event["text"], metadata["users"])
        return await self.process_message(request, on_new_message, text, conversation, metadata)

    async def _interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(request.form["payload"][0])
            user, action = payload["user"]["id"], payload["actions"][0]
            metadata = self.get_metadata(request)
            interactive = self._is_interactive_message(payload)
            text = self._get_interactive_response(action) if interactive else None
        except (KeyError, IndexError, TypeError, AttributeError, ValueError) as error:
            raise Malformed("the interaction payload is not one Slack sends") from error
        if not interactive:
            return response.text("Not an interaction.")
        if not isinstance(text, str):
            return response.text("Nothing to send.")
        if not await self.seen.claim(f"action:{payload.get('trigger_id') or action.get('action_ts')}"):
            return response.text("")
        team = payload.get("team")
        team_id = team.get("id") if isinstance(team, dict) else payload["user"].get("team_id")
        return await self.process_message(request, on_new_message, text, conversation_id(team_id, user), metadata)


def conversation_id(team: Optional[Text], user: Text) -> Text:
    """``slack:<team>:<user>``, the conversation of one person in one workspace."""
    return f"{NAMESPACE}{team or '-'}:{user}"
