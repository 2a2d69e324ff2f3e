"""kb ingest on the seed article and on career-site comparison articles (``articles/career_sites``):
bare titles ("Supervisor vs. Manager", "Vice President"), "What is an X?" and "... Comparison"
headings, tables, stats rows and wrap-up sections. Each has a reviewer's reading (``.expected.yml``).
Ingest must never reject such an article, never name a wrong leader (undecided is allowed and
reported), and keep tables, stats rows and closing text out of every point."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kb.content.load import load_content
from kb.ingest import ArticleError, IngestReport, Vocabulary, draft_article

FOLDER = Path(__file__).parent / "articles" / "career_sites"
NAMES = sorted(p.name.removesuffix(".expected.yml") for p in FOLDER.glob("*.expected.yml"))
SEED = "seed-head-of-operations-vs-operations-manager"
# (headings mapped right, headings with a dimension, leaders right, leaders undecided) per article
FIGURES = {
    SEED: (12, 12, 12, 0),
    "supervisor-vs-manager": (5, 6, 5, 0),  # 'Responsibilities Comparison' is left unmapped
    "vice-president-vs-director": (6, 6, 6, 0),
    "warehouse-manager-vs-logistics-manager": (7, 7, 7, 0),
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, IngestReport]:
    vocabulary = Vocabulary.from_content(load_content())
    folder = tmp_path_factory.mktemp("drafts")
    found = {}
    for name in NAMES:
        path = next(p for p in FOLDER.glob(f"{name}.*") if not p.name.endswith(".expected.yml"))
        found[name] = draft_article(vocabulary, path.read_text(encoding="utf-8"), path, folder / f"{name}.yml")
    return found


def expected(name: str) -> dict[str, Any]:
    return YAML(typ="safe").load((FOLDER / f"{name}.expected.yml").read_text(encoding="utf-8"))


def test_the_fixtures_are_the_four_articles() -> None:
    others = ["supervisor-vs-manager", "vice-president-vs-director", "warehouse-manager-vs-logistics-manager"]
    assert NAMES == [SEED, *others]


@pytest.mark.parametrize("name", NAMES)
def test_no_article_is_rejected_and_roles_and_headings_are_found(name: str, reports: dict[str, IngestReport]) -> None:
    want, report = expected(name), reports[name]
    assert list(report.roles) == want["roles"]
    assert [list(pair) for pair in report.read_as] == want["read_as"]
    assert [s.heading for s in report.sections] == list(want["sections"])


@pytest.mark.parametrize("name", NAMES)
def test_no_wrong_leader_and_the_figures_are_as_measured(name: str, reports: dict[str, IngestReport]) -> None:
    want = expected(name)["sections"]
    got = {s.heading: s for s in reports[name].sections}
    wrong = []
    right = mapped = undecided = 0
    for heading, reading in want.items():
        section = got[heading]
        if reading["dimension"] is None:
            assert section.dimension is None, heading  # never invents a dimension
            continue
        assert section.dimension in (reading["dimension"], None), heading  # unmapped is a miss, not an error
        if section.dimension is None:
            continue
        mapped += 1
        leader = section.leader or "undecided"
        if leader == reading["leader"]:
            right += 1
        elif leader == "undecided":
            undecided += 1
        else:
            wrong.append((heading, leader))
    assert wrong == []
    with_dimension = sum(1 for r in want.values() if r["dimension"])
    assert (mapped, with_dimension, right, undecided) == FIGURES[name]


def test_the_seed_article_maps_all_twelve_headings_and_names_every_leader(reports: dict[str, IngestReport]) -> None:
    report = reports[SEED]
    assert len(report.mapped) == 12 and report.missing == []
    assert {s.leader for s in report.mapped} == {"Head of Operations"}


@pytest.mark.parametrize("name", NAMES)
def test_tables_stats_rows_and_closing_stay_out_of_points(name: str, reports: dict[str, IngestReport]) -> None:
    draft = YAML(typ="safe").load(reports[name].out.read_text(encoding="utf-8"))
    points = " ".join(point["text"] for point in draft["points"].values())
    for phrase in expected(name)["not_in_points"]:
        assert phrase.lower() not in points.lower(), phrase


def test_a_title_whose_words_name_no_role_is_still_refused(tmp_path: Path) -> None:
    vocabulary = Vocabulary.from_content(load_content())
    text = "# Astronaut vs. Chef: Which Is Harder?\n\nBoth are hard.\n\n## Pay\nChefs earn less.\n"
    with pytest.raises(ArticleError, match="must name two known roles"):
        draft_article(vocabulary, text, tmp_path / "a.md", tmp_path / "a.yml")
