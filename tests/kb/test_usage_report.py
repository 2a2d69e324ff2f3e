"""The usage tables (kb.usage), the author's report over them (kb.report) and the profile chart (kb.wording.chart)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.build import build_database
from kb.wording.chart import alt_text, pair_key, parse_pair_key, profile_chart, profile_levels
from kb.cli import main
from kb.content.load import Content
from kb.db import make_engine
from kb.queries import compare_all
from kb.report import build_report, report_markdown, report_text, write_report
from kb.results import Comparison
from kb.usage import (
    Feedback,
    UnknownTitle,
    create_usage_tables,
    record_ask,
    record_feedback,
    record_turn,
    record_unknown,
)

USAGE_TABLES = ["usage_ask", "usage_feedback", "usage_turn", "usage_unknown_title"]


def recorded(engine: Engine) -> None:
    """A week of use on the small KB, whose only contrasts are Head of Operations vs Operations Manager
    and Procurement Manager vs Buyer."""
    with Session(engine) as session, session.begin():
        for n in range(5):
            record_turn(session, f"web:{n}", "m1", "ask_budget", fell_back=False)
        record_turn(session, "web:0", "m1", "ask_budget", fell_back=False)  # a second action on the same message
        record_turn(session, "web:0", "m2", "nlu_fallback", fell_back=True)
        record_turn(session, "slack:T:U", "m1", "nlu_fallback", fell_back=True)
        record_turn(session, "slack:T:U", "m2", "compare_roles", fell_back=False)
        for _ in range(3):
            record_ask(session, "web:1", "Buyer", "Plant Manager", "budget")
        record_ask(session, "web:2", "Plant Manager", "Buyer", None)  # same pair, other order
        record_ask(session, "web:2", "Facilities Manager", "Plant Manager", "scope")
        record_ask(session, "web:3", "Head of Operations", "Operations Manager", "budget")  # authored
        record_ask(session, "web:3", "Buyer", "Procurement Manager", "budget")  # authored, other order
        record_unknown(session, "web:1", "Data  Scientist", "m1")
        record_unknown(session, "web:1", "data scientist", "m1")  # a second action on the same message
        record_unknown(session, "web:2", "data scientist", "m1")
        record_unknown(session, "web:2", "data scientist", "m2")  # the same title in the next message
        record_unknown(session, "web:3", "Barista", "m1")
        record_unknown(session, "web:3", "accountant", "m2")  # as many messages: in alphabetical order, case aside
        record_feedback(session, "web:1", False, "Buyer", "Plant Manager", "budget")
        record_feedback(session, "web:2", False, "Buyer", "Plant Manager", "budget")
        record_feedback(session, "web:2", False, "Plant Manager", "Buyer", None)
        record_feedback(session, "web:3", True, "Buyer", "Plant Manager", "budget")


@pytest.fixture()
def used_kb(small_content: Content) -> Engine:
    engine = make_engine("sqlite://")
    build_database(engine, small_content)
    assert create_usage_tables(engine) == USAGE_TABLES
    recorded(engine)
    return engine


def test_report_counts(used_kb: Engine) -> None:
    with Session(used_kb) as session:
        report = build_report(session)
    assert report.uncovered_pairs == (("Buyer", "Plant Manager", 4), ("Facilities Manager", "Plant Manager", 1))
    assert report.unknown_titles == (("data scientist", 3), ("accountant", 1), ("Barista", 1))
    assert report.not_helpful == (
        ("Buyer vs Plant Manager (Budget authority)", 2),
        ("Plant Manager vs Buyer (all dimensions)", 1),
    )
    assert (report.helpful_clicks, report.not_helpful_clicks) == (1, 3)
    assert (report.turns, report.fallbacks) == (8, 2)
    assert dict(report.asks_per_dimension)["Budget authority"] == 5
    assert report.asks_per_dimension[-1] == ("all dimensions", 1)
    assert sum(n for _, n in report.asks_per_dimension) == 7
    assert report_text(report).splitlines() == [
        "Most asked pairs without an authored contrast (write a contrast):",
        "  Buyer vs Plant Manager: 4 asks",
        "  Facilities Manager vs Plant Manager: 1 ask",
        "Unknown titles people typed (roles to add or aliases to write):",
        "  data scientist: 3 messages",
        "  accountant: 1 message",
        "  Barista: 1 message",
        "Answers marked not helpful (3 not helpful, 1 helpful):",
        "  Buyer vs Plant Manager (Budget authority): 2 clicks",
        "  Plant Manager vs Buyer (all dimensions): 1 click",
        "Turns that fell back: 2 of 8 turns (25.0%)",
    ]


def test_an_empty_report_says_so(small_engine: Engine) -> None:
    create_usage_tables(small_engine)
    with Session(small_engine) as session:
        text = report_text(build_report(session))
    assert text.splitlines()[-1] == "Turns that fell back: no turns recorded yet"
    assert text.count("(none)") == 3


def test_a_rebuild_keeps_usage_rows(used_kb: Engine, small_content: Content) -> None:
    build_database(used_kb, small_content)
    with Session(used_kb) as session:
        assert len(session.scalars(select(Feedback)).all()) == 4
        assert build_report(session).turns == 8
    assert set(USAGE_TABLES) <= set(inspect(used_kb).get_table_names())


def test_markdown_and_plot(used_kb: Engine, tmp_path: Path) -> None:
    with Session(used_kb) as session:
        report = build_report(session)
    written = write_report(report, tmp_path)
    assert written == tmp_path / "report.md"
    assert written.read_text() == report_markdown(report, "asks_per_dimension.png")
    assert "| Budget authority | 5 |" in written.read_text().splitlines()
    assert (tmp_path / "asks_per_dimension.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_kb_report_command(small_content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    engine = make_engine(url)
    build_database(engine, small_content)
    create_usage_tables(engine)
    recorded(engine)
    assert main(["--database-url", url, "report", "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "  Buyer vs Plant Manager: 4 asks"
    assert out[-2] == "Turns that fell back: 2 of 8 turns (25.0%)"
    assert out[-1] == f"Written to {tmp_path / 'report' / 'report.md'}"


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_profile_levels_belong_to_their_roles(small_session: Session, small_content: Content) -> None:
    """Verdicts name their leader first; the chart's bars must still follow the roles."""
    comparison = compare_all(small_session, "Buyer", "Plant Manager")
    assert isinstance(comparison, Comparison)
    specs = {role.name: role for role in small_content.roles}
    order = [d.slug for d in small_content.dimensions]
    expected = tuple([specs[name].traits[slug].level for slug in order] for name in ("Buyer", "Plant Manager"))
    assert profile_levels(comparison) == expected
    assert expected[0] != expected[1]


def test_profile_chart_and_alt_text(small_session: Session, tmp_path: Path) -> None:
    comparison = compare_all(small_session, "Buyer", "Plant Manager")
    assert isinstance(comparison, Comparison)
    path = profile_chart(comparison, tmp_path / "charts" / "buyer--plant-manager.png")
    assert png_size(path) == (640, 571)
    assert [p.name for p in path.parent.iterdir()] == ["buyer--plant-manager.png"]  # no partial file left
    alt = alt_text(comparison)
    assert alt.startswith("Profile chart of the Buyer and the Plant Manager, level 1-5 on 12 dimensions. Leader: ")
    assert alt.count(": ") == 13
    leaders = {v.dimension.name: (v.leader.name if v.leader else "comparable") for v in comparison.verdicts}
    assert f"Budget authority: {leaders['Budget authority']}" in alt


@pytest.mark.parametrize(
    ("key", "parsed"),
    [
        ("buyer--plant-manager", ("buyer", "plant-manager")),
        ("plant-manager--buyer", None),  # not sorted: one picture per pair
        ("buyer--buyer", None),
        ("../kb--x", None),
        ("buyer-plant-manager", None),
        ("Buyer--plant-manager", None),
    ],
)
def test_pair_keys(key: str, parsed: tuple[str, str] | None) -> None:
    assert parse_pair_key(key) == parsed
    if parsed:
        assert pair_key(parsed[1], parsed[0]) == key


def test_every_unknown_title_is_listed_and_one_turn_is_one_turn(small_engine: Engine) -> None:
    create_usage_tables(small_engine)
    with Session(small_engine) as session, session.begin():
        record_turn(session, "web:0", "m1", "career_path", fell_back=False)
        for n in range(12):  # more than the ten of each other list
            record_unknown(session, f"web:{n}", f"Title {n:02d}", "m1")
    with Session(small_engine) as session:
        lines = report_text(build_report(session)).splitlines()
    start = lines.index("Unknown titles people typed (roles to add or aliases to write):") + 1
    assert lines[start : start + 13] == [f"  Title {n:02d}: 1 message" for n in range(12)] + [
        "Answers marked not helpful (0 not helpful, 0 helpful):"
    ]
    assert lines[-1] == "Turns that fell back: 0 of 1 turn (0.0%)"


def test_an_older_unknown_title_table_gets_its_message_column_and_keeps_its_rows(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    with engine.begin() as connection:  # the table as kb.usage made it before message ids were kept
        connection.exec_driver_sql(
            "CREATE TABLE usage_unknown_title (id INTEGER PRIMARY KEY, conversation_id VARCHAR(160) NOT NULL, "
            "phrase VARCHAR(120) NOT NULL, at DATETIME NOT NULL)"
        )
        connection.exec_driver_sql(
            "INSERT INTO usage_unknown_title (conversation_id, phrase, at) VALUES ('web:1', 'barista', '2026-01-01')"
        )
    create_usage_tables(engine)
    create_usage_tables(engine)  # again: nothing left to add
    with Session(engine) as session, session.begin():
        assert record_unknown(session, "web:2", "Barista", "m1")
        assert not record_unknown(session, "web:2", "barista ", "m1")
    with Session(engine) as session:
        kept = session.execute(select(UnknownTitle.message_id, UnknownTitle.phrase).order_by(UnknownTitle.id))
        assert kept.all() == [(None, "barista"), ("m1", "Barista")]
