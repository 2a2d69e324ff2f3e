"""The ``cues`` of ``kb/data/vocabulary.yml``: one word list per rule that reads a question
(``actions/cues.py`` compiles them). Each list must be there and hold words; ``make kb`` refuses
the file otherwise. The real file's lists are read as the rules expect."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from kb.content.reader import ContentError
from kb.content.vocabulary import CUE_LISTS, VOCABULARY_FILE, read_vocabulary, vocabulary, words_pattern


def errors_with(tmp_path: Path, change) -> list[str]:  # type: ignore[no-untyped-def]
    """The problems ``read_vocabulary`` finds in the real file after ``change(data)``."""
    yaml = YAML(typ="safe")
    data = yaml.load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "vocabulary.yml"
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    errors: list[ContentError] = []
    read_vocabulary(path, errors)
    return [error.message for error in errors]


def test_the_real_file_has_every_cue_list() -> None:
    assert sorted(vocabulary().cues) == sorted(CUE_LISTS)
    assert all(vocabulary().cues[name] for name in CUE_LISTS)


@pytest.mark.parametrize("name", CUE_LISTS)
def test_a_missing_cue_list_is_refused(tmp_path: Path, name: str) -> None:
    found = errors_with(tmp_path, lambda data: data["cues"].pop(name))
    assert found == [f"'cues' must have exactly {', '.join(CUE_LISTS)} (not '{name}')"]


@pytest.mark.parametrize("name", CUE_LISTS)
def test_an_empty_cue_list_is_refused(tmp_path: Path, name: str) -> None:
    found = errors_with(tmp_path, lambda data: data["cues"].__setitem__(name, []))
    assert found == [f"cues: '{name}' has no words"]


def test_an_unknown_cue_list_is_refused(tmp_path: Path) -> None:
    found = errors_with(tmp_path, lambda data: data["cues"].__setitem__("bored_words", ["bored"]))
    assert found == [f"'cues' must have exactly {', '.join(CUE_LISTS)} (not 'bored_words')"]


def test_no_cues_at_all_is_refused(tmp_path: Path) -> None:
    assert "missing 'cues'" in errors_with(tmp_path, lambda data: data.pop("cues"))[0]


@pytest.mark.parametrize(
    ("words", "at", "text", "found"),
    [
        (("i'm", "i work as"), "start", "I'm bored at work", "I'm"),
        (("i'm", "i work as"), "start", "so I'm bored", None),
        (("i'm", "i work as"), "end", "Hi, I work as a ", "I work as a "),
        (("i'm", "i work as"), "end", "I'm bored at work, a ", None),
        (("best-paid",), "", "the best paid role", "best paid"),
    ],
)
def test_a_cue_pattern_matches_where_it_says(words: tuple[str, ...], at: str, text: str, found: str | None) -> None:
    match = words_pattern(words, at=at).search(text)
    assert (match.group(0).lstrip() if match else None) == found
