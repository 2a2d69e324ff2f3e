"""The roles a message names: recognised ones with where they are, and words that look like unknown roles."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Union

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render, usage
from actions.knowledge import alias_heads, alias_words, dimension_vocabulary
from actions.context import focus
from actions.cues import SAYS_WHO
from actions.phrases import TITLE_WORDS, unrecognised_phrases
from actions.question import Question
from actions.slots import INFORM
from kb.ambiguous import ambiguous_candidates
from kb.resolve import resolve_role
from kb.results import RoleInfo, RoleMatch, UnknownRole

ROUTE_ARROW = re.compile(r"\s*(?:to|into|->|=>|\u2192)\s+(?:an?\s+|the\s+)?", re.I)  # "<title> to <role>"


def focused(question: Question) -> Question:
    """A long message (a pasted advert, a story) read as its question: ``question`` with that sentence as
    its text, keeping only the roles named in it when it names any ("... who has more budget authority, a
    warehouse manager or a logistics manager?"), the others without their place; a short message as it is."""
    start, end = focus(question.text)
    if (start, end) == (0, len(question.text)):
        return question
    inside = [t for t in question.titles if start <= t.span[0] and t.span[1] <= end and t.span != NOWHERE]
    kept = [replace(t, span=(t.span[0] - start, t.span[1] - start)) for t in inside] or [
        replace(t, span=NOWHERE) for t in question.titles
    ]
    return replace(question, text=question.text[start:end], titles=tuple(kept))


BARE_REPLY_WORDS = 3  # "barista", "a fleet controller": a reply that can only be a role name
NOWHERE = (0, 0)  # the span of a role given without a place in the text (a button's payload)


def role_spans(question: Question) -> list[tuple[int, int]]:
    """Where the question's role mentions are (character offsets)."""
    return [t.span for t in question.titles if t.span != NOWHERE]


def mentioned_roles(question: Question) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Canonical roles the question names (referred ones included), titles that name no role, and their spans."""
    known = [t.role for t in question.titles if t.role]
    unknown = [t.text.strip() for t in question.titles if t.role is None and t.text.strip()]
    return known, unknown, role_spans(question)


SHORT_FORM = re.compile(r"\b[A-Z]{2,3}s?\b")  # "PM", "DMs": short forms typed in capitals (not "pm", a time)


def unknown_in_text(
    session: Session,
    question: Question,
    spans: list[tuple[int, int]],
    intent: Optional[str],
    vocabulary: Optional[set[str]] = None,
) -> tuple[str, ...]:
    text = question.text
    if text.startswith("/"):
        return ()
    words = vocabulary if vocabulary is not None else dimension_vocabulary(session)
    bare_reply = intent == INFORM and len(text.split()) <= BARE_REPLY_WORDS
    phrases = unrecognised_phrases(
        text, spans, words, whole_message=bare_reply, heads=alias_heads(session), alias_words=alias_words(session)
    )
    free = [m for m in SHORT_FORM.finditer(text) if not any(a < m.end() and m.start() < b for a, b in spans)]
    shorts = tuple(m.group(0) for m in free if m.group(0) not in phrases and ambiguous_candidates(session, m.group(0)))
    return tuple(phrases) + shorts


def typo_offered(match: Union[RoleMatch, UnknownRole]) -> Union[RoleMatch, UnknownRole]:
    """A phrase the message's role matcher passed over but the KB reads as a role despite a typo
    ("disptacher"): offered as the suggestion of an unknown role, never answered for unasked."""
    if isinstance(match, RoleMatch) and match.confidence < 1.0:
        return UnknownRole(query=match.query, suggestions=(match.role,))
    return match


def report_unknown(
    dispatcher: CollectingDispatcher,
    session: Session,
    question: Question,
    values: list[str],
    spans: list[tuple[int, int]],
    intent: Optional[str],
    other_words: frozenset[str] = frozenset(),
    asked: Optional[render.ReAsk] = None,
) -> bool:
    """Tell the user which role names we could not recognise, with close ones; True when there were any.

    ``other_words`` are words of the question's own topic ("degree", "certification") that never name a role;
    ``asked`` is the question each suggested role's button asks again (else its description).
    """
    vocabulary = dimension_vocabulary(session) | other_words if other_words else None
    unknown = tuple(values) + unknown_in_text(session, question, spans, intent, vocabulary)
    replies = []
    for phrase in dict.fromkeys(unknown):
        meant = ambiguous_candidates(session, phrase)
        problem = typo_offered(resolve_role(session, phrase)) if not meant else None
        if meant:  # "PM": ask which, never guess
            replies.append(render.ambiguous_reply(phrase, meant, None, None, asked))
        elif isinstance(problem, UnknownRole):
            replies.append(render.unknown_role_reply(problem, None, None, asked))
            usage.note_unknown(session, [phrase])
    render.send(dispatcher, replies)
    return bool(replies)


def roles_in_order(question: Question) -> list[str]:
    """The canonical roles the question names, in the order it names them, each once."""
    return list(dict.fromkeys(name for name, _ in sorted(placed_roles(question), key=lambda p: p[1])))


def placed_roles(question: Question) -> list[tuple[str, int]]:
    """Each recognised role with where its mention starts in the message (-1 when not known)."""
    return [(t.role, t.span[0] if t.span != NOWHERE else -1) for t in question.titles if t.role]


def role(session: Session, name: Optional[str]) -> Optional[RoleInfo]:
    match = resolve_role(session, name) if name else None
    return match.role if isinstance(match, RoleMatch) else None


def unknown_start(session: Session, question: Question, spans: list[tuple[int, int]]) -> Optional[str]:
    """The unknown title a route is asked from, typed as "<title> to <role>" ("inventory supervisor to operations
    manager how?"; a title: its last word is a title word, not "the warehouse floor"); else None."""
    text = question.text
    if len(spans) != 1 or text.startswith("/"):
        return None
    said = unknown_before(text, spans, list(unknown_in_text(session, question, spans, INFORM)))
    if said is None or said.split()[-1].lower() not in TITLE_WORDS:
        return None
    at = text.lower().rfind(said.lower(), 0, spans[0][0])
    return said if at >= 0 and ROUTE_ARROW.fullmatch(text[at + len(said) : spans[0][0]]) else None


def unknown_before(text: str, spans: list[tuple[int, int]], unknown: list[str]) -> Optional[str]:
    """The unknown title said before every known role ("I'm a warehouse supervisor, how do I get to
    operations manager?"): then it, not the known role, is the one the user holds."""
    first_known = min((start for start, _ in spans), default=len(text))
    lowered = text.lower()
    placed = [(lowered.find(phrase.lower()), phrase) for phrase in unknown]
    before = [(at, phrase) for at, phrase in placed if 0 <= at < first_known]
    if not before:
        return None
    title = SAYS_WHO.sub("", min(before)[1]).strip()  # "I'm a warehouse supervisor" -> "warehouse supervisor"
    return re.sub(r"^(an?|the)\s+", "", title, flags=re.IGNORECASE) or None
