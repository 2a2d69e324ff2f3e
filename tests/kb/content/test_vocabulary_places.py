"""make kb refuses place words that would mislead: US states by postal code must be two letters and a
state name, each state once; the file must have them."""

from __future__ import annotations

from pathlib import Path

from kb.content.reader import ContentError
from kb.content.vocabulary import VOCABULARY_FILE, read_vocabulary, vocabulary


def problems(tmp_path: Path, old: str, new: str) -> list[str]:
    text = VOCABULARY_FILE.read_text()
    assert old in text
    path = tmp_path / "vocabulary.yml"
    path.write_text(text.replace(old, new))
    errors: list[ContentError] = []
    read_vocabulary(path, errors)
    return [e.message for e in errors]


def test_the_checked_in_states_are_fifty_and_dc_and_puerto_rico() -> None:
    states = vocabulary().us_states
    assert (len(states), states["or"], states["nc"], states["dc"]) == (52, "Oregon", "North Carolina",
                                                                       "District of Columbia")  # fmt: skip


def test_a_code_that_is_no_postal_code_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "or: Oregon,", "ore: Oregon,") == [
        "us_states: 'ore: Oregon' is no postal code and state name"
    ]


def test_a_state_with_two_codes_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "ok: Oklahoma,", "ok: Oregon,") == ["us_states: 'oregon' has two codes"]


def test_the_states_must_be_there(tmp_path: Path) -> None:
    assert problems(tmp_path, "us_states:", "us_states_gone:") == [
        "missing 'us_states'",
        "'us_states' must be a mapping",
    ]
