"""The wage tables: US BLS OEWS figures for the SOC codes the roles name.

    WageRelease (one row: which OEWS release, from which file)
    WageOccupation (soc) ──< Wage >── WageArea (national, state or metro area)
                                 └── *_note ──> WageFootnote (why a figure is missing)

Loaded by ``kb.wages.load`` at ``make kb`` from the OEWS SQLite file; only the cells of the
roles' SOC codes are kept (national, every state and every metro area). Wages are annual, in
US dollars. A figure BLS does not publish is NULL and its ``*_note`` names the BLS footnote.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from kb.models import Base

STATISTICS = ("employment", "p10", "p25", "median", "p75", "p90")


class WageRelease(Base):
    """The OEWS release the wage tables hold ("May 2025") and the file they were loaded from."""

    __tablename__ = "wage_release"

    id = Column(Integer, primary_key=True)
    release = Column(String(40), nullable=False)
    release_code = Column(String(20), nullable=False)
    source_sha256 = Column(String(64), nullable=False)  # of the OEWS SQLite file
    soc_codes = Column(Text, nullable=False)  # the codes loaded, comma-separated and sorted


class WageArea(Base):
    """An OEWS area: ``kind`` is N (national), S (state or territory) or M (metro or nonmetro area)."""

    __tablename__ = "wage_area"

    code = Column(String(7), primary_key=True)
    kind = Column(String(1), nullable=False, index=True)
    state_code = Column(String(2), nullable=False)
    name = Column(String(120), nullable=False, index=True)
    key = Column(String(120), nullable=False, index=True)  # lower-case name, for lookups


class WageOccupation(Base):
    """A SOC 2018 occupation as OEWS names it ("General and Operations Managers")."""

    __tablename__ = "wage_occupation"

    soc = Column(String(7), primary_key=True)  # "11-1021"
    title = Column(String(200), nullable=False)


class WageFootnote(Base):
    """A BLS footnote, e.g. "Estimate not released."."""

    __tablename__ = "wage_footnote"

    code = Column(String(4), primary_key=True)
    text = Column(Text, nullable=False)


class Wage(Base):
    """One occupation in one area: employment and annual wage percentiles (USD), NULL when not published."""

    __tablename__ = "wage"
    __table_args__ = (UniqueConstraint("soc", "area_code"),)

    id = Column(Integer, primary_key=True)
    soc = Column(String(7), ForeignKey("wage_occupation.soc"), nullable=False, index=True)
    area_code = Column(String(7), ForeignKey("wage_area.code"), nullable=False, index=True)
    employment = Column(Integer, nullable=True)
    p10 = Column(Integer, nullable=True)
    p25 = Column(Integer, nullable=True)
    median = Column(Integer, nullable=True)
    p75 = Column(Integer, nullable=True)
    p90 = Column(Integer, nullable=True)
    employment_note = Column(String(4), ForeignKey("wage_footnote.code"), nullable=True)
    p10_note = Column(String(4), ForeignKey("wage_footnote.code"), nullable=True)
    p25_note = Column(String(4), ForeignKey("wage_footnote.code"), nullable=True)
    median_note = Column(String(4), ForeignKey("wage_footnote.code"), nullable=True)
    p75_note = Column(String(4), ForeignKey("wage_footnote.code"), nullable=True)
    p90_note = Column(String(4), ForeignKey("wage_footnote.code"), nullable=True)

    occupation = relationship("WageOccupation")
    area = relationship("WageArea")


class RoleSoc(Base):
    """A SOC code a role file names (``soc:``), in the order written."""

    __tablename__ = "role_soc"
    __table_args__ = (UniqueConstraint("role_id", "soc"),)

    id = Column(Integer, primary_key=True)
    role_id = Column(Integer, ForeignKey("role.id"), nullable=False, index=True)
    soc = Column(String(7), nullable=False, index=True)
    position = Column(Integer, nullable=False)


class RolePayPosition(Base):
    """Where a role typically sits among everyone holding its SOC code(s) (``pay_position:``)."""

    __tablename__ = "role_pay_position"

    role_id = Column(Integer, ForeignKey("role.id"), primary_key=True)
    band = Column(String(10), nullable=False)
    text = Column(Text, nullable=False)
