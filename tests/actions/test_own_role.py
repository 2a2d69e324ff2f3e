"""actions.own_role: a title said to be the writer's own, by the words around it."""

from __future__ import annotations

import pytest

from actions.own_role import holds_a_role


@pytest.mark.parametrize(
    ("text", "title", "held"),
    [
        ("I'm a buyer at a food manufacturer", "buyer", True),
        ("nurse here, thinking about ops", "nurse", True),
        ("fleet manager for 8 years now", "fleet manager", True),
        ("3 years as a logistics coordinator now", "logistics coordinator", True),
        ("5 years in as a dispatcher", "dispatcher", True),
        ("warehouse supervisor 6 yrs, how do i move up", "warehouse supervisor", True),
        ("maintenance tech, a few years on the tools", "maintenance tech", True),
        ("retail store manager at target for 5 years. hows a dm vs an om", "retail store manager", True),
        ("is a fleet manager paid more than a dispatcher?", "fleet manager", False),
        ("how many years as a buyer before a promotion?", "buyer", False),  # a question about tenure
        ("does a plant manager need 10 years of experience?", "plant manager", False),
    ],
)
def test_a_title_is_the_writers_own_by_the_words_around_it(text: str, title: str, held: bool) -> None:
    start = text.index(title)
    assert holds_a_role(text, [(start, start + len(title))]) is held
