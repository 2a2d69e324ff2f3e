"""The reading steps every content reader shares (``kb.content.reader``): a whole file as a mapping or
as a list of mappings, and a mapping under a key, each problem recorded at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.content.contrasts import read_contrast
from kb.content.reader import ContentError, Reader


def reader_of(tmp_path: Path, text: str) -> tuple[Reader, list[ContentError]]:
    path = tmp_path / "file.yml"
    path.write_text(text)
    errors: list[ContentError] = []
    return Reader(path, errors), errors


def said(errors: list[ContentError]) -> list[str]:
    return [f"{e.where.line}: {e.message}" for e in errors]


def test_a_file_read_as_a_mapping(tmp_path: Path) -> None:
    reader, errors = reader_of(tmp_path, "name: Buyer\nfamily: Purchasing\n")
    node = reader.load_mapping("a role file")
    assert (dict(node or {}), errors) == ({"name": "Buyer", "family": "Purchasing"}, [])


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("- Buyer\n", ["1: a role file must be a mapping"]),
        ("name: [Buyer\n", ["2: not valid YAML: expected ',' or ']', but got '<stream end>'"]),
        ("", []),  # an empty file is no mapping, and says nothing more here
    ],
)
def test_a_file_that_is_no_mapping(tmp_path: Path, text: str, problems: list[str]) -> None:
    reader, errors = reader_of(tmp_path, text)
    assert reader.load_mapping("a role file") is None
    assert said(errors) == problems


def test_a_file_read_as_a_list_keeps_the_entries_that_are_mappings(tmp_path: Path) -> None:
    reader, errors = reader_of(tmp_path, "- slug: stress\n- just words\n- slug: travel\n")
    nodes = reader.load_list("aspects", "each aspect")
    assert [n["slug"] for n in nodes] == ["stress", "travel"]
    assert said(errors) == ["1: each aspect must be a mapping"]  # plain text carries no line: the file's first


def test_a_list_file_that_is_a_mapping(tmp_path: Path) -> None:
    reader, errors = reader_of(tmp_path, "slug: stress\n")
    assert reader.load_list("aspects", "each aspect") == []
    assert said(errors) == ["1: the aspects file must be a list"]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("roles: [A, B]\n", ["1: missing 'points'"]),
        ("roles: [A, B]\npoints:\n", ["1: missing 'points'"]),
        ("roles: [A, B]\npoints: [scope]\n", ["2: 'points' must be a mapping"]),
    ],
)
def test_a_section_missing_empty_or_no_mapping(tmp_path: Path, text: str, problems: list[str]) -> None:
    reader, errors = reader_of(tmp_path, text)
    node = reader.load_mapping("a contrast file")
    assert node is not None and reader.section(node, "points") is None
    assert said(errors) == problems


def test_a_contrast_file_without_points_keeps_its_roles(tmp_path: Path) -> None:
    path = tmp_path / "a--b.yml"
    path.write_text("roles: [Buyer, Plant Manager]\n")
    errors: list[ContentError] = []
    contrast = read_contrast(path, errors)
    assert contrast is not None and (contrast.roles, contrast.points) == (("Buyer", "Plant Manager"), {})
    assert said(errors) == ["1: missing 'points'"]
