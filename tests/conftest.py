"""Shared fixtures: a real knowledge base built from the real content files."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.build import build_database, checked_content
from kb.content import Content
from kb.db import make_engine


@pytest.fixture(scope="session")
def content() -> Content:
    return checked_content()


@pytest.fixture(scope="session")
def engine(content: Content) -> Engine:
    engine = make_engine("sqlite://")
    build_database(engine, content)
    return engine


@pytest.fixture()
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session
