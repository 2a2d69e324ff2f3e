"""The education and certification tables.

    Certification ──< CertificationAlias          (the catalogue, certifications.yml)
         └──< RoleCertification >── Role ──── RoleEducation   (one per role)

``RoleEducation.rank`` orders the education levels (0 = no formal qualification ... 3 = a
master's often preferred), so two roles can be compared on it. ``RoleCertification`` keeps
the order a role file lists its certifications in, and the note on how much each helps.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from kb.models import Base


class Certification(Base):
    """A credential in the catalogue: short name, full name, issuer and what it covers."""

    __tablename__ = "certification"

    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False, unique=True)
    full_name = Column(String(200), nullable=False)
    issuer = Column(String(200), nullable=False)
    covers = Column(Text, nullable=False)

    aliases = relationship("CertificationAlias", back_populates="certification", cascade="all, delete-orphan")


class CertificationAlias(Base):
    """A way people write a certification ("APICS CPIM"); ``key`` is its normalised lookup form."""

    __tablename__ = "certification_alias"

    id = Column(Integer, primary_key=True)
    certification_id = Column(Integer, ForeignKey("certification.id"), nullable=False, index=True)
    alias = Column(String(200), nullable=False)
    key = Column(String(200), nullable=False, unique=True, index=True)

    certification = relationship("Certification", back_populates="aliases")


class RoleEducation(Base):
    """A role's typical education: a level from the fixed vocabulary and a plain note."""

    __tablename__ = "role_education"
    __table_args__ = (CheckConstraint("rank BETWEEN 0 AND 3", name="education_rank_range"),)

    role_id = Column(Integer, ForeignKey("role.id"), primary_key=True)
    level = Column(String(40), nullable=False)
    rank = Column(Integer, nullable=False)
    experience_instead = Column(Boolean, nullable=False)
    text = Column(Text, nullable=False)


class RoleCertification(Base):
    """A certification that helps a role, in the order the role file lists them, with why."""

    __tablename__ = "role_certification"
    __table_args__ = (UniqueConstraint("role_id", "certification_id"),)

    id = Column(Integer, primary_key=True)
    role_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    certification_id = Column(Integer, ForeignKey("certification.id"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)

    certification = relationship("Certification")
