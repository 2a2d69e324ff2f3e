"""Drafting contrasts from plain-text articles (fixtures in ``articles/``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sqlalchemy.orm import Session

from kb.ingest import ArticleError, ingest_file, ingest_text, split_sections

ARTICLES = Path(__file__).parent / "articles"


def test_article_sections_map_to_dimensions_with_leaders(session: Session, tmp_path: Path) -> None:
    out = tmp_path / "draft.yml"
    report = ingest_file(session, ARTICLES / "logistics-vs-warehouse.txt", out)
    assert report.roles == ("Logistics Manager", "Warehouse Manager")
    mapped = {s.dimension: s.leader for s in report.mapped}
    assert mapped == {
        "scope": "Logistics Manager",
        "hierarchy": "Logistics Manager",
        "compensation": "Logistics Manager",
        "performance_metrics": "tie",
        "crisis_management": "Logistics Manager",
    }
    assert report.missing == [
        "strategy",
        "budget",
        "collaboration",
        "skills",
        "decision_making",
        "experience",
        "external_relations",
    ]
    draft = YAML(typ="safe").load(out.read_text())
    assert draft["roles"] == ["Logistics Manager", "Warehouse Manager"]
    assert draft["points"]["compensation"]["leader"] == "Logistics Manager"
    assert draft["points"]["scope"]["text"] == (
        "A Logistics Manager looks after the movement of goods across the whole network, from inbound freight to "
        "final delivery. A Warehouse Manager has a narrower patch: one building and what happens inside its walls."
    )


def test_headings_that_are_not_ours_are_reported_and_kept(session: Session, tmp_path: Path) -> None:
    out = tmp_path / "draft.yml"
    report = ingest_file(session, ARTICLES / "logistics-vs-warehouse.txt", out)
    assert [(s.heading, s.line) for s in report.unmapped] == [("Work environment", 14)]
    assert "'Work environment' matches no dimension" in report.summary()
    assert "UNMAPPED heading 'Work environment' (line 14)" in out.read_text()


def test_aliases_in_titles_markdown_headings_and_missing_cues(session: Session, tmp_path: Path) -> None:
    report = ingest_file(session, ARTICLES / "hoo-vs-om.txt", tmp_path / "d.yml")
    assert report.roles == ("Head of Operations", "Operations Manager")
    leaders = {s.dimension: s.leader for s in report.mapped}
    assert leaders == {"budget": "Head of Operations", "strategy": "Head of Operations", "decision_making": None}
    assert [s.heading for s in report.unmapped] == ["Team culture"]
    assert "REVIEW: no comparative cue found" in (tmp_path / "d.yml").read_text()


def test_an_article_without_two_known_roles_is_refused(session: Session, tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="two known roles"):
        ingest_text(
            session,
            "The differences between a barista and a ops manager\n\nPay: more.",
            Path("x.txt"),
            tmp_path / "d.yml",
        )
    with pytest.raises(ArticleError, match="empty"):
        split_sections("\n\n")
