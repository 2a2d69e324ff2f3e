"""The role in focus: "what does it pay?", "is it more senior than a buyer?", "how do I become one?".

On the small test KB (no wage data): the Plant Manager reports to the Chief Operating Officer.
"""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.careers import ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.interpret import State, interpret
from actions.question import Question, Title
from actions.help import ActionHelp
from actions.roles import ActionDescribeRole
from actions.slots import FOCUS_ROLE, NEEDS_ROLES, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, make_tracker, slot_events, texts

PM = "Plant Manager"


def read(text: str, roles: tuple[str, ...], state: State) -> Question:
    """``text`` read by the interpreter, each of ``roles`` a title typed where it is in the text."""
    titles = tuple(Title(r, (text.lower().find(r.lower()), text.lower().find(r.lower()) + len(r)), r) for r in roles)
    return interpret(text, state, titles, "ask_compensation")


@pytest.mark.parametrize(
    ("text", "roles", "at"),
    [
        ("what does it pay?", (), (10, 12)),
        ("and that role's budget?", (), (4, 13)),
        ("how do I become one?", (), (16, 19)),
        ("how do I get there?", (), (13, 18)),
        ("is it more senior than a buyer?", ("Buyer",), (3, 5)),
    ],
)
def test_a_pronoun_names_the_role_in_focus(text: str, roles: tuple[str, ...], at: tuple[int, int]) -> None:
    question = read(text, roles, State(focus_role=PM))
    assert [(t.role, *t.span) for t in question.titles if t.referred] == [(PM, *at)]


def test_get_there_after_their_own_job_was_compared_is_the_other_role() -> None:
    own = State(current_role="Operations Supervisor", role_a="Operations Supervisor", role_b="Operations Manager")
    question = read("and what would I need to do to get there?", (), own)
    assert [t.role for t in question.titles if t.referred] == ["Operations Manager"]
    question = read("and what would I need to do to get there?", (), State(current_role="Operations Supervisor"))
    assert [t.role for t in question.titles if t.referred] == ["Operations Supervisor"]  # no pair: their own


@pytest.mark.parametrize(
    ("text", "roles", "focus"),
    [
        ("what does it pay?", (), None),  # nothing in focus
        ("which one earns more?", (), PM),  # "one" alone is no pronoun for the role
        ("is it paid more, a buyer or a procurement manager?", ("Buyer", "Procurement Manager"), PM),
        ("what does a plant manager pay? is it much?", (PM,), PM),  # named already
        ("is a cpim certification worth it for a buyer", ("Buyer",), PM),  # "worth it" names no role
    ],
)
def test_nothing_is_added_otherwise(text: str, roles: tuple[str, ...], focus: str | None) -> None:
    assert [t for t in read(text, roles, State(focus_role=focus)).titles if t.referred] == []


@pytest.mark.parametrize(
    ("text", "roles", "state", "referred"),
    [
        ("am I paid more than a buyer?", ("Buyer",), State(current_role=PM, focus_role=PM), [(PM, "I")]),
        ("who's higher up, me or a buyer?", ("Buyer",), State(current_role=PM), [(PM, "me")]),
        ("is my scope bigger than a buyer's?", ("Buyer",), State(current_role=PM), [(PM, "my")]),
        ("is that more senior than a buyer?", ("Buyer",), State(focus_role=PM), [(PM, "that")]),
        # no comparison, two roles named, the writer's role is the one named, or nothing to refer to
        ("how do I become a buyer?", ("Buyer",), State(current_role=PM), []),
        ("am I paid more as a buyer or a plant manager?", ("Buyer", PM), State(current_role=PM), []),
        ("am I paid more than a plant manager?", (PM,), State(current_role=PM), []),
        ("am I paid more than a buyer?", ("Buyer",), State(), []),
    ],
)  # fmt: skip
def test_the_other_side_of_a_one_role_comparison_said_as_me_or_that(
    text: str, roles: tuple[str, ...], state: State, referred: list
) -> None:
    assert [(t.role, t.text) for t in read(text, roles, state).titles if t.referred] == referred


async def test_a_described_role_comes_into_focus(knowledge, domain) -> None:
    tracker = make_tracker("what does a plant manager do?", "describe_role", roles=(PM,))
    events = await ActionDescribeRole(knowledge).run(CollectingDispatcher(), tracker, domain)
    assert slot_events(events)[FOCUS_ROLE] == PM


async def test_what_does_it_pay_answers_for_the_role_in_focus(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("what does it pay?", "ask_compensation", slots={FOCUS_ROLE: PM})
    await ActionAnswerQuestion(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == ["A Plant Manager is at level 4 on compensation. Test text."]
    assert [b["title"] for b in buttons(dispatcher)] == [f"{PM} vs Chief Operating Officer"]


async def test_is_it_more_senior_compares_the_role_in_focus(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("is it more senior than a buyer?", "ask_hierarchy", roles=("Buyer",), slots={FOCUS_ROLE: PM})
    events = await ActionAnswerQuestion(knowledge).run(dispatcher, tracker, domain)
    yes = "Yes. The Plant Manager typically sits higher in the hierarchy than a Buyer. "
    assert texts(dispatcher)[0].startswith(yes)
    assert slot_events(events)[FOCUS_ROLE] is None


async def test_how_do_i_become_one_is_about_the_role_in_focus(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("how do I become one?", "career_path", slots={FOCUS_ROLE: "Operations Manager"})
    await ActionCareerPath(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("People usually become an Operations Manager after working as:")


@pytest.mark.parametrize(("text", "role"), [("what does the latter do?", PM), ("how do I become the former?", "Buyer")])
def test_the_former_and_the_latter_are_the_pair_in_order(text: str, role: str) -> None:
    question = read(text, (), State(role_a="Buyer", role_b=PM))
    assert [t.role for t in question.titles if t.referred] == [role]


async def test_what_does_the_latter_do_describes_the_second_role_of_the_pair(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("what does the latter do?", "describe_role", slots={ROLE_A: "Buyer", ROLE_B: PM})
    await ActionDescribeRole(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("Plant Manager (Manufacturing).")


async def test_a_career_question_about_the_role_in_focus_read_as_off_topic_is_answered(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("how do i become one", "out_of_scope", slots={FOCUS_ROLE: "Operations Manager"})
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("People usually become an Operations Manager after working as:")


async def test_their_salary_is_the_pay_of_the_role_in_focus(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("what's their salary?", "out_of_scope", slots={FOCUS_ROLE: PM})
    await ActionHelp(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == ["A Plant Manager is at level 4 on compensation. Test text."]


async def test_tell_me_about_the_latter_describes_it(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    slots = {ROLE_A: "Buyer", ROLE_B: PM, FOCUS_ROLE: None}
    tracker = make_tracker("tell me about the latter", "compare_roles", slots=slots)
    await ActionAnswerQuestion(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("Plant Manager (Manufacturing).")


async def test_one_role_asked_about_alone_gets_its_own_answer(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("how much does a plant manager earn?", "ask_compensation", roles=(PM,))
    await ActionAnswerQuestion(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == ["A Plant Manager is at level 4 on compensation. Test text."]


async def test_one_role_in_a_comparison_still_asks_for_the_second(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("who earns more, a plant manager?", "ask_compensation", roles=(PM,))
    events = await ActionAnswerQuestion(knowledge).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == []
    assert slot_events(events)[NEEDS_ROLES] is True
