"""Ambiguous short forms: the query the dialogue asks, and the rules for ``ambiguous.yml``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from kb.ambiguous import ambiguous_candidates
from kb.content.load import load_content
from kb.content.validate import validate
from tests.kb.content.test_validate import content_dir  # noqa: F401  (a copy of the small KB to break)


@pytest.mark.parametrize("text", ["PM", "a pm", "  the PM? "])
def test_an_ambiguous_form_gives_its_candidates_in_file_order(small_session: Session, text: str) -> None:
    assert [role.name for role in ambiguous_candidates(small_session, text)] == ["Plant Manager", "Procurement Manager"]


@pytest.mark.parametrize("text", ["plant manager", "buyer", "", "pmo"])
def test_anything_else_has_no_candidates(small_session: Session, text: str) -> None:
    assert ambiguous_candidates(small_session, text) == ()


def errors_of(folder: Path) -> list[str]:
    return [str(e).removeprefix(f"{folder}/") for e in validate(load_content(folder))]


def test_the_real_forms_are_never_aliases(session: Session) -> None:
    assert [role.name for role in ambiguous_candidates(session, "pm")] == [
        "Project Manager",
        "Production Manager",
        "Plant Manager",
        "Program Manager",
        "Procurement Manager",
    ]
    assert [role.name for role in ambiguous_candidates(session, "supervisors")] == [
        "Operations Supervisor",
        "Production Supervisor",
        "Customer Service Supervisor",
        "Transportation Supervisor",
    ]


def test_bad_ambiguous_forms_are_refused_with_file_and_line(content_dir: Path) -> None:  # noqa: F811
    (content_dir / "ambiguous.yml").write_text(
        "PM:\n  - Plant Manager\n  - Astronaut\n"
        "purchaser:\n  - Buyer\n  - Procurement Manager\n"
        "ops:\n  - Operations Manager\n"
        "pm:\n  - Plant Manager\n  - Plant Manager\n"
    )
    assert errors_of(content_dir) == [
        "ambiguous.yml:3: 'PM' names unknown role 'Astronaut'",
        "ambiguous.yml:4: ambiguous form 'purchaser' is also a name or alias of 'Buyer'",
        "ambiguous.yml:7: ambiguous form 'ops' must list at least 2 roles",
        "ambiguous.yml:9: ambiguous form 'pm' is already listed at " + f"{content_dir}/ambiguous.yml:1",
        "ambiguous.yml:11: 'pm' lists 'Plant Manager' twice",
    ]
