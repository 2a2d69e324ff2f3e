"""One turn, one message: a turn's bot messages reach the channel as one answer with every button."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.guard import guarded
from channels.layout import Answer, Button, one_answer

DID_YOU_MEAN = {
    "text": 'I don\'t know the role "warehouse supervisor". Did you mean: Operations Supervisor?',
    "buttons": [{"title": "Operations Supervisor", "payload": '/describe_role{"job_role": "Operations Supervisor"}'}],
}
ROUTE = {
    "text": "People usually become an Operations Manager after working as: Operations Supervisor.",
    "buttons": [
        {"title": "Operations Supervisor", "payload": '/describe_role{"job_role": "Operations Supervisor"}'},
        {"title": "Production Supervisor", "payload": '/describe_role{"job_role": "Production Supervisor"}'},
    ],
}
HELPFUL = {"title": "Helpful", "payload": '/feedback{"helpful": true, "answer": "A|B|budget"}'}
NOT_HELPFUL = {"title": "Not helpful", "payload": '/feedback{"helpful": false, "answer": "A|B|budget"}'}


def test_two_messages_become_one_with_every_button_once_in_order() -> None:
    answer = one_answer([DID_YOU_MEAN, ROUTE])
    assert answer == Answer(
        text=f"{DID_YOU_MEAN['text']}\n\n{ROUTE['text']}",
        buttons=(
            Button("Operations Supervisor", '/describe_role{"job_role": "Operations Supervisor"}'),
            Button("Production Supervisor", '/describe_role{"job_role": "Production Supervisor"}'),
        ),
    )


def test_feedback_goes_last_once_and_the_chart_and_verdict_are_kept() -> None:
    first = {"text": "The A has more budget authority than a B. Why.",
             "verdict": "The A has more budget authority than a B.",
             "buttons": [{"title": "A vs C", "payload": "/ask_budget"}, HELPFUL, NOT_HELPFUL],
             "image": "/webhooks/charts/a--b.png", "alt": "Budget: A."}  # fmt: skip
    second = {"text": "The C has more budget authority than a B.",
              "verdict": "The C has more budget authority than a B.",
              "buttons": [{"title": "C vs D", "payload": "/ask_budget{}"}, HELPFUL, NOT_HELPFUL]}  # fmt: skip
    answer = one_answer([first, second])
    assert answer.verdict == first["verdict"]
    assert [b.title for b in answer.buttons] == ["A vs C", "C vs D"]
    assert [b.title for b in answer.feedback] == ["Helpful", "Not helpful"]
    assert (answer.image, answer.alt) == ("/webhooks/charts/a--b.png", "Budget: A.")
    assert answer.message() == {
        "text": f"{first['text']}\n\n{second['text']}",
        "verdict": first["verdict"],
        "image": "/webhooks/charts/a--b.png",
        "alt": "Budget: A.",
        "buttons": [{"title": "A vs C", "payload": "/ask_budget"}, {"title": "C vs D", "payload": "/ask_budget{}"},
                    HELPFUL, NOT_HELPFUL],
    }  # fmt: skip


def test_a_verdict_that_does_not_open_the_turn_is_not_emphasised() -> None:
    answer = one_answer([{"text": "Hello."}, {"text": "The A leads.", "verdict": "The A leads."}])
    assert (answer.text, answer.verdict) == ("Hello.\n\nThe A leads.", None)


async def test_the_guard_sends_a_turn_as_one_message() -> None:
    async def two_messages(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, dict(DID_YOU_MEAN))
        await message.output_channel.send_response(message.sender_id, dict(ROUTE))

    output = CollectingOutputChannel()
    await guarded(two_messages)(UserMessage("how do I get there?", output, "rest:s"))
    assert output.messages == [
        {
            "recipient_id": "rest:s",
            "text": f"{DID_YOU_MEAN['text']}\n\n{ROUTE['text']}",
            "buttons": [*DID_YOU_MEAN["buttons"], ROUTE["buttons"][1]],
        }
    ]


async def test_a_silent_turn_still_gets_the_apology() -> None:
    async def nothing(message: UserMessage) -> Any:
        return None

    output = CollectingOutputChannel()
    await guarded(nothing)(UserMessage("hi", output, "rest:s"))
    assert [m["text"] for m in output.messages] == [
        "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment."
    ]
