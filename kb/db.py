"""Where the knowledge base lives and how to open it.

``DATABASE_URL`` (any SQLAlchemy URL) wins; otherwise an SQLite file under ``build/``.
"""

from __future__ import annotations

import os
from pathlib import Path

from typing import Any, Union

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool, StaticPool

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUILD_DIR = Path(os.environ.get("ROLEWISE_BUILD_DIR", PROJECT_DIR / "build"))
DEFAULT_DB_PATH = BUILD_DIR / "kb.sqlite3"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DB_PATH}"
SQLITE_FILE_PRAGMAS = ("PRAGMA foreign_keys=ON", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")
REQUIRED_TABLES = {"kb_build", "role", "role_alias", "dimension", "role_trait", "contrast", "contrast_point"}


class KnowledgeBaseUnavailable(RuntimeError):
    """The configured database cannot be opened or holds no knowledge base."""


def database_url() -> str:
    """The URL in force: ``DATABASE_URL`` if set and not blank, else the embedded SQLite file."""
    return os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL


def make_engine(url: str | None = None) -> Engine:
    """Engine for ``url``; an in-memory SQLite URL shares one connection so data persists."""
    url = url or database_url()
    if url.startswith("sqlite") and (url.endswith(":memory:") or url in ("sqlite://", "sqlite:///")):
        engine = create_engine(url, future=True, poolclass=StaticPool, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_foreign_keys)
    elif url.startswith("sqlite"):
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        engine = sqlite_file_engine(url)
    else:
        # Each session reads one snapshot: a KB reloaded meanwhile (one transaction) is never seen half old, half new.
        engine = create_engine(url, future=True, pool_pre_ping=True, isolation_level="REPEATABLE READ")
    return engine


def sqlite_file_engine(url: Union[str, URL]) -> Engine:
    """An engine on the SQLite file ``url`` that keeps its connections and sets ``SQLITE_FILE_PRAGMAS`` on each.

    - **Kept connections** (a QueuePool, SQLAlchemy 2.0's default for SQLite files; 1.4 opens a
      new connection for every session, 0.5 ms a request here). They matter in WAL mode too: when
      the last connection to the file closes, SQLite checkpoints the WAL and syncs the database.
    - **WAL journal, ``synchronous=NORMAL``**: a commit waits on no fsync (the WAL is synced at
      checkpoints) and readers never wait for a writer. A commit can be lost on a power failure or
      OS crash, never on a crash of the process. WAL mode persists in the file; the rest is per connection.
    - **Foreign keys** on, which SQLite leaves off unless asked.

    ``check_same_thread`` is off so the pool can hand a connection to any thread; a session, and so
    its connection, is used by one thread at a time.
    """
    engine = create_engine(url, future=True, poolclass=QueuePool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", set_sqlite_file_pragmas)
    return engine


def set_sqlite_file_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLAlchemy ``connect`` listener: ``SQLITE_FILE_PRAGMAS`` on a new SQLite connection."""
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_FILE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_existing(url: str | None = None) -> Engine:
    """Engine for a knowledge base that must already be built; fails loudly otherwise.

    A server must not start on an empty or missing database and then answer
    every question with an error, so this checks the tables up front.
    """
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        path = Path(url[len("sqlite:///") :])
        if not path.exists():
            raise KnowledgeBaseUnavailable(
                f"No knowledge base at {path} (DATABASE_URL={url!r}). Run `make kb` to build it "
                "or set DATABASE_URL to a built database."
            )
    engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
    except Exception as error:
        raise KnowledgeBaseUnavailable(f"Cannot open the knowledge base at DATABASE_URL={url!r}: {error}") from error
    missing = REQUIRED_TABLES - tables
    if missing:
        raise KnowledgeBaseUnavailable(
            f"The database at DATABASE_URL={url!r} holds no knowledge base "
            f"(missing tables: {', '.join(sorted(missing))}). Run `make kb`."
        )
    return engine


def read_session(engine: Engine) -> Session:
    """A session whose reads all come from one snapshot of the KB: one build, never part of two.

    ``kb build`` replaces the KB in one transaction; a reader must also read in one. PostgreSQL
    engines from ``make_engine`` read in REPEATABLE READ. pysqlite runs each SELECT outside any
    transaction, so two queries of one answer could read two builds (the roles of the old one,
    the pay rows of the new one): on an SQLite file the session's connection opens a read
    transaction (``BEGIN``) as it starts, ended by the session's commit, rollback or close. In
    WAL mode that transaction holds a snapshot and blocks no writer.
    """
    session = Session(engine)
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        event.listen(session, "after_begin", _begin_sqlite_read)
    return session


def _begin_sqlite_read(_session: Session, _transaction: Any, connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")
