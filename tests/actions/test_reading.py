"""Reading a message's titles before the interpreter: a last word or the modifiers two titles share."""

from __future__ import annotations

import pytest

from sqlalchemy.orm import Session

from actions.question import Title
from actions.reading import field_titles, setting_titles, shared_heads, shared_modifiers, typo_titles


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


def test_two_fields_compared_are_their_managers(small_session: Session) -> None:
    text = "whats the difference between ops and facilities"
    read = field_titles(small_session, text, ["Operations management", "Facilities"])
    assert [(t.text, t.span, t.role) for t in read] == [
        ("ops", (29, 32), "Operations Manager"),
        ("facilities", (37, 47), "Facilities Manager"),
    ]


@pytest.mark.parametrize(
    "text", ["moving into ops or facilities", "any jobs in ops or facilities?", "a move to ops or facilities"]
)
def test_fields_a_writer_is_going_into_are_no_two_roles(small_session: Session, text: str) -> None:
    assert field_titles(small_session, text, ["Operations management", "Facilities"]) == ()


def test_a_field_whose_manager_is_no_role_gives_no_titles(small_session: Session) -> None:
    assert field_titles(small_session, "ops or supply chain?", ["Operations management", "Supply chain"]) == ()


def test_a_bare_title_word_after_a_comparing_word_takes_the_modifiers_of_the_role_before_it(
    small_session: Session,
) -> None:
    text = "is it the operations supervisor or the manager that earns more?"
    supervisor = placed(text, "operations supervisor", "Operations Supervisor")
    for titles in ((supervisor,), (supervisor, Title("manager", (39, 46)))):  # read as an unknown title or not
        assert [(t.text, t.span, t.role) for t in shared_modifiers(small_session, text, titles)] == [
            ("operations supervisor", (10, 31), "Operations Supervisor"),
            ("manager", (39, 46), "Operations Manager"),
        ]


def test_a_bare_title_word_after_a_one_word_role_stays_unknown(small_session: Session) -> None:
    text = "a buyer or the manager?"
    titles = (placed(text, "buyer", "Buyer"), Title("manager", (15, 22)))
    assert shared_modifiers(small_session, text, titles) == titles


def test_bare_title_words_are_read_with_a_word_of_their_setting(small_session: Session) -> None:
    text = "in operations, who earns more, the manager or the supervisor?"
    assert [(t.text, t.span, t.role) for t in setting_titles(small_session, text, ())] == [
        ("manager", (35, 42), "Operations Manager"),
        ("supervisor", (50, 60), "Operations Supervisor"),
    ]


def test_a_bare_title_word_inside_a_known_title_or_with_no_setting_is_left_alone(small_session: Session) -> None:
    text = "the operations manager or the buyer?"
    titles = (placed(text, "operations manager", "Operations Manager"),)
    assert setting_titles(small_session, text, titles) == titles
    assert setting_titles(small_session, "who is higher, the manager or the supervisor?", ()) == ()


def test_a_title_typed_with_a_slip_the_kb_reads_surely_is_that_role_and_said_so(small_session: Session) -> None:
    text = "who earns more, a plant manger or a buyer?"
    titles = (placed(text, "buyer", "Buyer"),)
    assert [(t.text, t.span, t.role, t.read_as) for t in typo_titles(small_session, text, titles)] == [
        ("plant manger", (18, 30), "Plant Manager", True),
        ("buyer", (36, 41), "Buyer", False),
    ]


def test_a_title_too_far_from_any_role_is_left_unknown(small_session: Session) -> None:
    text = "who earns more, a yard marshal or a buyer?"
    titles = (placed(text, "buyer", "Buyer"),)
    assert typo_titles(small_session, text, titles) == titles
