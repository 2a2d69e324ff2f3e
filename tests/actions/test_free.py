"""Free-question actions: whatever NLU read, a message read as a comparison that is missing its roles
gets the comparison form's question, never silence."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.careers import ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.roles import ActionDescribeRole
from actions.slots import DIMENSION, FORM, NEEDS_ROLES
from tests.actions.conftest import make_tracker


async def test_a_pay_question_read_as_a_career_question_hands_over_to_the_form(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("how much would that pay in texas?", "career_path")
    dispatcher = CollectingDispatcher()
    events = await ActionCareerPath(outside_kb).run(dispatcher, tracker, domain)
    assert dispatcher.messages == []  # the form asks which roles
    assert events == [SlotSet(DIMENSION, "compensation"), SlotSet(NEEDS_ROLES, True), FollowupAction(FORM)]


async def test_a_pay_question_read_as_a_description_hands_over_to_the_form(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("which pays more?", "describe_role")
    events = await ActionDescribeRole(outside_kb).run(CollectingDispatcher(), tracker, domain)
    assert events[-1] == FollowupAction(FORM)


async def test_the_comparison_action_leaves_the_form_to_the_rules(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("which pays more?", "ask_compensation")
    events = await ActionAnswerQuestion(outside_kb).run(CollectingDispatcher(), tracker, domain)
    assert events == [SlotSet(DIMENSION, "compensation"), SlotSet(NEEDS_ROLES, True)]  # data/rules.yml
