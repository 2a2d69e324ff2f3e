"""Loading validated content into a database, replacing what was there in one transaction.

Readers (the action servers, under live traffic) see the old knowledge base until the load
commits and the new one after it, never a half-built or empty one: rows are deleted and
inserted in a single transaction on tables that stay in place. ``kb build`` loads the wage
tables and the roles' SOC codes and pay positions in that same transaction (``replace_content``
then ``kb.wages.load.load_wage_tables``), and readers read one snapshot (``kb.db.read_session``).
Before, wages were committed apart: 1970 pay answers lost their BLS section over two rebuilds.
Only when the schema itself has changed (an upgrade) are the tables dropped and created again first.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kb.content.load import CONTENT_DIR, Content, ContentError, load_content
from kb.education import load_education
from kb.wages.outside_load import load_outside
from kb.models import (
    AmbiguousForm,
    Aspect,
    Base,
    Build,
    CareerStep,
    Contrast,
    ContrastPoint,
    Dimension,
    Role,
    RoleAlias,
    RoleTrait,
)
from kb.text import indefinite_article, lookup_key, slugify
from kb.content.validate import validate


class ContentInvalid(ValueError):
    """Content failed validation; nothing was written."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def checked_content(content_dir: Path = CONTENT_DIR) -> Content:
    """Content that passed every rule, or ``ContentInvalid`` listing each problem."""
    content = load_content(content_dir)
    errors = validate(content)
    if errors:
        raise ContentInvalid(errors)
    return content


KB_CODE_DIR = Path(__file__).resolve().parent


def fingerprint(content_dir: Path = CONTENT_DIR, code_dir: Path = KB_CODE_DIR) -> str:
    """sha256 (hex) of every content file and every module of ``kb/``, by relative path and bytes."""
    digest = hashlib.sha256()
    files = sorted(content_dir.rglob("*.yml")) + sorted(code_dir.rglob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(path.parents[1])).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def built_fingerprint(engine: Engine) -> Optional[str]:
    """The fingerprint of the knowledge base loaded on ``engine``, or None if there is none (or an older schema)."""
    try:
        with Session(engine) as session:
            return session.execute(select(Build.fingerprint)).scalar_one_or_none()
    except SQLAlchemyError:
        return None


def _schema_matches(engine: Engine) -> bool:
    """True when every table exists with exactly the columns the models declare."""
    inspector = inspect(engine)
    existing = set(inspector.get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in existing:
            return False
        if {c["name"] for c in inspector.get_columns(table.name)} != set(table.columns.keys()):
            return False
    return True


def prepare_schema(engine: Engine) -> None:
    """Drop and create the KB tables when their schema changed (an upgrade); else leave them be."""
    if not _schema_matches(engine):
        Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)


def build_database(engine: Engine, content: Content, content_fingerprint: str = "") -> dict[str, int]:
    """Load ``content`` on ``engine`` in one transaction, replacing the knowledge base that was there.

    ``content_fingerprint`` (see ``fingerprint``) is stored with the build so that an unchanged
    knowledge base need not be loaded again. Returns row counts, which the CLI prints. The wage
    tables are emptied with the rest; ``kb build`` refills them in the same transaction (see
    ``replace_content``).
    """
    prepare_schema(engine)
    with Session(engine) as session, session.begin():
        return replace_content(session, content, content_fingerprint)


def replace_content(session: Session, content: Content, content_fingerprint: str = "") -> dict[str, int]:
    """Empty every KB table and load ``content`` in ``session``'s transaction; returns row counts.

    The caller commits: ``kb build`` loads the wage tables (``kb.wages.load.load_wage_tables``) in
    the same transaction, so readers see the old KB, content and wages, or the new one.
    """
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(table.delete())
    session.add(
        Build(
            id=uuid.uuid4().hex,
            built_at=datetime.now(timezone.utc).isoformat(),
            fingerprint=content_fingerprint,
        )
    )
    dimensions = {}
    for position, spec in enumerate(content.dimensions):
        dimensions[spec.slug] = Dimension(
            slug=spec.slug,
            name=spec.name,
            position=position,
            more_phrase=spec.more,
            tie_phrase=spec.tie,
            questions=spec.questions,
            headings=spec.headings,
        )
    session.add_all(dimensions.values())
    roles = {}
    for spec in content.roles:
        role = Role(
            name=spec.name,
            slug=slugify(spec.name),
            family=spec.family,
            seniority=spec.seniority,
            article=spec.article or indefinite_article(spec.name),
            summary=spec.summary,
        )
        forms = dict.fromkeys([spec.name, *(alias for alias, _ in spec.aliases)])
        role.aliases = [RoleAlias(alias=form, key=lookup_key(form)) for form in forms]
        role.traits = [
            RoleTrait(dimension=dimensions[t.dimension], level=t.level, text=t.text) for t in spec.traits.values()
        ]
        roles[spec.name] = role
    session.add_all(roles.values())
    for spec in content.roles:
        if spec.reports_to:
            roles[spec.name].reports_to = roles[spec.reports_to]
    session.flush()
    session.add_all(
        CareerStep(from_role_id=roles[spec.name].id, to_role_id=roles[target].id)
        for spec in content.roles
        for target, _ in spec.next_roles
    )
    load_education(session, content, roles)
    outside = load_outside(session, content, roles)
    for spec in content.contrasts:
        first, second = sorted((roles[spec.roles[0]], roles[spec.roles[1]]), key=lambda r: r.id)
        contrast = Contrast(
            role_a_id=first.id,
            role_b_id=second.id,
            source=spec.where.file.name,
            references=[{"source": s.source, "points": [p for p, _ in s.points]} for s in spec.sources],
        )
        contrast.points = [
            ContrastPoint(
                dimension_id=dimensions[p.dimension].id,
                leader_id=roles[p.leader].id if p.leader else None,
                text=p.text,
            )
            for p in spec.points.values()
        ]
        session.add(contrast)
    session.add_all(
        AmbiguousForm(form=spec.form, key=lookup_key(spec.form), role=roles[name], position=position)
        for spec in content.ambiguous
        for position, (name, _) in enumerate(spec.candidates)
    )
    session.add_all(
        Aspect(
            slug=spec.slug,
            position=position,
            says=spec.says,
            nearest=dimensions[spec.nearest] if spec.nearest else None,
            offer=spec.offer,
            words=[word for word, _ in spec.words],
        )
        for position, spec in enumerate(content.aspects)
    )
    return {
        "dimensions": len(dimensions),
        "roles": len(roles),
        "aliases": sum(len(role.aliases) for role in roles.values()),
        "contrasts": len(content.contrasts),
        "ambiguous forms": len(content.ambiguous),
        "aspects not compared": len(content.aspects),
        "certifications": len(content.certifications),
        **outside,
    }
