"""Tables for jobs outside the operations map, their ways in, and the roles' pay mix.

    OccupationAlias (everyday name) ──> soc (a WageOccupation, from OEWS) or group (military)
    OutsideGroup (healthcare, education, ...; SOC prefixes) ──< OutsideEntry >── Role
    RolePayMix ── Role

Loaded from ``occupations.yml``, ``ways_in.yml`` and the role files' ``pay_mix`` by
``kb.wages.outside_load``; the occupation titles themselves are the OEWS list (``kb.wages.load``).
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from kb.models import Base


class OutsideGroup(Base):
    """A group of outside occupations and what people from there bring to operations."""

    __tablename__ = "outside_group"

    slug = Column(String(40), primary_key=True)
    name = Column(String(80), nullable=False)
    position = Column(Integer, nullable=False)
    soc_prefixes = Column(JSON, nullable=False, default=list)  # ["29-", "31-"]
    transfers = Column(JSON, nullable=False, default=list)  # short phrases
    lacks = Column(Text, nullable=False)
    first_step = Column(Text, nullable=False)
    certification = Column(String(80), nullable=True)  # a catalogue name
    is_default = Column(Boolean, nullable=False, default=False)

    entries = relationship("OutsideEntry", order_by="OutsideEntry.position", cascade="all, delete-orphan")


class OutsideEntry(Base):
    """An operations role people from a group commonly move into, and why."""

    __tablename__ = "outside_entry"
    __table_args__ = (UniqueConstraint("group_slug", "role_id"),)

    id = Column(Integer, primary_key=True)
    group_slug = Column(String(40), ForeignKey("outside_group.slug"), nullable=False, index=True)
    role_id = Column(Integer, ForeignKey("role.id"), nullable=False)
    position = Column(Integer, nullable=False)
    why = Column(Text, nullable=False)

    role = relationship("Role")


class OccupationAlias(Base):
    """An everyday name for an outside occupation: ``soc`` ("29-1141") or, for jobs OEWS does not
    cover, ``group`` with the ``name`` they are called by."""

    __tablename__ = "occupation_alias"

    id = Column(Integer, primary_key=True)
    alias = Column(String(120), nullable=False)
    key = Column(String(120), nullable=False, index=True, unique=True)
    soc = Column(String(7), nullable=True, index=True)
    group_slug = Column(String(40), ForeignKey("outside_group.slug"), nullable=True)
    name = Column(String(120), nullable=True)
    use_title = Column(Boolean, nullable=False, default=True)  # False: the OEWS title alone is not a name


class OutsideCue(Base):
    """A word that routes a question: ``kind`` "pay_mix" (how pay is made up) or "suits_me"."""

    __tablename__ = "outside_cue"
    __table_args__ = (UniqueConstraint("kind", "word"),)

    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False, index=True)
    word = Column(String(80), nullable=False)


class RolePayMix(Base):
    """How a role's pay is usually made up: bonus and equity as ``kb.content.outside.PAY_MIX_LEVELS``."""

    __tablename__ = "role_pay_mix"

    role_id = Column(Integer, ForeignKey("role.id"), primary_key=True)
    bonus = Column(String(10), nullable=False)
    equity = Column(String(10), nullable=False)
    text = Column(Text, nullable=False)
