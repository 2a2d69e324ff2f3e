"""The input limits every channel (REST, socket.io, Slack) applies, in one place.

- **Message text**: at most ``MAX_MESSAGE_CHARS`` characters are read (``channels.guard`` cuts
  the rest, on every channel).
- **Metadata** (kept by Rasa in the conversation's history with every message): a JSON object of
  at most ``MAX_METADATA_BYTES`` bytes of JSON, nesting at most ``MAX_METADATA_DEPTH`` levels.
  Before, socket.io took any: one 300 KB metadata turn stored 1.2 MB of events, a 900 KB one
  made every later turn of that conversation several times slower, depth 400 was accepted.
- **Control payloads** (``/session_start``, ``/restart``, ``/back``): Rasa's own intents, which a
  user can type. Each is logged. ``/restart`` starts the conversation over, as the bot offers;
  ``/session_start`` and ``/back`` (which answered "something went wrong" and undid turns unseen)
  are answered with ``control_reply`` and never reach Rasa.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional

from kb.wording.replies import TYPED_COMMAND

MAX_MESSAGE_CHARS = 2000
MAX_METADATA_DEPTH = 8
MAX_METADATA_BYTES = 4096
CONTROL_INTENTS = frozenset({"session_start", "restart", "back"})
ANSWERED_HERE = frozenset({"session_start", "back"})
PAYLOAD_INTENT = re.compile(r"^/\s*([A-Za-z_][\w\-]*)")
CONTROL_REPLY = TYPED_COMMAND


def depth(value: Any) -> int:
    """How deeply JSON objects and arrays nest in ``value`` (a scalar is 0), counted without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level + 1)
        stack.extend((child, level + 1) for child in children)
    return deepest


def metadata_problem(metadata: Any) -> Optional[str]:
    """Why ``metadata`` is refused (a sentence naming the limit), or None when it is acceptable.

    None and ``{}`` are acceptable; anything else must be a JSON object within the limits above.
    The depth is checked first, so a deeply nested value is never serialised.
    """
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        return '"metadata" must be a JSON object when given.'
    if depth(metadata) > MAX_METADATA_DEPTH:
        return f'"metadata" may nest at most {MAX_METADATA_DEPTH} levels deep.'
    try:
        size = len(json.dumps(metadata).encode())
    except (TypeError, ValueError):
        return '"metadata" must be plain JSON.'
    if size > MAX_METADATA_BYTES:
        return f'"metadata" may be at most {MAX_METADATA_BYTES} bytes of JSON.'
    return None


def control_intent(text: str) -> Optional[str]:
    """The Rasa control intent (``CONTROL_INTENTS``) a typed ``/intent{...}`` payload names, else None."""
    match = PAYLOAD_INTENT.match(text.strip())
    return match.group(1) if match and match.group(1) in CONTROL_INTENTS else None


def control_reply(name: str) -> str:
    """The plain answer to a typed control payload ``/name``."""
    return CONTROL_REPLY.format(name=name)
