"""Rankings: three or more roles, or a superlative over a job family or every role.

"Rank these by budget: A, B, C", "of A, B and C who earns most?", "which supply chain role has the
biggest budget?", "top 3 highest-paid roles you know". The phrase rules here read the request;
``kb.ranking.rank`` orders the roles and ``kb.wording.rank`` words the list. The actions that
answer free text run ``answer_ranking`` first (``KnowledgeAction.answers_free_questions``), so a
ranking is answered whichever intent NLU read ("the most senior role in manufacturing" can look
like a career question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.cues import OF_A_PAIR, OVER_ROLES, RANK_WORDS, SUPERLATIVE
from actions import render, render_questions
from actions.asking import asks_less
from actions.context import CAREER_WORDS, decide_dimension, intent_dimension, masked
from actions.mentions import focused, mentioned_roles, role_spans, roles_in_order
from actions.phrases import COMPENSATION, FAMILY_CUES, worded_dimensions
from actions.places import place_name
from actions.question import Question
from actions.router import Slots
from actions.choices import Pending, parse_payload
from actions.slots import DIMENSION, JOB_ROLE, NEEDS_ROLES, PENDING, RANKED, ROLE_A, ROLE_B
from kb.queries import families
from kb.ranking import Family, Ranking, rank
from kb.reporting import HIERARCHY
from kb.wording.rank import ranked_nationally

NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
TOP = re.compile(r"\btop\s+(\d{1,2}|" + "|".join(NUMBERS) + r")\b", re.IGNORECASE)
MIN_LISTED = 3
FOLLOW_UP_WORDS = 6  # a message this short after a ranking may rank it again ("and the worst?")
ALL_ROLES_LIMIT = 10  # places shown when every role is ranked and no "top N" was asked


@dataclass(frozen=True)
class RankRequest:
    """What to rank: ``roles`` named (empty: a ``family``, or every role when that is None too),
    highest first unless ``lowest_first``, cut at ``limit`` places (None: all)."""

    roles: tuple[str, ...]
    family: Optional[str]
    lowest_first: bool
    limit: Optional[int]


def family_named(text: str, families: list[str]) -> Optional[str]:
    """The job family ``text`` names ("which supply chain role ..."), the longest match winning; else one
    named by a ``FAMILY_CUES`` word ("manufacturing" -> "Manufacturing and quality"). Blank role mentions first."""
    lowered = f" {' '.join(re.sub(r'[^a-z &-]+', ' ', text.lower()).split())} "
    matches = [
        (len(part), family)
        for family in families
        for part in (family.lower(), *family.lower().split(" and "))
        if f" {part.strip()} " in lowered
    ]
    if matches:
        return max(matches)[1]
    for cue, part in FAMILY_CUES.items():
        if f" {cue} " in lowered:
            return next((f for f in families if part in f.lower()), None)
    return None


def ranking_request(text: str, roles: list[str], families: list[str]) -> Optional[RankRequest]:
    """A ranking when ``text`` (role mentions blanked) names three or more ``roles``, or asks a
    superlative over roles in general ("which ... role ... most") naming fewer than two; else None."""
    top = TOP.search(text)
    limit = None
    if top:
        word = top.group(1).lower()
        limit = int(word) if word.isdigit() else NUMBERS[word]
    lowest_first = asks_less(text)
    if len(roles) >= MIN_LISTED:
        return RankRequest(tuple(roles), None, lowest_first, limit)
    family = family_named(text, families)  # "bottom of the pay scale in retail": over the family's roles
    if len(roles) >= 2 or not SUPERLATIVE.search(text) or not (OVER_ROLES.search(text) or top or family):
        return None
    if family is None and top is None and OF_A_PAIR.search(text):
        return None
    return RankRequest((), family, lowest_first, limit or (None if family else ALL_ROLES_LIMIT))


def family_words(text: str, question: Question) -> Optional[str]:
    """The message with its one role mention left in when a word for roles follows it ("customer service roles",
    "warehouse jobs"): there the role's words name a family. None otherwise."""
    for title in question.titles:
        after = OVER_ROLES.search(text, title.span[1])
        if title.role and after is not None and not text[title.span[1] : after.start()].strip():
            return masked(text, [t.span for t in question.titles if t is not title])
    return None


def offered_roles(slots: Slots) -> list[str]:
    """The roles the bot's last choices offered one per button (the ways in, "Did you mean ...?"), in order."""
    pending = Pending.from_slot(slots.get(PENDING))
    named = []
    for choice in pending.choices if pending is not None else ():
        values = [e["value"] for e in parse_payload(choice.payload)[1] if e["entity"] == JOB_ROLE]
        if len(values) == 1:
            named.append(str(values[0]))
    return list(dict.fromkeys(named))


def ranked_again(words: str, slots: Slots, kinds: list[str]) -> Optional[RankRequest]:
    """ "and the worst?", "what about the least senior?", "and by strategy?", "and in retail?" right after a
    ranking (``RANKED``): the same roles or family (or the family named, of ``kinds``) again, in the order the
    words ask, on the dimension they name (else the same one); None when no ranking came last or the message
    is longer."""
    ranked = slots.get(RANKED)
    if not isinstance(ranked, dict) or len(words.split()) > FOLLOW_UP_WORDS:
        return None
    other = family_named(words, kinds)  # "and in retail?": the same question over another family
    if not SUPERLATIVE.search(words) and not worded_dimensions(words) and other is None:  # "and the worst?"
        return None
    roles, family = tuple(str(r) for r in ranked.get("roles") or ()), ranked.get("family")
    if other is not None:
        roles, family = (), other
    limit = None if roles or family else ALL_ROLES_LIMIT
    return RankRequest(roles, str(family) if family else None, asks_less(words), limit)


def answer_ranking(
    dispatcher: CollectingDispatcher, question: Question, slots: Slots, session: Session
) -> Optional[list[Any]]:
    """The ranking and its events when the latest message asks for one (see ``ranking_request``) and
    says on what (its words, its intent, or, for three roles named with neither, the hierarchy); None
    otherwise. The top two places become the pair in focus."""
    question = focused(question)
    text = question.text
    if text.startswith("/"):
        return None
    words = masked(text, role_spans(question))
    if len(question.titles) < MIN_LISTED and not SUPERLATIVE.search(words) and not slots.get(RANKED):
        return None  # most messages: no need to look up their roles or read the job families
    known, unknown, _ = mentioned_roles(question)
    roles = roles_in_order(question) or known
    if len(roles) == 1 and (kinds := family_words(text, question)) is not None:  # "which customer service roles
        roles, words = [], kinds  # earn the least?": the words of a role name a family of roles
    if unknown or (len(roles) < MIN_LISTED and not SUPERLATIVE.search(words) and not slots.get(RANKED)):
        return None
    if CAREER_WORDS.search(words) and not (SUPERLATIVE.search(words) or RANK_WORDS.search(words)):
        return None  # "I'm an ops manager, how do I get to VP ops or COO?": a route, not a ranking
    offered = offered_roles(slots) if not roles and worded_dimensions(words) else []
    if len(offered) >= 2 and family_named(words, families(session)) is None:  # "which one pays the most?"
        request: Optional[RankRequest] = RankRequest(tuple(offered), None, asks_less(words), None)  # after roles
    else:  # were offered as choices (the ways in, "did you mean")
        request = ranking_request(words, roles, families(session))
    again = ranked_again(words, slots, families(session)) if request is None and not roles else None
    request = request or again
    if request is None:
        return None
    intent = question.intent
    asked_on = RANK_WORDS.sub(" ", words.replace("-", " "))  # "rank" is no question about rank in the hierarchy
    dimension = decide_dimension(intent, worded_dimensions(asked_on)) or intent_dimension(intent)
    if again is not None and not worded_dimensions(asked_on):
        dimension = slots.get(DIMENSION) or dimension  # "and the worst?": on what the ranking was about
    if dimension is None and not request.roles:
        return None
    scope = list(request.roles) or (Family(request.family) if request.family else None)
    order = "asc" if request.lowest_first else "desc"
    result = rank(session, scope, dimension or HIERARCHY, order=order, limit=request.limit)
    if not isinstance(result, Ranking):
        render.send(dispatcher, [render.problem_reply(result)])
        return [SlotSet(NEEDS_ROLES, False)]
    reply = render_questions.ranking_reply(result)
    area = question.place.area if question.place is not None and not question.place.carried else None
    if area and result.dimension.slug == COMPENSATION:  # "what do they make in atlanta?": said, not ignored
        said = place_name(question.place)  # type: ignore[arg-type]
        reply = replace(reply, text=f"{reply.text}\n{ranked_nationally(area, said)}")
    render.send(dispatcher, [reply])
    top = [e.role.name for e in result.entries[:2]]
    pair = [SlotSet(ROLE_A, top[0]), SlotSet(ROLE_B, top[1])] if len(top) == 2 else []
    ranked = SlotSet(RANKED, {"family": request.family, "roles": list(request.roles)})
    return [*pair, SlotSet(DIMENSION, result.dimension.slug), SlotSet(NEEDS_ROLES, False), ranked]
