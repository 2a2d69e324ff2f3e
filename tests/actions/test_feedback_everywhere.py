"""Every substantive answer ends with the helpful / not helpful buttons, over the real content: pay for
one role, the BLS pay figures and career answers as well as comparisons; a click on them is stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.careers import ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.feedback import THANKS, ActionFeedback
from actions.knowledge import KnowledgeBase
from actions.pay import ActionPayDetail
from kb.usage import Feedback
from tests.actions.conftest import make_tracker, texts

ACTIONS = {"compare": ActionAnswerQuestion, "career": ActionCareerPath, "pay_detail": ActionPayDetail}


@pytest.mark.parametrize(
    ("action", "text", "intent", "roles", "answer"),
    [
        ("compare", "who earns more, a buyer or a plant manager?", "ask_compensation", ("buyer", "plant manager"),
         "Plant Manager|Buyer|compensation"),
        ("compare", "what does a buyer make?", "ask_compensation", ("buyer",), "Buyer||compensation"),
        ("compare", "what does a buyer make in Texas?", "ask_compensation", ("buyer",), "Buyer||compensation"),
        ("pay_detail", "full BLS pay figures", "pay_detail", ("buyer", "plant manager"),
         "Buyer|Plant Manager|pay_figures"),
        ("career", "how do I get from buyer to plant manager?", "career_path", ("buyer", "plant manager"),
         "Buyer|Plant Manager|career_route"),
        ("career", "how do I become a plant manager?", "career_path", ("plant manager",), "Plant Manager||career_into"),
    ],
)  # fmt: skip
async def test_an_answer_ends_with_feedback_buttons_and_a_click_is_stored(
    real: KnowledgeBase, domain: Any, action: str, text: str, intent: str, roles: tuple, answer: str
) -> None:
    dispatcher = CollectingDispatcher()
    await ACTIONS[action](real).run(dispatcher, make_tracker(text, intent, roles=roles), domain)
    last = dispatcher.messages[-1]
    helpful, not_helpful = last["buttons"][-2:]
    assert (helpful["title"], not_helpful["title"]) == ("Helpful", "Not helpful")
    assert json.loads(not_helpful["payload"][len("/feedback"):]) == {"helpful": False, "answer": answer}

    click = make_tracker("/feedback", "feedback", entities=[{"entity": "helpful", "value": False},
                                                           {"entity": "answer", "value": answer}])  # fmt: skip
    click.sender_id = f"web:{action}-{len(text)}"
    click.events = [{"event": "bot", "text": last.get("text"), "data": {"buttons": last["buttons"]}}]
    thanked = CollectingDispatcher()
    await ActionFeedback(real).run(thanked, click, domain)
    assert texts(thanked) == [THANKS[False]]
    first, second, about = answer.split("|")
    with Session(real.engine) as session:
        columns = select(Feedback.role_a, Feedback.role_b, Feedback.dimension)
        stored = session.execute(columns.where(Feedback.conversation_id == click.sender_id)).all()
    assert [tuple(row) for row in stored] == [(first, second or None, about or None)]


async def test_a_question_back_has_no_feedback_buttons(real: KnowledgeBase, domain: Any) -> None:
    dispatcher = CollectingDispatcher()
    await ActionCareerPath(real).run(dispatcher, make_tracker("how do I get a promotion?", "career_path"), domain)
    assert not any(b["payload"].startswith("/feedback") for m in dispatcher.messages for b in m.get("buttons") or [])


