"""Which build of the knowledge base a session reads: the key of every cache of KB-derived values."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import Build

BUILD_KEY = "kb_build"


def build_id(session: Session) -> str:
    """Identifies this build of the KB ("" if none); changes every time ``make kb`` reloads the content.

    Read once per session and kept in ``session.info``: a session answers one request, and the
    caches keyed by it (aliases, aspects, answers) cost one query per request however many it reads.
    """
    if BUILD_KEY not in session.info:
        session.info[BUILD_KEY] = session.execute(select(Build.id)).scalar_one_or_none() or ""
    return str(session.info[BUILD_KEY])
