"""Questions about how a role's pay is made up: bonus, incentives, stock options, equity, total comp.

Answered from the role files' ``pay_mix`` for the roles the message names (one or two), else the
role in focus or the pair being discussed. Benefits (pensions, health cover) stay an aspect
Rolewise does not compare (``kb/data/aspects.yml``).
"""

from __future__ import annotations

from typing import Any, Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render
from actions.mentions import mentioned_roles
from actions.question import Question
from actions.router import Slots
from actions.slots import FOCUS_ROLE, NEEDS_ROLES, ROLE_A, ROLE_B
from kb.wording import answers, outside as answers_outside
from kb.wages.pay_mix import pay_mix
from kb.queries import common_roles, compare_on
from kb.results import Verdict
from kb.wages.figures import pay_figures
from kb.wording import replies

ASK_PAY_MIX = replies.ASK_PAY_MIX


def answer_pay_mix(
    dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> Optional[list[Any]]:
    """The pay mix of the roles asked about, with the pay verdict first for two roles."""
    known, _, _ = mentioned_roles(question)
    roles = list(dict.fromkeys(known))[:2]
    if not roles:
        pair = [slots.get(ROLE_A), slots.get(ROLE_B)]
        focus = slots.get(FOCUS_ROLE)
        roles = [focus] if focus else [r for r in pair if r] if all(pair) else []
    mixes = [mix for mix in (pay_mix(session, name) for name in roles) if mix is not None]
    if not mixes:
        render.send(dispatcher, [render.ask_role_reply(ASK_PAY_MIX, common_roles(session), "ask_compensation")])
        return [SlotSet(NEEDS_ROLES, False)]
    text = answers_outside.pay_mix_text(mixes)
    verdict = None
    if len(mixes) == 2:
        found = compare_on(session, mixes[0].role.name, mixes[1].role.name, "compensation")
        if isinstance(found, Verdict):
            verdict = answers.verdict_sentence(found)
            text = f"{verdict}\n{text}"
    elif (figures := pay_figures(session, [mixes[0].role])) is not None:
        text = f"{text}\n{answers.pay_text(figures)}"
    render.send(dispatcher, [render.Reply(text, verdict=verdict)])
    events: list[Any] = [SlotSet(NEEDS_ROLES, False)]
    if len(mixes) == 2:
        events += [SlotSet(ROLE_A, mixes[0].role.name), SlotSet(ROLE_B, mixes[1].role.name)]
    else:
        events.append(SlotSet(FOCUS_ROLE, mixes[0].role.name))
    return events
