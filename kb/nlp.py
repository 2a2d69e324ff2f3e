"""The spaCy pipeline that spots role names, built from the knowledge base.

Blank English plus an entity ruler: no pretrained model is needed, and the
patterns always match the content that was loaded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.db import BUILD_DIR
from kb.models import Role, RoleAlias
from kb.wages.outside import occupation_forms
from kb.text import hyphen_forms, lookup_key, plural_forms

if TYPE_CHECKING:
    from spacy.language import Language

LABEL = "job_role"
OCCUPATION = "occupation"  # a job outside the map: the pattern id is its SOC code, or its outside group
PIPELINE_DIR = BUILD_DIR / "spacy_roles"


def role_patterns(names_and_aliases: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """Entity-ruler patterns (with plurals) whose ``id`` is the canonical role name."""
    patterns: dict[str, dict[str, str]] = {}
    for name, alias in names_and_aliases:
        for spelling in (alias, *hyphen_forms(alias)):
            for form in (spelling, *plural_forms(spelling)):
                patterns.setdefault(form.lower(), {"label": LABEL, "pattern": form, "id": name})
    return list(patterns.values())


def kb_aliases(session: Session) -> list[tuple[str, str]]:
    query = select(Role.name, RoleAlias.alias).join(RoleAlias.role).order_by(Role.name, RoleAlias.id)
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def occupation_patterns(forms: Iterable[tuple[str, str]], role_keys: set[str]) -> list[dict[str, str]]:
    """Entity-ruler patterns (with plurals) labelled ``occupation`` whose ``id`` is the SOC code or group;
    a form that is also a role's alias is left to the role."""
    patterns: dict[str, dict[str, str]] = {}
    for target, form in forms:
        for spelling in (form, *hyphen_forms(form)):
            for surface in (spelling, *plural_forms(spelling)):
                if lookup_key(surface) not in role_keys:
                    patterns.setdefault(surface.lower(), {"label": OCCUPATION, "pattern": surface, "id": target})
    return list(patterns.values())


def make_pipeline(patterns: list[dict[str, str]], sentences: bool = False) -> "Language":
    """Blank English + entity ruler over lower-cased text; optionally a rule-based sentencizer."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import spacy  # imported late: spaCy pulls in TensorFlow, seconds the other commands should not pay

    nlp = spacy.blank("en")
    if sentences:
        nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def _saved_patterns(out_dir: Path) -> list[dict[str, str]] | None:
    saved = out_dir / "entity_ruler" / "patterns.jsonl"
    if not (out_dir / "meta.json").exists() or not saved.exists():
        return None
    return [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines() if line.strip()]


def _as_set(patterns: list[dict[str, str]]) -> set[str]:
    return {json.dumps(pattern, sort_keys=True) for pattern in patterns}


def build_pipeline(session: Session, out_dir: Path = PIPELINE_DIR) -> int:
    """Write the role pipeline to ``out_dir`` for Rasa's ``SpacyNLP``; returns the pattern count."""
    patterns = role_patterns(kb_aliases(session))
    role_keys = set(session.scalars(select(RoleAlias.key)))
    patterns += occupation_patterns(occupation_forms(session), role_keys)
    saved = _saved_patterns(out_dir)
    if saved is not None and _as_set(saved) == _as_set(patterns):  # the ruler stores them in an order of its own
        return len(patterns)  # unchanged: keep the files (and their timestamps) so no retraining is triggered
    nlp = make_pipeline(patterns)
    nlp.meta["name"] = "rolewise_roles"
    nlp.meta["description"] = "Role-name matcher built from the Rolewise knowledge base."
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return len(patterns)
