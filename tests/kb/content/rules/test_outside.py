"""make kb refuses outside-occupation names, ways in, cues and pay mix that would mislead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.content.load import load_content
from kb.content.validate import validate
from kb.content.rules.outside import check_outside
from tests.conftest import SMALL_KB_DIR


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SMALL_KB_DIR, target)
    return target


def problems(folder: Path, known: set[str] | None = None) -> list[str]:
    """Every problem; with ``known`` (SOC codes of a pretend OEWS list), only the outside-occupation ones."""
    content = load_content(folder)
    found = validate(content) if known is None else check_outside(content, known)
    return [f"{e.where.file.name}:{e.where.line}: {e.message}" for e in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_name_that_is_a_role_alias_belongs_to_the_role(content_dir: Path) -> None:
    edit(content_dir / "occupations.yml", "[truck driver, trucker]", "[truck driver, purchaser]")
    assert problems(content_dir) == ["occupations.yml:7: 'purchaser' already names a role; roles win, so drop it here"]


def test_one_name_for_two_jobs_and_codes_outside_the_oews_list_are_refused(content_dir: Path) -> None:
    edit(content_dir / "occupations.yml", "[teacher, schoolteacher]", "[teacher, nurse]")
    known = {"29-1141", "53-3032", "41-9012"}
    assert problems(content_dir, known) == [
        "occupations.yml:4: SOC code '25-2021' is not in the OEWS occupation list",
        "occupations.yml:5: 'nurse' already names '29-1141'",
    ]


def test_a_role_code_an_unknown_group_and_a_bad_code_are_refused(content_dir: Path) -> None:
    edit(content_dir / "occupations.yml", "- soc: 29-1141", "- soc: 11-1021")
    edit(content_dir / "occupations.yml", "- soc: 53-3032", "- soc: 533032")
    edit(content_dir / "occupations.yml", "group: military", "group: army")
    assert problems(content_dir) == [
        "occupations.yml:2: SOC code '11-1021' belongs to a role: add the names to that role",
        "occupations.yml:6: SOC code '533032' must be written NN-NNNN",
        "occupations.yml:11: unknown outside group 'army' (see ways_in.yml)",
        "ways_in.yml:26: group 'military' has no 'soc_prefixes' and no names",
    ]


def test_ways_in_name_real_roles_and_certifications_and_one_default(content_dir: Path) -> None:
    edit(content_dir / "ways_in.yml", "- role: Operations Lead", "- role: Truck Boss")
    edit(content_dir / "ways_in.yml", "certification: PMP", "certification: PMX")
    edit(content_dir / "ways_in.yml", "  default: true\n", "")
    assert problems(content_dir) == [
        "ways_in.yml:1: certification 'PMX' is not in the catalogue",
        "ways_in.yml:1: exactly one group must be 'default: true', found 0",
        "ways_in.yml:19: unknown role 'Truck Boss'",
        "ways_in.yml:38: group 'other' has no 'soc_prefixes' and no names",
    ]


def test_pay_mix_levels_are_a_fixed_vocabulary_and_hold_no_figures(content_dir: Path) -> None:
    edit(content_dir / "roles" / "operations-manager.yml", "bonus: common", "bonus: huge")
    edit(content_dir / "roles" / "operations-manager.yml", "Test pay mix", "A $20,000 bonus. Test pay mix")
    assert problems(content_dir) == [
        "operations-manager.yml:61: pay_mix bonus 'huge' must be one of: usual, common, sometimes, rare",
        "operations-manager.yml:61: pay_mix text states a pay figure ('$2')",
    ]


def test_a_pay_mix_word_cannot_also_be_an_aspect_not_compared(content_dir: Path) -> None:
    edit(content_dir / "outside_cues.yml", "total comp]", "total comp, stress]")
    assert problems(content_dir) == ["outside_cues.yml:1: 'stress' is also a word of the aspect 'stress' (aspects.yml)"]
