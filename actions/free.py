"""Actions that answer free text: a message naming a job outside the operations map or asking about
a role's pay mix gets that answer (``actions.outside``), one about something Rolewise doesn't
compare ("is it stressful?") gets that plain answer (``actions.aspects``), and one asking for a
ranking gets the ranking (``actions.ranking``), before the action's own answer."""

from __future__ import annotations

from typing import Optional

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from actions.aspects import answer_aspect
from actions.knowledge import KnowledgeAction
from actions.outside import answer_outside
from actions.pronouns import with_focus_role
from actions.ranking import answer_ranking
from actions.render import Dispatcher


class FreeQuestionAction(KnowledgeAction):
    """A ``KnowledgeAction`` that first answers aspect and ranking questions, whatever NLU read."""

    def resolved(self, tracker: Tracker) -> Tracker:
        return with_focus_role(tracker)

    def first_answer(self, recording: Dispatcher, tracker: Tracker, session: Session) -> Optional[list]:
        events = answer_outside(recording, tracker, session)  # jobs outside the map, pay mix
        events = answer_aspect(recording, tracker, session) if events is None else events
        return answer_ranking(recording, tracker, session) if events is None else events
