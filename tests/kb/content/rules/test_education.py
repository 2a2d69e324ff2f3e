"""The education rules (``kb/content/rules/education.py``): levels, notes, and certifications known to the catalogue.

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

BUYER = "roles/buyer.yml"
CATALOGUE = "certifications.yml"
NOTE = "  text: Education note of the Buyer, written for the tests at level bachelors."
CPSM_NOTE = "    text: Why CPSM helps the Buyer, written for the tests."


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SMALL_KB_DIR, target)
    return target


def errors_of(content_dir: Path) -> list[str]:
    return [str(e) for e in validate(load_content(content_dir))]


ROLE_CASES = {
    "level outside the vocabulary": (
        "  level: bachelors",
        "  level: phd",
        "education level 'phd' must be one of: none_required, vocational, bachelors, masters_preferred",
    ),
    "experience_instead not a yes/no": (
        "  experience_instead: false",
        "  experience_instead: sometimes",
        "'experience_instead' must be true or false, not 'sometimes'",
    ),
    "education note too short": (NOTE, "  text: Degree.", "education text is 7 characters; write 60 to 500"),
    "education note too long": (
        NOTE,
        "  text: " + "Long. " * 90,
        "education text is 539 characters; write 60 to 500",
    ),
    "misspelt certification": (
        "  - name: CPSM",
        "  - name: CPMS",
        "certification 'CPMS' is not in the catalogue (certifications.yml); did you mean 'CPSM' or 'CPIM'?",
    ),
    "certification nobody issues": (
        "  - name: CPSM",
        "  - name: Warehouse Wizard",
        "certification 'Warehouse Wizard' is not in the catalogue (certifications.yml)",
    ),
    "certification listed twice": ("  - name: CPSM", "  - name: CIPS Level 4 Diploma", None),
    "certification note too short": (
        CPSM_NOTE, "    text: Helps.", "certification text is 6 characters; write 30 to 300"
    ),
}


@pytest.mark.parametrize(("old", "new", "message"), ROLE_CASES.values(), ids=ROLE_CASES.keys())
def test_each_role_rule_names_the_file_and_line(content_dir: Path, old: str, new: str, message: str | None) -> None:
    path = content_dir / BUYER
    line = edit(path, old, new)
    if old == NOTE or old == CPSM_NOTE:
        line -= 2 if old == NOTE else 1  # education is placed at its level line, a certification at its name
    if message is None:
        message = "certification 'CIPS Level 4 Diploma' is listed twice"
    assert errors_of(content_dir) == [f"{path}:{line}: {message}"]


def test_missing_education_and_certifications_are_named_on_the_first_line(content_dir: Path) -> None:
    path = content_dir / BUYER
    text = path.read_text()
    path.write_text(text[: text.index("education:")] + text[text.index("traits:") :])
    assert errors_of(content_dir) == [f"{path}:1: missing 'certifications'", f"{path}:1: missing 'education'"]


def test_missing_experience_instead_is_refused(content_dir: Path) -> None:
    path = content_dir / BUYER
    line = edit(path, "  experience_instead: false\n", "")
    assert errors_of(content_dir) == [f"{path}:{line - 1}: missing 'experience_instead'"]


def test_more_than_five_certifications_are_refused(content_dir: Path) -> None:
    path = content_dir / BUYER
    extra = "".join(f"  - name: {n}\n    text: Why {n} helps the Buyer, written for the tests.\n"
                    for n in ("CPIM", "PMP", "CAPM", "OSHA 30"))  # fmt: skip
    line = edit(path, "traits:\n", extra + "traits:\n")
    assert errors_of(content_dir) == [f"{path}:{line + 6}: 'Buyer' lists 6 certifications; keep the 5 most useful"]


def test_an_empty_list_says_none_is_commonly_asked_for(content_dir: Path) -> None:
    path = content_dir / BUYER
    text = path.read_text()
    path.write_text(text[: text.index("certifications:")] + "certifications: []\n" + text[text.index("traits:") :])
    assert errors_of(content_dir) == []


CATALOGUE_CASES = {
    "alias naming another certification": (
        "  aliases: [APICS CPIM]",
        "  aliases: [APICS CPIM, CIPS]",
        "certification name 'CIPS' also names 'CPIM'",
    ),
    "covers too short": (
        "  covers: Supply management, written for the tests.",
        "  covers: Buying.",
        "'covers' is 7 characters; write 30 to 300",
    ),
}


@pytest.mark.parametrize(("old", "new", "message"), CATALOGUE_CASES.values(), ids=CATALOGUE_CASES.keys())
def test_each_catalogue_rule_names_the_file_and_line(content_dir: Path, old: str, new: str, message: str) -> None:
    path = content_dir / CATALOGUE
    line = edit(path, old, new)
    if old.startswith("  covers"):
        line -= 3  # an entry is placed at its name
    else:
        line = 15  # CPIM owns "CIPS" now, so the clash is reported at CIPS Level 4 Diploma's own alias
    assert errors_of(content_dir) == [f"{path}:{line}: {message}"]


def test_a_certification_defined_twice_is_refused(content_dir: Path) -> None:
    path = content_dir / CATALOGUE
    text = path.read_text()
    first = text[: text.index("- name: PMP")].count("\n") + 1
    path.write_text(text + "- name: PMP\n  full_name: Project Management Professional\n  issuer: PMI\n"
                    "  covers: Project management again, written for the tests.\n")  # fmt: skip
    last = text.count("\n") + 1
    assert errors_of(content_dir) == [
        f"{path}:{first}: certification 'PMP' is defined twice",
        f"{path}:{last}: certification 'PMP' is defined twice",
    ]


def test_a_missing_catalogue_is_refused(content_dir: Path) -> None:
    (content_dir / CATALOGUE).unlink()
    errors = errors_of(content_dir)
    assert errors[0] == f"{content_dir / CATALOGUE}:1: file is missing"
    assert len([e for e in errors if "is not in the catalogue" in e]) == 15  # 14 in roles, 1 in ways_in.yml
