"""The knowledge-base schema.

    Dimension ──< RoleTrait >── Role ──< RoleAlias
                                 │ └── reports_to ──> Role
                                 └──< CareerStep >── Role   (typical next roles)
    Contrast (role_a, role_b) ──< ContrastPoint >── Dimension
                                       └── leader ──> Role (NULL = comparable)

A ``RoleTrait`` places one role on one dimension (level 1-5 plus plain text), which
lets any two roles be compared. A ``Contrast`` is an authored comparison of one
pair and wins over what the traits alone would say.
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Build(Base):
    """The one row naming this build of the KB, so that caches can tell a rebuilt KB apart."""

    __tablename__ = "kb_build"

    id = Column(String(32), primary_key=True)
    built_at = Column(String(40), nullable=False)
    fingerprint = Column(String(64), nullable=False)  # sha256 of the content and the code that loaded it


class Role(Base):
    """A job title with its place in the organisation."""

    __tablename__ = "role"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False, unique=True)
    slug = Column(String(120), nullable=False, unique=True, index=True)
    family = Column(String(120), nullable=False, index=True)
    seniority = Column(Integer, nullable=False)
    article = Column(String(3), nullable=False)
    summary = Column(Text, nullable=False)
    reports_to_id = Column(Integer, ForeignKey("role.id"), nullable=True, index=True)

    reports_to: Optional["Role"] = relationship("Role", remote_side=[id])
    aliases = relationship("RoleAlias", back_populates="role", cascade="all, delete-orphan")
    traits = relationship("RoleTrait", back_populates="role", cascade="all, delete-orphan")


class RoleAlias(Base):
    """A surface form people type for a role; ``key`` is its normalised lookup form.

    Several forms may share a key ("facility manager", "Facilities Manager"), but
    validation guarantees that a key never points at two roles.
    """

    __tablename__ = "role_alias"

    id = Column(Integer, primary_key=True)
    role_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    alias = Column(String(120), nullable=False, unique=True)
    key = Column(String(120), nullable=False, index=True)

    role = relationship("Role", back_populates="aliases")


class CareerStep(Base):
    """A typical move from one role to the next."""

    __tablename__ = "career_step"
    __table_args__ = (UniqueConstraint("from_role_id", "to_role_id"),)

    id = Column(Integer, primary_key=True)
    from_role_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    to_role_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)


class Dimension(Base):
    """One axis roles are compared on, with the words a verdict uses."""

    __tablename__ = "dimension"

    id = Column(Integer, primary_key=True)
    slug = Column(String(40), nullable=False, unique=True, index=True)
    name = Column(String(80), nullable=False)
    position = Column(Integer, nullable=False)
    more_phrase = Column(String(120), nullable=False)
    tie_phrase = Column(String(120), nullable=False)
    questions = Column(JSON, nullable=False, default=list)
    headings = Column(JSON, nullable=False, default=list)


class RoleTrait(Base):
    """Where one role stands on one dimension."""

    __tablename__ = "role_trait"
    __table_args__ = (
        UniqueConstraint("role_id", "dimension_id"),
        CheckConstraint("level BETWEEN 1 AND 5", name="trait_level_range"),
    )

    id = Column(Integer, primary_key=True)
    role_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    dimension_id = Column(Integer, ForeignKey("dimension.id"), nullable=False, index=True)
    level = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)

    role = relationship("Role", back_populates="traits")
    dimension = relationship("Dimension")


class Contrast(Base):
    """An authored comparison of two roles; stored with ``role_a_id < role_b_id``."""

    __tablename__ = "contrast"
    __table_args__ = (
        UniqueConstraint("role_a_id", "role_b_id"),
        CheckConstraint("role_a_id < role_b_id", name="contrast_pair_order"),
    )

    id = Column(Integer, primary_key=True)
    role_a_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    role_b_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    source = Column(String(255), nullable=False)
    # The public sources its points rest on: [{"source": URL or "the seed article", "points": [slug, ...]}]
    # (an empty "points" list: every point).
    references = Column(JSON, nullable=False, default=list)

    points = relationship("ContrastPoint", back_populates="contrast", cascade="all, delete-orphan")


class ContrastPoint(Base):
    """What a contrast says on one dimension; ``leader_id`` NULL means comparable."""

    __tablename__ = "contrast_point"
    __table_args__ = (UniqueConstraint("contrast_id", "dimension_id"),)

    id = Column(Integer, primary_key=True)
    contrast_id = Column(Integer, ForeignKey("contrast.id"), nullable=False, index=True)
    dimension_id = Column(Integer, ForeignKey("dimension.id"), nullable=False, index=True)
    leader_id = Column(Integer, ForeignKey("role.id"), nullable=True)
    text = Column(Text, nullable=False)

    contrast = relationship("Contrast", back_populates="points")


class AmbiguousForm(Base):
    """A short form people type that names several roles ("PM"): one row per candidate role.

    ``key`` is the normalised form (``kb.text.lookup_key``); validation guarantees it is never
    also a role alias, so the dialogue can ask which role was meant.
    """

    __tablename__ = "ambiguous_form"
    __table_args__ = (UniqueConstraint("key", "role_id"),)

    id = Column(Integer, primary_key=True)
    form = Column(String(60), nullable=False)
    key = Column(String(60), nullable=False, index=True)
    role_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    position = Column(Integer, nullable=False)

    role = relationship("Role")


class Aspect(Base):
    """An aspect of a job Rolewise does not compare ("stress"), with the words that name it in a
    question and the dimension to offer instead (``nearest``; NULL when none fits)."""

    __tablename__ = "aspect"

    id = Column(Integer, primary_key=True)
    slug = Column(String(40), nullable=False, unique=True)
    position = Column(Integer, nullable=False)
    says = Column(Text, nullable=False)
    nearest_id = Column(Integer, ForeignKey("dimension.id"), nullable=True)
    offer = Column(String(40), nullable=True)  # kb.aspects.OFFERS
    words = Column(JSON, nullable=False, default=list)

    nearest = relationship("Dimension")
