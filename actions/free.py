"""Actions that answer free text. The latest message is read once (``actions.reading.read_question``),
as a pick when it picks among the bot's offered choices; a message naming a job outside the
operations map or asking about a role's pay mix gets that answer (``actions.outside``), one about
something Rolewise doesn't compare ("is it stressful?") gets that plain answer (``actions.aspects``; a
message that also asks something else has it as a part of its own, answered in turn by the router),
and one asking for a ranking gets the ranking (``actions.ranking``), before the action's own answer."""

from __future__ import annotations

from abc import abstractmethod
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import attachments
from actions.aspects import answer_aspect
from actions.cues import SAME_JOB_ASKED
from actions.knowledge import KnowledgeAction
from actions.outside import answer_outside, follow_up, pair_follow_up, where_from
from actions.pay_mix import answer_pay_mix
from actions.picks import as_pick
from actions.question import Aspect, Education, Question, Several
from actions.ranking import answer_ranking
from actions.reading import read_question
from actions.router import Slots, as_kind, route
from actions.slots import COMPARED_OCCUPATION, CURRENT_OCCUPATION, FORM, NEEDS_ROLES, PENDING, RANKED
from kb.education import certifications_in_text
from kb.wages.outside import cue_in


ASKS_WITH_RULES = "action_answer_question"  # data/rules.yml runs the form after it when roles are missing


def answered_this_turn(tracker: Tracker) -> bool:
    """Whether the bot already said something since the latest user message: a message answered while a
    form waited ("which one pays the most?" ranks the offered roles, which fills the form's slots) is not
    answered again when the form then ends."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


class FreeQuestionAction(KnowledgeAction):
    """A ``KnowledgeAction`` that reads the message as a ``Question`` and first answers outside jobs,
    aspect and ranking questions, whatever NLU read; ``answer`` gives the action's own answer."""

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        if self.name() == ASKS_WITH_RULES and answered_this_turn(tracker):  # the form that was waiting ended with
            kept = (PENDING, RANKED)  # this message, which was already answered (a ranking): nothing more to say
            return [SlotSet(name, tracker.get_slot(name)) for name in kept]
        question = as_pick(read_question(self.knowledge, session, tracker), tracker.slots)
        start = len(dispatcher.messages)
        events = self.first_answer(dispatcher, question, tracker.slots, session)
        events = self.answer(dispatcher, question, tracker.slots, session) if events is None else events
        readings = [(t.text, t.role) for t in question.titles if t.read_as and t.role]  # "a fleet mgr or a dispatchr"
        attachments.note_readings(dispatcher.messages[start:], readings)
        same = SAME_JOB_ASKED.search(question.text) is not None and len(set(question.roles)) >= 2  # "gm, same thing?"
        attachments.note_not_the_same(dispatcher.messages[start:], same)
        if tracker.get_slot(COMPARED_OCCUPATION) and not any(e.get("name") == COMPARED_OCCUPATION for e in events):
            events = [*events, SlotSet(COMPARED_OCCUPATION, None)]  # the outside pair is no longer the subject
        if self.name() != ASKS_WITH_RULES and any(e.get("name") == NEEDS_ROLES and e.get("value") for e in events):
            events = [*events, FollowupAction(FORM)]  # read as a comparison missing its roles: the form asks
        return events

    def first_answer(
        self, recording: CollectingDispatcher, question: Question, slots: Slots, session: Session
    ) -> Optional[list]:
        events = answer_outside(recording, question, slots, session) if question.occupations else None
        if events is None and slots.get(COMPARED_OCCUPATION):  # "and who has more budget?" after an outside pair
            events = pair_follow_up(recording, question, slots, session)
        if events is None and not question.text.startswith("/") and cue_in(session, "pay_mix", question.text):
            events = answer_pay_mix(recording, question, slots, session)
        if events is None and slots.get(CURRENT_OCCUPATION):  # after "I'm a nurse": "which jobs suit me?"
            events = follow_up(recording, question, slots, session)
        if events is None:  # "which job suits me?" before saying what they do
            events = where_from(recording, question, slots, session)
        asked_apart = isinstance(question, Several) and any(isinstance(p, Aspect) for p in question.parts)
        if events is None and not asked_apart:  # "... and is it stressful?": that part is answered in its turn
            events = answer_aspect(recording, question, slots, session)
        events = answer_ranking(recording, question, slots, session) if events is None else events
        named = not question.text.startswith("/") and not isinstance(question, (Education, Several))
        if events is None and named and not question.roles and certifications_in_text(session, question.text):
            events = route(as_kind(question, Education), None, recording, slots, session)  # "is the CSCP worth it?"
        return events

    @abstractmethod
    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        """The action's own answer to ``question``; returns the events to apply."""

