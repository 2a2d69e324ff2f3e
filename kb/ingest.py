"""Turning a plain-text comparison article into a draft contrast file for review.

The article reads like "The differences between a X and a Y", then sections
whose headings name a dimension ("Budget:", "Pay", "KPIs"). Each heading is
mapped to one of our dimensions; each section's comparative wording ("more",
"broader", "reports to") gives a guess of which role leads. Headings we cannot
map are kept in the draft and reported, never dropped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from rapidfuzz import process
from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.db import BUILD_DIR
from kb.models import Dimension
from kb.nlp import kb_aliases, make_pipeline, role_patterns
from kb.resolve import ACCEPT_SCORE, _score
from kb.text import lookup_key, slugify

DRAFTS_DIR = BUILD_DIR / "drafts"
MAX_HEADING_WORDS = 6
LEADS = {
    "more",
    "most",
    "broader",
    "wider",
    "larger",
    "bigger",
    "higher",
    "greater",
    "longer",
    "heavier",
    "stronger",
    "deeper",
    "above",
    "oversees",
    "outranks",
    "senior",
    "richer",
    "further",
}
TRAILS = {
    "less",
    "fewer",
    "narrower",
    "smaller",
    "lower",
    "shorter",
    "lighter",
    "below",
    "junior",
    "under",
    "reports",
    "narrow",
}
TIES = {"similar", "comparable", "same", "equally", "alike", "both", "equivalent", "level"}
_INLINE_HEADING = re.compile(r"^\s*(?:#+\s*)?([A-Za-z][\w ,&/'()-]{1,60}?)\s*:\s+(\S.*)$")
_LINE_HEADING = re.compile(r"^\s*(?:#+\s*)?([A-Za-z][\w ,&/'()-]{1,60}?)\s*:?\s*$")


class ArticleError(ValueError):
    """The article cannot be turned into a draft (for example, no two roles in its title)."""


@dataclass
class Section:
    heading: str
    text: str
    line: int
    dimension: Optional[str] = None
    leader: Optional[str] = None  # canonical name, "tie", or None when no cue was found
    evidence: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    roles: tuple[str, str]
    sections: list[Section]
    missing: list[str]
    out: Path

    @property
    def mapped(self) -> list[Section]:
        return [s for s in self.sections if s.dimension]

    @property
    def unmapped(self) -> list[Section]:
        return [s for s in self.sections if not s.dimension]

    def summary(self) -> str:
        lines = [f"Draft contrast {self.roles[0]} vs {self.roles[1]} written to {self.out}"]
        for s in self.mapped:
            leader = s.leader or "undecided (no comparative cue)"
            lines.append(f"  line {s.line}: '{s.heading}' -> {s.dimension}; leader: {leader}")
        for s in self.unmapped:
            lines.append(f"  line {s.line}: '{s.heading}' matches no dimension; kept in the draft for review")
        if self.missing:
            lines.append("  not covered by the article: " + ", ".join(self.missing))
        return "\n".join(lines)


def split_sections(text: str) -> tuple[str, list[Section]]:
    """The title line and the headed sections; text before the first heading is the intro."""
    lines = text.splitlines()
    title_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if title_index is None:
        raise ArticleError("the article is empty")
    sections: list[Section] = []
    current: Optional[Section] = None
    for number, raw in enumerate(lines[title_index + 1 :], start=title_index + 2):
        line = raw.strip()
        inline = _INLINE_HEADING.match(line)
        alone = _LINE_HEADING.match(line)
        if inline and len(inline.group(1).split()) <= MAX_HEADING_WORDS:
            current = Section(inline.group(1).strip(), inline.group(2).strip(), number)
            sections.append(current)
        elif alone and len(alone.group(1).split()) <= MAX_HEADING_WORDS and not line.endswith("."):
            current = Section(alone.group(1).strip(), "", number)
            sections.append(current)
        elif line and current is not None:
            current.text = f"{current.text} {line}".strip()
    return lines[title_index].strip(), [s for s in sections if s.text]


def _dimension_labels(session: Session) -> dict[str, str]:
    labels = {}
    for dimension in session.scalars(select(Dimension).order_by(Dimension.position)):
        for label in (dimension.slug.replace("_", " "), dimension.name, *dimension.headings):
            labels[lookup_key(label)] = dimension.slug
    return labels


def map_heading(heading: str, labels: dict[str, str]) -> Optional[str]:
    match = process.extractOne(lookup_key(heading), list(labels), scorer=_score, score_cutoff=ACCEPT_SCORE)
    return labels[match[0]] if match else None


def guess_leader(doc, roles: tuple[str, str]) -> tuple[Optional[str], list[str]]:  # type: ignore[no-untyped-def]
    """Vote per sentence: a role named before a 'more'-cue leads, before a 'less'-cue trails."""
    votes: Counter[str] = Counter()
    evidence = []
    for sentence in doc.sents:
        mentioned = [ent.ent_id_ for ent in sentence.ents if ent.ent_id_ in roles]
        words = [token.lower_ for token in sentence]
        if mentioned and any(w in TIES for w in words) and not any(w in LEADS | TRAILS for w in words):
            votes["tie"] += 1
            evidence.append(sentence.text)
            continue
        if not mentioned:
            continue
        subject = mentioned[0]
        other = roles[1] if subject == roles[0] else roles[0]
        subject_end = next(ent.end for ent in sentence.ents if ent.ent_id_ == subject)
        for token in sentence[subject_end - sentence.start :]:
            if token.lower_ in LEADS:
                votes[subject] += 1
            elif token.lower_ in TRAILS:
                votes[other] += 1
            else:
                continue
            evidence.append(sentence.text)
            break
    if not votes:
        return None, []
    (best, count), *rest = votes.most_common()
    if rest and rest[0][1] == count:
        return None, evidence
    return best, evidence


def draft_yaml(report: IngestReport, source: Path) -> str:
    """The draft as YAML, with review notes as comments; JSON strings are valid YAML scalars."""
    out = [
        f"# Draft contrast from {source.name}. Review every leader, then move it into kb/content/contrasts/.",
        f"roles: [{json.dumps(report.roles[0])}, {json.dumps(report.roles[1])}]",
        "points:",
    ]
    for section in report.mapped:
        out.append(f"  {section.dimension}:  # from '{section.heading}' (line {section.line})")
        if section.leader is None:
            out.append("    # REVIEW: no comparative cue found; set the leader or 'tie'")
        out.append(f"    leader: {json.dumps(section.leader or 'tie')}")
        out.append(f"    text: {json.dumps(section.text)}")
    for section in report.unmapped:
        out.append(f"# UNMAPPED heading '{section.heading}' (line {section.line}): {section.text}")
    for slug in report.missing:
        out.append(f"# MISSING: the article says nothing about '{slug}'")
    return "\n".join(out) + "\n"


def ingest_text(session: Session, text: str, source: Path, out: Optional[Path] = None) -> IngestReport:
    nlp = make_pipeline(role_patterns(kb_aliases(session)), sentences=True)
    title, sections = split_sections(text)
    title_roles = list(dict.fromkeys(ent.ent_id_ for ent in nlp(title).ents))
    if len(title_roles) != 2:
        found = ", ".join(title_roles) or "none"
        raise ArticleError(f"{source}:1: the title must name two known roles (found: {found})")
    roles = (title_roles[0], title_roles[1])
    labels = _dimension_labels(session)
    seen: set[str] = set()
    for section in sections:
        section.dimension = map_heading(section.heading, labels)
        if section.dimension in seen:
            section.dimension = None
        if section.dimension:
            seen.add(section.dimension)
            section.leader, section.evidence = guess_leader(nlp(section.text), roles)
    all_slugs = list(session.scalars(select(Dimension.slug).order_by(Dimension.position)))
    target = out or DRAFTS_DIR / f"{slugify(roles[0])}--{slugify(roles[1])}.yml"
    report = IngestReport(roles, sections, [s for s in all_slugs if s not in seen], target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(draft_yaml(report, source), encoding="utf-8")
    return report


def ingest_file(session: Session, article: Path, out: Optional[Path] = None) -> IngestReport:
    return ingest_text(session, article.read_text(encoding="utf-8"), article, out)
