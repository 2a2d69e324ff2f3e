"""What the widget's socket.io channel emits for one bot message: a note on the user's message first,
then the chart, then the text with its opening verdict in Markdown bold and every button on the same message."""

from __future__ import annotations

from typing import Any

from channels.socketio import RolewiseSocketIOOutput, bold_verdict

VERDICT = "The Head of Operations has more budget authority than an Operations Manager."
TEXT = f"{VERDICT} Why: they own the budget.\nRelated comparisons:"
BUTTONS = [{"title": "Head of Operations vs COO", "payload": "/ask_budget"}]


class FakeServer:
    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str]] = []

    async def emit(self, event: str, data: Any, room: str) -> None:
        self.emitted.append((event, data, room))


async def sent(message: dict[str, Any]) -> list[Any]:
    server = FakeServer()
    await RolewiseSocketIOOutput(server, "bot_uttered").send_response("room-1", message)  # type: ignore[arg-type]
    assert {(event, room) for event, _, room in server.emitted} == {("bot_uttered", "room-1")}
    return [data for _, data, _ in server.emitted]


async def test_the_verdict_is_bold_and_the_buttons_stay_on_the_same_message() -> None:
    assert await sent({"text": TEXT, "buttons": BUTTONS, "verdict": VERDICT}) == [
        {
            "text": "**The Head of Operations has more budget authority than an Operations Manager\\.** "
            "Why: they own the budget.\nRelated comparisons:",
            "quick_replies": [{"content_type": "text", "title": "Head of Operations vs COO", "payload": "/ask_budget"}],
        }
    ]


async def test_the_chart_comes_first_then_the_bold_verdict() -> None:
    message = {"text": TEXT, "verdict": VERDICT, "image": "/webhooks/charts/a--b.png", "alt": "Budget: A leads."}
    assert await sent(message) == [
        {"attachment": {"type": "image", "payload": {"src": "/webhooks/charts/a--b.png", "alt": "Budget: A leads."}}},
        {"text": "**The Head of Operations has more budget authority than an Operations Manager\\.** "
         "Why: they own the budget.\nRelated comparisons:"},
    ]  # fmt: skip


async def test_a_note_on_the_message_comes_first_on_its_own_then_the_chart_and_the_answer() -> None:
    message = {"text": TEXT, "verdict": VERDICT, "buttons": BUTTONS, "image": "/webhooks/charts/a--b.png",
               "alt": "Budget: A leads.", "note": "Your message was long."}  # fmt: skip
    emitted = await sent(message)
    assert emitted[:2] == [
        {"text": "Your message was long."},
        {"attachment": {"type": "image", "payload": {"src": "/webhooks/charts/a--b.png", "alt": "Budget: A leads."}}},
    ]
    assert emitted[2]["text"].startswith("**The Head of Operations has more budget authority")
    assert emitted[2]["text"].endswith("\nRelated comparisons:")  # the buttons follow the text they belong to
    assert [b["title"] for b in emitted[2]["quick_replies"]] == ["Head of Operations vs COO"]
    assert len(emitted) == 3


async def test_a_text_without_its_verdict_is_sent_as_it_is() -> None:
    assert await sent({"text": "Which roles should I compare?", "verdict": None}) == [
        {"text": "Which roles should I compare?"}
    ]
    assert await sent({"text": "Why? " + VERDICT, "verdict": VERDICT}) == [{"text": "Why? " + VERDICT}]


def test_markdown_characters_in_the_verdict_are_escaped_and_the_rest_is_left_alone() -> None:
    verdict = "The VP of Operations (EMEA) has wider decision-making authority than a *Buyer* [sic]!"
    assert bold_verdict(verdict + "\n- a_b", verdict) == (
        "**The VP of Operations \\(EMEA\\) has wider decision\\-making authority than a \\*Buyer\\* \\[sic\\]\\!**"
        "\n- a_b"
    )
    assert bold_verdict("Buyer vs Plant Manager.\nThe Plant Manager leads", " Buyer vs Plant Manager. ") == (
        "**Buyer vs Plant Manager\\.**\nThe Plant Manager leads"
    )
    assert bold_verdict("plain", "") == "plain"
