"""The tracker store ``make run`` uses (``tracker_store: type`` in endpoints.yml): Rasa's SQLTrackerStore, made cheaper.

Loaded by the Rasa server (named in endpoints.yml and endpoints.production.yml).

- **SQLite: WAL journal and ``synchronous=NORMAL``** on every connection (SQLAlchemy's ``connect``
  event, the documented way to set per-connection pragmas), and connections kept in a pool. With
  SQLite's default rollback journal and ``synchronous=FULL`` each commit waits on two fsyncs; in WAL
  mode with ``NORMAL`` a commit waits on none (the WAL is synced at checkpoints). A committed turn
  can then be lost on a power failure or OS crash (never on a crash of Rasa itself), which a chat
  history can afford. WAL mode is persistent in the database file once set; ``synchronous`` is per
  connection. Other databases are left as they are.
- **A new Rasa session every ``turns_per_session`` user turns**, slots carried over, added when a
  turn has ended (the tracker's last action is ``action_listen``) and no form is active: the events
  Rasa's own ``action_session_start`` adds when a session expires (``ActionExecuted
  (action_session_start)``, ``SessionStarted``, the slots, ``ActionExecuted(action_listen)``).
  SQLTrackerStore loads only the events since the last ``session_started``, so the history Rasa
  loads, saves and sends to the action server on each turn stays bounded however long a
  conversation runs. 0 turns it off.
- **One prepared load query.** Rasa builds its ORM load query (the events since the last
  ``session_started``) anew on every turn. This store builds the same query once, with the sender
  as a bound parameter (``current_session_events``), and loads the latest session with it: 0.8 ms
  instead of 1.6 for a 16-event session, in process.
- **A save is one INSERT.** Rasa's ``save`` counts the stored events of the current session with a
  query, to know which of the tracker's events are new, then adds each as an ORM object. This store
  notes on the tracker how many of its events are stored, when it loads or saves it, and writes the
  rest in one multi-row INSERT of exactly the rows Rasa writes (``event_row``; Rasa's count only
  for a tracker it did not load). Rasa's lock store keeps one turn of a conversation at a time.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import Table, bindparam, create_engine, event, func, insert, or_, select
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql import Select

from kb.db import set_sqlite_file_pragmas

DEFAULT_TURNS_PER_SESSION = 20


def sqlite_engine(url: URL) -> Engine:
    """An engine on the SQLite file ``url`` that keeps its connections and sets the pragmas on each, as
    the KB's does (``kb.db.sqlite_file_engine``: why), but in SQLAlchemy's 1.x style that Rasa's store uses.

    Rasa uses the store from its event loop only, one session at a time, so a connection is never
    shared by two threads at once.
    """
    engine = create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", set_sqlite_file_pragmas)
    return engine


def session_turns(tracker: DialogueStateTracker) -> int:
    """User turns in the tracker's current session (since its last ``SessionStarted``)."""
    turns = 0
    for item in reversed(tracker.events):
        if isinstance(item, SessionStarted):
            break
        turns += isinstance(item, UserUttered)
    return turns


def rollover_events(tracker: DialogueStateTracker, turns_per_session: int) -> list[Event]:
    """The events that start a new session with the slots carried over, or none when it is not time:
    fewer than ``turns_per_session`` user turns in this session, a form active, or a turn not finished."""
    if turns_per_session <= 0 or session_turns(tracker) < turns_per_session:
        return []
    if tracker.active_loop_name or tracker.latest_action_name != ACTION_LISTEN_NAME:
        return []
    # One timestamp for all: SQLTrackerStore loads the events whose timestamp is at least the last
    # SessionStarted's, so a slot stamped a moment before it would be left behind.
    now = time.time()
    carried = [
        SlotSet(name, slot.value, timestamp=now)
        for name, slot in tracker.slots.items()
        if slot.value != slot.initial_value
    ]
    return [
        ActionExecuted(ACTION_SESSION_START_NAME, timestamp=now),
        SessionStarted(timestamp=now),
        *carried,
        ActionExecuted(ACTION_LISTEN_NAME, timestamp=now),
    ]


def current_session_events(events: Table) -> Select:
    """The ``data`` of one conversation's events since its last ``session_started`` (all of them
    if it has none), in the order stored: Rasa's ``SQLTrackerStore._event_query`` for the latest
    session, with the sender as the bound parameter ``sender_id``."""
    sender = bindparam("sender_id")
    session_start = (
        select(func.max(events.c.timestamp))
        .where(events.c.sender_id == sender, events.c.type_name == SessionStarted.type_name)
        .scalar_subquery()
    )
    return (
        select(events.c.data)
        .where(events.c.sender_id == sender, or_(events.c.timestamp >= session_start, session_start.is_(None)))
        .order_by(events.c.id)
    )


def event_row(sender_id: str, item: Event) -> dict[str, Any]:
    """The ``events`` row Rasa's ``SQLTrackerStore.save`` writes for ``item`` (all columns but the id)."""
    data = item.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": item.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


STORED_EVENTS = "_rolewise_stored_events"  # on a tracker: how many of its events are in the table


class RolewiseSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with the SQLite pragmas, the session rollover and the saves described above."""

    def __init__(self, *args: Any, turns_per_session: Optional[int] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.turns_per_session = DEFAULT_TURNS_PER_SESSION if turns_per_session is None else int(turns_per_session)
        if self.engine.dialect.name == "sqlite":
            self.engine.dispose()
            self.engine = sqlite_engine(self.engine.url)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self._current_session = current_session_events(self.SQLEvent.__table__)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Adds a new session when this one is long enough, then writes the tracker's new events in one
        INSERT (see the module)."""
        for item in rollover_events(tracker, self.turns_per_session):
            tracker.update(item)
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = [event_row(tracker.sender_id, item) for item in self._additional_events(session, tracker)]
            if rows:
                session.execute(insert(self.SQLEvent.__table__), rows)
            session.commit()
        setattr(tracker, STORED_EVENTS, len(tracker.events))

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's load (the latest session by the prepared query); the tracker notes its events are all stored."""
        if fetch_events_from_all_sessions:
            tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        else:
            with self.session_scope() as session:
                rows = session.execute(self._current_session, {"sender_id": sender_id}).scalars().all()
            events = [json.loads(data) for data in rows]
            tracker = None
            if self.domain and events:
                tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if tracker is not None:
            setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The tracker's events after those it notes as stored; Rasa's count query if it notes none."""
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))
