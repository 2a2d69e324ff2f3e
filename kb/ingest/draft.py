"""What ingest produces: the report printed for the author and the draft contrast file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from kb.ingest.article import Section

UNDECIDED = "undecided"


@dataclass
class IngestReport:
    """Everything ingest found in one article, and where the draft was written."""

    roles: tuple[str, str]
    sections: list[Section]
    missing: list[str]  # dimension slugs no section covers
    left_out: list[tuple[int, str]]  # (line, text) of intro, closing and footer paragraphs
    out: Path
    read_as: tuple[tuple[str, str], ...] = ()  # (title word, role) for bare titles read as operations roles

    @property
    def mapped(self) -> list[Section]:
        """Sections whose heading names a dimension."""
        return [s for s in self.sections if s.dimension]

    @property
    def unmapped(self) -> list[Section]:
        """Sections whose heading fits no dimension; kept in the draft as comments."""
        return [s for s in self.sections if not s.dimension]

    @property
    def undecided(self) -> list[Section]:
        """Mapped sections whose text does not say which role leads."""
        return [s for s in self.mapped if s.leader is None]

    @property
    def gaps(self) -> list[Section]:
        """Sections cut short ("…") or left empty by the article."""
        return [s for s in self.sections if s.cut_short]

    def summary(self) -> str:
        """The report ``python -m kb ingest`` prints."""
        lines = [
            f"Draft contrast {self.roles[0]} vs {self.roles[1]} written to {self.out}",
        ]
        lines += [f"Read the title's '{word}' as {role} (check this is what the article means)"
                  for word, role in self.read_as]
        lines.append(f"Headings: {len(self.mapped)} of {len(self.sections)} mapped to a dimension")
        for s in self.mapped:
            also = f", merged into '{s.duplicate_of}'" if s.duplicate_of else ""
            lines.append(
                f"  line {s.line}: '{s.heading}' -> {s.dimension} ({s.mapped_by}{also}); "
                f"leader: {s.leader or UNDECIDED}"
            )
        for s in self.unmapped:
            lines.append(f"  line {s.line}: '{s.heading}' matches no dimension; kept in the draft for review")
        ties = sum(1 for s in self.mapped if s.leader == "tie")
        decided = len(self.mapped) - ties - len(self.undecided)
        lines.append(f"Leaders: {decided} named, {ties} tie, {len(self.undecided)} undecided")
        for s in self.undecided:
            lines.append(f"  undecided: line {s.line} '{s.heading}' ({s.dimension}): the text does not say")
        if self.gaps:
            lines.append(f"Gaps: {len(self.gaps)} section(s) cut short or empty")
            for s in self.gaps:
                lines.append(f"  line {s.line}: '{s.heading}' " + ("is empty" if not _has_words(s) else "is cut short"))
        if self.left_out:
            numbers = ", ".join(str(number) for number, _ in self.left_out)
            lines.append(f"Left out of the points (intro, closing, footer): lines {numbers}")
        if self.missing:
            lines.append("Not covered by the article: " + ", ".join(self.missing))
        return "\n".join(lines)


def _has_words(section: Section) -> bool:
    return any(ch.isalnum() for ch in section.text)


def _point_leader(sections: list[Section]) -> Optional[str]:
    return next((s.leader for s in sections if s.leader), None)


def draft_yaml(report: IngestReport, source: Path) -> str:
    """The draft as YAML with review notes as comments; JSON strings are valid YAML scalars."""
    out = [
        f"# Draft contrast from {source.name}: for review only. Check every leader and rewrite every",
        "# text in Rolewise's own words before moving the file into kb/data/contrasts/.",
        f"roles: [{json.dumps(report.roles[0])}, {json.dumps(report.roles[1])}]",
        "points:",
    ]
    by_dimension: dict[str, list[Section]] = {}
    for section in report.mapped:
        by_dimension.setdefault(section.dimension or "", []).append(section)
    for slug, sections in by_dimension.items():
        origin = ", ".join(f"'{s.heading}' (line {s.line})" for s in sections)
        out.append(f"  {slug}:  # from {origin}")
        leader = _point_leader(sections)
        if leader is None:
            out.append("    # REVIEW: the text does not say which role leads; set the leader or 'tie'")
        for s in sections:
            if s.cut_short:
                out.append(f"    # GAP: '{s.heading}' is cut short in the article; complete the text")
        out.append(f"    leader: {json.dumps(leader or 'tie')}")
        out.append(f"    text: {json.dumps(' '.join(s.text for s in sections).strip())}")
    for section in report.unmapped:
        out.append(f"# UNMAPPED heading '{section.heading}' (line {section.line}): {section.text}")
    for slug in report.missing:
        out.append(f"# MISSING: the article says nothing about '{slug}'")
    return "\n".join(out) + "\n"
