"""``make kb`` refuses verdicts that contradict the data, the reporting graph or the role's own words.

Each case copies the small test KB (``tests/fixtures/small_kb``), breaks one thing and expects
exactly the error it causes, as ``file:line: message``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.content.load import load_content
from kb.content.validate import DIMENSION_SLUGS, validate
from kb.content.rules.pay_levels import check_pay_levels, level_for
from kb.content.rules.text import fewest_years
from tests.conftest import SMALL_KB_DIR

OM, LEAD, SUPERVISOR = "roles/operations-manager.yml", "roles/operations-lead.yml", "roles/operations-supervisor.yml"
SEED_CONTRAST = "contrasts/head-of-operations--operations-manager.yml"
# Made-up national percentiles of 11-1021 (USD): an Operations Manager ("middle": 70,000 to 150,000)
# has a range middle of 110,000 (level 3); a Head of Operations ("upper": 100,000 to 150,000) 125,000 (level 4).
NATIONAL = {"11-1021": {"p10": 50_000, "p25": 70_000, "median": 100_000, "p75": 150_000, "p90": 200_000}}


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SMALL_KB_DIR, target)
    return target


def edit(path: Path, old: str, new: str, after: str = "") -> int:
    """Replace the first ``old`` (after the first ``after``) in ``path``; returns the 1-based line it starts on."""
    text = path.read_text()
    index = text.index(old, text.index(after) if after else 0)
    path.write_text(text[:index] + new + text[index + len(old) :])
    return text[:index].count("\n") + 1


def errors_of(content_dir: Path) -> list[str]:
    return [str(e) for e in validate(load_content(content_dir))]


def pay_errors_of(content_dir: Path) -> list[str]:
    return [str(e) for e in check_pay_levels(load_content(content_dir), NATIONAL)]


def test_the_small_kb_passes_every_rule(content_dir: Path) -> None:
    assert errors_of(content_dir) == []
    assert pay_errors_of(content_dir) == []


def test_a_pay_level_that_disagrees_with_the_band(content_dir: Path) -> None:
    line = edit(content_dir / OM, "    level: 3", "    level: 4", after="  compensation:")
    assert pay_errors_of(content_dir) == [
        f"{content_dir / OM}:{line}: 'Operations Manager' has compensation level 4, but its pay band (middle of "
        "SOC 11-1021: range middle $110,000 nationally) is level 3 ($88,000 to $124,999): change the level or the band"
    ]


def test_an_authored_pay_verdict_that_disagrees_with_the_bands(content_dir: Path) -> None:
    line = edit(content_dir / SEED_CONTRAST, "leader: Head of Operations", "leader: tie", after="  compensation:")
    assert pay_errors_of(content_dir) == [
        f"{content_dir / SEED_CONTRAST}:{line}: 'compensation' says a tie but the wage data names 'Head of "
        "Operations' (range middles $125,000 vs $110,000): follow the data"
    ]


def test_pay_levels_follow_the_range_middles() -> None:
    assert [level_for(m) for m in (0, 49_999, 50_000, 87_999, 88_000, 124_999, 125_000, 199_999, 200_000)] == [
        1, 1, 2, 2, 3, 3, 4, 4, 5,
    ]  # fmt: skip


def test_a_superior_that_trails_its_report_on_strategy(content_dir: Path) -> None:
    line = edit(content_dir / LEAD, "    level: 1", "    level: 3", after="  strategy:")
    assert errors_of(content_dir) == [
        f"{content_dir / LEAD}:{line}: 'Operations Lead' has 'strategy' level 3, above the 2 of "
        "'Operations Supervisor', whom they report to"
    ]


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        pytest.param(
            OM,
            "text: An Operations Manager is at level 3 on budget. Test text.",
            "text: An Operations Manager owns a budget of hundreds of millions.",
            "'Operations Manager' has budget level 3, but its text names hundreds of millions or billions, "
            "which is level 5",
            id="budget",
        ),
        pytest.param(
            LEAD,
            "text: An Operations Lead is at level 2 on experience. Test text.",
            "text: An Operations Lead usually has ten to fifteen years in operations.",
            "'Operations Lead' has experience level 2 (1 to 3 years at least), but its text asks for 10 years or more",
            id="experience",
        ),
    ],
)
def test_a_text_that_contradicts_the_level(content_dir: Path, path: str, old: str, new: str, expected: str) -> None:
    line = edit(content_dir / path, old, new)
    assert errors_of(content_dir) == [f"{content_dir / path}:{line - 1}: {expected}"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("needs no previous experience", 0),
        ("usually needs between zero and two years", 0),
        ("typically needs up to two years of experience", 0),
        ("brings fifteen to twenty-five years of experience", 15),
        ("has 5 to 8 years in purchasing", 5),
        ("has eight or more years in retail", 8),
        ("has several years on the tools", None),
    ],
)
def test_years_read_from_experience_texts(text: str, years: int | None) -> None:
    assert fewest_years(text) == years


def test_a_career_step_that_climbs_more_than_one_level(content_dir: Path) -> None:
    line = edit(content_dir / LEAD, "next_roles: [Operations Supervisor, Operations Manager]",
                "next_roles: [Operations Supervisor, Operations Manager, Head of Operations]")  # fmt: skip
    assert errors_of(content_dir) == [
        f"{content_dir / LEAD}:{line}: 'Operations Lead' (rank 2) to 'Head of Operations' (rank 6) climbs more "
        "than one level of seniority: list a step in between"
    ]


def test_a_role_above_entry_level_with_no_way_in(content_dir: Path) -> None:
    edit(content_dir / SUPERVISOR, "next_roles: [Operations Manager, Facilities Manager]",
         "next_roles: [Operations Manager]")  # fmt: skip
    assert errors_of(content_dir) == [
        f"{content_dir / 'roles/facilities-manager.yml'}:1: 'Facilities Manager' (rank 4) has no way in: "
        "no role lists it in 'next_roles'"
    ]


def _no_source(path: Path, skip: str = "") -> list[str]:
    """The error of every point of ``path`` but ``skip``, which sit at lines 4, 7, ... 37 in dimension order."""
    return [
        f"{path}:{3 * n + 4}: point '{slug}' has no source: list the public source it rests on"
        for n, slug in enumerate(DIMENSION_SLUGS)
        if slug != skip
    ]


def test_a_contrast_point_without_a_source(content_dir: Path) -> None:
    path = content_dir / SEED_CONTRAST
    edit(path, "  - source: the seed article", "  - source: the seed article\n    points: [scope]")
    assert errors_of(content_dir) == _no_source(path, skip="scope")


def test_a_source_that_is_neither_a_url_nor_the_seed_article(content_dir: Path) -> None:
    path = content_dir / SEED_CONTRAST
    line = edit(path, "source: the seed article", "source: a blog I read")
    assert errors_of(content_dir) == [
        *_no_source(path),
        f"{path}:{line}: source 'a blog I read' must be an http(s) URL or 'the seed article'",
    ]


def test_kb_validate_refuses_a_contradiction_naming_file_and_line(content_dir: Path) -> None:
    line = edit(content_dir / LEAD, "    level: 1", "    level: 3", after="  strategy:")
    done = subprocess.run(
        [sys.executable, "-m", "kb", "--content", str(content_dir), "validate"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert f"{content_dir / LEAD}:{line}: 'Operations Lead' has 'strategy' level 3" in done.stderr
