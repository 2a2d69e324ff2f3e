"""Fixtures of the KB tests: a PostgreSQL database of their own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

POSTGRES = "postgresql://root@127.0.0.1:5432"


@pytest.fixture()
def postgres_kb() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (127.0.0.1:5432, trust auth), dropped after the test."""
    name = f"rolewise_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{POSTGRES}/postgres", isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
