"""The input limits every channel (REST, socket.io, Slack) applies, in one place.

- **Message text**: at most ``MAX_MESSAGE_CHARS`` characters are read (``shortened``, applied by
  ``channels.guard`` on every channel). A longer message keeps its opening sentences and its last ones,
  where a story or a pasted advert usually asks its question, and the answer says it was shortened
  (``shortened_note``). Before, only the start was kept: the question at the end was lost.
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

from kb.wording.replies import LONG_MESSAGE, TYPED_COMMAND

MAX_MESSAGE_CHARS = 2000
OPENING_CHARS = 500  # of a longer message, at most this much of its start is kept; its end fills the rest
CUT = "\n…\n"  # between the opening and the end kept of a longer message
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_METADATA_DEPTH = 8
MAX_METADATA_BYTES = 4096
CONTROL_INTENTS = frozenset({"session_start", "restart", "back"})
ANSWERED_HERE = frozenset({"session_start", "back"})
PAYLOAD_INTENT = re.compile(r"^/\s*([A-Za-z_][\w\-]*)")
CONTROL_REPLY = TYPED_COMMAND


def shortened(text: str) -> str:
    """``text`` as read: unchanged up to ``MAX_MESSAGE_CHARS``; a longer one keeps its opening sentences
    (at most ``OPENING_CHARS``) and, after ``CUT``, as many of its last sentences as fit in the rest.

    Cuts fall between sentences; a sentence too long for its share is cut between words (between
    characters only when it has no spaces).
    """
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    breaks = list(SENTENCE_BREAK.finditer(text))
    opening = max((b.start() for b in breaks if b.start() <= OPENING_CHARS), default=None)
    if opening is None:
        space = text.rfind(" ", 0, OPENING_CHARS + 1)
        opening = space if space > 0 else OPENING_CHARS
    room = MAX_MESSAGE_CHARS - len(CUT) - len(text[:opening].rstrip())
    first = len(text) - room  # the earliest character of the end that fits
    ending = min((b.end() for b in breaks if b.end() >= first), default=None)
    if ending is None:
        space = text.find(" ", first)
        ending = space + 1 if space >= 0 else first
    return text[:opening].rstrip() + CUT + text[ending:].strip()


def shortened_note(length: int) -> str:
    """What the answer to a message of ``length`` characters says when the message was shortened."""
    return LONG_MESSAGE.format(length=length, limit=MAX_MESSAGE_CHARS)


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
