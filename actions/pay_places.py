"""Pay asked for places: a place shared by several areas asked back (the roles kept, so a reply naming
one answers the question), the note that figures are US data said first and naming the place, and
one role's or two roles' pay in several areas in one answer ("in the bay area vs in ohio", "who earns more, a
buyer or a plant manager, in texas and in ohio?"). Used by ``actions.compare``.
"""

from __future__ import annotations

from typing import Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import attachments, render, render_questions
from actions.asking import Asked
from kb.wording import replies as wording
from actions.phrases import COMPENSATION
from actions.places import place_name, state_example
from kb.content.vocabulary import vocabulary
from actions.question import Place
from actions.questions import RELATED
from actions.slots import DIMENSION, FOCUS_ROLE, NEEDS_ROLES, ROLE_A, ROLE_B
from kb.queries import compare_on, describe_role
from kb.related import related_comparisons
from kb.results import AreaInfo, RoleProfile, Verdict
from kb.wages.figures import pay_figures, resolve_area


def ask_which_place(place: Place, roles: list[str], dispatcher: CollectingDispatcher) -> list:
    """ "Which "Portland" do you mean: ...?", keeping the roles asked about in the slots (one role in
    focus, two as the pair on pay) so that a reply naming one of the places answers the question."""
    text = wording.WHICH_PLACE.format(place=place_name(place), areas="; ".join(place.areas))
    render.send(dispatcher, [render.Reply(text)])
    named = list(dict.fromkeys(roles))
    held: list = []
    if len(named) == 1:
        held = [SlotSet(FOCUS_ROLE, named[0]), SlotSet(ROLE_A, None), SlotSet(ROLE_B, None)]
    elif len(named) >= 2:
        held = [SlotSet(ROLE_A, named[0]), SlotSet(ROLE_B, named[1]), SlotSet(DIMENSION, COMPENSATION)]
    return [*held, SlotSet(NEEDS_ROLES, False)]


def say_outside_first(dispatcher: CollectingDispatcher, start: int, place: Place) -> None:
    """Puts the note that the figures are US data, naming ``place``, before the answer that begins
    at message ``start`` (nothing when no answer was sent)."""
    if len(dispatcher.messages) <= start:
        return
    note = CollectingDispatcher()
    note.utter_message(text=outside_note(place))
    dispatcher.messages[start:start] = note.messages


def outside_note(place: Place) -> str:
    """That the figures are US national ones, naming the place outside the US; for a name a US area shares
    ("Victoria": Victoria, TX), how to ask for that area's figures."""
    note = wording.OUTSIDE_US.format(place=place_name(place))
    if not place.areas:
        return note
    example = state_example(place, vocabulary().us_states)
    return f"{note} {wording.US_NAMESAKE.format(areas='; '.join(place.areas), example=example)}"


def first_ambiguous(places: tuple[Place, ...]) -> Optional[Place]:
    return next((p for p in places if p.kind == "ambiguous"), None)


def answer_in_areas(name: str, places: tuple[Place, ...], dispatcher: CollectingDispatcher, session: Session) -> list:
    """One role's pay in each place, in one answer: the role's pay trait, then the figures of each
    OEWS area (national for a place outside the US), each with its source line."""
    profile = describe_role(session, name)
    if not isinstance(profile, RoleProfile):
        return [SlotSet(NEEDS_ROLES, False)]
    trait = next(t for t in profile.traits if t.dimension.slug == COMPENSATION)
    figures = []
    for area in dict.fromkeys(p.area for p in places):
        found = resolve_area(session, area) if area else None
        pay = pay_figures(session, [profile.role], found if isinstance(found, AreaInfo) else None)
        if pay is not None:
            figures.append(pay)
    start = len(dispatcher.messages)
    render.send(dispatcher, [render_questions.one_role_reply(profile, trait, figures)])
    attachments.add_feedback(dispatcher.messages[start:], profile.role.name, None, COMPENSATION)
    return [SlotSet(FOCUS_ROLE, name), SlotSet(NEEDS_ROLES, False)]


def answer_pair_in_areas(
    first: str, second: str, areas: tuple[Optional[str], ...], asked: Asked, dispatcher: CollectingDispatcher,
    session: Session,
) -> list:
    """Two roles' pay in each OEWS area of ``areas`` (None: national, for a place outside the US), in one
    answer: each area's verdict and figures with its source line, then why, once; the pair is on pay."""
    results = [compare_on(session, first, second, COMPENSATION, area) for area in areas]
    verdicts = [result for result in results if isinstance(result, Verdict)]
    if len(verdicts) < len(results):
        render.send(dispatcher, [render.problem_reply(next(r for r in results if not isinstance(r, Verdict)))])
        return [SlotSet(NEEDS_ROLES, False)]
    related = related_comparisons(session, first, second, limit=RELATED)
    start = len(dispatcher.messages)
    render.send(dispatcher, [render_questions.pay_in_places_reply(verdicts, areas, related, asked)])
    attachments.decorate(dispatcher.messages[start:], verdicts[0], session)
    return [SlotSet(ROLE_A, first), SlotSet(ROLE_B, second), SlotSet(DIMENSION, COMPENSATION),
            SlotSet(NEEDS_ROLES, False), SlotSet(FOCUS_ROLE, None)]  # fmt: skip
