"""The vocabulary file (``kb/data/vocabulary.yml``): the checked-in words read cleanly and point at
real dimensions and roles; a file of the wrong shape is refused with the line to fix."""

from __future__ import annotations

from pathlib import Path

from kb.content.load import load_content
from kb.content.reader import ContentError
from kb.content.vocabulary import REFERENCE_KINDS, VOCABULARY_FILE, WORD_LISTS, check_vocabulary, read_vocabulary


def read(path: Path) -> tuple[object, list[str]]:
    errors: list[ContentError] = []
    found = read_vocabulary(path, errors)
    return found, [e.message for e in errors]


def test_the_checked_in_vocabulary_has_every_list_and_points_at_the_kb() -> None:
    found, errors = read(VOCABULARY_FILE)
    content = load_content()
    assert errors == []
    assert set(found.references) == set(REFERENCE_KINDS)
    assert all(found.list(name) for name in WORD_LISTS)
    assert check_vocabulary(found, {d.slug for d in content.dimensions}, {r.name for r in content.roles}) == []


def test_ranking_words_and_reference_nouns_are_content() -> None:
    found, _ = read(VOCABULARY_FILE)
    assert {"worst", "cheapest", "bottom", "top"} <= set(found.cues["superlative"])
    assert {"jobs", "people"} <= set(found.cues["over_roles"])
    assert {"one", "guy"} <= set(found.references["by_word"])
    assert {"paying", "going rate"} <= set(found.dimensions["compensation"])


def test_a_missing_word_list_is_refused(tmp_path: Path) -> None:
    text = VOCABULARY_FILE.read_text()
    start = text.index("\nfeelings:") + 1
    copy = tmp_path / "vocabulary.yml"
    copy.write_text(text[:start] + text[text.index("\ntitles:") + 1:])
    assert "missing 'feelings'" in read(copy)[1]


def test_a_reference_kind_missing_is_refused(tmp_path: Path) -> None:
    text = VOCABULARY_FILE.read_text()
    copy = tmp_path / "vocabulary.yml"
    copy.write_text(text.replace("  by_word: [", "  by_words: ["))
    assert any("'references' must have exactly" in e for e in read(copy)[1])


def test_a_word_under_two_dimensions_is_refused() -> None:
    found, _ = read(VOCABULARY_FILE)
    doubled = type(found)(dimensions={"compensation": ("paying",), "budget": ("paying",)}, source=found.source)
    assert [e.message for e in check_vocabulary(doubled, {"compensation", "budget"}, set())] == [
        "dimensions: 'paying' is under both compensation and budget"
    ]


def test_abbreviations_are_content_checked_by_make_kb(tmp_path: Path) -> None:
    found, _ = read(VOCABULARY_FILE)
    assert {"asst": "assistant", "mgr": "manager"}.items() <= found.abbreviations.items()
    copy = tmp_path / "vocabulary.yml"
    copy.write_text(VOCABULARY_FILE.read_text().replace("asst: assistant", "asst: assistant store"))
    assert read(copy)[1] == ["abbreviations: 'asst: assistant store' is no short form and the one word it stands for"]
