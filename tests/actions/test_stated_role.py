"""Someone who says what they do: an unknown title said first is theirs, not the known role after it."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.careers import ActionAboutMe
from actions.mentions import unknown_before
from actions.slots import CURRENT_ROLE
from tests.actions.conftest import make_tracker, slot_events, texts


@pytest.mark.parametrize(
    ("text", "unknown", "expected"),
    [
        ("I'm a warehouse supervisor, how do I get to plant manager?", ["I'm a warehouse supervisor"],
         "warehouse supervisor"),
        ("i'm a buyer and want to become a chief vibes officer", ["chief vibes officer"], None),
        ("i am the yard marshal, what about plant manager", ["i am the yard marshal"], "yard marshal"),
    ],
)  # fmt: skip
def test_the_title_said_before_every_known_role_is_the_users(text: str, unknown: list[str], expected) -> None:  # type: ignore[no-untyped-def]
    known = [("plant manager", text.find("plant manager")), ("buyer", text.find("buyer"))]
    spans = [(start, start + len(name)) for name, start in known if start >= 0]
    assert unknown_before(text, spans, unknown) == expected


async def test_an_unknown_current_role_is_said_and_the_known_one_is_the_goal(knowledge, domain) -> None:
    text = "I'm a warehouse supervisor, how do I get to plant manager?"
    tracker = make_tracker(text, "state_role", roles=("Plant Manager",), slots={CURRENT_ROLE: "Plant Manager"})
    dispatcher = CollectingDispatcher()
    events = await ActionAboutMe(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith('I don\'t know the role "warehouse supervisor".')
    assert texts(dispatcher)[1] == (
        "People usually become a Plant Manager after working as: Operations Manager."
    )
    assert slot_events(events)[CURRENT_ROLE] is None


async def test_a_role_named_only_as_a_goal_is_not_taken_for_the_users(knowledge, domain) -> None:
    text = "I'm 45 and work in a shop. Is it too late to become a plant manager?"
    tracker = make_tracker(text, "state_role", roles=("Plant Manager",))
    dispatcher = CollectingDispatcher()
    events = await ActionAboutMe(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0] == "People usually become a Plant Manager after working as: Operations Manager."
    assert CURRENT_ROLE not in slot_events(events)
