"""The roles a message names: recognised ones with where they are, and words that look like unknown roles."""

from __future__ import annotations

import copy
import re
from typing import Optional, Union

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render, usage
from actions.knowledge import alias_heads, canonical_roles, dimension_vocabulary, role_entities
from actions.context import focus
from actions.phrases import unrecognised_phrases
from actions.slots import INFORM, JOB_ROLE
from kb.ambiguous import ambiguous_candidates
from kb.resolve import resolve_role
from kb.results import RoleInfo, RoleMatch, UnknownRole


def focused(tracker: Tracker) -> Tracker:
    """A long message (a pasted advert, a story) read as its question: the tracker with that sentence as
    the latest text, keeping only the roles named in it when it names any ("... who has more budget
    authority, a warehouse manager or a logistics manager?"); a short message is left as it is."""
    text = tracker.latest_message.get("text") or ""
    start, end = focus(text)
    if (start, end) == (0, len(text)):
        return tracker
    entities = tracker.latest_message.get("entities") or []
    inside = [e for e in entities if start <= int(e.get("start", -1)) and int(e.get("end", -1)) <= end]
    named = [e for e in inside if e.get("entity") == JOB_ROLE]
    kept = inside if named else [e for e in entities if e.get("entity") == JOB_ROLE]
    shifted = [{**e, "start": e["start"] - start, "end": e["end"] - start} if e in inside else
               {k: v for k, v in e.items() if k not in ("start", "end")} for e in kept]  # fmt: skip
    question = copy.copy(tracker)
    question.latest_message = {**tracker.latest_message, "text": text[start:end],
                               "entities": shifted}  # fmt: skip
    return question


BARE_REPLY_WORDS = 3  # "barista", "a fleet controller": a reply that can only be a role name


def role_spans(tracker: Tracker) -> list[tuple[int, int]]:
    """Where the latest message's role mentions are (character offsets), without looking them up."""
    return [(int(e["start"]), int(e["end"])) for e in role_entities(tracker, JOB_ROLE) if "start" in e and "end" in e]


def mentioned_roles(session: Session, tracker: Tracker) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Canonical roles named in the latest message, unknown entity values, and their spans."""
    known, unknown = canonical_roles(session, [e.get("value") for e in role_entities(tracker, JOB_ROLE)])
    return known, unknown, role_spans(tracker)


SHORT_FORM = re.compile(r"\b[A-Z]{2,3}s?\b")  # "PM", "DMs": short forms typed in capitals (not "pm", a time)


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
    bare_reply = intent == INFORM and len(text.split()) <= BARE_REPLY_WORDS
    phrases = unrecognised_phrases(text, spans, words, whole_message=bare_reply, heads=alias_heads(session))
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
    tracker: Tracker,
    values: list[str],
    spans: list[tuple[int, int]],
    intent: Optional[str],
    other_words: frozenset[str] = frozenset(),
) -> bool:
    """Tell the user which role names we could not recognise, with close ones; True when there were any.

    ``other_words`` are words of the question's own topic ("degree", "certification") that never name a role.
    """
    vocabulary = dimension_vocabulary(session) | other_words if other_words else None
    unknown = tuple(values) + unknown_in_text(session, tracker, spans, intent, vocabulary)
    replies = []
    for phrase in dict.fromkeys(unknown):
        meant = ambiguous_candidates(session, phrase)
        problem = typo_offered(resolve_role(session, phrase)) if not meant else None
        if meant:  # "PM": ask which, never guess
            replies.append(render.ambiguous_reply(phrase, meant, None, None))
        elif isinstance(problem, UnknownRole):
            replies.append(render.unknown_role_reply(problem, None, None))
            usage.note_unknown(session, [phrase])
    render.send(dispatcher, replies)
    return bool(replies)


def roles_in_order(session: Session, tracker: Tracker) -> list[str]:
    """The canonical roles the latest message names, in the order it names them, each once."""
    return list(dict.fromkeys(name for name, _ in sorted(placed_roles(session, tracker), key=lambda p: p[1])))


def placed_roles(session: Session, tracker: Tracker) -> list[tuple[str, int]]:
    """Each recognised role with where its mention starts in the message (-1 when not known)."""
    placed = []
    for entity in role_entities(tracker, JOB_ROLE):
        known, _ = canonical_roles(session, [entity.get("value")])
        if known:
            placed.append((known[0], int(entity.get("start", -1))))
    return placed


def role(session: Session, name: Optional[str]) -> Optional[RoleInfo]:
    match = resolve_role(session, name) if name else None
    return match.role if isinstance(match, RoleMatch) else None


HOLDS = re.compile(
    r"\b(i'?m|im|i am|i work as|working as|employed as|i'?ve been|been|currently|my (current )?(job|role|title) is|"
    r"day job:?|about me:?|i'?m (currently |now )?(a|an|the))\s*(an?|the)?\s*$",
    re.IGNORECASE,
)


def holds_a_role(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a role mention comes right after words saying it is the writer's own ("I'm a buyer",
    "I work as a dispatcher"), as opposed to a message that only starts with "I'm" ("I'm bored at work")."""
    return any(HOLDS.search(text[:start]) for start, _end in spans)
