"""Pay for places through Rasa's REST channel, NLU, the action server and the real OEWS figures:
the messages people typed that went wrong, each with the answer it gets now."""

from __future__ import annotations

import uuid

import pytest

from tests.servers import Bot

PORTLAND_OR = "Source: US BLS OEWS, May 2025 (Portland-Vancouver-Hillsboro, OR-WA), annual wages."


def conversation(bot: Bot, *messages: str) -> list[list[str]]:
    """Each message's reply texts, in one new conversation."""
    me = f"user-{uuid.uuid4()}"
    return [[reply.get("text", "") for reply in bot.say(me, message)] for message in messages]


def sources(texts: list[str]) -> list[str]:
    return [line for text in texts for line in text.splitlines() if line.startswith("Source:")]


@pytest.mark.parametrize(
    ("message", "first", "source"),
    [("what does an ops manager make in chicago", "An Operations Manager earns", "Chicago-Naperville-Elgin, IL-IN"),
     ("what does an ops manager make", "An Operations Manager earns", "national"),
     ("what does an ops manager make in london", "I have US figures only, not for London: ", "national"),
     ("what does an ops manager make in manchester", "I have US figures only, not for Manchester: ", "national"),
     ("what's a programme manager on in the UK, roughly?", "I have US figures only, not for the UK: ", "national"),
     ("whats a dispatcher paid in NSW", "I have US figures only, not for NSW: ", "national"),
     ("what does an ops manager earn in Fayetteville NC", "An Operations Manager earns", "Fayetteville, NC"),
     ("what does an ops manager earn in Fayetteville, AR", "An Operations Manager earns",
      "Fayetteville-Springdale-Rogers, AR")],
)  # fmt: skip
def test_pay_questions_get_pay_for_the_place_asked(bot: Bot, message: str, first: str, source: str) -> None:
    [replies] = conversation(bot, message)
    assert replies[0].startswith(first)
    assert sources(replies) == [f"Source: US BLS OEWS, May 2025 ({source}), annual wages."]


@pytest.mark.parametrize("reply", ["portland, OR", "Portland Oregon", "Portland, Oregon"])
def test_a_reply_naming_one_of_the_places_answers_the_pending_question(bot: Bot, reply: str) -> None:
    asked, answered = conversation(bot, "what does an ops manager earn in portland", reply)
    assert asked == [
        'Which "Portland" do you mean: Portland-South Portland, ME; Portland-Vancouver-Hillsboro, OR-WA? '
        "Reply with the one you mean."
    ]
    assert answered[0].startswith("An Operations Manager earns")
    assert sources(answered) == [PORTLAND_OR]


@pytest.mark.parametrize(
    "messages",
    [("salary of a store manager in the bay area vs in ohio",),
     ("how much does a shift manager make?", "salary of a store manager in the bay area vs in ohio"),
     ("how much does a store manager make in the bay area? and in ohio?",)],
)  # fmt: skip
def test_two_places_get_both_areas_in_one_answer(bot: Bot, messages: tuple[str, ...]) -> None:
    answer = conversation(bot, *messages)[-1]
    assert len(answer) == 1
    verdict = "A Store Manager is typically paid more in San Francisco-Oakland-Fremont, CA than in Ohio: about 20% more"
    assert answer[0].startswith(verdict)
    assert sources(answer) == ["Source: US BLS OEWS, May 2025 (San Francisco-Oakland-Fremont, CA; Ohio), annual wages."]


def test_a_place_alone_after_a_pay_answer_keeps_the_role(bot: Bot) -> None:
    _, asked, answered = conversation(
        bot, "what does a dispatcher earn?", "what about in Springfield", "Springfield, IL"
    )
    assert asked[0].startswith('Which "Springfield" do you mean: ')
    assert answered[0].startswith("A Dispatcher is paid")
    assert sources(answered) == ["Source: US BLS OEWS, May 2025 (Springfield, IL), annual wages."]
