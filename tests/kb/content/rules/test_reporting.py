"""``make kb`` refuses levels, contrasts and text that contradict the reporting graph.

Each case starts from a tiny valid KB written here (three roles in one chain plus one
in a separate chain), breaks one thing and expects exactly one error, as ``file:line: message``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.content.load import CONTENT_DIR, load_content
from kb.content.validate import DIMENSION_SLUGS, validate

# name, seniority, reports_to, hierarchy text, level on every dimension
ROLES = (
    ("Director of Operations", 6, None, "A Director of Operations leads department heads.", 4),
    ("Plant Manager", 5, "Director of Operations", "A Plant Manager reports to the Director of Operations.", 4),
    ("Production Manager", 4, "Plant Manager", "A Production Manager reports to the Plant Manager.", 3),
    ("Supply Chain Manager", 5, None, "A Supply Chain Manager leads the supply chain teams.", 4),
    ("Production Planner", 2, "Production Manager", "A Production Planner reports to the Production Manager.", 3),
)
# Career steps, so that every role from rank 3 up has a way in (``kb.content.rules.career``).
NEXT = {
    "Production Planner": "Production Manager",
    "Production Manager": "Plant Manager, Supply Chain Manager",
    "Plant Manager": "Director of Operations",
}
LEVEL_LINE = 8  # line of the first trait's level in a written role file
CONTRAST = "contrasts/plant-manager--production-manager.yml"


def role_file(name: str, seniority: int, boss: str | None, hierarchy: str, level: int) -> str:
    lines = [f"name: {name}", "family: Operations", f"seniority: {seniority}"]
    lines += [f"reports_to: {boss}"] if boss else ["# reports to nobody"]
    lines += [f"summary: A {name} runs things.", "traits:"]
    for slug in DIMENSION_SLUGS:
        text = hierarchy if slug == "hierarchy" else f"A {name} works on {slug}."
        lines += [f"  {slug}:", f"    level: {level}", f"    text: {text}"]
    lines += ['soc: ["11-1021"]', "pay_position: {band: middle, text: Around the middle.}"]
    note = f"A {name} usually has a degree in a field close to the job."
    lines += [f"education: {{level: bachelors, experience_instead: true, text: {note}}}"]
    lines += ["certifications: []"]
    lines += [f"next_roles: [{NEXT[name]}]"] if name in NEXT else []
    return "\n".join(lines) + "\n"


def trait_line(slug: str) -> int:
    return LEVEL_LINE + 3 * DIMENSION_SLUGS.index(slug)


def point_line(slug: str) -> int:
    return 4 + 3 * DIMENSION_SLUGS.index(slug)


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    (target / "roles").mkdir(parents=True)
    (target / "contrasts").mkdir()
    shutil.copy(CONTENT_DIR / "dimensions.yml", target / "dimensions.yml")
    shutil.copy(CONTENT_DIR / "certifications.yml", target / "certifications.yml")
    for name, *rest in ROLES:
        (target / "roles" / f"{name.lower().replace(' ', '-')}.yml").write_text(role_file(name, *rest))
    return target


def write_contrast(content_dir: Path, roles: str, leaders: dict[str, str]) -> Path:
    lines = [f"roles: [{roles}]", "points:"]
    first = roles.split(", ")[0]
    for slug in DIMENSION_SLUGS:
        lines += [f"  {slug}:", f"    leader: {leaders.get(slug, first)}", f"    text: They differ on {slug}."]
    lines += ["sources:", "  - source: the seed article"]
    path = content_dir / CONTRAST
    path.write_text("\n".join(lines) + "\n")
    return path


def set_level(path: Path, slug: str, level: int) -> None:
    lines = path.read_text().splitlines(keepends=True)
    lines[trait_line(slug) - 1] = f"    level: {level}\n"
    path.write_text("".join(lines))


def errors_of(content_dir: Path) -> list[str]:
    return [str(e) for e in validate(load_content(content_dir))]


def test_the_fixture_is_valid(content_dir: Path) -> None:
    assert errors_of(content_dir) == []
    write_contrast(content_dir, "Plant Manager, Production Manager", {})
    assert errors_of(content_dir) == []


def test_hierarchy_leader_below_in_the_chain(content_dir: Path) -> None:
    path = write_contrast(content_dir, "Plant Manager, Production Manager", {"hierarchy": "Production Manager"})
    assert errors_of(content_dir) == [
        f"{path}:{point_line('hierarchy')}: 'hierarchy' names 'Production Manager' as leader but "
        "'Production Manager' reports to 'Plant Manager', so 'Plant Manager' leads",
        f"{path}:{point_line('hierarchy')}: 'hierarchy' names 'Production Manager' as leader but the profiles "
        "rank 'Plant Manager' higher (4 vs 3)",
    ]


CONTRAST_CASES = {
    "tie across two levels of the chain": (
        "Director of Operations, Production Manager", "hierarchy", "tie",
        "'hierarchy' is marked a tie but 'Production Manager' reports to 'Director of Operations' "
        "through 'Plant Manager', so 'Director of Operations' leads",
    ),
    "tie between a manager and a direct report at one level": (
        "Director of Operations, Plant Manager", "hierarchy", "tie",
        "'hierarchy' is marked a tie but 'Plant Manager' reports to 'Director of Operations', "
        "so 'Director of Operations' leads",
    ),
    "lower role leading on a dimension that follows the line": (
        "Director of Operations, Plant Manager", "budget", "Plant Manager",
        "'budget' names 'Plant Manager' as leader but 'Plant Manager' reports to 'Director of Operations', "
        "so 'Plant Manager' cannot lead on 'budget'",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("roles", "slug", "leader", "message"), CONTRAST_CASES.values(), ids=CONTRAST_CASES.keys())
def test_contrast_against_the_chain(content_dir: Path, roles: str, slug: str, leader: str, message: str) -> None:
    path = write_contrast(content_dir, roles, {slug: leader})
    assert errors_of(content_dir) == [f"{path}:{point_line(slug)}: {message}"]


def test_a_tie_or_the_lower_role_leading_on_pay_is_allowed(content_dir: Path) -> None:
    write_contrast(
        content_dir, "Director of Operations, Plant Manager", {"compensation": "Plant Manager", "budget": "tie"}
    )
    assert errors_of(content_dir) == []


def test_a_level_above_the_managers(content_dir: Path) -> None:
    path = content_dir / "roles" / "production-manager.yml"
    set_level(path, "crisis_management", 5)
    assert errors_of(content_dir) == [
        f"{path}:{trait_line('crisis_management')}: 'Production Manager' has 'crisis_management' level 5, "
        "above the 4 of 'Plant Manager', whom they report to",
    ]


def test_a_hierarchy_level_above_a_more_senior_role(content_dir: Path) -> None:
    path = content_dir / "roles" / "production-manager.yml"
    set_level(path, "hierarchy", 4)
    set_level(content_dir / "roles" / "supply-chain-manager.yml", "hierarchy", 3)
    assert errors_of(content_dir) == [
        f"{path}:{trait_line('hierarchy')}: 'Production Manager' (rank 4) has hierarchy level 4, above the 3 "
        "of the more senior 'Supply Chain Manager' (rank 5)",
    ]


def test_hierarchy_text_naming_another_manager(content_dir: Path) -> None:
    path = content_dir / "roles" / "production-manager.yml"
    path.write_text(path.read_text().replace("reports to the Plant Manager", "reports to a Director of Operations"))
    assert errors_of(content_dir) == [
        f"{path}:{trait_line('hierarchy')}: the hierarchy text of 'Production Manager' says they report to "
        "'Director of Operations', but 'reports_to' is 'Plant Manager'",
    ]


def test_authored_leader_with_the_lower_rank_at_one_level(content_dir: Path) -> None:
    path = write_contrast(content_dir, "Plant Manager, Supply Chain Manager", {})
    assert errors_of(content_dir) == []
    role = content_dir / "roles" / "supply-chain-manager.yml"
    role.write_text(role.read_text().replace("seniority: 5", "seniority: 6"))
    assert errors_of(content_dir) == [
        f"{path}:{point_line('hierarchy')}: 'hierarchy' names 'Plant Manager' as leader but 'Supply Chain "
        "Manager' has the higher rank (6 vs 5) at the same hierarchy level",
    ]
