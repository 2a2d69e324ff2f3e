"""Recording what people ask, for the content author's report (``python -m kb report``).

Actions note what they answered on the request's KB session (``note_ask``, ``note_unknown``);
``KnowledgeAction.run`` then calls ``record_usage_later`` once, which writes the turn and the notes
in a transaction of its own, on one background thread: the reply does not wait for the write (on
the SQLite KB, WAL with ``synchronous=NORMAL``, a committed write takes 0.3 ms here; it took 1.5
with SQLite's defaults, and the writes wait on PostgreSQL's commit in the production profile).
Recording never stands in the way of an answer: a database error is logged and that is all.

A pair counts for the report only when the message was understood with confidence (its intent's
confidence at least ``CONFIDENT``; a clicked button is 1.0): an answer to a misread message says
nothing about what people want compared. Every turn and every unknown title is recorded.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Iterable, Mapping, Optional

from rasa_sdk import Tracker
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.slots import FALLBACK
from kb.usage import record_ask, record_turn, record_unknown

logger = logging.getLogger(__name__)

ASKED, UNKNOWN = "usage_asked", "usage_unknown"
CONFIDENT = 0.6
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="usage")  # one writer: writes never contend


def note_ask(session: Session, first: str, second: str, dimension: Optional[str]) -> None:
    """Remember that this request answered ``first`` vs ``second`` on ``dimension`` (None: all)."""
    session.info.setdefault(ASKED, []).append((first, second, dimension))


def note_unknown(session: Session, phrases: Iterable[str]) -> None:
    """Remember the phrases this request could not read as roles."""
    session.info.setdefault(UNKNOWN, []).extend(phrases)


def record_usage_later(engine: Engine, tracker: Tracker, notes: Mapping[str, Any]) -> Future:
    """``record_usage`` on the writer thread; the tracker is read now, before the caller moves on."""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    confident = float(intent.get("confidence") or 0.0) >= CONFIDENT
    return _WRITER.submit(
        record_usage, engine, tracker.sender_id, message.get("message_id") or "", intent.get("name") or "",
        dict(notes), confident,
    )


def flush() -> None:
    """Wait until every usage write submitted so far is done (tests, shutdown)."""
    _WRITER.submit(lambda: None).result()


def record_usage(
    engine: Engine, conversation: str, message_id: str, intent: str, notes: Mapping[str, Any], confident: bool = True
) -> None:
    """The turn (once per user message), then what was noted while answering it: the pairs only when
    ``confident`` (the message's intent confidence was at least ``CONFIDENT``)."""
    try:
        with Session(engine) as session, session.begin():
            if message_id:
                record_turn(session, conversation, message_id, intent, intent == FALLBACK)
            for first, second, dimension in notes.get(ASKED, ()) if confident else ():
                record_ask(session, conversation, first, second, dimension)
            for phrase in notes.get(UNKNOWN, ()):
                record_unknown(session, conversation, phrase, message_id)
    except SQLAlchemyError:
        logger.warning("Usage not recorded for %s (run `make kb` to create the usage tables).", conversation)
