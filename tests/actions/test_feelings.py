"""A feeling word in a story ("burnt out", "stressed") never replaces the question it comes with;
asked about on its own, it is still the aspect Rolewise doesn't compare (real content)."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.careers import ActionAboutMe, ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.education import ActionEducation
from actions.roles import ActionDescribeRole
from actions.knowledge import KnowledgeBase
from tests.actions.conftest import make_tracker, texts

STORY = "I'm so burnt out as a buyer. How do I become a plant manager?"


@pytest.fixture()
def real(engine: Engine) -> KnowledgeBase:
    return KnowledgeBase(engine)


@pytest.mark.parametrize(
    ("action", "intent", "first"),
    [
        (
            ActionCareerPath,
            "career_path",
            "I know of no typical route from a Buyer to a Plant Manager in my career map.",
        ),
        (ActionAboutMe, "state_role", "I know of no typical route from your role as a Buyer to a Plant Manager."),
    ],
)
async def test_a_career_question_after_a_feeling_is_answered(real, domain, action, intent, first) -> None:
    dispatcher = CollectingDispatcher()
    await action(real).run(dispatcher, make_tracker(STORY, intent, roles=("buyer", "plant manager")), domain)
    assert texts(dispatcher)[0].startswith(first)


async def test_a_feeling_asked_about_is_the_aspect(real, domain) -> None:
    dispatcher = CollectingDispatcher()
    text = "do plant managers get burnt out?"
    await ActionAnswerQuestion(real).run(
        dispatcher, make_tracker(text, "other_aspect", roles=("plant managers",)), domain
    )
    assert texts(dispatcher)[0].startswith("I don't compare how stressful jobs are")


@pytest.mark.parametrize("text", ["do those guys need a degree?", "what qualifications do they need?"])
async def test_education_questions_refer_to_the_role_in_focus(real, domain, text) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "education", slots={"focus_role": "Plant Manager"})
    await ActionEducation(real).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("A Plant Manager usually has a bachelor's degree")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("my job is so hectic, what's a demand planner like?", "Demand Planner ("),
        ("not a project manager but a program manager - what do they do?", "Program Manager ("),
    ],
)
async def test_a_description_is_asked_after_a_story_or_a_correction(real, domain, text, first) -> None:
    dispatcher = CollectingDispatcher()
    roles = tuple(r for r in ("demand planner", "project manager", "program manager") if r in text)
    await ActionDescribeRole(real).run(dispatcher, make_tracker(text, "describe_role", roles=roles), domain)
    assert texts(dispatcher)[0].startswith(first)
    assert not any(t.startswith("Project Manager (") for t in texts(dispatcher))


async def test_an_aspect_wanted_before_two_roles_is_the_question(real, domain) -> None:
    text = "I want more free time, project manager or program manager?"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "other_aspect", roles=("project manager", "program manager"))
    await ActionAnswerQuestion(real).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("I don't compare work-life balance")
