"""The interpreter fed from a Rasa tracker: the message's role mentions looked up in the KB, the slots
as the conversation state, the OEWS area names of the KB. ``read_question`` is the one place
actions turn a latest message into a ``Question`` (``actions.interpret`` holds the rules).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session
from rasa_sdk import Tracker

from actions.interpret import Lexicon, State, area_keys, interpret
from actions.knowledge import KnowledgeBase, alias_heads, alias_words, canonical_roles, dimension_vocabulary
from actions.knowledge import role_entities
from actions.question import Question, Several, Span, Title
from actions.slots import CURRENT_ROLE, DIMENSION, FOCUS_ROLE, JOB_ROLE, OCCUPATION, PLACE_ASKED, ROLE_A, ROLE_B
from actions.phrases import IN_FIELD, TITLE_WORDS, unrecognised_phrases
from kb.content.vocabulary import alternatives, vocabulary
from kb.models import AmbiguousForm, Role
from kb.english import is_common_word
from kb.resolve import exact_role, resolve_role
from kb.results import RoleMatch
from kb.wages.models import WageArea

COMPARING = "|".join(re.escape(word) for word in vocabulary().cues["comparing"] + ("and", "&", "/"))
SHARED_MODIFIER = re.compile(rf"\s*(?:{COMPARING})\s+(?:an?\s+|the\s+)?([a-z]+)\b", re.I)  # "<title> or the manager"
TYPO_SURE = 0.93  # likeness (kb.resolve's fuzzy confidence) from which a slip is read as the role: "dispatchr" 0.95
WORD = re.compile(r"[a-z&-]+", re.I)
WORDS_ONLY = re.compile(r"(?:[a-z&-]+\s+)+", re.I)  # words right before a title, nothing else between
BARE_TITLE = re.compile(rf"\bthe\s+({alternatives(TITLE_WORDS)})\b", re.I)  # "the supervisor"
SETTING_WORD = re.compile(r"\b[a-z]{4,}\b", re.I)  # a word that may name a title's setting ("warehouse")
SHARED_HEAD = re.compile(rf"\b([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s*(?:{COMPARING})\s+(?:an?\s+|the\s+)?$", re.I)


def lexicon(knowledge: KnowledgeBase, session: Session) -> Lexicon:
    """The KB's OEWS areas by the names people type, its short forms of several roles written in capitals
    ("DM", "PM") and each role's job family, once per KB build."""

    def build() -> Lexicon:
        names = list(session.scalars(select(WageArea.name).where(WageArea.kind != "N")))
        forms = frozenset(form.lower() for form in session.scalars(select(AmbiguousForm.form)) if form.isupper())
        families = {name: family for name, family in session.execute(select(Role.name, Role.family))}
        return Lexicon(areas=area_keys(names, vocabulary()), short_forms=forms, families=families)

    return knowledge.cached(session, ("lexicon",), build)


def titles_of(session: Session, tracker: Tracker) -> tuple[Title, ...]:
    """The latest message's ``job_role`` mentions, each looked up (``role`` None when the KB has none)."""
    found = []
    for entity in role_entities(tracker, JOB_ROLE):
        value = entity.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        known, _ = canonical_roles(session, [value])
        span = (int(entity["start"]), int(entity["end"])) if "start" in entity else (0, 0)  # (0, 0): a button's
        found.append(Title(value, span, known[0] if known else None))
    return tuple(found)


def overlap(first: Span, second: Span) -> bool:
    """Whether two character ranges of a message share a character."""
    return first[0] < second[1] and second[0] < first[1]


def in_typed_order(titles: list[Title]) -> tuple[Title, ...]:
    """The titles in the order typed, the ones placed nowhere in the text (span (0, 0)) last."""
    return tuple(sorted(titles, key=lambda t: (t.span == (0, 0), t.span)))


def shared_heads(session: Session, text: str, titles: tuple[Title, ...]) -> tuple[Title, ...]:
    """The titles plus the ones that share a named role's last word ("fleet vs transport manager": Fleet
    Manager; "warehouse or logistics manager"): one or two words right before a comparing word ("vs",
    "or", "and" ...) read with that word, when together they are exactly a role's name or alias."""
    found = list(titles)
    for title in titles:
        start, end = title.span
        if title.role is None or title.referred or title.span == (0, 0) or " " not in text[start:end].strip():
            continue
        head = text[start:end].split()[-1]
        before = SHARED_HEAD.search(text[:start])
        if before is None:
            continue
        words = before.group(1).split()
        for count in (2, 1):
            said = " ".join(words[-count:])
            match = exact_role(session, f"{said} {head}") if len(words) >= count else None
            at = before.start(1) + before.group(1).rindex(said)
            taken = any(overlap((at, at + len(said)), t.span) for t in titles)  # "a buyer or a ..."
            if match is not None and match.name != title.role and not taken:
                found.append(Title(said, (at, at + len(said)), match.name))
                break
    if len(found) == len(titles):
        return titles
    return in_typed_order(found)


def shared_modifiers(session: Session, text: str, titles: tuple[Title, ...]) -> tuple[Title, ...]:
    """The titles plus a one-word title right after a comparing word read with the modifiers of the role
    named before it ("is it the health and safety specialist or the manager ...": Health and Safety Manager),
    when together they are exactly a role's name or alias (an unknown title on that word is replaced)."""
    found = list(titles)
    for title in titles:
        typed = text[slice(*title.span)].split()
        after = SHARED_MODIFIER.match(text, title.span[1]) if title.role and not title.referred else None
        if after is None or len(typed) < 2:
            continue
        match = exact_role(session, " ".join([*typed[:-1], after.group(1)]))
        if match is None or match.name == title.role:
            continue
        span = after.span(1)
        found = [t for t in found if t.role or not overlap(t.span, span)]
        if not any(overlap(t.span, span) for t in found):
            found.append(Title(after.group(1), span, match.name))
    return in_typed_order(found)


def setting_titles(session: Session, text: str, titles: tuple[Title, ...]) -> tuple[Title, ...]:
    """The titles plus each bare title word after "the" read with a word of the message's setting ("in a
    warehouse, the manager or the supervisor?": Warehouse Manager, Operations Supervisor), the nearest word
    before it first, when together they are exactly a role's name or alias; an unknown title on it is replaced."""
    words = [(m.group(0).lower(), m.start()) for m in SETTING_WORD.finditer(text)]
    found, changed = list(titles), False
    for bare in BARE_TITLE.finditer(text):
        span = bare.span(1)
        if any(t.role and t.span[0] <= span[0] < t.span[1] for t in titles):
            continue
        near = sorted(words, key=lambda w: (w[1] > span[0], abs(w[1] - span[0])))  # before it, nearest first
        match = next((m for w, _ in near if (m := exact_role(session, f"{w} {bare.group(1)}")) is not None), None)
        if match is not None:
            found = [t for t in found if not overlap(t.span, span)]
            found.append(Title(bare.group(1), span, match.name))
            changed = True
    return in_typed_order(found) if changed else titles


def typo_titles(session: Session, text: str, titles: tuple[Title, ...]) -> tuple[Title, ...]:
    """The titles with each one typed with a slip the KB reads surely ("dispatchr", "procurment manger": at least
    ``TYPO_SURE`` alike, and a word of it no common English word) taken as that role, marked ``read_as`` so the
    answer says so; an unknown title the role matcher tagged, or a title-like phrase it passed over."""
    spans = [t.span for t in titles if t.role]
    phrases = [(t.text, t.span) for t in titles if t.role is None and t.span != (0, 0)]
    for phrase in unrecognised_phrases(text, spans, dimension_vocabulary(session), heads=alias_heads(session),
                                       alias_words=alias_words(session)):  # fmt: skip
        at = text.find(phrase)
        if at >= 0 and not any(overlap((at, at + len(phrase)), placed) for _, placed in phrases):
            phrases.append((phrase, (at, at + len(phrase))))
    found = list(titles)
    for _, span in phrases:
        before = [m.start() for m in list(WORD.finditer(text[: span[0]]))[-2:]]  # "plant" of "plant manger"
        before = [at for at in before if WORDS_ONLY.fullmatch(text[at : span[0]]) and not any(
            a <= at < b for a, b in spans)]  # fmt: skip
        for start in [span[0], *reversed(before)]:  # the fewest words first: "plant manger", not "a plant manger"
            said = text[start : span[1]]
            match = resolve_role(session, said)
            if isinstance(match, RoleMatch) and TYPO_SURE <= match.confidence < 1 and not all(
                is_common_word(word) for word in said.split()
            ):  # fmt: skip
                found = [t for t in found if t.span != span] + [Title(said, (start, span[1]), match.role.name,
                                                                      read_as=True)]  # fmt: skip
                break
    return in_typed_order(found) if found != list(titles) else titles


def field_titles(session: Session, text: str, families: list[str]) -> tuple[Title, ...]:
    """Two job fields compared with no title named ("ops vs supply chain", "warehousing or logistics?") read
    as each field's manager ("ops manager" -> Operations Manager), when each names a family and its manager is
    a role's name or alias; else none."""
    fields = {cue for cue in vocabulary().families} | {part.lower() for f in families for part in f.split(" and ")}
    pattern = "|".join(re.escape(field) for field in sorted(fields, key=len, reverse=True))
    pair = re.search(rf"\b({pattern})\s*(?:{COMPARING})\s+(?:the\s+)?({pattern})\b", text, re.I)
    if pair is None or any(m.start(1) == pair.start() for m in IN_FIELD.finditer(text)):
        return ()  # "move into logistics or supply chain": where the writer is going, no two roles
    found = []
    for group in (1, 2):
        match = exact_role(session, f"{pair.group(group)} manager")
        if match is None:
            return ()
        found.append(Title(pair.group(group), pair.span(group), match.name))
    return tuple(found) if found[0].role != found[1].role else ()


def read_question(knowledge: KnowledgeBase, session: Session, tracker: Tracker) -> Question:
    """What the latest message asks, in the light of the slots."""
    state = State(
        focus_role=tracker.get_slot(FOCUS_ROLE),
        role_a=tracker.get_slot(ROLE_A),
        role_b=tracker.get_slot(ROLE_B),
        dimension=tracker.get_slot(DIMENSION),
        current_role=tracker.get_slot(CURRENT_ROLE),
        place=tracker.get_slot(PLACE_ASKED),
    )
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    titles, kb_lexicon = titles_of(session, tracker), lexicon(knowledge, session)
    if not text.startswith("/"):
        titles = shared_heads(session, text, titles)  # "fleet vs transport manager": two roles
        titles = shared_modifiers(session, text, titles)  # "the health and safety specialist or the manager"
        titles = setting_titles(session, text, titles)  # "in a warehouse, the manager or the supervisor?"
        titles = typo_titles(session, text, titles)  # "a fleet mgr or a dispatchr"
        if not titles and not role_entities(tracker, OCCUPATION):  # "I'm a nurse ... logistics or supply chain?":
            titles = field_titles(session, text, list(set(kb_lexicon.families.values())))  # fields to go into
    question = interpret(text, state, titles, intent, kb_lexicon)
    return with_entities(question, intent, tracker)


def with_entities(question: Question, intent: object, tracker: Tracker) -> Question:
    """``question`` (and each of its parts) carrying the intent NLU read and the message's other entities."""
    entities = [e for e in tracker.latest_message.get("entities") or [] if e.get("value") not in (None, "")]
    outside = [e for e in entities if e.get("entity") == OCCUPATION]
    read = dict(
        intent=intent if isinstance(intent, str) else None,
        values=tuple((str(e["entity"]), str(e["value"])) for e in entities if e.get("entity") != JOB_ROLE),
        occupations=tuple(dict.fromkeys(str(e["value"]) for e in outside)),
        occupation_spans=tuple((int(e["start"]), int(e["end"])) for e in outside if "start" in e and "end" in e),
    )
    if isinstance(question, Several):
        return replace(question, **read, parts=tuple(replace(part, **read) for part in question.parts))
    return replace(question, **read)
