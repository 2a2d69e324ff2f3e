"""The tracker store named in endpoints.yml (runtime/tracker_store.py): SQLite pragmas and the session rollover."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, event, text

from rasa.core.tracker_store import SQLTrackerStore

from runtime.tracker_store import RolewiseSQLTrackerStore, rollover_events, session_turns

POSTGRES = "postgresql://root@127.0.0.1:5432"
DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask_budget]
slots:
  role_a: {type: text, mappings: [{type: custom}]}
  role_b: {type: text, mappings: [{type: custom}]}
  dimension: {type: text, initial_value: scope, mappings: [{type: custom}]}
forms:
  comparison_form: {required_slots: [role_a, role_b]}
actions: [action_answer_question]
"""
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_args(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """How to open a tracker store on a fresh SQLite file, or on a fresh PostgreSQL database (the
    production profile's dialect, on the PostgreSQL this machine runs)."""
    if request.param == "sqlite":
        yield {"dialect": "sqlite", "db": str(tmp_path / "tracker.db")}
        return
    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield {"dialect": "postgresql", "host": "127.0.0.1", "port": 5432, "db": name, "username": "root"}
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def conversation(turns: int, sender: str = "rest:long") -> DialogueStateTracker:
    """``turns`` finished turns: the user asks, the action sets slots, the bot listens."""
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    for index in range(turns):
        tracker.update(UserUttered(f"question {index}", {"name": "ask_budget", "confidence": 1.0}))
        tracker.update(ActionExecuted("action_answer_question"))
        tracker.update(SlotSet("role_a", "Buyer"))
        tracker.update(SlotSet("role_b", f"Plant Manager {index}"))
        tracker.update(ActionExecuted("action_listen"))
    return tracker


def test_a_session_starts_after_the_set_number_of_turns_with_the_changed_slots() -> None:
    assert rollover_events(conversation(19), 20) == []
    events = rollover_events(conversation(20), 20)
    assert [e.as_dict()["event"] for e in events] == ["action", "session_started", "slot", "slot", "action"]
    assert [(e.key, e.value) for e in events if isinstance(e, SlotSet)] == [
        ("role_a", "Buyer"),
        ("role_b", "Plant Manager 19"),
    ]
    assert (events[0].action_name, events[-1].action_name) == ("action_session_start", "action_listen")
    assert len({e.timestamp for e in events}) == 1
    assert rollover_events(conversation(20), 0) == []


def test_no_new_session_in_the_middle_of_a_turn_or_a_form() -> None:
    unfinished = conversation(20)
    unfinished.update(UserUttered("one more", {"name": "ask_budget", "confidence": 1.0}))
    unfinished.update(ActionExecuted("action_answer_question"))
    assert rollover_events(unfinished, 20) == []
    in_form = conversation(20)
    in_form.update(ActiveLoop("comparison_form"))
    in_form.update(ActionExecuted("action_listen"))
    assert rollover_events(in_form, 20) == []


def test_turns_are_counted_from_the_last_session_start() -> None:
    tracker = conversation(7)
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("again", {"name": "ask_budget", "confidence": 1.0}))
    assert (session_turns(conversation(7)), session_turns(tracker)) == (7, 1)


def test_the_store_keeps_sqlite_in_wal_mode_and_loads_only_the_new_session(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = RolewiseSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db), turns_per_session=20)
    asyncio.run(store.save(conversation(20)))
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone() == ("wal",)  # kept in the file
    # The store keeps its connection, so SQLite does not checkpoint and remove the WAL after each save.
    assert (tmp_path / "tracker.db-wal").exists()
    loaded = asyncio.run(store.retrieve("rest:long"))
    assert loaded is not None
    assert [e.as_dict()["event"] for e in loaded.events] == ["action", "session_started", "slot", "slot", "action"]
    assert (loaded.get_slot("role_a"), loaded.get_slot("role_b"), loaded.get_slot("dimension")) == (
        "Buyer",
        "Plant Manager 19",
        "scope",
    )
    full = asyncio.run(store.retrieve_full_tracker("rest:long"))
    assert full is not None and session_turns(full) == 0 and len(full.events) == 1 + 20 * 5 + 5


@pytest.mark.parametrize("turns", [19, 20])
def test_the_store_saves_every_event_of_the_turn(tmp_path: Path, turns: int) -> None:
    store = RolewiseSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), turns_per_session=20)
    asyncio.run(store.save(conversation(turns)))
    full = asyncio.run(store.retrieve_full_tracker("rest:long"))
    assert full is not None and len(full.events) == 1 + turns * 5 + (5 if turns == 20 else 0)


def one_more_turn(tracker: DialogueStateTracker, text_: str) -> None:
    tracker.update(UserUttered(text_, {"name": "ask_budget", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_answer_question"))
    tracker.update(SlotSet("role_b", text_))
    tracker.update(ActionExecuted("action_listen"))


def test_a_loaded_tracker_is_saved_with_one_insert_and_each_event_once(tmp_path: Path) -> None:
    store = RolewiseSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), turns_per_session=20)
    asyncio.run(store.save(conversation(3)))
    loaded = asyncio.run(store.retrieve("rest:long"))
    assert loaded is not None
    one_more_turn(loaded, "fourth")
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2].split()[0])  # noqa: E731 (conn, cursor, statement, ...)
    event.listen(store.engine, "before_cursor_execute", listener)
    asyncio.run(store.save(loaded))
    asyncio.run(store.save(loaded))  # nothing new: nothing written
    event.remove(store.engine, "before_cursor_execute", listener)
    assert statements == ["INSERT"]  # the turn's 4 events in one statement; the second save writes nothing
    full = asyncio.run(store.retrieve_full_tracker("rest:long"))
    assert full is not None and len(full.events) == 1 + 3 * 5 + 4


def test_a_tracker_saved_again_after_a_new_session_stores_only_its_new_events(tmp_path: Path) -> None:
    """Rasa's count covers the current session only, so after the rollover it would store the old session again."""
    store = RolewiseSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), turns_per_session=20)
    tracker = conversation(20)
    asyncio.run(store.save(tracker))  # adds the new session
    one_more_turn(tracker, "after the new session")
    asyncio.run(store.save(tracker))
    full = asyncio.run(store.retrieve_full_tracker("rest:long"))
    assert full is not None and len(full.events) == 1 + 20 * 5 + 5 + 4
    loaded = asyncio.run(store.retrieve("rest:long"))
    assert loaded is not None and session_turns(loaded) == 1 and len(loaded.events) == 5 + 4


@pytest.mark.parametrize("turns", [0, 3, 20, 45])
def test_the_prepared_load_gives_what_rasas_own_load_gives(store_args: dict[str, Any], turns: int) -> None:
    """No session start, one, and several (45 turns: two rollovers), beside another conversation."""
    store = RolewiseSQLTrackerStore(DOMAIN, turns_per_session=20, **store_args)
    asyncio.run(store.save(conversation(5, sender="rest:other")))
    tracker = conversation(0)
    asyncio.run(store.save(tracker))
    for index in range(turns):
        one_more_turn(tracker, f"turn {index}")
        asyncio.run(store.save(tracker))
    ours = asyncio.run(store.retrieve("rest:long"))
    rasas = asyncio.run(SQLTrackerStore._retrieve(store, "rest:long", fetch_events_from_all_sessions=False))
    assert ours is not None and rasas is not None
    assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in rasas.events]
    assert len(ours.events) == {0: 1, 3: 13, 20: 4, 45: 4 + 5 * 4}[turns]  # a new session: 3 + the one slot set
    assert asyncio.run(store.retrieve("rest:nobody")) is None


def test_a_turn_is_stored_in_the_rows_rasas_own_save_writes(store_args: dict[str, Any]) -> None:
    tracker = conversation(3)
    one_more_turn(tracker, "a fourth question")
    ours = RolewiseSQLTrackerStore(DOMAIN, turns_per_session=0, **store_args)
    asyncio.run(ours.save(tracker))
    tracker.sender_id = "rest:rasas"
    asyncio.run(SQLTrackerStore(DOMAIN, **store_args).save(tracker))
    query = "SELECT type_name, timestamp, intent_name, action_name, data FROM events WHERE sender_id = :s ORDER BY id"
    with ours.engine.connect() as connection:
        rows = [connection.execute(text(query), {"s": sender}).all() for sender in ("rest:long", "rest:rasas")]
    assert len(rows[0]) == 1 + 3 * 5 + 4 and rows[0] == rows[1]
    assert [row[2] for row in rows[0][:3]] == [None, "ask_budget", None]


def test_the_shipped_bot_keeps_the_pair_across_a_new_session(tmp_path: Path) -> None:
    """The bot as `make run` starts it (endpoints.yml): 23 turns on one pair, a form in the middle; every
    answer names the pair, and the tracker file holds the two sessions of the conversation."""
    from bench.bots import RestClient, private_kb
    from bench.setups import embedded

    pair = ("Buyer", "Plant Manager")
    script = ["who earns more, a buyer or a plant manager?"] + [
        ("and what about crisis management?", "who earns more?", "tell me more", "and decisions?")[i % 4]
        for i in range(22)
    ]
    with embedded("shipped", tmp_path / "bot", False, private_kb(tmp_path)) as bot:
        client = RestClient(bot.url)
        try:
            replies = [client.say("long-pair", message)[0] for message in script]
            form = [client.say("form-user", m)[0] for m in ("who earns more?", "a buyer", "a plant manager")]
        finally:
            client.close()
    texts = [reply[0]["text"] if reply else "" for reply in replies]
    assert [i for i, t in enumerate(texts) if not all(name in t for name in pair)] == []
    assert form[2] is not None and all(name in form[2][0]["text"] for name in pair)
    connection = sqlite3.connect(tmp_path / "bot" / "tracker.db")
    rows = connection.execute(
        "SELECT type_name, COUNT(*) FROM events WHERE sender_id = 'rest:long-pair'"
        " AND type_name IN ('session_started', 'user') GROUP BY type_name ORDER BY type_name"
    ).fetchall()
    assert rows == [("session_started", 2), ("user", 23)]
