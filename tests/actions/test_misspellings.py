"""The misspelt-title threshold, tuned on a table of real slips in title words and of ordinary words
that must never count as a title (over the real KB's alias heads)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from actions.knowledge import alias_heads
from actions.phrases import TITLE_WORDS, misspelt_head

SLIPS = ["biyer", "byer", "buyr", "buyar", "disptacher", "dispatchr", "dispather", "asociate",
         "coordinater", "supervisr", "superviser", "technican", "planer"]  # fmt: skip
WORDS = ["bored", "order", "other", "layer", "buying", "buyers", "paper", "hours", "player", "driver", "nurse",
         "years", "better", "never", "super", "owner", "leader", "teacher", "cooo", "boss", "guy", "plans",
         "people", "manage", "travel", "remote", "engineering", "technical", "assistance", "consulting", "directly",
         "management", "planning", "operations", "supervision", "executive", "planned", "controls"]  # fmt: skip


@pytest.mark.parametrize("word", SLIPS)
def test_a_slip_in_a_title_word_is_read_as_a_title(session: Session, word: str) -> None:
    assert misspelt_head(word, alias_heads(session) | TITLE_WORDS)


@pytest.mark.parametrize("word", WORDS)
def test_an_ordinary_word_is_no_title(session: Session, word: str) -> None:
    assert not misspelt_head(word, alias_heads(session) | TITLE_WORDS)
