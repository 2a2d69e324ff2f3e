"""The pay rules (``kb/content/rules/pay.py``): SOC codes, pay positions and no typed pay figures.

Each case edits a copy of the small test KB and expects the exact ``file:line: message``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.content.load import load_content
from kb.content.validate import validate
from tests.conftest import SMALL_KB_DIR
from tests.kb.content.test_validate import edit

OM = "roles/operations-manager.yml"
CONTRAST = "contrasts/head-of-operations--operations-manager.yml"


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SMALL_KB_DIR, target)
    return target


CASES = {
    "code without its hyphen": (
        'soc: ["11-1021"]', 'soc: ["111021"]', "SOC code '111021' must be written NN-NNNN, e.g. \"11-1021\""
    ),
    "code listed twice": ('soc: ["11-1021"]', 'soc: ["11-1021", "11-1021"]', "SOC code '11-1021' is listed twice"),
    "code not text": ('soc: ["11-1021"]', "soc: [111021]", "'soc' entries must be non-empty text"),
    "codes not a list": ('soc: ["11-1021"]', "soc: 11-1021", "'soc' must be a list"),
    "empty list": ('soc: ["11-1021"]', "soc: []", "'soc' must list at least one SOC code"),
    "unknown band": (
        "  band: middle",
        "  band: median",
        "pay_position band 'median' must be one of: bottom, lower, middle, upper, top",
    ),
    "dollar figure in the pay position": (
        "  text: A test", "  text: About $90,000. A test",
        "pay_position text states a pay figure ('$9'): figures come only from the wage data",
    ),
    "thousands in a compensation trait": (
        "    text: An Operations Manager is at level 3 on compensation. Test text.",
        "    text: An Operations Manager earns 70,000 to 110,000.",
        "compensation text states a pay figure ('70,000'): figures come only from the wage data",
    ),
    "'k' figure in a compensation trait": (
        "    text: An Operations Manager is at level 3 on compensation. Test text.",
        "    text: An Operations Manager earns about 95k.",
        "compensation text states a pay figure ('95k'): figures come only from the wage data",
    ),
}


@pytest.mark.parametrize(("old", "new", "message"), CASES.values(), ids=CASES.keys())
def test_each_pay_rule_names_the_file_and_line(content_dir: Path, old: str, new: str, message: str) -> None:
    path = content_dir / OM
    line = edit(path, old, new)
    if message.startswith(("compensation text", "pay_position text")):
        line -= 1  # a trait is placed at its level line and a pay position at its band, the line above the text
    assert [str(e) for e in validate(load_content(content_dir))] == [f"{path}:{line}: {message}"]


def test_missing_fields_are_named_on_the_first_line(content_dir: Path) -> None:
    path = content_dir / OM
    text = path.read_text()
    path.write_text(text[: text.index('soc: ["11-1021"]')])
    assert [str(e) for e in validate(load_content(content_dir))] == [
        f"{path}:1: missing 'pay_position'",
        f"{path}:1: missing 'soc'",
    ]


def test_a_figure_in_a_contrast_compensation_point(content_dir: Path) -> None:
    path = content_dir / CONTRAST
    text = path.read_text()
    start = text.index("  compensation:")
    point = text[start:]
    leader = start + point.index("leader:")
    line = text[:leader].count("\n") + 1
    text_at = start + point.index("text:")
    path.write_text(text[:text_at] + "text: A Head of Operations earns 120,000 dollars. " + text[text_at + 6 :])
    assert [str(e) for e in validate(load_content(content_dir))] == [
        f"{path}:{line}: compensation point states a pay figure ('120,000'): figures come only from the wage data"
    ]


def test_codes_missing_from_the_wage_data_are_refused(content_dir: Path) -> None:
    path = content_dir / OM
    line = edit(path, 'soc: ["11-1021"]', 'soc: ["11-1021", "13-1023"]')
    known = {"11-1011", "11-1021", "11-3013", "11-3051", "11-3061", "13-1020", "13-1199", "43-1011"}
    known |= {"29-1141", "25-2021", "53-3032", "41-9012"}  # the fixture's occupations outside the map
    assert [str(e) for e in validate(load_content(content_dir), known)] == [
        f"{path}:{line}: SOC code '13-1023' is not in the OEWS wage data"
    ]
    assert [str(e) for e in validate(load_content(content_dir))] == []
