"""Shared fixtures: a real knowledge base built from the real content files."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.build import build_database, checked_content
from kb.content import Content
from kb.db import make_engine
from tests.servers import Bot, running_bot


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


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    """The bot as `make run` starts it: no DATABASE_URL, no Slack settings."""
    with running_bot(tmp_path_factory.mktemp("bot")) as running:
        yield running
