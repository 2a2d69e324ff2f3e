"""Reading a message's titles before the interpreter: a last word two titles share."""

from __future__ import annotations

from sqlalchemy.orm import Session

from actions.question import Title
from actions.reading import shared_heads


def placed(text: str, said: str, role: str) -> Title:
    start = text.index(said)
    return Title(said, (start, start + len(said)), role)


def test_words_before_a_comparing_word_share_the_next_titles_last_word(small_session: Session) -> None:
    text = "ops or facility manager, who has more budget?"
    read = shared_heads(small_session, text, (placed(text, "facility manager", "Facilities Manager"),))
    assert [(t.text, t.span, t.role) for t in read] == [
        ("ops", (0, 3), "Operations Manager"),
        ("facility manager", (7, 23), "Facilities Manager"),
    ]


def test_words_that_make_no_role_with_it_are_left_alone(small_session: Session) -> None:
    text = "who is paid more, a buyer or a facility manager?"
    titles = (placed(text, "buyer", "Buyer"), placed(text, "facility manager", "Facilities Manager"))
    assert shared_heads(small_session, text, titles) == titles
