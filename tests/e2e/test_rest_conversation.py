"""A real conversation through Rasa's REST channel, the action server and the SQLite KB."""

from __future__ import annotations

import uuid

from actions.help import OPENERS
from tests.servers import Bot

HOO, OM, BOM = "Head of Operations", "Operations Manager", "Business Operations Manager"


def texts(replies: list[dict]) -> list[str]:
    return [r.get("text", "") for r in replies]


def first_sentence(text: str) -> str:
    return text.split(". ")[0] + "."


def test_a_question_then_follow_ups_keep_the_context(bot: Bot) -> None:
    me = f"user-{uuid.uuid4()}"
    replies = bot.say(me, "who has more budget authority, a head of operations or an operations manager?")
    assert len(replies) == 1
    assert texts(replies)[0].startswith("The Head of Operations has more budget authority than an Operations Manager.")
    assert texts(replies)[0].endswith(".\nRelated comparisons:")
    related, feedback = replies[0]["buttons"][:-2], replies[0]["buttons"][-2:]
    assert [b["title"] for b in feedback] == ["Helpful", "Not helpful"]
    assert [(b["title"], b["payload"]) for b in related] == [
        (f"{a} vs {b}", f'/ask_budget{{"job_role": ["{a}", "{b}"]}}')
        for a, b in ((HOO, "Chief Operating Officer"), (HOO, "Director of Operations"), (OM, BOM))
    ]

    crisis = texts(bot.say(me, "and what about crisis management?"))[0]
    assert crisis.startswith(
        "The Head of Operations carries more responsibility in a crisis than an Operations Manager."
    )

    instead = texts(bot.say(me, "what about a facilities manager instead?"))[0]
    assert first_sentence(instead) == (
        "A Head of Operations and a Facilities Manager carry similar responsibility in a crisis."
    )

    pay = texts(bot.say(me, "who earns more?"))[0]
    assert first_sentence(pay) == "The Head of Operations is typically paid more than a Facilities Manager."

    summary = texts(bot.say(me, "tell me more"))[0]
    assert summary.splitlines()[0] == (
        "The Head of Operations is ahead of a Facilities Manager on 10 of 12 dimensions. The biggest differences:"
    )

    clicked = bot.say(me, related[0]["payload"])
    assert first_sentence(texts(clicked)[0]) == (
        "The Chief Operating Officer has more budget authority than a Head of Operations."
    )


def test_missing_roles_are_asked_for_then_the_question_is_answered(bot: Bot) -> None:
    me = f"user-{uuid.uuid4()}"
    ask = bot.say(me, "who earns more?")
    assert texts(ask) == ["Which two roles should I compare on compensation? Pick one or type both."]
    assert [b["title"] for b in ask[0]["buttons"]] == [
        OM,
        HOO,
        "Supply Chain Manager",
        "Logistics Manager",
        "Warehouse Manager",
    ]
    second = bot.say(me, "a buyer")
    assert texts(second)[0] == "Which role should I compare the Buyer with on compensation?"
    answer = bot.say(me, "procurement manager")
    assert texts(answer)[0].startswith("The Procurement Manager is typically paid more than a Buyer.")


def test_typos_and_aliases_are_understood(bot: Bot) -> None:
    replies = bot.say(f"user-{uuid.uuid4()}", "who earns more, an operatons manger or a head of ops")
    assert texts(replies)[0].startswith("The Head of Operations is typically paid more than an Operations Manager.")


def test_unknown_roles_are_named_with_suggestions(bot: Bot) -> None:
    replies = bot.say(f"user-{uuid.uuid4()}", "compare a head of ops with a chief vibes officer")
    assert texts(replies) == [
        'I don\'t know the role "chief vibes officer". Did you mean: Chief Operating Officer?'
    ]
    assert [b["title"] for b in replies[0]["buttons"]] == ["Chief Operating Officer"]


def test_greeting_and_nonsense_never_get_silence(bot: Bot) -> None:
    hello = bot.say(f"user-{uuid.uuid4()}", "hello")
    assert texts(hello) == [OPENERS["greet"]]
    assert [b["title"] for b in hello[0]["buttons"]] == [
        "Head of Operations vs Operations Manager",
        "Compensation: Supply Chain Manager vs Operations Manager",
        "How do I become a Head of Operations?",
        "Which roles do you know?",
    ]
    examples = [
        "Who has more budget authority: a Head of Operations or an Operations Manager?",
        "Who is typically paid more: a Supply Chain Manager or an Operations Manager?",
        "Who carries more responsibility in a crisis: a Supply Chain Manager or a Logistics Manager?",
        "How do I become a Head of Operations?",
        "Which roles do you know?",
    ]
    for message, opener in (
        ("asdkjh qwe zzz", OPENERS["out_of_scope"]),
        ("what's the weather in paris tomorrow?", OPENERS["out_of_scope"]),
    ):
        replies = bot.say(f"user-{uuid.uuid4()}", message)
        assert texts(replies) == [opener], message
        assert [b["title"] for b in replies[0]["buttons"]] == examples
