"""Website conversation ids the server issues and can verify, so no browser can adopt another's.

The widget is handed a session id ``<random>.<signature>``: 24 random bytes (URL-safe base64) and
their HMAC-SHA256 under the session secret (``runtime.settings.session_secret``). The widget keeps it
(so a reload continues the conversation) and offers it back on reconnect; the server accepts only
ids it signed. The conversation is ``web:<random>``: the tracker id alone does not give the signature.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any, Optional

NAMESPACE = "web:"
MAX_SESSION_ID_CHARS = 128
RANDOM_BYTES = 24


def _signature(secret: bytes, token: str) -> str:
    digest = hmac.new(secret, token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue(secret: bytes) -> str:
    """A new session id, ``<random>.<signature>`` (76 characters)."""
    token = secrets.token_urlsafe(RANDOM_BYTES)
    return f"{token}.{_signature(secret, token)}"


def conversation(secret: bytes, session_id: Any) -> Optional[str]:
    """The conversation ``web:<random>`` a session id belongs to, or None for an id this server did not sign.

    Anything that is not a string of at most ``MAX_SESSION_ID_CHARS`` characters is refused as well.
    """
    if not isinstance(session_id, str) or len(session_id) > MAX_SESSION_ID_CHARS:
        return None
    token, dot, signature = session_id.partition(".")
    if not token or not dot or not hmac.compare_digest(signature.encode(), _signature(secret, token).encode()):
        return None
    return NAMESPACE + token
