"""kb.english: how common an English word is, from the frequency list bundled with pyspellchecker."""

from __future__ import annotations

import pytest

from kb.english import is_common_word


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("sending", True),
        ("Wearing", True),  # any case
        ("budge", True),  # 2,001 in the list: just over the line
        ("manger", False),  # 585: rare enough to be read as a slip of "manager"
        ("bugdet", False),
        ("seinor", False),
    ],
)
def test_a_word_is_common_from_its_count_in_the_list(word: str, common: bool) -> None:
    assert is_common_word(word) is common
