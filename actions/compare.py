"""Answering comparison questions, follow-ups and role-only replies."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.cues import COMPARATIVE, DENIAL, OF_A_PAIR, SAME_JOB, SAYS_WHO, YES_NO
from actions import attachments, pay_places, questions, render, render_questions, usage
from kb.wording import replies as wording
from actions.asking import PLAIN, Asked, asks_anew, asks_in_full, asks_reporting_line, how_asked
from actions.aspects import answer_aspect, aspect_asked
from actions.pronouns import only_from_focus
from actions.choices import Choice, Neither, Pending
from actions.context import CAREER_WORDS, Memory, Plan, corrected, decide_dimension, dimension_slot, intent_dimension
from actions.context import masked, pair_asked, plan_question, slot_dimension, with_current_role
from actions.own_role import compares_roles
from actions.knowledge import KnowledgeBase, dimension_vocabulary, role_facts
from actions.mentions import focused, mentioned_roles, roles_in_order, typo_offered, unknown_in_text
from actions.phrases import COMPENSATION, MIN_WORDS_OF_FIELD, worded_dimensions
from actions.question import AboutMe, Aspect, Career, Compare, Describe, Explain, Pick, Place, Question, Unknown
from actions.places import not_places
from actions.picks import MAX_FOLLOWED, clicked, picked
from actions.free import FreeQuestionAction
from actions.help import help_answer
from actions.router import Handling, Slots, as_kind, handles, route
from actions.slots import CHOOSE, COMPARE, CURRENT_ROLE, DIMENSION, DIMENSION_INTENT_PREFIX, FALLBACK
from actions.slots import FOCUS_ROLE, INFORM, NEEDS_ROLES, OTHER_ASPECT, PENDING, PLACE_ASKED, ROLE_A, ROLE_B, WHY
from kb.ambiguous import ambiguous_candidates
from kb.queries import compare_all, compare_on
from kb.related import related_comparisons
from kb.resolve import all_dimensions, resolve_role
from kb.results import Comparison, RoleMatch, SameRole, UnknownRole, Verdict

RELATED = questions.RELATED  # related comparisons under each answer


def read_memory(slots: Slots) -> Memory:
    return Memory(
        role_a=slots.get(ROLE_A),
        role_b=slots.get(ROLE_B),
        dimension=slot_dimension(slots.get(DIMENSION)),
        needs_roles=bool(slots.get(NEEDS_ROLES)),
        focus=slots.get(FOCUS_ROLE),
    )


class Comparisons(Handling):
    """Dimension questions, full comparisons, roles given alone ("what about a buyer instead?"),
    and typed answers to the bot's own questions ("the first", "replace the buyer")."""

    def respond(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        """A comparison, a follow-up, or someone saying what they do read as a role given."""
        says_who = question.intent in (INFORM, OTHER_ASPECT) and SAYS_WHO.search(question.text)
        if says_who and not compares_roles(question.text, question.titles, question.dimensions):
            return route(as_kind(question, AboutMe), self.knowledge, dispatcher, slots, session)  # "I'm a buyer"
        return self.answer_message(dispatcher, question, slots, session)

    def pick(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        """A typed answer to the bot's choices: the choices it picks, carried out; else read as a question.
        One that picks none is asked "which one?" again only after a question with choices; after none (or
        only suggestions) it gets the help an unclear message gets ("im good with numbers")."""
        chosen = picked(question, slots)
        asked = clicked(session, chosen[0]) if isinstance(chosen, tuple) and len(chosen) == 1 else None
        if asked is not None and question.dimensions and isinstance(asked, Describe) and asked.titles:
            one = replace(question, titles=asked.titles, intent=f"{DIMENSION_INTENT_PREFIX}{question.dimensions[0]}")
            return self.respond(dispatcher, as_kind(one, Compare), slots, session)  # "the 2nd one - what's it pay?"
        if chosen is not None:
            return self.follow(chosen, dispatcher, slots, session)
        if question.intent == CHOOSE and not mentioned_roles(question)[0]:
            pending = Pending.from_slot(slots.get(PENDING))
            if pending is None or pending.menu:
                return help_answer(self.knowledge, dispatcher, replace(question, intent=FALLBACK), slots, session)
            render.send(dispatcher, [render.which_one_reply(pending)])
            return [SlotSet(NEEDS_ROLES, False), SlotSet(PENDING, slots.get(PENDING))]
        return self.respond(dispatcher, question, slots, session)

    def follow(
        self, chosen: tuple[Choice, ...] | Neither, dispatcher: CollectingDispatcher, slots: Slots, session: Session
    ) -> list:
        """Carry out the picked choices exactly as their clicks would be; "neither" drops the question."""
        if isinstance(chosen, Neither):
            render.send(dispatcher, [render.neither_reply(read_memory(slots).pair)])
            return [SlotSet(NEEDS_ROLES, False), SlotSet(PENDING, None)]
        events: list = []
        for choice in chosen[:MAX_FOLLOWED]:
            events += route(clicked(session, choice), self.knowledge, dispatcher, slots, session)
            slots = {**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
        return events or [SlotSet(NEEDS_ROLES, False)]

    abroad: Optional[Place] = None  # pay was asked for a place outside the US
    areas: tuple[Optional[str], ...] = ()  # the OEWS areas pay was asked for, in order

    def answer_message(
        self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
    ) -> list:
        """The answer, after (when pay was asked for a place outside the US) the note that the figures are US data."""
        start, self.abroad, self.areas = len(dispatcher.messages), None, ()
        events = self.answer_asked(dispatcher, question, slots, session)
        if self.abroad is not None:
            pay_places.say_outside_first(dispatcher, start, self.abroad)
        areas = set(self.areas) if len(dispatcher.messages) > start else set()  # answered for one place ("... there?"
        return [*events, SlotSet(PLACE_ASKED, areas.pop())] if len(areas) == 1 else events  # next) or nationally

    def answer_asked(self, dispatcher: CollectingDispatcher, read: Question, slots: Slots, session: Session) -> list:
        question = focused(read)  # a pasted advert or a story: answer its question
        asked = question.text
        if question is not read and CAREER_WORDS.search(asked) and not worded_dimensions(asked):
            return route(as_kind(question, Career), self.knowledge, dispatcher, slots, session)  # "what comes next?"
        memory = read_memory(slots)
        intent = question.intent
        known, unknown_values, spans = mentioned_roles(question)
        text = question.text
        known = with_current_role(known, text, slots.get(CURRENT_ROLE))
        vocabulary = self.knowledge.cached(session, ("vocabulary",), lambda: dimension_vocabulary(session))
        unknown = tuple(unknown_values) + unknown_in_text(session, question, spans, intent, vocabulary)
        unknown = tuple(p for p in unknown if not worded_dimensions(p) or len(p.split()) >= MIN_WORDS_OF_FIELD)
        # "seinority" is no role; "vendor relations specialist" is one
        if intent == WHY and read.place is not None:
            intent = COMPARE  # "what do they make in Ohio?" is no "why?"
        if read.place is not None:  # "and in Texas?": a place, not an unknown role
            unknown = not_places(unknown, read.places)
        remembered = [r for r in (memory.role_a, memory.role_b) if r]
        facts = role_facts(session, known + remembered)
        plain = masked(text, spans)
        if intent == OTHER_ASPECT and not text.startswith("/"):
            _, named = aspect_asked(session, plain)
            same = not named and len(set(known)) >= 2 and SAME_JOB.search(plain)  # "is X the same as Y?": in full
            if not named and not same:  # no aspect word either: say what is compared
                render.send(dispatcher, [render_questions.aspect_reply(None, known, list(all_dimensions(session)))])
                return [SlotSet(NEEDS_ROLES, False), *pair_asked(known)]  # "budget" typed next: for the pair
            intent = COMPARE if same else f"{DIMENSION_INTENT_PREFIX}{named[0]}"  # "who has more say?": on decisions
        named_dimensions = [] if text.startswith("/") else worded_dimensions(plain) or list(read.dimensions)
        named_dimensions = [d for d in named_dimensions if d not in read.negated_dimensions]  # "forget pay, ..."
        known, memory = corrected(known, memory, read)
        worded = None if text.startswith("/") else decide_dimension(intent, named_dimensions)
        about_pay = (worded or intent_dimension(intent) or COMPENSATION) == COMPENSATION  # a place matters for pay
        unclear = pay_places.first_ambiguous(read.places) if about_pay else None
        if unclear is not None:  # "Portland": which one?
            return pay_places.ask_which_place(unclear, known, dispatcher)
        area = self.place(read) if about_pay else None
        if read.place is not None and about_pay:
            worded = COMPENSATION  # "and in Texas?": figures are about pay
            if len(read.places) > 1 and len(set(known)) <= 1 and not unknown:  # "in the bay area vs in ohio"
                one_role = known[0] if known else slots.get(FOCUS_ROLE)
                if one_role:
                    return pay_places.answer_in_areas(one_role, read.places, dispatcher, session)
            focus = slots.get(FOCUS_ROLE) if not known and not memory.pair else None
            one = known[0] if len(set(known)) == 1 and not COMPARATIVE.search(plain) else focus
            if one and not unknown:  # "what does an ops manager make in Texas?" even after a pair; "and in Ohio?"
                return questions.answer_one_role(one, COMPENSATION, dispatcher, session, area)
        in_order = roles_in_order(question)
        if len(in_order) == 2 and not unknown and asks_reporting_line(plain):
            return questions.answer_reporting(in_order[0], in_order[1], dispatcher, session, bool(YES_NO.search(plain)))
        if len(set(known)) == 1 and not unknown and asks_reporting_line(plain):  # "who does a plant manager answer
            return questions.answer_one_role(known[0], "hierarchy", dispatcher, session, None)  # to?"
        single = worded or intent_dimension(intent)
        if only_from_focus(question) and single is None and intent in (COMPARE, INFORM, CHOOSE):  # "about the latter"
            return route(as_kind(question, Describe), self.knowledge, dispatcher, slots, session)
        alone = len(set(known)) == 1 and ((not memory.pair and not COMPARATIVE.search(plain)) or asks_anew(plain))
        if single is None and alone and DENIAL.search(text) and slots.get(FOCUS_ROLE) not in (None, known[0]):
            single = memory.dimension  # "no, the manager one" after one role's pay: the same question of this one
            if single is None:  # "sorry I meant X" after a description: X's
                return route(as_kind(question, Describe), self.knowledge, dispatcher, slots, session)
        if single is not None and not unknown and (only_from_focus(question) or alone):  # "what does it pay?"
            return questions.answer_one_role(known[0], single, dispatcher, session, area)
        both = COMPARATIVE.search(plain) or OF_A_PAIR.search(plain)  # "who earns more of the two?": the pair
        if single is not None and slots.get(FOCUS_ROLE) and not (known or unknown or question.titles or both):
            return questions.answer_one_role(str(slots[FOCUS_ROLE]), single, dispatcher, session, area)
        several = list(dict.fromkeys(named_dimensions))
        plan = plan_question(intent, known, memory, facts, text, unknown, several[0] if len(several) > 1 else worded)
        whole = bool(several) and asks_in_full(plain)  # "whats the diff? also who earns more": in full, then pay
        if plan.kind == "answer" and (len(several) > 1 or whole) and plan.role_a and plan.role_b:
            done = self.answer(plan.role_a, plan.role_b, None, dispatcher, session) if whole else []
            several_at_once = len(several) > 1 and questions.answer_several(  # "who earns more and ...?"
                plan.role_a, plan.role_b, several, dispatcher, session, area)  # fmt: skip
            return done + (several_at_once or self.answer(plan.role_a, plan.role_b, several[0], dispatcher, session,
                                                          area=area))  # fmt: skip
        if plan.kind == "in_pair" and plan.role_a and plan.role_b and plan.new_role:
            pair = (plan.role_a, plan.role_b)
            return self.in_pair(plan.new_role, pair, plan.dimension, question, dispatcher, session)
        asked = PLAIN if text.startswith("/") else how_asked(plain, in_order)
        return self.carry_out(plan, dispatcher, session, memory, asked, area)

    def in_pair(self, name: str, pair: tuple[str, str], dimension: Optional[str], question: Question,
                dispatcher: CollectingDispatcher, session: Session) -> list:  # fmt: skip
        """A role given alone that is already one of the pair ("what about an area manager?" with the
        District Manager compared): what that name is here, and the related comparisons."""
        match, related = resolve_role(session, name), related_comparisons(session, *pair, limit=RELATED)
        title = next((t for t in question.titles if t.role == name and t.span != (0, 0)), None)
        if isinstance(match, RoleMatch):
            text = wording.already_compared(question.text[slice(*title.span)] if title else name, match.role, pair)
            render.send(dispatcher, [render.Reply(text, render.related_buttons(related, dimension), offers="menu")])
        return [SlotSet(NEEDS_ROLES, False)]

    def place(self, read: Question) -> Optional[str]:
        """The OEWS area the question asks pay figures for (None: national); a place outside the US is
        noted, to be said to have no figures."""
        self.abroad = next((p for p in read.places if p.kind == "outside_us"), None)
        self.areas = tuple(dict.fromkeys(p.area for p in read.places)) or (None,)  # None: national (outside the US)
        return read.place.area if read.place is not None else None

    def carry_out(self, plan: Plan, dispatcher: CollectingDispatcher, session: Session, memory: Memory,
                  asked: Asked = PLAIN, area: Optional[str] = None) -> list:  # fmt: skip
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
                meant = ambiguous_candidates(session, phrase)
                if meant:  # "PM": ask which, never guess
                    replies.append(render.ambiguous_reply(phrase, meant, partner, plan.dimension))
                    continue
                problem = typo_offered(resolve_role(session, phrase))
                if isinstance(problem, UnknownRole):
                    replies.append(render.unknown_role_reply(problem, partner, plan.dimension))
                    usage.note_unknown(session, [phrase])
            render.send(dispatcher, replies or [render.unknown_role_reply(UnknownRole(plan.unknown[0]), None, None)])
            return done
        if plan.kind == "nothing_to_explain":
            render.send(dispatcher, [render.nothing_to_explain_reply()])
            return done
        assert plan.role_a is not None and plan.role_b is not None
        if plan.kind == "explain":
            return questions.answer_why(plan.role_a, plan.role_b, plan.dimension, dispatcher, session)
        if plan.dimension == COMPENSATION and len(self.areas) > 1:  # "... in texas and in ohio?": each place
            return pay_places.answer_pair_in_areas(plan.role_a, plan.role_b, self.areas, asked, dispatcher, session)
        return self.answer(plan.role_a, plan.role_b, plan.dimension, dispatcher, session, asked, area)

    def answer(self, first: str, second: str, dimension: Optional[str], dispatcher: CollectingDispatcher,
               session: Session, asked: Asked = PLAIN, area: Optional[str] = None) -> list[Any]:  # fmt: skip
        on = compare_on(session, first, second, dimension, area) if dimension else None
        result = on or compare_all(session, first, second)
        related = self.knowledge.cached(
            session, ("related", first, second), lambda: related_comparisons(session, first, second, limit=RELATED)
        )
        start = len(dispatcher.messages)
        if isinstance(result, Verdict):
            render.send(dispatcher, render.verdict_replies(result, related, asked))
        elif isinstance(result, Comparison):
            render.send(dispatcher, render.comparison_replies(result, related))
        else:
            render.send(dispatcher, [render.problem_reply(result)])
            return [SlotSet(NEEDS_ROLES, False)]
        attachments.decorate(dispatcher.messages[start:], result, session)
        return [
            SlotSet(ROLE_A, first),
            SlotSet(ROLE_B, second),
            SlotSet(DIMENSION, dimension_slot(dimension)),
            SlotSet(NEEDS_ROLES, False),
            SlotSet(FOCUS_ROLE, None),  # "it" now means neither: the pair is in focus
        ]


class ActionAnswerQuestion(FreeQuestionAction):
    def name(self) -> str:
        return "action_answer_question"

    def answer(self, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session) -> list:
        return route(question, self.knowledge, dispatcher, slots, session)


@handles(Pick)
def answer_pick(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> list:
    """A typed answer to the bot's choices ("the second one", "both", "the buyer")."""
    return Comparisons(knowledge).pick(dispatcher, question, slots, session)


@handles(Compare, Explain, Aspect, Unknown)
def compare(
    knowledge: KnowledgeBase, dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> list:
    """A comparison, a follow-up question, a "why?", or a question about something not compared (a part
    of a message: "... and is it stressful?")."""
    events = answer_aspect(dispatcher, question, slots, session) if type(question) is Aspect else None
    return Comparisons(knowledge).respond(dispatcher, question, slots, session) if events is None else events
