"""Only Rasa may call the action server: every call but ``/health`` must carry the shared token.

Rasa sends ``Authorization: Bearer <token>`` with every action call (``action_endpoint.headers``
in endpoints.yml, the token from ``ROLEWISE_ACTIONS_TOKEN``: see ``runtime.settings.actions_token``).
rasa-sdk checks no caller itself, so ``python -m actions`` attaches this check to rasa-sdk's Sanic
app through rasa-sdk's own plugin hook (``attach_sanic_app_extensions``). A refused call is
answered 401 with a JSON reason and logged with its path and address; it runs nothing.
"""

from __future__ import annotations

import hmac
import logging
from typing import Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

hookimpl = pluggy.HookimplMarker("rasa_sdk")
logger = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})  # load balancers and `make run` poll it; it runs no action
REFUSED = {"error": "Only Rasa may call this action server: the request carried no valid action token."}


def from_rasa(authorization: str, token: str) -> bool:
    """True when an ``Authorization`` header value is ``Bearer <token>`` (compared in constant time)."""
    return hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode())


class RasaOnly:
    """A rasa-sdk plugin refusing every call without ``token`` (register it on ``plugin_manager()``)."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("the action token is empty")
        self.token = token

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        app.register_middleware(self.check, "request")

    async def check(self, request: Request) -> Optional[HTTPResponse]:
        """None (go on) for Rasa's calls and ``OPEN_PATHS``; a 401 answer for any other call."""
        if request.path in OPEN_PATHS or from_rasa(request.headers.get("authorization", ""), self.token):
            return None
        logger.warning("Refused %s %s from %s: no valid action token", request.method, request.path, request.ip)
        return response.json(REFUSED, status=401)
