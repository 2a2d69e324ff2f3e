"""Feedback is checked against the KB before it is stored (kb.usage.feedback_problem), on SQLite and PostgreSQL.

Before, a forged ``/feedback`` payload was stored verbatim (a script tag as a role name, printed by
``make report``) and, on PostgreSQL, a 100-character dimension raised a DataError.
"""

from __future__ import annotations

from typing import Optional

import pytest
from sqlalchemy.orm import Session

from kb.build import build_database
from kb.content.load import Content
from kb.db import make_engine
from kb.usage import create_usage_tables, feedback_of, feedback_problem, record_feedback

CASES = [
    (("Buyer", "Plant Manager", "budget"), None),
    (("Buyer", "Plant Manager", None), None),
    ((None, None, None), None),
    (("Buyer", None, "budget"), None),
    (("<script>alert(1)</script>", "Buyer", "budget"), "no role is called '<script>alert(1)</script>'"),
    (("Buyer", "Astronaut", "budget"), "no role is called 'Astronaut'"),
    (("buyer", "Plant Manager", "budget"), "no role is called 'buyer'"),  # names as the KB writes them
    (("Buyer", "Plant Manager", "x" * 100), "the dimension is not a dimension name"),
    (("Buyer", "Plant Manager", "vibes"), "no dimension is called 'vibes'"),
    (("B" * 500, "Plant Manager", "budget"), "a role is not a role name"),
]


def check_then_store(session: Session, conversation: str, about: tuple) -> Optional[str]:
    problem = feedback_problem(session, *about)
    if problem is None:
        record_feedback(session, conversation, False, *about)
    return problem


@pytest.mark.parametrize(("about", "problem"), CASES)
def test_feedback_is_checked_against_the_kb_on_sqlite(small_session: Session, about: tuple, problem: str) -> None:
    assert feedback_problem(small_session, *about) == problem


def test_on_postgresql_forged_feedback_is_refused_and_the_rest_stored(small_content: Content, postgres_kb: str) -> None:
    engine = make_engine(postgres_kb)
    build_database(engine, small_content)
    create_usage_tables(engine)
    with Session(engine) as session, session.begin():
        problems = [check_then_store(session, "rest:probe", about) for about, _ in CASES]
    with Session(engine) as session:
        stored = feedback_of(session, "rest:probe")
    engine.dispose()
    assert problems == [problem for _, problem in CASES]
    assert stored == [(False, *about) for about, problem in CASES if problem is None]
