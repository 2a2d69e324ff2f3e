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


OM = "roles/operations-manager.yml"
KNOWN = {"29-1141", "53-3032", "41-9012"}  # SOC codes of a pretend OEWS occupation list


@pytest.mark.parametrize(
    ("edits", "known", "expected"),
    [
        pytest.param(
            [("occupations.yml", "[truck driver, trucker]", "[truck driver, purchaser]")],
            None,
            ["occupations.yml:7: 'purchaser' already names a role; roles win, so drop it here"],
            id="a name that is a role alias belongs to the role",
        ),
        pytest.param(
            [("occupations.yml", "[teacher, schoolteacher]", "[teacher, nurse]")],
            KNOWN,
            [
                "occupations.yml:4: SOC code '25-2021' is not in the OEWS occupation list",
                "occupations.yml:5: 'nurse' already names '29-1141'",
            ],
            id="one name for two jobs and codes outside the OEWS list are refused",
        ),
        pytest.param(
            [
                ("occupations.yml", "- soc: 29-1141", "- soc: 11-1021"),
                ("occupations.yml", "- soc: 53-3032", "- soc: 533032"),
                ("occupations.yml", "group: military", "group: army"),
            ],
            None,
            [
                "occupations.yml:2: SOC code '11-1021' belongs to a role: add the names to that role",
                "occupations.yml:6: SOC code '533032' must be written NN-NNNN",
                "occupations.yml:11: unknown outside group 'army' (see ways_in.yml)",
                "ways_in.yml:26: group 'military' has no 'soc_prefixes' and no names",
            ],
            id="a role code, an unknown group and a bad code are refused",
        ),
        pytest.param(
            [
                ("ways_in.yml", "- role: Operations Lead", "- role: Truck Boss"),
                ("ways_in.yml", "certification: PMP", "certification: PMX"),
                ("ways_in.yml", "  default: true\n", ""),
            ],
            None,
            [
                "ways_in.yml:1: certification 'PMX' is not in the catalogue",
                "ways_in.yml:1: exactly one group must be 'default: true', found 0",
                "ways_in.yml:19: unknown role 'Truck Boss'",
                "ways_in.yml:38: group 'other' has no 'soc_prefixes' and no names",
            ],
            id="ways in name real roles and certifications and one default",
        ),
        pytest.param(
            [(OM, "bonus: common", "bonus: huge"), (OM, "Test pay mix", "A $20,000 bonus. Test pay mix")],
            None,
            [
                "operations-manager.yml:61: pay_mix bonus 'huge' must be one of: usual, common, sometimes, rare",
                "operations-manager.yml:61: pay_mix text states a pay figure ('$2')",
            ],
            id="pay mix levels are a fixed vocabulary and hold no figures",
        ),
        pytest.param(
            [("outside_cues.yml", "total comp]", "total comp, stress]")],
            None,
            ["outside_cues.yml:1: 'stress' is also a word of the aspect 'stress' (aspects.yml)"],
            id="a pay mix word cannot also be an aspect not compared",
        ),
    ],
)
def test_content_that_would_mislead_is_refused(
    content_dir: Path, edits: list[tuple[str, str, str]], known: set[str] | None, expected: list[str]
) -> None:
    for file, old, new in edits:
        edit(content_dir / file, old, new)
    assert problems(content_dir, known) == expected
