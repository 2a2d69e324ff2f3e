"""Ingest measured on realistic articles (``articles/*.md|txt``) against a reviewer's reading.

Each article has an ``.expected.yml`` written from the article alone: heading -> dimension and
leader, the sections it cuts short, and intro or closing text that must not reach a point. The
figures (headings mapped right, leaders right) and every disagreement are asserted exactly, so
a change that loses a heading or a leader fails, and so does one that gains one until the
figures here are raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kb.content.load import load_content
from kb.ingest import IngestReport, Vocabulary, draft_article

ARTICLES = Path(__file__).parent / "articles"
FIXTURES = sorted(p.name.removesuffix(".expected.yml") for p in ARTICLES.glob("*.expected.yml"))

# What ingest reads differently from the reviewer, per fixture: heading -> (dimension, leader).
KNOWN_MISSES: dict[str, dict[str, tuple[Any, str]]] = {
    "coo-vs-head-of-ops": {"Cross-Functional Work": ("collaboration", "tie")},
    "facilities-manager-vs-maintenance-manager": {
        "What does each one look after?": (None, ""),
        "What qualifications help?": ("skills", "Maintenance Manager"),
    },
    "ops-manager-vs-ops-supervisor": {},
    "plant-manager-vs-production-manager": {},
    "supply-chain-manager-vs-procurement-manager": {},
    "vp-vs-director-of-operations": {
        "Strategy": ("strategy", "undecided"),
        "Collaboration": ("collaboration", "tie"),
    },
}
# (headings mapped right, headings, leaders right, mapped headings in the reviewer's reading)
FIGURES = {
    "coo-vs-head-of-ops": (12, 12, 10, 11),
    "facilities-manager-vs-maintenance-manager": (9, 10, 8, 10),
    "ops-manager-vs-ops-supervisor": (10, 10, 8, 8),
    "plant-manager-vs-production-manager": (12, 12, 11, 11),
    "supply-chain-manager-vs-procurement-manager": (12, 12, 10, 10),
    "vp-vs-director-of-operations": (10, 10, 8, 10),
}
TOTALS = (65, 66, 55, 60)


def expected(name: str) -> dict[str, Any]:
    return YAML(typ="safe").load((ARTICLES / f"{name}.expected.yml").read_text(encoding="utf-8"))


def article_path(name: str) -> Path:
    return next(p for p in ARTICLES.glob(f"{name}.*") if not p.name.endswith(".expected.yml"))


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    """Role names and dimension words straight from kb/data, valid or not mid-edit."""
    return Vocabulary.from_content(load_content())


@pytest.fixture(scope="module")
def reports(vocabulary: Vocabulary, tmp_path_factory: pytest.TempPathFactory) -> dict[str, IngestReport]:
    folder = tmp_path_factory.mktemp("drafts")
    drafts = {}
    for name in FIXTURES:
        path = article_path(name)
        drafts[name] = draft_article(vocabulary, path.read_text(encoding="utf-8"), path, folder / f"{name}.yml")
    return drafts


def reading(report: IngestReport) -> dict[str, tuple[Any, str]]:
    """Heading -> (dimension, leader) as ingest read the article."""
    return {s.heading: (s.dimension, (s.leader or "undecided") if s.dimension else "") for s in report.sections}


def figures(name: str, report: IngestReport) -> tuple[int, int, int, int]:
    want = expected(name)["sections"]
    got = reading(report)
    headings_right = sum(1 for h, v in want.items() if got.get(h, ("missing",))[0] == v["dimension"])
    with_dimension = {h: v for h, v in want.items() if v["dimension"]}
    leaders_right = sum(1 for h, v in with_dimension.items() if got.get(h) == (v["dimension"], v["leader"]))
    return headings_right, len(want), leaders_right, len(with_dimension)


def test_every_fixture_is_a_realistic_length() -> None:
    assert len(FIXTURES) == 6
    for name in FIXTURES:
        words = len(article_path(name).read_text(encoding="utf-8").split())
        assert 400 <= words <= 900, (name, words)


@pytest.mark.parametrize("name", FIXTURES)
def test_roles_sections_and_misses_are_exactly_as_measured(name: str, reports: dict[str, IngestReport]) -> None:
    want = expected(name)
    report = reports[name]
    assert list(report.roles) == want["roles"]
    got = reading(report)
    assert list(got) == list(want["sections"])  # every heading found, in order, none invented
    reviewer = {h: (v["dimension"], v["leader"] if v["dimension"] else "") for h, v in want["sections"].items()}
    assert {h: got[h] for h in reviewer if got[h] != reviewer[h]} == KNOWN_MISSES[name]
    assert figures(name, report) == FIGURES[name]


@pytest.mark.parametrize("name", FIXTURES)
def test_gaps_are_reported_and_intro_and_closing_stay_out(name: str, reports: dict[str, IngestReport]) -> None:
    want = expected(name)
    report = reports[name]
    assert [s.heading for s in report.gaps] == want["gaps"]
    draft = YAML(typ="safe").load(report.out.read_text(encoding="utf-8"))
    points = " ".join(point["text"] for point in draft["points"].values())
    assert all(section.text in points for section in report.mapped)
    for phrase in want["not_in_points"]:
        assert phrase not in points, phrase


def test_totals_over_all_fixtures(reports: dict[str, IngestReport]) -> None:
    sums = [sum(values) for values in zip(*(figures(n, reports[n]) for n in FIXTURES), strict=True)]
    assert tuple(sums) == TOTALS  # 65/66 headings, 55/60 leaders
