"""The router: a Question goes to the one handler of its class; a several-part question has each part
answered in turn; a question read as another kind keeps what it says."""

from __future__ import annotations

import importlib

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.choices import Choice
from actions.interpret import KINDS
from actions.mentions import NOWHERE, focused
from actions.picks import clicked
from actions.question import Career, Compare, Describe, Question, Several, Title, Unknown
from actions.router import as_kind, handles, route
from tests.actions.conftest import texts

PM = "Plant Manager"


def test_every_kind_the_interpreter_reads_has_a_handler() -> None:
    for module in router.HANDLER_MODULES:
        importlib.import_module(module)
    kinds = {*KINDS.values(), Compare, Unknown}
    assert {kind.__name__ for kind in kinds if kind not in router._HANDLERS} == set()


def test_only_a_kind_of_question_can_be_handled() -> None:
    for kind in (Question, Several, str):
        with pytest.raises(ValueError):
            handles(kind)  # type: ignore[arg-type]


def test_a_question_read_as_another_kind_keeps_what_it_says() -> None:
    one = Title("one", (16, 19), PM, referred=True)
    asked = Compare(text="how do I become one?", titles=(one,), intent="ask_scope")
    career = as_kind(asked, Career)
    assert type(career) is Career
    assert (career.text, career.titles, career.intent) == (asked.text, asked.titles, asked.intent)


def test_a_long_message_is_read_as_its_question_with_the_roles_it_names() -> None:
    story = ("I have run a warehouse in Ohio for eleven years and I am tired of the night shifts, the weekends "
             "and the phone calls at three in the morning when a truck is late.")  # over 30 words in all
    text = f"{story} Who earns more, a buyer or a plant manager?"
    titles = tuple(Title(t, (text.find(t), text.find(t) + len(t)), t.title()) for t in ("buyer", "plant manager"))
    question = focused(Compare(text=text, titles=titles))
    assert question.text == " Who earns more, a buyer or a plant manager?"  # the sentence as it stands
    assert [(t.text, question.text[t.span[0] : t.span[1]]) for t in question.titles] == [
        ("buyer", "buyer"), ("plant manager", "plant manager")
    ]  # fmt: skip


def test_a_clicked_choice_is_the_question_its_payload_asks(knowledge) -> None:  # type: ignore[no-untyped-def]
    with knowledge.session() as session:
        question = clicked(session, Choice("Plant Manager", '/describe_role{"job_role": "Plant Manager"}'))
        compare = clicked(session, Choice("vs", '/ask_budget{"job_role": ["Buyer", "Plant Manager"]}'))
    assert (type(question), question.roles, question.titles[0].span) == (Describe, (PM,), NOWHERE)
    assert (type(compare), compare.roles, compare.intent) == (Compare, ("Buyer", PM), "ask_budget")


def test_each_part_of_a_several_part_question_is_answered_in_turn(knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "what does a plant manager do, and what does it pay?"
    describe = Describe(text=text[:28], titles=(Title("plant manager", (12, 25), PM),), intent="describe_role")
    pay = Compare(text=text[30:], titles=(Title("it", (15, 17), PM, referred=True),), intent="describe_role")
    dispatcher = CollectingDispatcher()
    with knowledge.session() as session:
        route(Several(text=text, parts=(describe, pay)), knowledge, dispatcher, {}, session)
    firsts = [t.split(".")[0] for t in texts(dispatcher)]
    assert firsts == ["Plant Manager (Manufacturing)", "A Plant Manager is at level 4 on compensation"]
