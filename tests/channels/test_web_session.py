"""Website session ids: issued and signed by the server, and accepted back only when it signed them."""

from __future__ import annotations

import pytest

from channels import web_session

SECRET = b"test-secret"


def test_an_issued_id_names_a_web_conversation_of_its_random_part() -> None:
    session_id = web_session.issue(SECRET)
    token, _, _ = session_id.partition(".")
    assert len(session_id) == 32 + 1 + 43  # base64 of 24 random bytes, a dot, base64 of the HMAC
    assert web_session.conversation(SECRET, session_id) == f"web:{token}"


def test_ids_are_not_repeated() -> None:
    assert len({web_session.issue(SECRET) for _ in range(1000)}) == 1000


def test_an_id_signed_with_another_secret_is_refused() -> None:
    assert web_session.conversation(b"other-secret", web_session.issue(SECRET)) is None


@pytest.mark.parametrize(
    "offered",
    [
        None,
        "",
        42,
        {"session_id": "x"},
        "0123456789abcdef0123456789abcdef",  # an unsigned id, as Rasa's own channel issues them
        "web:abc",
        "abc.",
        ".abc",
    ],
)
def test_anything_else_is_refused(offered: object) -> None:
    assert web_session.conversation(SECRET, offered) is None


def test_a_tampered_id_is_refused() -> None:
    token, _, signature = web_session.issue(SECRET).partition(".")
    other_token = web_session.issue(SECRET).partition(".")[0]
    assert web_session.conversation(SECRET, f"{other_token}.{signature}") is None
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    assert web_session.conversation(SECRET, f"{token}.{flipped}") is None
    assert web_session.conversation(SECRET, f"{token}.{signature}x") is None


def test_an_overlong_id_is_refused_even_if_signed() -> None:
    token = "a" * 200
    signed = f"{token}.{web_session._signature(SECRET, token)}"
    assert web_session.conversation(SECRET, signed) is None
    assert web_session.conversation(SECRET, signed[:128]) is None
