"""Where the knowledge base lives and how to open it.

``DATABASE_URL`` (any SQLAlchemy URL) wins; otherwise an SQLite file under ``build/``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUILD_DIR = Path(os.environ.get("ROLEWISE_BUILD_DIR", PROJECT_DIR / "build"))
DEFAULT_DB_PATH = BUILD_DIR / "kb.sqlite3"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DB_PATH}"
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
    elif url.startswith("sqlite"):
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, connect_args={"check_same_thread": False})
    else:
        # Each session reads one snapshot: a KB reloaded meanwhile (one transaction) is never seen half old, half new.
        engine = create_engine(url, future=True, pool_pre_ping=True, isolation_level="REPEATABLE READ")
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
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
