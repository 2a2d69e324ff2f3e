"""A real conversation through Rasa's REST channel, the action server and the SQLite KB."""

from __future__ import annotations

import uuid

from tests.servers import Bot


def texts(replies: list[dict]) -> list[str]:
    return [r.get("text", "") for r in replies]


def test_a_question_then_follow_ups_keep_the_context(bot: Bot) -> None:
    me = f"user-{uuid.uuid4()}"
    replies = bot.say(me, "who has more budget authority, a head of operations or an operations manager?")
    assert texts(replies)[0].startswith("The Head of Operations has more budget authority than an Operations Manager.")
    assert texts(replies)[1] == "Related comparisons:"
    related = replies[1]["buttons"]
    assert 2 <= len(related) <= 3 and all(b["payload"].startswith("/ask_budget{") for b in related)

    crisis = texts(bot.say(me, "and what about crisis management?"))[0]
    assert crisis.startswith(
        "The Head of Operations carries more responsibility in a crisis than an Operations Manager."
    )

    instead = texts(bot.say(me, "what about a facilities manager instead?"))[0]
    assert "Facilities Manager" in instead and "Head of Operations" in instead and "crisis" in instead

    pay = texts(bot.say(me, "who earns more?"))[0]
    assert "paid" in pay and "Facilities Manager" in pay

    summary = texts(bot.say(me, "tell me more"))[0]
    assert summary.startswith("Head of Operations vs Facilities Manager.")

    clicked = bot.say(me, related[0]["payload"])
    assert "budget authority" in texts(clicked)[0]


def test_missing_roles_are_asked_for_then_the_question_is_answered(bot: Bot) -> None:
    me = f"user-{uuid.uuid4()}"
    ask = bot.say(me, "who earns more?")
    assert texts(ask) == ["Which two roles should I compare on compensation? Pick one or type both."]
    assert len(ask[0]["buttons"]) == 5
    second = bot.say(me, "a buyer")
    assert texts(second)[0] == "Which role should I compare the Buyer with on compensation?"
    answer = bot.say(me, "procurement manager")
    assert texts(answer)[0].startswith("The Procurement Manager is typically paid more than a Buyer.")


def test_typos_and_aliases_are_understood(bot: Bot) -> None:
    replies = bot.say(f"user-{uuid.uuid4()}", "who earns more, an operatons manger or a head of ops")
    assert texts(replies)[0].startswith("The Head of Operations is typically paid more than an Operations Manager.")


def test_unknown_roles_are_named_with_suggestions(bot: Bot) -> None:
    replies = bot.say(f"user-{uuid.uuid4()}", "compare a head of ops with a chief vibes officer")
    assert texts(replies)[0].startswith('I don\'t know the role "chief vibes officer".')


def test_greeting_and_nonsense_never_get_silence(bot: Bot) -> None:
    hello = bot.say(f"user-{uuid.uuid4()}", "hello")
    assert hello and hello[0]["text"].startswith("Hi!") and hello[0]["buttons"]
    for message in ("asdkjh qwe zzz", "what's the weather in paris tomorrow?"):
        replies = bot.say(f"user-{uuid.uuid4()}", message)
        assert replies and replies[0]["text"] and replies[0]["buttons"]
