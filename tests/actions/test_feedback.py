"""Feedback buttons and the chart on answers (actions.attachments), storing clicks (actions.feedback)
and what people ask (actions.usage), on a fresh copy of the small test KB with the usage tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.careers import ActionAboutMe, ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.feedback import (
    ALREADY,
    REFUSED,
    THANKS,
    ActionFeedback,
    answers_received,
    feedback_buttons,
    parse_answer_key,
    was_helpful,
)
from actions.knowledge import KnowledgeBase
from actions.slots import DIMENSION, ROLE_A, ROLE_B
from actions.usage import flush
from kb.build import build_database
from kb.wording.chart import alt_text
from kb.content.load import Content
from kb.db import make_engine
from kb.queries import compare_all
from kb.usage import Ask, Feedback, Turn, UnknownTitle, create_usage_tables
from tests.actions.conftest import make_tracker, texts

HOO, OM, BUYER, PM = "Head of Operations", "Operations Manager", "Buyer", "Plant Manager"


@pytest.fixture()
def fresh(small_content: Content, tmp_path: Path) -> KnowledgeBase:
    # A file, as the action server uses: an in-memory KB is one connection, which the usage writer
    # thread and the thread answering a question must not share.
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    create_usage_tables(engine)
    return KnowledgeBase(engine)


def tracker(message_id: str = "m1", sender: str = "web:abc", confidence: float = 1.0, **kwargs: Any) -> Tracker:
    made = make_tracker(**kwargs)
    made.sender_id = sender
    made.latest_message["message_id"] = message_id
    made.latest_message["intent"]["confidence"] = confidence
    return made


def rows(engine: Engine, model: type) -> list[tuple]:
    flush()  # usage is written on a background thread
    columns = [c for c in model.__table__.columns if c.name not in ("id", "at")]
    with Session(engine) as session:
        return [tuple(row) for row in session.execute(select(*columns).order_by(model.id))]


async def test_a_full_comparison_carries_its_chart_and_feedback_buttons(fresh: KnowledgeBase, domain) -> None:
    dispatcher = CollectingDispatcher()
    asked = tracker(text="tell me more", intent="compare_roles", slots={ROLE_A: HOO, ROLE_B: OM, DIMENSION: "budget"})
    await ActionAnswerQuestion(fresh).run(dispatcher, asked, domain)
    first, last = dispatcher.messages[0], dispatcher.messages[-1]
    assert first["image"] == "/webhooks/charts/head-of-operations--operations-manager.png"
    with Session(fresh.engine) as session:
        comparison = compare_all(session, HOO, OM)
    assert first["alt"] == alt_text(comparison)  # type: ignore[arg-type]
    assert [m["image"] for m in dispatcher.messages[1:]] == [None] * (len(dispatcher.messages) - 1)
    answer = "Head of Operations|Operations Manager|"
    assert last["buttons"][-2:] == [
        {"title": "Helpful", "payload": f'/feedback{{"helpful": true, "answer": "{answer}"}}'},
        {"title": "Not helpful", "payload": f'/feedback{{"helpful": false, "answer": "{answer}"}}'},
    ]
    assert rows(fresh.engine, Ask) == [("web:abc", HOO, OM, None)]
    assert rows(fresh.engine, Turn) == [("web:abc", "m1", "compare_roles", False)]


async def test_a_verdict_gets_feedback_but_no_chart_and_a_turn_counts_once(fresh: KnowledgeBase, domain) -> None:
    for _ in range(2):  # two actions answering the same user message
        dispatcher = CollectingDispatcher()
        asked = tracker(text="buyer or plant manager budget", intent="ask_budget", roles=(BUYER, PM))
        await ActionAnswerQuestion(fresh).run(dispatcher, asked, domain)
    assert [m["image"] for m in dispatcher.messages] == [None] * len(dispatcher.messages)
    # The pair in the order the answer names it (the knowledge action puts the senior role first).
    assert dispatcher.messages[-1]["buttons"][-2:] == feedback_buttons(PM, BUYER, "budget")
    assert rows(fresh.engine, Ask) == [("web:abc", PM, BUYER, "budget")] * 2
    assert rows(fresh.engine, Turn) == [("web:abc", "m1", "ask_budget", False)]


async def test_unknown_titles_and_fallbacks_are_recorded(fresh: KnowledgeBase, domain) -> None:
    dispatcher = CollectingDispatcher()
    asked = tracker(text="compare a Barista and a buyer", intent="compare_roles", roles=("Barista", BUYER))
    await ActionAnswerQuestion(fresh).run(dispatcher, asked, domain)
    assert "Barista" in texts(dispatcher)[0]
    assert rows(fresh.engine, UnknownTitle) == [("web:abc", "m1", "Barista")]
    assert not any(b["payload"].startswith("/feedback") for m in dispatcher.messages for b in m.get("buttons") or [])
    fallback = tracker(message_id="m2", text="asdf qwer", intent="nlu_fallback")
    await ActionAnswerQuestion(fresh).run(CollectingDispatcher(), fallback, domain)
    assert rows(fresh.engine, Turn) == [
        ("web:abc", "m1", "compare_roles", False),
        ("web:abc", "m2", "nlu_fallback", True),
    ]


async def test_a_pair_from_a_message_read_without_confidence_is_not_counted(fresh: KnowledgeBase, domain) -> None:
    misread = tracker(text="buyer or plant manager budget", intent="ask_budget", roles=(BUYER, PM), confidence=0.5)
    await ActionAnswerQuestion(fresh).run(CollectingDispatcher(), misread, domain)
    sure = tracker("m2", text="buyer or plant manager budget", intent="ask_budget", roles=(BUYER, PM), confidence=0.6)
    await ActionAnswerQuestion(fresh).run(CollectingDispatcher(), sure, domain)
    assert rows(fresh.engine, Ask) == [("web:abc", PM, BUYER, "budget")]
    assert rows(fresh.engine, Turn) == [("web:abc", "m1", "ask_budget", False), ("web:abc", "m2", "ask_budget", False)]


async def test_an_unknown_title_in_a_career_question_is_recorded_as_typed(fresh: KnowledgeBase, domain) -> None:
    text = "I'm a Warehouse Supervisor, how do I get to operations manager?"
    for _ in range(2):  # two actions answering the same user message count once
        asked = tracker(text=text, intent="state_role", roles=(OM,))
        await ActionAboutMe(fresh).run(CollectingDispatcher(), asked, domain)
    assert rows(fresh.engine, UnknownTitle) == [("web:abc", "m1", "Warehouse Supervisor")]


async def test_an_unknown_title_in_a_route_question_is_recorded(fresh: KnowledgeBase, domain) -> None:
    asked = tracker(text="how do I become a barista?", intent="career_path")
    await ActionCareerPath(fresh).run(CollectingDispatcher(), asked, domain)
    assert rows(fresh.engine, UnknownTitle) == [("web:abc", "m1", "barista")]


def answered(*pairs: tuple[str, str, Any]) -> list[dict[str, Any]]:
    """Bot events as Rasa keeps them for answers that carried the feedback buttons on these pairs."""
    return [
        {"event": "bot", "text": f"{a} or {b}?", "data": {"buttons": feedback_buttons(a, b, dimension)}}
        for a, b, dimension in pairs
    ]


def click(key: str, helpful: bool = False, events: Any = (), sender: str = "web:abc", **kwargs: Any) -> Tracker:
    entities = [{"entity": "helpful", "value": helpful}, {"entity": "answer", "value": key}]
    made = tracker(sender=sender, text="/feedback", intent="feedback", entities=entities, **kwargs)
    made.events = list(events)
    return made


async def test_a_click_is_stored_against_the_answer_it_was_on(fresh: KnowledgeBase, domain) -> None:
    dispatcher = CollectingDispatcher()
    given = answered((BUYER, PM, "budget"), (HOO, OM, "scope"))
    clicked = click(f"{BUYER}|{PM}|budget", events=given, sender="slack:T1:U1",
                    slots={ROLE_A: HOO, ROLE_B: OM, DIMENSION: "scope"})  # fmt: skip
    events = await ActionFeedback(fresh).run(dispatcher, clicked, domain)
    assert texts(dispatcher) == [THANKS[False]]
    assert rows(fresh.engine, Feedback) == [("slack:T1:U1", False, BUYER, PM, "budget")]
    assert events == []  # the conversation's roles, dimension and open question stay as they were


async def test_typed_feedback_is_about_the_latest_answer(fresh: KnowledgeBase, domain) -> None:
    dispatcher = CollectingDispatcher()
    typed = tracker(text="that was helpful", intent="feedback", slots={ROLE_A: BUYER, ROLE_B: PM, DIMENSION: "all"})
    typed.events = answered((BUYER, PM, "budget"), (HOO, OM, None))
    await ActionFeedback(fresh).run(dispatcher, typed, domain)
    assert texts(dispatcher) == [THANKS[True]]
    assert rows(fresh.engine, Feedback) == [("web:abc", True, HOO, OM, None)]


@pytest.mark.parametrize(
    ("entities", "slots"),
    [
        ([], {}),  # "that was helpful" before any answer
        ([], {ROLE_A: HOO, ROLE_B: OM}),  # typed, with roles set by a question that got no answer yet
        ([{"entity": "helpful", "value": True}, {"entity": "answer", "value": "<script>"}], {ROLE_A: HOO, ROLE_B: OM}),
    ],
)
async def test_feedback_about_no_answer_is_refused_and_not_stored(
    fresh: KnowledgeBase, domain, entities: list, slots: dict
) -> None:
    dispatcher = CollectingDispatcher()
    typed = tracker(text="/feedback", intent="feedback", entities=entities, slots=slots)
    await ActionFeedback(fresh).run(dispatcher, typed, domain)
    assert texts(dispatcher) == [REFUSED]
    assert rows(fresh.engine, Feedback) == []


@pytest.mark.parametrize(
    "given",
    [
        [],  # a conversation with no answer at all
        answered((HOO, OM, None)),  # another pair's answer
        answered((BUYER, PM, "budget")),  # the same pair, another dimension
        answered((PM, BUYER, "compensation")),  # the same dimension, the pair the other way round
        [{"event": "user", "text": '/feedback{"helpful": false, "answer": "Buyer|Plant Manager|compensation"}'}],
        [{"event": "bot", "text": "Buyer|Plant Manager|compensation", "data": {"buttons": None}}],
    ],
    ids=["no-answer", "other-pair", "other-dimension", "reversed-pair", "typed-by-user", "key-in-text-only"],
)
async def test_a_payload_typed_for_an_answer_never_given_is_refused_every_time(
    fresh: KnowledgeBase, domain, given: list
) -> None:
    for _ in range(3):
        dispatcher = CollectingDispatcher()
        await ActionFeedback(fresh).run(dispatcher, click(f"{BUYER}|{PM}|compensation", events=given), domain)
        assert texts(dispatcher) == [REFUSED]
    assert rows(fresh.engine, Feedback) == []


async def test_an_answer_is_rated_once_per_conversation(fresh: KnowledgeBase, domain) -> None:
    given = answered((BUYER, PM, "compensation"))
    replies = []
    for helpful, sender in ((False, "web:abc"), (True, "web:abc"), (False, "web:abc"), (True, "web:other")):
        dispatcher = CollectingDispatcher()
        await ActionFeedback(fresh).run(dispatcher, click(f"{BUYER}|{PM}|compensation", helpful, given, sender), domain)
        replies += texts(dispatcher)
    assert replies == [THANKS[False], ALREADY, ALREADY, THANKS[True]]
    assert rows(fresh.engine, Feedback) == [
        ("web:abc", False, BUYER, PM, "compensation"),
        ("web:other", True, BUYER, PM, "compensation"),
    ]


def test_answers_received_reads_the_buttons_of_bot_events() -> None:
    events = [
        *answered((BUYER, PM, "budget"), (HOO, OM, None), (BUYER, PM, "budget")),
        {"event": "bot", "data": {"buttons": [{"title": "x", "payload": "/feedback{not json"}]}},
        {"event": "bot", "data": {"buttons": [{"title": "x", "payload": '/feedback["a|b|"]'}]}},
        {"event": "bot", "data": {"buttons": [{"title": "Buyer", "payload": "/inform_role"}]}},
        {"event": "user", "parse_data": {"entities": [{"entity": "answer", "value": "A|B|"}]}},
        {"event": "bot", "data": None},
    ]
    assert answers_received(events) == [f"{BUYER}|{PM}|budget", f"{HOO}|{OM}|"]


@pytest.mark.parametrize(
    ("text", "helpful"),
    [
        ("that was helpful", True),
        ("great answer, really useful", True),
        ("not helpful", False),
        ("that answer didn't help", False),
        ("the answer was wrong", False),
        ("unhelpful answer", False),
    ],
)
def test_typed_feedback_polarity(text: str, helpful: bool) -> None:
    assert was_helpful([], text) is helpful


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("Buyer|Plant Manager|budget", (BUYER, PM, "budget")), ("Buyer|Plant Manager|", (BUYER, PM, None)),
     ("Buyer|Plant Manager", None), ("|Plant Manager|", None), (3, None)],
)  # fmt: skip
def test_answer_keys(value: Any, parsed: Any) -> None:
    assert parse_answer_key(value) == parsed
