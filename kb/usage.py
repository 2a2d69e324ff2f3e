"""What people ask and what they think of the answers: the usage tables, and how rows get in.

    Turn          one user message that reached a knowledge action (``fell_back`` when NLU could not read it)
    Ask           one answered comparison: the pair (role names, in the order asked) and the dimension
                  (NULL = the full comparison)
    UnknownTitle  a phrase a user typed as a role that names no known role, as typed, once per message
    Feedback      a "helpful" / "not helpful" click on an answer (pair and dimension as in Ask; one role and
                  no second for an answer about one role; ``ANSWER_KINDS`` for answers on no dimension)

The tables have their own metadata (``UsageBase``), apart from the content tables of
``kb.models.Base``: ``kb build`` replaces content in one transaction and drops and recreates
``Base`` tables when their schema changes, and none of that ever touches these (``create_usage_tables``
only adds what is missing: a table, or a nullable column added since). Role names are
stored as text, not as foreign keys, because content rows get new ids at every build.

No personal data is kept beyond the channel's conversation id (``web:<random>``,
``slack:<team>:<user>``, ``rest:<sender>``): no message text except the unknown role phrase.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import Boolean, Column, DateTime, Integer, String, UniqueConstraint, func, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateColumn
from sqlalchemy.orm import Session, declarative_base

UsageBase = declarative_base()

CONVERSATION_LENGTH = 160
ROLE_LENGTH = 120
DIMENSION_LENGTH = 40
PHRASE_LENGTH = 120


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Turn(UsageBase):
    """A user message answered by a knowledge action; several actions on one message count once."""

    __tablename__ = "usage_turn"
    __table_args__ = (UniqueConstraint("conversation_id", "message_id"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(CONVERSATION_LENGTH), nullable=False, index=True)
    message_id = Column(String(64), nullable=False)
    intent = Column(String(80), nullable=False)
    fell_back = Column(Boolean, nullable=False, index=True)
    at = Column(DateTime, nullable=False, default=_now)


class Ask(UsageBase):
    """An answered comparison of ``role_a`` and ``role_b`` on ``dimension`` (NULL: on every dimension)."""

    __tablename__ = "usage_ask"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(CONVERSATION_LENGTH), nullable=False, index=True)
    role_a = Column(String(ROLE_LENGTH), nullable=False, index=True)
    role_b = Column(String(ROLE_LENGTH), nullable=False, index=True)
    dimension = Column(String(40), nullable=True, index=True)
    at = Column(DateTime, nullable=False, default=_now)


class UnknownTitle(UsageBase):
    """A phrase typed as a role that the knowledge base does not know, as typed (spaces collapsed), once
    per user message (``message_id``: Rasa's id of that message; NULL in rows recorded before it was kept)."""

    __tablename__ = "usage_unknown_title"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(CONVERSATION_LENGTH), nullable=False, index=True)
    message_id = Column(String(64), nullable=True)
    phrase = Column(String(PHRASE_LENGTH), nullable=False, index=True)
    at = Column(DateTime, nullable=False, default=_now)


class Feedback(UsageBase):
    """A helpful / not helpful click on the answer about ``role_a``, ``role_b`` and ``dimension``."""

    __tablename__ = "usage_feedback"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(CONVERSATION_LENGTH), nullable=False, index=True)
    helpful = Column(Boolean, nullable=False, index=True)
    role_a = Column(String(ROLE_LENGTH), nullable=True)
    role_b = Column(String(ROLE_LENGTH), nullable=True)
    dimension = Column(String(DIMENSION_LENGTH), nullable=True)
    at = Column(DateTime, nullable=False, default=_now)


def create_usage_tables(engine: Engine) -> list[str]:
    """Create the usage tables that are missing and add the nullable columns an older table lacks (never
    drops, renames or changes one, so no recorded row is lost); returns the tables' names."""
    UsageBase.metadata.create_all(engine, checkfirst=True)
    inspector = inspect(engine)
    with engine.begin() as connection:
        for table in UsageBase.metadata.sorted_tables:
            present = {column["name"] for column in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in present and column.nullable:
                    ddl = CreateColumn(column).compile(dialect=engine.dialect)
                    connection.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {ddl}")
    return [table.name for table in UsageBase.metadata.sorted_tables]


def feedback_of(session: Session, conversation: str) -> list[tuple[bool, Optional[str], Optional[str], Optional[str]]]:
    """A conversation's feedback, oldest first: (helpful, role_a, role_b, dimension)."""
    query = select(Feedback.helpful, Feedback.role_a, Feedback.role_b, Feedback.dimension)
    rows = session.execute(query.where(Feedback.conversation_id == conversation).order_by(Feedback.id))
    return [(helpful, a, b, dimension) for helpful, a, b, dimension in rows]


def record_turn(session: Session, conversation: str, message_id: str, intent: str, fell_back: bool) -> bool:
    """Count a user message once, however many actions answer it; True if it was new."""
    conversation = conversation[:CONVERSATION_LENGTH]
    known = session.execute(
        select(Turn.id).where(Turn.conversation_id == conversation, Turn.message_id == message_id[:64])
    ).first()
    if known is not None:
        return False
    session.add(Turn(conversation_id=conversation, message_id=message_id[:64], intent=intent[:80], fell_back=fell_back))
    return True


def record_ask(session: Session, conversation: str, first: str, second: str, dimension: Optional[str]) -> None:
    """An answered comparison (``dimension`` None for the full comparison)."""
    session.add(
        Ask(
            conversation_id=conversation[:CONVERSATION_LENGTH],
            role_a=first[:ROLE_LENGTH],
            role_b=second[:ROLE_LENGTH],
            dimension=dimension,
        )
    )


def record_unknown(session: Session, conversation: str, phrase: str, message_id: str = "") -> bool:
    """A phrase that named no known role, as typed with its spaces collapsed; True if recorded.

    With ``message_id``, a phrase already recorded for that message (in any letter case, by another
    action answering the same message) is not recorded again: each message counts once.
    """
    cleaned = " ".join(phrase.split())[:PHRASE_LENGTH]
    if not cleaned:
        return False
    conversation, message_id = conversation[:CONVERSATION_LENGTH], message_id[:64]
    if message_id:
        seen = session.execute(
            select(UnknownTitle.id).where(
                UnknownTitle.conversation_id == conversation,
                UnknownTitle.message_id == message_id,
                func.lower(UnknownTitle.phrase) == cleaned.lower(),
            )
        ).first()
        if seen is not None:
            return False
    session.add(UnknownTitle(conversation_id=conversation, message_id=message_id or None, phrase=cleaned))
    return True


# Answers that are not about a dimension, stored in ``Feedback.dimension`` under these names (kb report's labels).
PAY_FIGURES = "pay_figures"
ANSWER_KINDS = {
    PAY_FIGURES: "BLS pay figures",
    "career_route": "career route",
    "career_into": "ways in",
    "career_after": "next roles",
    "career_how_long": "time to get there",
}


def feedback_problem(
    session: Session, first: Optional[str], second: Optional[str], dimension: Optional[str]
) -> Optional[str]:
    """Why feedback about this pair and dimension is not stored (a sentence), or None when it may be.

    Each role must be None or the canonical name of a role in the KB, the dimension None, the
    slug of one of its dimensions or one of ``ANSWER_KINDS``: only answers the bot can give are
    stored, so a forged payload (a made-up role, markup, a 100-character dimension) never reaches
    the usage tables or ``kb report``. ``session`` reads the KB's content tables.
    """
    from kb.models import Dimension  # the content tables; this module's own stay apart from them
    from kb.resolve import roles_named

    names = [name for name in (first, second) if name is not None]
    if any(not isinstance(name, str) or len(name) > ROLE_LENGTH for name in names):
        return "a role is not a role name"
    known = roles_named(session, names)
    unknown = [name for name in names if name not in known]
    if unknown:
        return f"no role is called {unknown[0][:40]!r}"
    if dimension is not None:
        if not isinstance(dimension, str) or len(dimension) > DIMENSION_LENGTH:
            return "the dimension is not a dimension name"
        known = dimension in ANSWER_KINDS
        if not known and session.execute(select(Dimension.id).where(Dimension.slug == dimension)).first() is None:
            return f"no dimension is called {dimension!r}"
    return None


def has_feedback(
    session: Session, conversation: str, first: str, second: Optional[str], dimension: Optional[str]
) -> bool:
    """Whether ``conversation`` already rated the answer about these roles and dimension (either verdict)."""
    query = select(Feedback.id).where(
        Feedback.conversation_id == conversation[:CONVERSATION_LENGTH],
        Feedback.role_a == first[:ROLE_LENGTH],
        Feedback.role_b.is_(None) if second is None else Feedback.role_b == second[:ROLE_LENGTH],
        Feedback.dimension.is_(None) if dimension is None else Feedback.dimension == dimension,
    )
    return session.execute(query).first() is not None


def record_feedback(
    session: Session,
    conversation: str,
    helpful: bool,
    first: Optional[str],
    second: Optional[str],
    dimension: Optional[str],
) -> None:
    """A helpful / not helpful click on the answer about the pair and dimension given."""
    session.add(
        Feedback(
            conversation_id=conversation[:CONVERSATION_LENGTH],
            helpful=helpful,
            role_a=first[:ROLE_LENGTH] if first else None,
            role_b=second[:ROLE_LENGTH] if second else None,
            dimension=dimension,
        )
    )
