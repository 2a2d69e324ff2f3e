"""The tracker store on its own: what one turn's load and save cost, and how big the file grows.

``save_and_load`` replays real conversations (the shipped bot's tracker file from the latency
run) turn by turn into a fresh SQLite file through Rasa's ``SQLTrackerStore`` as Rasa configures it
(``type: SQL``, what endpoints.yml named before) and through ``RolewiseSQLTrackerStore`` (what it
names now), in process, timing ``retrieve`` + ``save`` of each turn as Rasa calls them.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.tracker_store import RolewiseSQLTrackerStore
from bench.stats import summarize
from tests.servers import ROOT


def footprint(db: Path) -> dict[str, Any]:
    """Events, event data and file size of a tracker file, per 1,000 user turns."""
    connection = sqlite3.connect(db)
    try:
        events, data, turns = connection.execute(
            "SELECT COUNT(*), SUM(LENGTH(data)), SUM(type_name = 'user') FROM events"
        ).fetchone()
    finally:
        connection.close()
    files = [db, db.with_name(db.name + "-wal")]
    size = sum(f.stat().st_size for f in files if f.exists())
    per = 1000 / turns if turns else 0.0
    return {
        "user_turns": turns,
        "events": events,
        "events_per_1000_turns": events * per,
        "data_mb_per_1000_turns": data * per / 2**20,
        "file_mb_per_1000_turns": size * per / 2**20,
    }


def conversations(db: Path, limit: int) -> list[list[list[dict[str, Any]]]]:
    """Up to ``limit`` conversations of a tracker file, each as its turns (events from one user
    message up to the next), without session starts."""
    connection = sqlite3.connect(db)
    try:
        query = "SELECT sender_id FROM events GROUP BY sender_id ORDER BY MIN(id) LIMIT ?"
        senders = [s for (s,) in connection.execute(query, (limit,))]
        result = []
        for sender in senders:
            turns: list[list[dict[str, Any]]] = []
            for (data,) in connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)):
                event = json.loads(data)
                if event["event"] == "user" or not turns:
                    turns.append([])
                turns[-1].append(event)
            result.append(turns)
        return result
    finally:
        connection.close()


async def _replay(store: SQLTrackerStore, domain: Domain, talks: list[list[list[dict[str, Any]]]]) -> list[float]:
    """Milliseconds of ``retrieve`` + ``save`` for each user turn (building the events is not timed)."""
    timings = []
    for index, turns in enumerate(talks):
        sender = f"replay-{index}"
        for turn in turns:
            events = [e for e in (Event.from_parameters(data) for data in turn) if e is not None]
            start = time.perf_counter()
            tracker = await store.retrieve(sender)
            loaded = time.perf_counter()
            tracker = tracker or DialogueStateTracker(sender, domain.slots)
            for event in events:
                tracker.update(event)
            saving = time.perf_counter()
            await store.save(tracker)
            if any(isinstance(e, UserUttered) for e in events):
                timings.append((loaded - start + time.perf_counter() - saving) * 1000)
    return timings


def save_and_load(source: Path, folder: Path, limit: int = 60) -> dict[str, Any]:
    """Per-turn retrieve + save wall time of both stores on the conversations in ``source``."""
    domain = Domain.load(str(ROOT / "domain.yml"))
    talks = conversations(source, limit)
    stores = {
        "rasa_sql": ("Rasa's SQLTrackerStore on SQLite (defaults: rollback journal, synchronous=FULL)",
                     lambda db: SQLTrackerStore(domain, dialect="sqlite", db=str(db))),
        "rolewise": ("RolewiseSQLTrackerStore on SQLite (WAL, synchronous=NORMAL, pooled connections, prepared "
                     "load, one INSERT per save)",
                     lambda db: RolewiseSQLTrackerStore(domain, dialect="sqlite", db=str(db))),
    }  # fmt: skip
    result: dict[str, Any] = {}
    for name, (label, make) in stores.items():
        store = make(folder / f"{name}.db")
        timings = asyncio.run(_replay(store, domain, talks))
        store.engine.dispose()
        result[name] = {"label": label, "turns": len(timings), "ms": summarize(timings)}
    return result
