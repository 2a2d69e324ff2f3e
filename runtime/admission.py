"""At most ``ROLEWISE_MAX_TURNS`` turns in progress in one Rasa process; the next one is refused at once.

Rasa (Sanic) takes every request it accepts, however many are waiting: at 200 concurrent REST
conversations each turn waited its turn behind all the others for several seconds. Here a request
to a channel webhook (``POST /webhooks/...``) beyond ``ROLEWISE_MAX_TURNS`` (default
``MAX_TURNS``) in progress gets ``503`` with ``Retry-After: RETRY_AFTER_S`` and the JSON body
``BUSY_BODY`` before Rasa reads it, so nothing is stored for it; the public nginx of ``make cluster``
refuses with the same answer. Together with a listen backlog large enough that the kernel never
drops a connection (``SANIC_BACKLOG``, ``BACKLOG``), every request is answered or refused.

Turns in progress are the admitted requests whose response has not been sent; a request Sanic
drops (the client went away) stops counting once Python frees it.
"""

from __future__ import annotations

import json
import logging
import os
import weakref
from typing import Any, Mapping, Optional

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

MAX_TURNS = 64
BACKLOG = 1024
RETRY_AFTER_S = 2
BUSY_MESSAGE = "Rolewise is busy right now and could not take your message. Please send it again in a few seconds."
BUSY_BODY = json.dumps({"error": "busy", "message": BUSY_MESSAGE, "retry_after": RETRY_AFTER_S})


def max_turns(env: Mapping[str, str] = os.environ) -> int:
    """``ROLEWISE_MAX_TURNS`` as a positive int, else ``MAX_TURNS``."""
    value = env.get("ROLEWISE_MAX_TURNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_TURNS


def busy_response() -> HTTPResponse:
    """The refusal: 503, ``Retry-After``, a JSON body a REST client or the widget can show."""
    headers = {"Retry-After": str(RETRY_AFTER_S), "Cache-Control": "no-store"}
    return HTTPResponse(BUSY_BODY, status=503, headers=headers, content_type="application/json")


def install(app: Sanic, limit: Optional[int] = None) -> None:
    """Refuse channel turns beyond ``limit`` (default ``max_turns()``) in progress on ``app``."""
    limit = limit or max_turns()
    in_progress: weakref.WeakSet[Request] = weakref.WeakSet()

    @app.middleware("request")
    async def admit(request: Request) -> Optional[HTTPResponse]:
        if request.method != "POST" or not request.path.startswith("/webhooks/"):
            return None
        if len(in_progress) >= limit:
            logger.warning("Refused a turn: %s already in progress (ROLEWISE_MAX_TURNS).", limit)
            return busy_response()
        in_progress.add(request)
        return None

    @app.middleware("response")
    async def done(request: Request, response: Any) -> None:
        in_progress.discard(request)


def install_in_rasa() -> None:
    """Make ``rasa run`` (``rasa.core.run.serve_application``) install the limit on the app it configures."""
    import rasa.core.run

    configure_app = rasa.core.run.configure_app

    def configure_and_limit(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        install(app)
        return app

    rasa.core.run.configure_app = configure_and_limit
