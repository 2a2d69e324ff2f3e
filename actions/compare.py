"""Answering comparison questions, follow-ups and role-only replies."""

from __future__ import annotations

from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render
from actions.context import (
    Memory,
    Plan,
    dimension_slot,
    intent_dimension,
    plan_question,
    slot_dimension,
    unrecognised_phrases,
)
from actions.knowledge import (
    KnowledgeAction,
    canonical_roles,
    dimension_vocabulary,
    role_entities,
    role_facts,
)
from actions.slots import DIMENSION, INFORM, JOB_ROLE, NEEDS_ROLES, ROLE_A, ROLE_B
from kb.queries import compare_all, compare_on, related_comparisons
from kb.resolve import resolve_dimension, resolve_role
from kb.results import Comparison, DimensionInfo, SameRole, UnknownRole, Verdict

RELATED = 3


def read_memory(tracker: Tracker) -> Memory:
    return Memory(
        role_a=tracker.get_slot(ROLE_A),
        role_b=tracker.get_slot(ROLE_B),
        dimension=slot_dimension(tracker.get_slot(DIMENSION)),
        needs_roles=bool(tracker.get_slot(NEEDS_ROLES)),
    )


def mentioned_roles(session: Session, tracker: Tracker) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Canonical roles named in the latest message, unknown entity values, and their spans."""
    entities = role_entities(tracker, JOB_ROLE)
    known, unknown = canonical_roles(session, [e.get("value") for e in entities])
    spans = [(int(e["start"]), int(e["end"])) for e in entities if "start" in e and "end" in e]
    return known, unknown, spans


def unknown_in_text(
    session: Session,
    tracker: Tracker,
    spans: list[tuple[int, int]],
    intent: Optional[str],
    vocabulary: Optional[set[str]] = None,
) -> tuple[str, ...]:
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        return ()
    words = vocabulary if vocabulary is not None else dimension_vocabulary(session)
    return unrecognised_phrases(text, spans, words, whole_message=intent == INFORM)


def report_unknown(
    dispatcher: CollectingDispatcher,
    session: Session,
    tracker: Tracker,
    values: list[str],
    spans: list[tuple[int, int]],
    intent: Optional[str],
) -> bool:
    """Tell the user which role names we could not recognise, with close ones; True when there were any."""
    unknown = tuple(values) + unknown_in_text(session, tracker, spans, intent)
    problems = [p for p in (resolve_role(session, u) for u in unknown) if isinstance(p, UnknownRole)]
    render.send(dispatcher, [render.unknown_role_reply(p, None, None) for p in problems])
    return bool(problems)


class ActionAnswerQuestion(KnowledgeAction):
    """Dimension questions, full comparisons, and roles given alone ("what about a buyer instead?")."""

    def name(self) -> str:
        return "action_answer_question"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        memory = read_memory(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        known, unknown_values, spans = mentioned_roles(session, tracker)
        vocabulary = self.knowledge.cached(session, ("vocabulary",), lambda: dimension_vocabulary(session))
        unknown = tuple(unknown_values) + unknown_in_text(session, tracker, spans, intent, vocabulary)
        remembered = [r for r in (memory.role_a, memory.role_b) if r]
        facts = role_facts(session, known + remembered)
        plan = plan_question(intent, known, memory, facts, tracker.latest_message.get("text") or "", unknown)
        return self.carry_out(plan, dispatcher, session, memory)

    def carry_out(self, plan: Plan, dispatcher: CollectingDispatcher, session: Session, memory: Memory) -> list:
        done = [SlotSet(NEEDS_ROLES, False)]
        if plan.kind == "ask_roles":
            return [
                SlotSet(ROLE_A, plan.role_a),
                SlotSet(ROLE_B, None),
                SlotSet(DIMENSION, dimension_slot(plan.dimension)),
                SlotSet(NEEDS_ROLES, True),
            ]
        if plan.kind == "ask_which":
            assert plan.new_role is not None
            render.send(dispatcher, [render.ask_which_reply(plan.new_role, plan.choices, plan.dimension)])
            return done
        if plan.kind == "same_role":
            assert plan.role_a is not None
            role = resolve_role(session, plan.role_a)
            render.send(dispatcher, [render.same_role_reply(SameRole(role.role))])  # type: ignore[union-attr]
            return done
        if plan.kind == "unknown_role":
            partner = plan.role_a or (memory.pair[0] if memory.pair else None)
            replies = []
            for phrase in plan.unknown:
                problem = resolve_role(session, phrase)
                if isinstance(problem, UnknownRole):
                    replies.append(render.unknown_role_reply(problem, partner, plan.dimension))
            render.send(dispatcher, replies or [render.unknown_role_reply(UnknownRole(plan.unknown[0]), None, None)])
            return done
        assert plan.role_a is not None and plan.role_b is not None
        return self.answer(plan.role_a, plan.role_b, plan.dimension, dispatcher, session)

    def answer(
        self, first: str, second: str, dimension: Optional[str], dispatcher: CollectingDispatcher, session: Session
    ) -> list[Any]:
        result = compare_on(session, first, second, dimension) if dimension else compare_all(session, first, second)
        related = self.knowledge.cached(
            session, ("related", first, second), lambda: related_comparisons(session, first, second, limit=RELATED)
        )
        if isinstance(result, Verdict):
            render.send(dispatcher, render.verdict_replies(result, related))
        elif isinstance(result, Comparison):
            render.send(dispatcher, render.comparison_replies(result, related))
        else:
            render.send(dispatcher, [render.problem_reply(result)])
            return [SlotSet(NEEDS_ROLES, False)]
        return [
            SlotSet(ROLE_A, first),
            SlotSet(ROLE_B, second),
            SlotSet(DIMENSION, dimension_slot(dimension)),
            SlotSet(NEEDS_ROLES, False),
        ]


def dimension_of(session: Session, tracker: Tracker) -> Optional[DimensionInfo]:
    """The dimension a pending question is about, for wording the form's questions."""
    slug = slot_dimension(tracker.get_slot(DIMENSION)) or intent_dimension(
        (tracker.latest_message.get("intent") or {}).get("name")
    )
    if not slug:
        return None
    found = resolve_dimension(session, slug)
    return found if isinstance(found, DimensionInfo) else None
