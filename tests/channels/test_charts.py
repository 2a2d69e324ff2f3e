"""channels.charts.chart_file: one drawing per pair and KB build, kept on disk; unknown pairs are None."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from channels.charts import chart_file
from kb.build import build_database
from kb.content.load import Content
from kb.db import make_engine
from kb.queries import build_id


def test_a_chart_is_drawn_once_per_pair_and_build(small_content: Content, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    cache = tmp_path / "charts"
    with Session(engine) as session:
        first_build = build_id(session)
    path = chart_file(engine, "buyer--plant-manager", cache)
    assert path == cache / first_build / "buyer--plant-manager.png"
    drawn = path.stat().st_mtime_ns
    path.write_bytes(path.read_bytes() + b"marker")  # a second request must serve this file, not redraw
    assert chart_file(engine, "buyer--plant-manager", cache) == path
    assert path.read_bytes().endswith(b"marker") and path.stat().st_mtime_ns >= drawn

    build_database(engine, small_content)  # a new build: drawn again, the old build's charts removed
    with Session(engine) as session:
        second_build = build_id(session)
    again = chart_file(engine, "buyer--plant-manager", cache)
    assert again == cache / second_build / "buyer--plant-manager.png"
    assert not again.read_bytes().endswith(b"marker")
    assert sorted(p.name for p in cache.iterdir()) == [second_build]


def test_names_that_are_not_a_known_pair_get_nothing(small_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for key in ("buyer--no-such-role", "plant-manager--buyer", "buyer--buyer", "..--etc", ""):
        assert chart_file(small_engine, key, tmp_path) is None
    assert list(tmp_path.iterdir()) == []
