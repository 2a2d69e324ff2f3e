"""Reading the human-edited content files (``kb/data/``) into plain specs.

Every spec remembers the file and line it came from, so that validation can
point an author at the exact place to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml.comments import CommentedMap

from kb.content.aspects import AspectSpec, read_aspects
from kb.content.vocabulary import Vocabulary, read_vocabulary
from kb.content.education import (
    CATALOGUE_FILE,
    CertificationRef,
    CertificationSpec,
    EducationSpec,
    read_catalogue,
    read_certifications,
    read_education,
)
from kb.content.outside import OutsideContent, PayMixSpec, read_outside, read_pay_mix
from kb.content.reader import ContentError, Where, Reader
from kb.content.contrasts import AmbiguousSpec, ContrastSpec, read_ambiguous, read_contrast


CONTENT_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass
class DimensionSpec:
    slug: str
    name: str
    more: str
    tie: str
    questions: list[str]
    headings: list[str]
    where: Where


@dataclass
class TraitSpec:
    dimension: str
    level: Any
    text: str
    where: Where


@dataclass
class PaySpec:
    """Where a role typically sits in its SOC code's pay distribution: a band and why."""

    band: str
    text: str
    where: Where


@dataclass
class RoleSpec:
    name: str
    family: str
    seniority: int
    summary: str
    where: Where
    reports_to: Optional[str] = None
    reports_to_where: Optional[Where] = None
    next_roles: list[tuple[str, Where]] = field(default_factory=list)
    aliases: list[tuple[str, Where]] = field(default_factory=list)
    traits: dict[str, TraitSpec] = field(default_factory=dict)
    article: Optional[str] = None
    soc: list[tuple[str, Where]] = field(default_factory=list)
    pay_position: Optional[PaySpec] = None
    education: Optional[EducationSpec] = None
    certifications: list[CertificationRef] = field(default_factory=list)
    pay_mix: Optional[PayMixSpec] = None


@dataclass
class Content:
    dimensions: list[DimensionSpec] = field(default_factory=list)
    roles: list[RoleSpec] = field(default_factory=list)
    contrasts: list[ContrastSpec] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    ambiguous: list[AmbiguousSpec] = field(default_factory=list)
    aspects: list[AspectSpec] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    certifications: list[CertificationSpec] = field(default_factory=list)  # the catalogue
    outside: OutsideContent = field(default_factory=OutsideContent)  # occupations outside the map


def _read_dimensions(path: Path, errors: list[ContentError]) -> list[DimensionSpec]:
    reader = Reader(path, errors)
    dimensions = []
    for node in reader.load_list("dimensions", "each dimension"):
        slug, name = reader.text(node, "slug"), reader.text(node, "name")
        more, tie = reader.text(node, "more"), reader.text(node, "tie")
        if slug and name and more and tie:
            dimensions.append(
                DimensionSpec(
                    slug=slug,
                    name=name,
                    more=more,
                    tie=tie,
                    questions=[q for q, _ in reader.texts(node, "questions")],
                    headings=[h for h, _ in reader.texts(node, "headings")],
                    where=reader.where(node),
                )
            )
    return dimensions


def _read_role(path: Path, errors: list[ContentError]) -> Optional[RoleSpec]:
    reader = Reader(path, errors)
    node = reader.load_mapping("a role file")
    if node is None:
        return None
    name, family = reader.text(node, "name"), reader.text(node, "family")
    summary, seniority = reader.text(node, "summary"), reader.integer(node, "seniority")
    if not (name and family and summary and seniority is not None):
        return None
    role = RoleSpec(
        name=name,
        family=family,
        seniority=seniority,
        summary=summary,
        where=reader.where(node),
        reports_to=reader.text(node, "reports_to", required=False),
        reports_to_where=reader.where(node, "reports_to") if "reports_to" in node else None,
        next_roles=reader.texts(node, "next_roles"),
        aliases=reader.texts(node, "aliases"),
        article=reader.text(node, "article", required=False),
        soc=_read_soc(reader, node),
        pay_position=_read_pay(reader, node),
        education=read_education(reader, node),
        certifications=read_certifications(reader, node),
        pay_mix=read_pay_mix(reader, node),
    )
    traits = reader.section(node, "traits")
    if traits is not None:
        for slug, trait in traits.items():
            trait_where = reader.where(traits, slug)
            trait_node = reader.mapping(trait, f"trait '{slug}'")
            if trait_node is None:
                continue
            text = reader.text(trait_node, "text")
            if "level" not in trait_node:
                reader.fail(trait_where, f"trait '{slug}' has no 'level'")
                continue
            if text:
                role.traits[str(slug)] = TraitSpec(
                    str(slug), trait_node["level"], text, reader.where(trait_node, "level")
                )
    return role


def _read_soc(reader: Reader, node: CommentedMap) -> list[tuple[str, Where]]:
    if "soc" not in node:
        reader.fail(reader.where(node), "missing 'soc'")
        return []
    codes = reader.texts(node, "soc")
    if node["soc"] == []:
        reader.fail(reader.where(node, "soc"), "'soc' must list at least one SOC code")
    return codes


def _read_pay(reader: Reader, node: CommentedMap) -> Optional[PaySpec]:
    if "pay_position" not in node:
        reader.fail(reader.where(node), "missing 'pay_position'")
        return None
    pay = reader.mapping(node["pay_position"], "'pay_position'")
    if pay is None:
        return None
    band, text = reader.text(pay, "band"), reader.text(pay, "text")
    return PaySpec(band, text, reader.where(pay, "band")) if band and text else None


def _content_files(folder: Path) -> list[Path]:
    """YAML files an author meant to publish: files starting with '_' are notes and drafts."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yml") if not p.name.startswith("_"))


def load_content(content_dir: Path = CONTENT_DIR) -> Content:
    """Read every content file; problems are collected in ``Content.errors``, never raised."""
    content = Content()
    dimensions_file = content_dir / "dimensions.yml"
    if dimensions_file.exists():
        content.dimensions = _read_dimensions(dimensions_file, content.errors)
    else:
        content.errors.append(ContentError(Where(dimensions_file, 1), "file is missing"))
    for path in _content_files(content_dir / "roles"):
        role = _read_role(path, content.errors)
        if role is not None:
            content.roles.append(role)
    for path in _content_files(content_dir / "contrasts"):
        contrast = read_contrast(path, content.errors)
        if contrast is not None:
            content.contrasts.append(contrast)
    catalogue_file = content_dir / CATALOGUE_FILE
    if catalogue_file.exists():
        content.certifications = read_catalogue(catalogue_file, content.errors)
    else:
        content.errors.append(ContentError(Where(catalogue_file, 1), "file is missing"))
    ambiguous_file = content_dir / "ambiguous.yml"
    if ambiguous_file.exists():
        content.ambiguous = read_ambiguous(ambiguous_file, content.errors)
    aspects_file = content_dir / "aspects.yml"
    if aspects_file.exists():
        content.aspects = read_aspects(aspects_file, content.errors)
    content.outside = read_outside(content_dir, content.errors)
    if (content_dir / "vocabulary.yml").exists():
        content.vocabulary = read_vocabulary(content_dir / "vocabulary.yml", content.errors)
    for role in content.roles:  # slang and UK/Australian forms of titles are aliases like any other
        role.aliases += [
            (form, Where(content.vocabulary.source, 1)) for form in content.vocabulary.titles.get(role.name, ())
        ]
    return content
