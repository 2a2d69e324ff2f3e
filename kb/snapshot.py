"""Which build of the knowledge base a session reads: the key of every cache of KB-derived values."""

from __future__ import annotations

from typing import Callable, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import Build

BUILD_KEY = "kb_build"
T = TypeVar("T")


def build_id(session: Session) -> str:
    """Identifies this build of the KB ("" if none); changes every time ``make kb`` reloads the content.

    Read once per session and kept in ``session.info``: a session answers one request, and the
    caches keyed by it (aliases, aspects, answers) cost one query per request however many it reads.
    """
    if BUILD_KEY not in session.info:
        session.info[BUILD_KEY] = session.execute(select(Build.id)).scalar_one_or_none() or ""
    return str(session.info[BUILD_KEY])


def per_build(session: Session, name: str, compute: Callable[[], T]) -> T:
    """What ``compute`` reads from the KB, read once per KB build (a rebuild's new build id reads it again);
    ``name`` tells the values apart."""
    build = build_id(session)
    found = _PER_BUILD.get(name)
    if found is None or found[0] != build:
        found = (build, compute())
        _PER_BUILD[name] = found
    return found[1]  # type: ignore[no-any-return]


_PER_BUILD: dict[str, tuple[str, object]] = {}
