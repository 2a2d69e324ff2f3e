"""``python -m kb``: what content authors type in a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLES = Path(__file__).parent / "ingest" / "articles"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A file database built by the CLI itself, reached through DATABASE_URL."""
    folder = tmp_path_factory.mktemp("cli")
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'kb.sqlite3'}"}
    built = kb(environment, "build", "--pipeline", str(folder / "pipeline"))
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built knowledge base")
    return environment


def kb(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb", *args], env=environment, capture_output=True, text=True, check=False
    )


def test_compare_with_aliases_and_typos_prints_the_verdict_first(env: dict[str, str]) -> None:
    result = kb(env, "compare", "head of ops", "operations manger", "--dimension", "budget")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The Head of Operations has more budget authority than an Operations Manager.")


def test_compare_without_dimension_prints_a_summary(env: dict[str, str]) -> None:
    result = kb(env, "compare", "plant mgr", "production manager")
    assert result.returncode == 0
    assert result.stdout.startswith("The Plant Manager is ahead of a Production Manager on all 12 dimensions.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("compare", "astronaut", "coo"), 'I don\'t know the role "astronaut".'),
        (("compare", "coo", "COO"), "nothing to compare"),
        (("compare", "coo", "buyer", "--dimension", "vibes"), 'I can\'t compare roles on "vibes".'),
    ],
)
def test_compare_mistakes_exit_non_zero_with_a_helpful_line(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    result = kb(env, *args)
    assert result.returncode == 1
    assert message in result.stdout
    assert "Traceback" not in result.stderr


def test_roles_validate_and_ingest(env: dict[str, str], tmp_path: Path) -> None:
    roles = kb(env, "roles")
    assert "Operations leadership: Chief Operating Officer, VP of Operations" in roles.stdout
    assert kb(env, "validate").stdout.startswith("Content OK: 12 dimensions")
    out = tmp_path / "draft.yml"
    ingest = kb(env, "ingest", str(ARTICLES / "logistics-vs-warehouse.txt"), "--out", str(out))
    assert ingest.returncode == 0 and out.exists()
    assert "'Work environment' matches no dimension" in ingest.stdout
    missing = kb(env, "ingest", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "Cannot ingest" in missing.stderr


def test_querying_an_unbuilt_database_names_database_url(tmp_path: Path) -> None:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}"}
    result = kb(environment, "compare", "coo", "buyer")
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr and "Traceback" not in result.stderr


def test_compare_on_the_hierarchy_follows_the_reporting_line(env: dict[str, str]) -> None:
    result = kb(env, "compare", "plant manager", "director of operations", "--dimension", "hierarchy")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "The Director of Operations sits higher in the hierarchy than a Plant Manager: "
        "the Plant Manager reports to the Director of Operations. Based on the two role profiles: "
    )


def test_education_answers_as_the_bot_does(env: dict[str, str]) -> None:
    degree = kb(env, "education", "plant mgr")
    assert degree.returncode == 0, degree.stderr
    assert degree.stdout.startswith(
        "A Plant Manager usually has a bachelor's degree, but employers often accept strong experience instead."
    )
    useful = kb(env, "education", "inventory manager", "--certification", "apics cpim")
    assert useful.stdout.startswith("Yes: CPIM is one of the certifications that help an Inventory Manager.")
    both = kb(env, "education", "buyer", "procurement manager")
    assert both.stdout.startswith(
        "A Buyer and a Procurement Manager usually need the same level of education: a bachelor's degree."
    )
    unknown = kb(env, "education", "buyer", "--certification", "CPMI")
    assert unknown.returncode == 1
    assert unknown.stdout.startswith('"CPMI" is not a certification in my catalogue')


def test_compare_lists_the_sources_of_an_authored_point(env: dict[str, str]) -> None:
    done = kb(env, "compare", "ops manager", "facilities manager", "--dimension", "compensation", "--sources")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(
        "An Operations Manager and a Facilities Manager are typically paid about the same as each other. "
    )
    assert lines[-3:] == [
        "- https://www.bls.gov/ooh/management/top-executives.htm",
        "- https://www.bls.gov/ooh/management/administrative-services-managers.htm",
        "- https://www.bls.gov/oes/tables.htm",
    ]
    assert lines[-5:-3] == ["Sources:", "- the seed article"]
    unauthored = kb(env, "compare", "buyer", "coo", "--dimension", "scope", "--sources")
    assert unauthored.stdout.splitlines()[-1] == (
        "Sources: none; this comparison is composed from the two role profiles."
    )
