"""Reading what content says about education and certifications.

A role file carries ``education`` (a level from ``EDUCATION_LEVELS``, whether experience is
commonly accepted instead, and a plain note) and ``certifications`` (names from the catalogue
``certifications.yml``, each with a note on how much it helps that role). The catalogue says
who issues each credential and what it covers, with the short forms people type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kb.content.reader import ContentError, Reader, Where

CATALOGUE_FILE = "certifications.yml"
# The fixed vocabulary of typical education, lowest first, with how answers name each level.
EDUCATION_LEVELS = {
    "none_required": "no formal qualification",
    "vocational": "a vocational qualification or an associate degree",
    "bachelors": "a bachelor's degree",
    "masters_preferred": "a bachelor's degree, with a master's often preferred",
}


@dataclass(frozen=True)
class EducationSpec:
    """A role's typical education: ``level`` (a key of ``EDUCATION_LEVELS``) and a plain note."""

    level: str
    experience_instead: object  # True/False once validated
    text: str
    where: Where
    experience_where: Where


@dataclass(frozen=True)
class CertificationRef:
    """A certification a role file lists: a catalogue name and why it helps that role."""

    name: str
    text: str
    where: Where


@dataclass(frozen=True)
class CertificationSpec:
    """One catalogue entry: the short name used everywhere, who issues it and what it covers."""

    name: str
    full_name: str
    issuer: str
    covers: str
    where: Where
    aliases: list[tuple[str, Where]] = field(default_factory=list)


def read_education(reader: Reader, node: CommentedMap) -> Optional[EducationSpec]:
    """The ``education`` mapping of a role file, or None (with the problem recorded)."""
    if "education" not in node:
        reader.fail(reader.where(node), "missing 'education'")
        return None
    education = reader.mapping(node["education"], "'education'")
    if education is None:
        return None
    level, text = reader.text(education, "level"), reader.text(education, "text")
    if "experience_instead" not in education:
        reader.fail(reader.where(education), "missing 'experience_instead'")
        return None
    if level and text:
        return EducationSpec(
            level,
            education["experience_instead"],
            text,
            reader.where(education, "level"),
            reader.where(education, "experience_instead"),
        )
    return None


def read_certifications(reader: Reader, node: CommentedMap) -> list[CertificationRef]:
    """The ``certifications`` list of a role file (``[]`` is allowed: none is commonly asked for)."""
    if "certifications" not in node:
        reader.fail(reader.where(node), "missing 'certifications'")
        return []
    items = node["certifications"]
    if not isinstance(items, CommentedSeq):
        reader.fail(reader.where(node, "certifications"), "'certifications' must be a list")
        return []
    found = []
    for index, item in enumerate(items):
        entry = reader.mapping(item, "each certification")
        if entry is None:
            continue
        name, text = reader.text(entry, "name"), reader.text(entry, "text")
        if name and text:
            found.append(CertificationRef(name, text, Where(reader.path, reader.where(items, index).line)))
    return found


def read_catalogue(path: Path, errors: list[ContentError]) -> list[CertificationSpec]:
    """``certifications.yml``: a list of entries with name, full_name, issuer, covers and aliases."""
    reader = Reader(path, errors)
    entries = []
    for node in reader.load_list("certifications", "each certification"):
        name, full_name = reader.text(node, "name"), reader.text(node, "full_name")
        issuer, covers = reader.text(node, "issuer"), reader.text(node, "covers")
        if name and full_name and issuer and covers:
            where = reader.where(node, "name")
            entries.append(CertificationSpec(name, full_name, issuer, covers, where, reader.texts(node, "aliases")))
    return entries
