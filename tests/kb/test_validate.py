"""``make kb`` refuses bad content and says which file and line to fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.content import CONTENT_DIR, load_content
from kb.validate import DIMENSION_SLUGS, validate


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("contrasts"))
    (target / "contrasts").mkdir()
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; returns the 1-based line of the change."""
    text = path.read_text()
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :])
    return text[:index].count("\n") + 1


def errors_of(content_dir: Path) -> list[str]:
    return [str(e) for e in validate(load_content(content_dir))]


def write_contrast(content_dir: Path, leaders: dict[str, str]) -> Path:
    lines = ["roles: [Chief Operating Officer, Buyer]", "points:"]
    for slug in DIMENSION_SLUGS:
        lines += [
            f"  {slug}:",
            f"    leader: {leaders.get(slug, 'Chief Operating Officer')}",
            f"    text: The COO and the Buyer differ on {slug}.",
        ]
    path = content_dir / "contrasts" / "chief-operating-officer--buyer.yml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_shipped_content_is_valid() -> None:
    assert errors_of(CONTENT_DIR) == []


def test_unknown_role_in_reports_to(content_dir: Path) -> None:
    path = content_dir / "roles" / "operations-manager.yml"
    line = edit(path, "reports_to: Head of Operations", "reports_to: Head of Vibes")
    assert f"{path}:{line}: 'reports_to' names unknown role 'Head of Vibes'" in errors_of(content_dir)


def test_unknown_role_in_next_roles(content_dir: Path) -> None:
    path = content_dir / "roles" / "operations-manager.yml"
    line = edit(path, "next_roles: [Head of Operations,", "next_roles: [Chief Happiness Officer,")
    assert f"{path}:{line}: 'next_roles' names unknown role 'Chief Happiness Officer'" in errors_of(content_dir)


def test_unknown_dimension_in_traits(content_dir: Path) -> None:
    path = content_dir / "roles" / "operations-manager.yml"
    line = edit(path, "  scope:\n", "  vibes:\n") + 1
    errors = errors_of(content_dir)
    assert f"{path}:{line}: unknown dimension 'vibes' in traits" in errors
    assert any(e.endswith("role 'Operations Manager' has no trait for 'scope'") for e in errors)


def test_duplicate_alias_across_roles(content_dir: Path) -> None:
    path = content_dir / "roles" / "operations-lead.yml"
    line = edit(path, "aliases:\n", "aliases:\n  - Ops Managers\n") + 1
    [error] = [e for e in errors_of(content_dir) if "also names" in e]
    assert f"{path}:{line}" in error
    assert "operations-manager.yml:" in error
    assert "'Operations Lead'" in error and "'Operations Manager'" in error


@pytest.mark.parametrize("bad", ["0", "6", "high", "2.5"])
def test_level_outside_one_to_five(content_dir: Path, bad: str) -> None:
    path = content_dir / "roles" / "operations-manager.yml"
    line = edit(path, "    level: 3", f"    level: {bad}")
    assert any(e.startswith(f"{path}:{line}: level of 'scope' must be 1-5") for e in errors_of(content_dir))


def test_missing_trait(content_dir: Path) -> None:
    path = content_dir / "roles" / "buyer.yml"
    text = path.read_text()
    start = text.index("  budget:\n")
    end = text.index("\n  collaboration:\n")
    path.write_text(text[:start] + text[end + 1 :])
    assert f"{path}:1: role 'Buyer' has no trait for 'budget'" in errors_of(content_dir)


def test_contrast_leader_that_contradicts_the_profiles(content_dir: Path) -> None:
    path = write_contrast(content_dir, {"budget": "Buyer"})
    line = 3 * DIMENSION_SLUGS.index("budget") + 4
    assert (
        f"{path}:{line}: 'budget' names 'Buyer' as leader but the profiles rank "
        "'Chief Operating Officer' higher (5 vs 2)"
    ) in errors_of(content_dir)


def test_contrast_tie_between_distant_levels(content_dir: Path) -> None:
    path = write_contrast(content_dir, {"scope": "tie"})
    assert any(e.startswith(f"{path}:4: 'scope' is marked a tie") for e in errors_of(content_dir))


def test_contrast_with_unknown_role_and_foreign_leader(content_dir: Path) -> None:
    path = write_contrast(content_dir, {"skills": "Plant Manager"})
    errors = errors_of(content_dir)
    line = 3 * DIMENSION_SLUGS.index("skills") + 4
    assert (
        f"{path}:{line}: leader 'Plant Manager' is neither 'Chief Operating Officer' nor 'Buyer' (or write 'tie')"
        in errors
    )
    edit(path, "roles: [Chief Operating Officer, Buyer]", "roles: [Chief Operating Officer, Barista]")
    assert f"{path}:1: contrast names unknown role 'Barista'" in errors_of(content_dir)


def test_cycle_in_reports_to(content_dir: Path) -> None:
    path = content_dir / "roles" / "chief-operating-officer.yml"
    text = path.read_text()
    path.write_text(text.replace("seniority: 8\n", "seniority: 8\nreports_to: Operations Associate\n", 1))
    errors = errors_of(content_dir)
    assert any("reporting cycle: " in e and "Chief Operating Officer" in e for e in errors)
    assert any("reports to 'Operations Associate' (seniority 1), who is not more senior" in e for e in errors)


def test_broken_yaml_names_the_line(content_dir: Path) -> None:
    path = content_dir / "roles" / "buyer.yml"
    line = edit(path, "family:", "family: [unclosed\nfamily:")
    errors = errors_of(content_dir)
    assert any(e.startswith(f"{path}:") and "not valid YAML" in e for e in errors)
    assert line >= 1


def test_build_refuses_bad_content_and_writes_nothing(content_dir: Path, tmp_path: Path) -> None:
    edit(content_dir / "roles" / "operations-manager.yml", "    level: 3", "    level: 9")
    database = tmp_path / "kb.sqlite3"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kb",
            "--content",
            str(content_dir),
            "--database-url",
            f"sqlite:///{database}",
            "build",
            "--pipeline",
            str(tmp_path / "pipeline"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "operations-manager.yml:" in result.stderr and "must be 1-5, not 9" in result.stderr
    assert not database.exists()
