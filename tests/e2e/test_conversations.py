"""Every conversation under tests/conversations/ against the real bot, one test each.

The schema is described in ``tests/conversation_checks.py``. A conversation marked ``xfail``
must fail (strict): when it starts passing, drop the mark.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.conversation_checks import (
    FOLDER,
    Conversation,
    ConversationFailed,
    check,
    headline,
    load,
    read,
    run_all,
    summary,
)
from tests.servers import Bot


def params() -> list:  # type: ignore[type-arg]
    """One param per conversation; an ``xfail`` reason becomes a strict xfail on a failed check only."""
    return [
        pytest.param(
            c,
            id=c.id,
            marks=[pytest.mark.xfail(reason=c.xfail, strict=True, raises=ConversationFailed)] if c.xfail else [],
        )
        for c in load()
    ]


@pytest.mark.parametrize("conversation", params())
def test_conversation(bot: Bot, conversation: Conversation) -> None:
    check(bot.say, conversation)


def test_every_feature_file_holds_conversations() -> None:
    files = sorted(FOLDER.glob("*.yml"))
    assert files, f"no conversation files in {FOLDER}"
    for path in files:
        assert read(path), f"{path} holds no conversations"


def test_the_schema_refuses_mistakes(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    bad = [
        "conversations:\n- name: a\n  turns:\n  - say: hi\n    expect: {lead: Buyer}\n",
        "conversations:\n- name: a\n  turns:\n  - say: hi\n    click: Buyer\n",
        "conversations:\n- name: a\n  turns: []\n",
        "conversations:\n- name: a\n  turns:\n  - say: hi\n- name: a\n  turns:\n  - say: hi\n",
        "conversations:\n- name: a\n  xfail: true\n  turns:\n  - say: hi\n",
        "stories: []\n",
    ]
    for text in bad:
        path.write_text(text)
        with pytest.raises(ValueError):
            read(path)


def fake_bot(replies: list[dict]):  # type: ignore[no-untyped-def]
    sent: list[str] = []

    def say(sender: str, message: str) -> list[dict]:
        sent.append(message)
        return replies

    return say, sent


def test_the_checks_can_fail() -> None:
    replies = [
        {"text": "The Buyer is typically paid more than a Plant Manager. Because.", "buttons": [
            {"title": "Buyer vs Procurement Manager", "payload": '/ask_compensation{"job_role": ["Buyer"]}'}]},
    ]  # fmt: skip
    say, sent = fake_bot(replies)
    conversation = read_one(
        "- say: who earns more?\n    expect:\n      leads: Buyer\n      buttons: [Buyer vs Procurement Manager]\n"
        "  - click: Buyer vs Procurement Manager\n"
    )
    check(say, conversation)
    assert sent[1] == '/ask_compensation{"job_role": ["Buyer"]}'
    wrong = [
        "leads: Plant Manager",
        "first_sentence: The Buyer is paid more.",
        "asks: true",
        "buttons: 2",
        "mentions: [supplier]",
        "not_mentions: [plant]",
        "messages: 2",
        "texts: [x]",
    ]
    for expect in wrong:
        with pytest.raises(ConversationFailed):
            check(say, read_one(f"- say: hi\n    expect: {{{expect}}}\n"))
    say, _ = fake_bot([{"text": "Pick:", "buttons": [{"title": "x", "payload": "/ask{not json"}]}])
    with pytest.raises(ConversationFailed, match="malformed payload"):
        check(say, read_one("- say: hi\n"))
    say, _ = fake_bot([])
    with pytest.raises(ConversationFailed, match="no text"):
        check(say, read_one("- say: hi\n"))


def read_one(turns: str) -> Conversation:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.yml"
        path.write_text(f"conversations:\n- name: one\n  turns:\n  {turns}")
        return read(path)[0]


def test_the_headline_counts_passes_and_known_failures() -> None:
    say, _ = fake_bot([{"text": "The Buyer is typically paid more than a Plant Manager."}])
    good, bad, known = (
        read_one("- say: hi\n    expect: {leads: Buyer}\n"),
        read_one("- say: hi\n    expect: {leads: Plant Manager}\n"),
        Conversation("f", "known", read_one("- say: hi\n    expect: {asks: true}\n").turns, xfail="asks nothing"),
    )
    scores = summary(run_all(say, [good, bad, known]))
    assert (scores["passed"], scores["total"], scores["turns"]) == (1, 3, 3)
    assert headline(scores) == "conversations: 1/3 pass (3 turns; 1 marked xfail, 1 unexpected failures)"
