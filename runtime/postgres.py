"""The production profile's PostgreSQL: a login role and two databases (the KB, Rasa's trackers)."""

from __future__ import annotations

import subprocess

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from runtime import settings


def can_log_in(pg: settings.Postgres) -> bool:
    """True when the configured role can connect to the ``postgres`` database."""
    engine = create_engine(pg.url("postgres"), future=True)
    try:
        with engine.connect():
            return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def ensure_role(pg: settings.Postgres) -> None:
    """Create the configured login role (with CREATEDB) if it cannot log in yet.

    Tries the ``postgres`` superuser over TCP first (trust authentication), then Debian's local
    peer authentication (``su postgres -c psql``), which works as root after ``apt-get install postgresql``.

    Raises:
        RuntimeError: neither way could create the role; the message says what to set instead.
    """
    if can_log_in(pg):
        return
    user, password = pg.user.replace('"', '""'), pg.password.replace("'", "''")
    statement = (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{pg.user}') "
        f"THEN CREATE ROLE \"{user}\" LOGIN CREATEDB PASSWORD '{password}'; "
        f"ELSE ALTER ROLE \"{user}\" LOGIN CREATEDB PASSWORD '{password}'; END IF; END $$;"
    )
    attempts = [
        ["psql", "-h", pg.host, "-p", str(pg.port), "-U", "postgres", "-d", "postgres", "-c", statement],
        ["su", "postgres", "-c", f"psql -p {pg.port} -d postgres -v ON_ERROR_STOP=1 -f -"],
    ]
    for command in attempts:
        given = statement if command[0] == "su" else None
        result = subprocess.run(command, input=given, capture_output=True, text=True, timeout=60)
        if result.returncode == 0 and can_log_in(pg):
            return
    raise RuntimeError(
        f"Cannot log in to PostgreSQL at {pg.host}:{pg.port} as {pg.user!r}, nor create that role. "
        "Set ROLEWISE_PG_USER and ROLEWISE_PG_PASSWORD to a role with CREATEDB."
    )


def ensure_databases(pg: settings.Postgres, names: tuple[str, ...]) -> None:
    """Create the databases ``names`` (the KB's and the trackers') if they are missing (the role needs CREATEDB)."""
    admin = create_engine(pg.url("postgres"), isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            existing = set(connection.execute(text("SELECT datname FROM pg_database")).scalars())
            for name in names:
                if name not in existing:
                    connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
