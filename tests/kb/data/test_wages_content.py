"""Content test on the real wage data: the OEWS May 2025 file that ``make kb`` fetches and
unpacks under ``build/oews/`` (``make test`` runs ``make kb`` first), loaded for the real roles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.wording import answers
from kb.content.load import Content
from kb.queries import compare
from kb.results import Verdict
from kb.content.validate import validate
from kb.wages.fetch import WageData, ensure_wage_data
from kb.wages.load import known_soc_codes, load_wages
from tests.conftest import in_memory


@pytest.fixture(scope="module")
def wage_data() -> WageData:
    return ensure_wage_data()


@pytest.fixture(scope="module")
def real_session(content: Content, wage_data: WageData) -> Iterator[Session]:
    engine: Engine = in_memory(content)
    load_wages(engine, wage_data.database, wage_data.manifest["database_sha256"], content)
    with Session(engine) as session:
        yield session


def test_every_code_the_roles_name_is_in_the_data(content: Content, wage_data: WageData) -> None:
    assert validate(content, known_soc_codes(wage_data.database)) == []
    assert wage_data.manifest["release"]["description"] == "May 2025"


def test_warehouse_and_logistics_managers_share_one_occupation(real_session: Session) -> None:
    verdict = compare(real_session, "warehouse manager", "logistics manager", "compensation")
    assert isinstance(verdict, Verdict) and verdict.leader is not None
    assert verdict.leader.name == "Logistics Manager"
    lines = answers.verdict_text(verdict).splitlines()
    assert lines[0].startswith("The Logistics Manager is typically paid more than a Warehouse Manager.")
    assert lines[1:3] == [
        "Both roles are counted in the same BLS occupation, so they share one set of figures.",
        "Transportation, Storage, and Distribution Managers (SOC 11-3071): median $107,230 a year, "
        "middle half $82,440 to $146,770, 221,180 employed.",
    ]
    assert lines[3].startswith("A Logistics Manager typically sits around the middle of that group (25th to 75th")
    assert lines[4].startswith(
        "A Warehouse Manager typically sits in the lower half of that group (25th percentile to median: "
        "$82,440 to $107,230)."
    )
    assert lines[-1] == "Source: US BLS OEWS, May 2025 (national)."


def test_a_state_and_a_metro_area(real_session: Session) -> None:
    texas = compare(real_session, "coo", "vp of ops", "compensation", "Texas")
    assert isinstance(texas, Verdict)
    assert answers.verdict_text(texas).splitlines()[2] == (
        "Chief Executives (SOC 11-1011): median $257,850 a year, middle half $172,490 to $399,880, 8,780 employed."
    )
    houston = compare(real_session, "coo", "vp of ops", "compensation", "Houston")
    assert isinstance(houston, Verdict)
    assert answers.verdict_text(houston).splitlines()[-1] == (
        "Source: US BLS OEWS, May 2025 (Houston-Pasadena-The Woodlands, TX)."
    )
