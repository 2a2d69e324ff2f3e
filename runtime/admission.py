"""At most ``ROLEWISE_MAX_TURNS`` turns in progress in one Rasa process; the next one is refused at once.

Rasa (Sanic) takes every request it accepts, however many are waiting: at 200 concurrent REST
conversations each turn waited its turn behind all the others for several seconds. Here a request
to a channel webhook (``POST /webhooks/...``) beyond ``ROLEWISE_MAX_TURNS`` (default
``MAX_TURNS``) in progress gets ``503`` with ``Retry-After: RETRY_AFTER_S`` and the JSON body
``BUSY_BODY`` before Rasa reads it, so nothing is stored for it; the public nginx of ``make cluster``
refuses with the same answer. Together with a listen backlog large enough that the kernel never
drops a connection (``SANIC_BACKLOG``, ``BACKLOG``), every request is answered or refused.

The limit also follows the pace the process keeps: once it has finished ``PACE_SAMPLES`` turns in the
last ``PACE_WINDOW_S`` seconds, at most that pace (turns per second between the first and last of them)
times ``WAIT_BUDGET_S`` turns are in progress (never fewer than ``MIN_TURNS``), so an admitted turn
waits about ``WAIT_BUDGET_S`` seconds at most however busy the machine is. Refusing early costs a
client one round trip; admitting a turn it cannot serve in time costs it the whole wait.

Turns in progress are the admitted requests whose response has not been sent; a request Sanic
drops (the client went away) stops counting once Python frees it.
"""

from __future__ import annotations

import json
import logging
import os
import time
import weakref
from collections import deque
from typing import Any, Deque, Mapping, Optional

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

MAX_TURNS = 64
MIN_TURNS = 8
WAIT_BUDGET_S = 2.0
PACE_WINDOW_S = 10.0
PACE_SAMPLES = 20
BACKLOG = 1024
RETRY_AFTER_S = 2
BUSY_MESSAGE = "Rolewise is busy right now and could not take your message. Please send it again in a few seconds."
BUSY_BODY = json.dumps({"error": "busy", "message": BUSY_MESSAGE, "retry_after": RETRY_AFTER_S})


def max_turns(env: Mapping[str, str] = os.environ) -> int:
    """``ROLEWISE_MAX_TURNS`` as a positive int, else ``MAX_TURNS``."""
    value = env.get("ROLEWISE_MAX_TURNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_TURNS


def allowed_turns(finished: Deque[float], now: float, limit: int) -> int:
    """How many turns may be in progress, given the ``time.monotonic()`` times turns finished
    (oldest first; those older than ``PACE_WINDOW_S`` are dropped from ``finished``)."""
    while finished and finished[0] < now - PACE_WINDOW_S:
        finished.popleft()
    if len(finished) < PACE_SAMPLES or finished[-1] - finished[0] < 1.0:
        return limit
    pace = (len(finished) - 1) / (finished[-1] - finished[0])
    return max(MIN_TURNS, min(limit, int(pace * WAIT_BUDGET_S)))


def busy_response() -> HTTPResponse:
    """The refusal: 503, ``Retry-After``, a JSON body a REST client or the widget can show."""
    headers = {"Retry-After": str(RETRY_AFTER_S), "Cache-Control": "no-store"}
    return HTTPResponse(BUSY_BODY, status=503, headers=headers, content_type="application/json")


def install(app: Sanic, limit: Optional[int] = None) -> None:
    """Refuse channel turns beyond ``limit`` (default ``max_turns()``) in progress on ``app``."""
    limit = limit or max_turns()
    in_progress: weakref.WeakSet[Request] = weakref.WeakSet()
    finished: Deque[float] = deque()

    @app.middleware("request")
    async def admit(request: Request) -> Optional[HTTPResponse]:
        if request.method != "POST" or not request.path.startswith("/webhooks/"):
            return None
        allowed = allowed_turns(finished, time.monotonic(), limit)
        if len(in_progress) >= allowed:
            logger.warning("Refused a turn: %s in progress, %s allowed (ROLEWISE_MAX_TURNS %s).",
                           len(in_progress), allowed, limit)  # fmt: skip
            return busy_response()
        in_progress.add(request)
        return None

    @app.middleware("response")
    async def done(request: Request, response: Any) -> None:
        if request in in_progress:
            in_progress.discard(request)
            finished.append(time.monotonic())


def install_in_rasa() -> None:
    """Make ``rasa run`` (``rasa.core.run.serve_application``) install the limit on the app it configures."""
    import rasa.core.run

    configure_app = rasa.core.run.configure_app

    def configure_and_limit(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        install(app)
        return app

    rasa.core.run.configure_app = configure_and_limit
