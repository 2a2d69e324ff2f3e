"""Drafting contrasts from articles: sections, headings, leaders, role pairs, report and draft."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
from ruamel.yaml import YAML
from sqlalchemy.orm import Session

from kb.build import build_database
from kb.content.load import load_content
from kb.db import make_engine
from kb.ingest import ArticleError, Vocabulary, draft_article, ingest_file
from kb.ingest.article import parse_article
from kb.ingest.headings import HeadingMapper
from kb.ingest.leaders import guess_leader
from kb.nlp import make_pipeline, role_patterns

ARTICLES = Path(__file__).parent / "articles"
OM, OS = "Operations Manager", "Operations Supervisor"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    """Role names and dimension words straight from kb/data, valid or not mid-edit."""
    return Vocabulary.from_content(load_content())


@pytest.fixture(scope="module")
def nlp(vocabulary: Vocabulary):  # type: ignore[no-untyped-def]
    return make_pipeline(role_patterns(vocabulary.aliases), sentences=True)


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        ("In contrast, the operations supervisor usually has a broader scope.", OS),
        ("The operations manager plans the year, while the operations supervisor is limited to the next shift.", OM),
        ("The operations supervisor is more likely to talk to carriers.", OS),
        ("The operations manager does not have a larger budget than the operations supervisor.", OS),
        ("The operations supervisor has less say over hiring.", OM),
        ("The operations supervisor's view is narrower.", OM),
        ("The operations supervisor reports to the operations manager.", OM),
        ("The operations supervisor is overseen by the operations manager.", OM),
        ("Unlike the operations supervisor, the operations manager also signs contracts.", OM),
        ("The operations manager is more hands-on than the operations supervisor.", OS),
        ("Compared with the operations manager, the operations supervisor spends far less time on budgets.", OM),
        ("The operations manager is not limited to one site.", OM),
        ("Ops supervisors handle one shift but are not responsible for the site.", OM),
        ("The former earns more than the latter.", OM),
        ("Supervisors earn a fair wage. They are rarely given a bonus.", OM),
        ("The final say rests with the operations manager.", OM),
        ("Both the operations manager and the operations supervisor are judged on similar targets.", "tie"),
        (
            "Supervisors are paid more on nights; managers earn more overall. In short, the two are paid the same.",
            "tie",
        ),
        ("The operations manager plans the rota. The operations supervisor runs the shift.", None),
    ],
)
def test_the_leader_is_the_subject_of_the_comparative(nlp, text: str, leader: Optional[str]) -> None:  # type: ignore[no-untyped-def]
    assert guess_leader(nlp(text), (OM, OS))[0] == leader


def test_on_experience_the_years_each_role_needs_decide(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "An operations supervisor needs two or three years. Operations managers need at least five years."
    assert guess_leader(nlp(text), (OM, OS), "experience")[0] == OM
    assert guess_leader(nlp(text), (OM, OS), "skills")[0] is None


@pytest.mark.parametrize(
    ("heading", "dimension"),
    [
        ("Hierarchy and Reporting", "hierarchy"),
        ("Job Title and Hierarchy", "hierarchy"),
        ("Tenure and Experience", "experience"),
        ("Scope of Responsibilities", "scope"),
        ("Salary and Benefits", "compensation"),
        ("Key Performance Indicators", "performance_metrics"),
        ("Stakeholder Management", "collaboration"),
        ("Decision-Making Power", "decision_making"),
        ("Who earns more?", "compensation"),
        ("Who controls the money?", "budget"),
        ("Strategic Planning", "strategy"),
        ("Work environment", None),
        ("Team culture", None),
        ("Final Thoughts", None),
        ("A Day in the Life", None),
    ],
)
def test_headings_map_to_dimensions(vocabulary: Vocabulary, heading: str, dimension: Optional[str]) -> None:
    assert HeadingMapper(vocabulary.dimensions).map(heading)[0] == dimension


def test_heading_styles_gaps_intro_closing_and_footer() -> None:
    article = parse_article(
        "Title\n\nIntro line.\n\n## Pay\nOne.\n\nTwo.\n\n**Who decides?**\nThree.\n\n3. Budget\nFour…\n\n"
        "Metrics: Five.\n\nSkills:\n\n## Experience\n…\n\nStill unsure? Ask us.\n\n---\nFooter.\n"
    )
    assert [(s.heading, s.paragraphs, s.cut_short) for s in article.sections] == [
        ("Pay", ["One.", "Two."], False),
        ("Who decides?", ["Three."], False),
        ("Budget", ["Four…"], True),
        ("Metrics", ["Five."], False),
        ("Skills", [], True),
        ("Experience", ["…"], True),
    ]
    assert article.intro == [(3, "Intro line.")]
    assert article.left_out == [(23, "Still unsure? Ask us."), (26, "Footer.")]
    closing = parse_article("T\n\nPay: more.\n\nThinking of a change? Read on.\n")
    assert closing.sections[0].paragraphs == ["more."] and closing.left_out == [(5, "Thinking of a change? Read on.")]


@pytest.mark.parametrize(
    ("title", "roles"),
    [
        ("Plant Manager vs Production Manager: Differences", ("Plant Manager", "Production Manager")),
        ("COO vs. Head of Ops - key differences", ("Chief Operating Officer", "Head of Operations")),
        (
            "Which job is for you?\n\nWe compare the buyer and the procurement manager.",
            ("Buyer", "Procurement Manager"),
        ),
    ],
)
def test_the_role_pair_comes_from_the_title_or_first_lines(
    vocabulary: Vocabulary, tmp_path: Path, title: str, roles: tuple[str, str]
) -> None:
    report = draft_article(vocabulary, f"{title}\n\nPay: The first earns more.\n", Path("a.txt"), tmp_path / "d.yml")
    assert report.roles == roles


def test_an_article_without_two_known_roles_is_refused(vocabulary: Vocabulary, tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"x.txt:1: the title or first lines must name two known roles \(found: "):
        draft_article(vocabulary, "A barista and an ops manager\n\nPay: more.", Path("x.txt"), tmp_path / "d.yml")
    with pytest.raises(ArticleError, match="empty"):
        draft_article(vocabulary, "\n\n", Path("x.txt"), tmp_path / "d.yml")


def test_report_and_draft_of_a_preview_cut_short(vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = ARTICLES / "vp-vs-director-of-operations.txt"
    report = draft_article(vocabulary, path.read_text(encoding="utf-8"), path, tmp_path / "d.yml")
    summary = report.summary().splitlines()
    assert summary[1] == "Headings: 10 of 10 mapped to a dimension"
    assert summary[2] == "  line 5: 'Responsibilities' -> scope (heading); leader: VP of Operations"
    assert summary[12:] == [
        "Leaders: 6 named, 1 tie, 3 undecided",
        "  undecided: line 9 'Strategy' (strategy): the text does not say",
        "  undecided: line 13 'Decision-making' (decision_making): the text does not say",
        "  undecided: line 23 'Emergencies' (crisis_management): the text does not say",
        "Gaps: 7 section(s) cut short or empty",
        "  line 5: 'Responsibilities' is cut short",
        "  line 9: 'Strategy' is cut short",
        "  line 11: 'Budget' is cut short",
        "  line 13: 'Decision-making' is empty",
        "  line 17: 'Compensation' is cut short",
        "  line 19: 'Experience' is cut short",
        "  line 23: 'Emergencies' is empty",
        "Left out of the points (intro, closing, footer): lines 3, 25",
        "Not covered by the article: skills, performance_metrics",
    ]
    text = (tmp_path / "d.yml").read_text(encoding="utf-8")
    assert text.startswith("# Draft contrast from vp-vs-director-of-operations.txt: for review only.")
    assert "rewrite every\n# text in Rolewise's own words" in text
    assert "  strategy:  # from 'Strategy' (line 9)\n    # REVIEW: the text does not say" in text
    assert "    # GAP: 'Budget' is cut short in the article; complete the text\n" in text
    draft = YAML(typ="safe").load(text)
    assert draft["points"]["hierarchy"]["leader"] == "VP of Operations"
    assert draft["points"]["decision_making"] == {"leader": "tie", "text": "…"}


def test_unmapped_headings_are_kept_and_two_sections_on_one_dimension_merge(
    vocabulary: Vocabulary, tmp_path: Path
) -> None:
    path = ARTICLES / "facilities-manager-vs-maintenance-manager.md"
    report = draft_article(vocabulary, path.read_text(encoding="utf-8"), path, tmp_path / "d.yml")
    assert [(s.heading, s.line) for s in report.unmapped] == [("What does each one look after?", 7)]
    assert (
        "  line 7: 'What does each one look after?' matches no dimension; kept in the draft for review"
        in report.summary()
    )
    assert (
        "  line 43: 'What qualifications help?' -> skills (heading words, merged into 'What skills do you need?')"
        in (report.summary())
    )
    draft = YAML(typ="safe").load((tmp_path / "d.yml").read_text(encoding="utf-8"))
    assert draft["points"]["skills"]["leader"] == "Facilities Manager"
    assert draft["points"]["skills"]["text"].endswith("followed by a reliability certificate.")
    assert (
        "# UNMAPPED heading 'What does each one look after?' (line 7): A facilities manager"
        in (tmp_path / "d.yml").read_text()
    )


def test_ingest_reads_a_built_knowledge_base_and_the_cli_prints_the_report(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    engine = make_engine(url)
    build_database(engine, load_content())
    with Session(engine) as session:
        report = ingest_file(session, ARTICLES / "logistics-vs-warehouse.txt", tmp_path / "d.yml")
    assert {s.dimension: s.leader for s in report.mapped} == {
        "scope": "Logistics Manager",
        "hierarchy": "Logistics Manager",
        "compensation": "Logistics Manager",
        "performance_metrics": "tie",
        "crisis_management": "Logistics Manager",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kb",
            "--database-url",
            url,
            "ingest",
            str(ARTICLES / "hoo-vs-om.txt"),
            "--out",
            str(tmp_path / "h.yml"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "Headings: 3 of 4 mapped to a dimension",
        "  line 5: 'Budget' -> budget (heading); leader: Head of Operations",
        "  line 8: 'Strategy' -> strategy (heading); leader: Head of Operations",
        "  line 14: 'Decision-making' -> decision_making (heading); leader: undecided",
        "  line 11: 'Team culture' matches no dimension; kept in the draft for review",
        "Leaders: 2 named, 0 tie, 1 undecided",
        "  undecided: line 14 'Decision-making' (decision_making): the text does not say",
        "Left out of the points (intro, closing, footer): lines 3",
        "Not covered by the article: scope, hierarchy, collaboration, skills, compensation, performance_metrics, "
        "experience, external_relations, crisis_management",
    ]
