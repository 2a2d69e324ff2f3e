"""``make kb`` refuses bad content and says which file and line to fix: one test per rule.

Each case breaks one entry of a copy of the small test KB (``tests/fixtures/small_kb``) and
expects the errors that entry causes, each as the exact ``file:line: message`` an author sees.
(An edit may break other rules too; those are left to their own tests.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest

from kb.content.load import CONTENT_DIR, load_content
from kb.content.validate import DIMENSION_SLUGS, validate
from tests.conftest import SMALL_KB_DIR

OM = "roles/operations-manager.yml"
COO = "roles/chief-operating-officer.yml"
BUYER = "roles/buyer.yml"
DIMENSIONS = "dimensions.yml"
CONTRAST = "contrasts/chief-operating-officer--buyer.yml"


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    """The small test KB without its contrasts (the contrast cases write their own)."""
    target = tmp_path / "content"
    shutil.copytree(SMALL_KB_DIR, target, ignore=shutil.ignore_patterns("contrasts"))
    (target / "contrasts").mkdir()
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; returns the 1-based line where the change starts."""
    text = path.read_text()
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :])
    return text[:index].count("\n") + 1


def errors_of(content_dir: Path) -> list[str]:
    return [str(e) for e in validate(load_content(content_dir))]


def contrast_line(slug: str, key: str = "leader") -> int:
    """Line of a point's ``leader`` (or its slug) in a file written by ``write_contrast``."""
    return 3 * DIMENSION_SLUGS.index(slug) + (4 if key == "leader" else 3)


def write_contrast(content_dir: Path, leaders: dict[str, str], roles: str = "Chief Operating Officer, Buyer") -> Path:
    lines = [f"roles: [{roles}]", "points:"]
    for slug in DIMENSION_SLUGS:
        lines += [
            f"  {slug}:",
            f"    leader: {leaders.get(slug, 'Chief Operating Officer')}",
            f"    text: The COO and the Buyer differ on {slug}.",
        ]
    lines += ["sources:", "  - source: the seed article"]
    path = content_dir / CONTRAST
    path.write_text("\n".join(lines) + "\n")
    return path


@dataclass(frozen=True)
class Case:
    """Replace ``old`` by ``new`` in ``file``: the errors it must cause there, as (line, message).

    A line of None means the line where the edit starts.
    """

    file: str
    old: str
    new: str
    errors: tuple[tuple[Optional[int], str], ...]


def at_edit(*messages: str) -> tuple[tuple[Optional[int], str], ...]:
    return tuple((None, message) for message in messages)


NO_SCOPE = (1, "role 'Operations Manager' has no trait for 'scope'")
CASES = {
    "unknown role in reports_to": Case(
        OM, "reports_to: Head of Operations", "reports_to: Head of Vibes",
        at_edit("'reports_to' names unknown role 'Head of Vibes'"),
    ),
    "reports to itself": Case(
        OM, "reports_to: Head of Operations", "reports_to: Operations Manager",
        at_edit("reporting cycle: Operations Manager -> Operations Manager",
                "role 'Operations Manager' reports to itself"),
    ),
    "reports to someone not more senior": Case(
        OM, "reports_to: Head of Operations", "reports_to: Facilities Manager",
        at_edit("'Operations Manager' (seniority 4) reports to 'Facilities Manager' (seniority 4), "
                "who is not more senior"),
    ),
    "unknown role in next_roles": Case(
        OM, "next_roles: [Head of Operations, Plant Manager]", "next_roles: [Chief Happiness Officer, Plant Manager]",
        at_edit("'next_roles' names unknown role 'Chief Happiness Officer'"),
    ),
    "lists itself as next role": Case(
        OM, "next_roles: [Head of Operations, Plant Manager]", "next_roles: [Operations Manager, Plant Manager]",
        at_edit("'Operations Manager' lists itself as its next role"),
    ),
    "level above five": Case(OM, "    level: 3", "    level: 6", at_edit("level of 'scope' must be 1-5, not 6")),
    "level zero": Case(OM, "    level: 3", "    level: 0", at_edit("level of 'scope' must be 1-5, not 0")),
    "level not a number": Case(
        OM, "    level: 3", "    level: high", at_edit("level of 'scope' must be 1-5, not 'high'")
    ),
    "level not whole": Case(OM, "    level: 3", "    level: 2.5", at_edit("level of 'scope' must be 1-5, not 2.5")),
    "trait without a level": Case(OM, "    level: 3\n", "", (NO_SCOPE, (20, "trait 'scope' has no 'level'"))),
    "unknown dimension in traits": Case(
        OM, "  scope:\n", "  vibes:\n", (NO_SCOPE, (21, "unknown dimension 'vibes' in traits"))
    ),
    "seniority not a number": Case(
        OM, "seniority: 4", "seniority: senior", at_edit("'seniority' must be a whole number, not 'senior'")
    ),
    "seniority below one": Case(OM, "seniority: 4", "seniority: 0", ((1, "'seniority' must be 1 or more"),)),
    "bad article": Case(OM, "family:", "article: the\nfamily:", ((1, "'article' must be 'a' or 'an'"),)),
    "missing field": Case(OM, "family: Operations management\n", "", ((1, "missing 'family'"),)),
    "empty field": Case(OM, "family: Operations management", "family: ''", at_edit("'family' must be non-empty text")),
    "aliases not a list": Case(
        OM, "aliases:\n  - ops manager\n  - ops mgr", "aliases: ops", at_edit("'aliases' must be a list")
    ),
    "alias without letters": Case(OM, "  - ops mgr", "  - '!!'", at_edit("alias '!!' has no letters or digits")),
    "missing trait": Case(
        BUYER, "  budget:\n    level: 2\n    text: A Buyer is at level 2 on budget. Test text.\n", "",
        ((1, "role 'Buyer' has no trait for 'budget'"),),
    ),
    "missing traits": Case(
        BUYER, "traits:", "nothing:",
        ((1, "missing 'traits'"), *((1, f"role 'Buyer' has no trait for '{slug}'") for slug in DIMENSION_SLUGS)),
    ),
    "broken YAML": Case(
        BUYER, "seniority: 2", "seniority: 2: 3", at_edit("not valid YAML: mapping values are not allowed here")
    ),
    "unknown dimension": Case(
        DIMENSIONS, "- slug: scope", "- slug: vibes",
        ((1, "dimension 'scope' is missing"), (10, "unknown dimension 'vibes'")),
    ),
    "dimension defined twice": Case(
        DIMENSIONS, "- slug: hierarchy", "- slug: scope",
        ((1, "dimension 'hierarchy' is missing"), (None, "dimension 'scope' defined twice"),
         (10, "dimension 'scope' defined twice")),
    ),
    "dimension without a name": Case(
        DIMENSIONS, "  name: Scope of responsibility\n", "",
        ((1, "dimension 'scope' is missing"), (10, "missing 'name'")),
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_rule_names_the_file_and_line(content_dir: Path, case: Case) -> None:
    path = content_dir / case.file
    line = edit(path, case.old, case.new)
    errors = errors_of(content_dir)
    expected = [f"{path}:{line if at is None else at}: {message}" for at, message in case.errors]
    assert [e for e in expected if e not in errors] == [], errors


def test_a_reporting_cycle_names_the_reports_to_line_that_closes_it(content_dir: Path) -> None:
    path = content_dir / COO
    line = edit(path, "seniority: 8\n", "seniority: 8\nreports_to: Operations Coordinator\n") + 1
    chain = "Chief Operating Officer -> Operations Coordinator -> Operations Lead -> Operations Supervisor -> "
    chain += "Operations Manager -> Head of Operations -> Chief Operating Officer"
    errors = errors_of(content_dir)
    assert f"{path}:{line}: reporting cycle: {chain}" in errors
    assert (
        f"{path}:{line}: 'Chief Operating Officer' (seniority 8) reports to 'Operations Coordinator' (seniority 1), "
        "who is not more senior"
    ) in errors


def test_a_duplicate_alias_names_both_places(content_dir: Path) -> None:
    """Files are read in name order: the error sits on the later file's alias and points at the earlier one."""
    lead = content_dir / "roles" / "operations-lead.yml"
    line = edit(lead, "aliases:\n", "aliases:\n  - Ops Managers\n") + 1
    manager = content_dir / OM
    assert errors_of(content_dir) == [
        f"{manager}:7: alias 'ops manager' of 'Operations Manager' also names 'Operations Lead' (at {lead}:{line})"
    ]


def test_a_role_file_that_is_not_a_mapping(content_dir: Path) -> None:
    path = content_dir / BUYER
    path.write_text("- Buyer\n- Supply chain\n")
    assert f"{path}:1: a role file must be a mapping" in errors_of(content_dir)


def test_a_role_defined_twice_names_both_files(content_dir: Path) -> None:
    copy = content_dir / "roles" / "zz-operations-manager.yml"
    copy.write_text((content_dir / OM).read_text())
    assert f"{copy}:1: role 'Operations Manager' is defined twice (also at {content_dir / OM}:1)" in errors_of(
        content_dir
    )


CONTRAST_CASES = {
    "leader that contradicts the profiles": (
        {"budget": "Buyer"},
        [(contrast_line("budget"), "'budget' names 'Buyer' as leader but the profiles rank "
                                   "'Chief Operating Officer' higher (5 vs 2)")],
    ),
    "tie between distant levels": (
        {"scope": "tie"},
        [(contrast_line("scope"), "'scope' is marked a tie but the profiles differ by 3 levels "
                                  "(Chief Operating Officer 5, Buyer 2)")],
    ),
    "leader from outside the pair": (
        {"skills": "Plant Manager"},
        [(contrast_line("skills"), "leader 'Plant Manager' is neither 'Chief Operating Officer' nor 'Buyer' "
                                   "(or write 'tie')")],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("leaders", "errors"), CONTRAST_CASES.values(), ids=CONTRAST_CASES.keys())
def test_each_contrast_point_rule_names_the_leader_line(
    content_dir: Path, leaders: dict[str, str], errors: list[tuple[int, str]]
) -> None:
    path = write_contrast(content_dir, leaders)
    found = errors_of(content_dir)
    assert [e for e in (f"{path}:{line}: {message}" for line, message in errors) if e not in found] == [], found


def test_contrast_rules_on_the_pair_name_the_first_line(content_dir: Path) -> None:
    path = write_contrast(content_dir, {}, roles="Chief Operating Officer, Barista")
    assert errors_of(content_dir) == [f"{path}:1: contrast names unknown role 'Barista'"]
    path = write_contrast(content_dir, {}, roles="Buyer, Buyer")
    assert errors_of(content_dir) == [f"{path}:1: contrast compares 'Buyer' with itself"]
    path = write_contrast(content_dir, {}, roles="Buyer")
    assert errors_of(content_dir) == [f"{path}:1: 'roles' must list exactly two role names"]


def test_a_missing_or_unknown_point_and_a_second_contrast_of_a_pair(content_dir: Path) -> None:
    path = write_contrast(content_dir, {})
    line = edit(path, "  budget:", "  coffee:")
    assert errors_of(content_dir) == [
        f"{path}:1: contrast has no point for 'budget'",
        f"{path}:{line + 1}: unknown dimension 'coffee' in points",
    ]
    write_contrast(content_dir, {})
    again = content_dir / "contrasts" / "zz-chief-operating-officer--buyer.yml"
    again.write_text(path.read_text().replace("[Chief Operating Officer, Buyer]", "[Buyer, Chief Operating Officer]"))
    assert errors_of(content_dir) == [
        f"{again}:1: contrast of 'Buyer' and 'Chief Operating Officer' is already authored at {path}:1"
    ]


def test_the_shipped_content_and_the_small_test_kb_are_valid() -> None:
    assert errors_of(CONTENT_DIR) == []
    assert errors_of(SMALL_KB_DIR) == []


def test_build_refuses_bad_content_and_writes_nothing(content_dir: Path, tmp_path: Path) -> None:
    path = content_dir / OM
    line = edit(path, "    level: 3", "    level: 9")
    database = tmp_path / "kb.sqlite3"
    command = [sys.executable, "-m", "kb", "--content", str(content_dir), "--database-url", f"sqlite:///{database}"]
    result = subprocess.run(
        [*command, "build", "--pipeline", str(tmp_path / "pipeline")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert f"  {path}:{line}: level of 'scope' must be 1-5, not 9" in result.stderr.splitlines()
    assert not database.exists()
