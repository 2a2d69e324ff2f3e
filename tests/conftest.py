"""Shared fixtures: two knowledge bases, and the running bot.

``small_content`` / ``small_engine`` / ``small_session``: the small KB written for the tests
(``tests/fixtures/small_kb``: ten roles, two contrasts). Action and query tests use it, so
editing the real content never breaks them.

``content`` / ``engine`` / ``session``: the real content (``kb/data``), for the content
tests (``tests/kb/data/test_content.py``), the NLU matcher and anything that talks to the bot.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.build import build_database, checked_content
from kb.content.load import Content, load_content
from kb.db import make_engine
from kb.content.validate import validate
from tests.servers import Bot, free_port, running_bot

SMALL_KB_DIR = Path(__file__).resolve().parent / "fixtures" / "small_kb"


def in_memory(content: Content) -> Engine:
    """An in-memory KB built from ``content``."""
    engine = make_engine("sqlite://")
    build_database(engine, content)
    return engine


@pytest.fixture(scope="session")
def small_content() -> Content:
    content = load_content(SMALL_KB_DIR)
    assert validate(content) == []
    return content


@pytest.fixture(scope="session")
def small_engine(small_content: Content) -> Engine:
    return in_memory(small_content)


@pytest.fixture()
def small_session(small_engine: Engine) -> Iterator[Session]:
    with Session(small_engine) as session:
        yield session


@pytest.fixture(scope="session")
def content() -> Content:
    return checked_content()


@pytest.fixture(scope="session")
def engine(content: Content) -> Engine:
    return in_memory(content)


@pytest.fixture()
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@pytest.fixture(scope="session")
def web_port() -> int:
    """The port the demo page is served on in this test session."""
    return free_port()


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory, web_port: int) -> Iterator[Bot]:
    """The bot as `make run` starts it (no DATABASE_URL, no Slack settings), for a page on ``web_port``."""
    with running_bot(tmp_path_factory.mktemp("bot"), {"WEB_PORT": str(web_port)}) as running:
        yield running
