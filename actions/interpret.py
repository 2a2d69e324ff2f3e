"""The interpreter's rules: what a message asks, given the conversation so far, as a ``Question``.

``interpret(text, state, titles, intent, lexicon)`` is pure: the role matcher's titles (known and
unknown, with spans) and the KB's area names come in, the words come from
``kb/data/vocabulary.yml``. It resolves references ("it", "those guys", "the latter"), reads
what the message turns down ("no, not the COO, I meant the VP", "forget pay"), the place pay is
asked for (``actions.places``: "in Illinois", "Portland, OR", "Bay Area"; outside the US said
plainly), the direction of a comparison, a feeling word of a story, and parts of different kinds
("how do I become X, and do I need a degree?").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from actions.context import focus
from actions.cues import COMPARATIVE, DENIAL, FOLLOW_UP, HOW_LONG, LADDER, QUESTION_START
from actions.cues import SAME_JOB, STORY_TIME, SUPERLATIVE
from actions.own_role import compares_roles, holds_a_role
from actions.asking import asks_less
from actions.phrases import COMPENSATION, dimension_mentions, family_in
from actions.places import Lexicon as Lexicon  # the place rules live in actions.places; read from here too
from actions.places import area_keys as area_keys
from actions.places import asks_pay_on, find_places, pay_kind
from actions.pronouns import references
from actions.title_words import family_mentions, short_forms, with_modifiers
from actions.question import (
    AboutMe,
    Aspect,
    Career,
    Compare,
    Describe,
    Education,
    Explain,
    Listing,
    Pick,
    Place,
    Question,
    Several,
    Title,
    Unknown,
)
from actions.question import State as State  # the conversation state, read from here too
from kb.content.vocabulary import Vocabulary, words_pattern

KINDS: dict[str, type[Question]] = {
    "compare_roles": Compare, "inform": Compare, "describe_role": Describe, "list_roles": Listing,
    "career_path": Career, "education": Education, "other_aspect": Aspect, "choose": Pick, "explain": Explain,
    "state_role": AboutMe,
}  # fmt: skip
NEGATION_REACH = 3  # words before a role or a dimension that can turn it down
SEVERAL_KINDS = {Career, Education, Describe, Compare, Aspect}  # kinds a several-part message is answered in
LADDER_KINDS = {Compare, Describe, Listing, Unknown}  # kinds a question about a job family's ladder is misread as
NO_STATE = State()  # a first message: nothing carried over
CORRECTABLE = ("deny", "goodbye")  # intents of a "no" (or a goodbye) that may still carry a correction
CLAUSE = re.compile(
    r"\?\s*|,\s*(?:and|also|plus)\s+|\band also\b|;\s*|\s+and\s+(?=(?:how|what|who|which|do|does|is|are|can)(?:'?s)?\b)"
    r"|,\s*(?=(?:do|does|is|are|can|will|would|should)\s+(?:i|you|they|we|it|one|he|she)\b)",  # ", do I need an MBA?"
    re.I,
)


def _negated_before(text: str, start: int, cues: re.Pattern[str], corrections: re.Pattern[str]) -> bool:
    """Whether a negation cue ends within ``NEGATION_REACH`` words before ``start`` in the same clause, and
    no correction cue comes after it ("no I meant budget": "meant" ends the "no")."""
    before = re.split(r"[,;.?!]", text[:start])[-1]
    said = list(corrections.finditer(before))
    before = before[said[-1].end() :] if said else before
    words = before.lower().split()[-NEGATION_REACH:]
    return bool(words) and cues.search(" ".join(words)) is not None


def carries_correction(question: Question) -> bool:
    """Whether a "no" (or a goodbye) is a correction: it opens with a denial word and names, after it, a
    dimension, a role or a place it does not turn down ("no I meant budget not pay", "nope, the buyer"), so it is
    answered as that question rather than as a "no" ("no thanks", "no, not pay")."""
    if question.intent not in CORRECTABLE or not DENIAL.search(question.text):
        return False
    return bool(question.dimensions or question.roles or [p for p in question.places if not p.carried])  # "sorry
    # meant Oregon not Ohio"


def asks_ladder(text: str, families: tuple[str, ...]) -> bool:
    """Whether a message with no role named asks about a job family's career ladder: a family named as a
    field ("in supply chain", "into ops") with a ladder word ("get into", "first job", "career path"),
    and no superlative ("which job in ops pays most?" ranks)."""
    return bool(LADDER.search(text)) and not SUPERLATIVE.search(text) and family_in(text, list(families)) is not None


def remembered_place(text: str, state: State, words: Vocabulary, titles: tuple[Title, ...],
                     named: bool) -> tuple[Place, ...]:  # fmt: skip
    """The place of the last pay answer when the message refers to it ("and a buyer there?"), or carried
    to a message that names a role and asks nothing else, no dimension ``named``, after a pay answer ("and a
    transportation manager?", "no, the specialist one"); else none."""
    said = words_pattern(words.references["place"]).search(text) if state.place else None
    if said and state.place and cue_kind(text, words) is not Career:  # "how do I get there?": a goal, not a place
        return (Place(said.group(1).lower(), "area", (state.place,)),)
    follow_up = any(t.role for t in titles) and not named and cue_kind(text, words) is None
    if state.place and state.dimension == COMPENSATION and follow_up:
        return (Place("", "area", (state.place,), carried=True),)
    return ()


def _kind(intent: Optional[str], text: str, words: Vocabulary) -> type[Question]:
    if intent and intent.startswith("ask_"):
        return Compare
    if intent in KINDS:
        return KINDS[intent]
    if words_pattern(words.list("education")).search(text):
        return Education
    return Unknown


def _clause_kind(clause: str, words: Vocabulary, default: type[Question],
                 aspects: re.Pattern[str]) -> tuple[type[Question], bool, bool]:  # fmt: skip
    """A clause's kind, whether its own words tell it (else it is the message's ``default``), and whether
    it asks a question of its own (it opens like one, and not as a follow-up such as "what about ...")."""
    asks = bool(QUESTION_START.search(clause)) and not FOLLOW_UP.search(clause)
    for kind, name in ((Education, "education"), (Career, "career")):
        said = {m.group(1).lower() for m in words_pattern(words.list(name)).finditer(clause)}
        story = kind is Career and said <= STORY_TIME and not asks and not clause.rstrip().endswith("?")
        if said and not story:  # "... last year after ten years driving trucks, and": a story's time
            return kind, True, asks
    if dimension_mentions(clause) or SAME_JOB.search(clause):  # "what's the difference between those two?"
        return Compare, True, asks
    if asks and aspects.search(clause):  # "is it stressful?"; not a story's "I'm so stressed"
        return Aspect, True, asks
    if words_pattern(words.list("describe")).search(clause):
        return Describe, True, asks
    return default, False, asks


def asks_anything(text: str, words: Vocabulary) -> bool:
    """Whether a message asks something: it opens like a question, has a question mark, or its words ask a
    kind of question (``cue_kind``); "fleet manager for 8 years now" asks nothing."""
    return bool(QUESTION_START.search(text)) or "?" in text or cue_kind(text, words) is not None


def cue_kind(clause: str, words: Vocabulary) -> Optional[type[Question]]:
    """The kind a clause's own words ask for: education, a career, a dimension (a comparison) or a
    role's description, in that order; None when its words name none of them."""
    kind, told, _asks = _clause_kind(clause, words, Compare, re.compile(r"(?!)"))  # no aspect words
    return kind if told else None


def parts(text: str, words: Vocabulary, default: type[Question] = Compare,
          aspects: tuple[str, ...] = ()) -> list[tuple[type[Question], str]]:  # fmt: skip
    """Clauses of different kinds in order ("how do I become a buyer, and do I need a degree?" -> a
    career part and an education part); one entry when the message asks one kind of thing. A clause
    is about education, a career, a dimension (a comparison), an aspect Rolewise doesn't compare
    (``aspects``, asked as a question) or a role's description by its words, else of the ``default``
    kind (the message's). With an aspect asked, a clause that neither says what it asks nor asks on its
    own ("buyer or plant manager?") goes with the clause before it (the first: with the next one told);
    in a message read as about an aspect, every clause that doesn't say what it asks does.
    Two career clauses told by their words stand apart when one asks how long ("how do I become a buyer,
    and how long does it take?": the way in, then how long), unless the writer says what they do."""
    aspect = words_pattern(aspects) if aspects else re.compile(r"(?!)")
    clauses = [c.strip() for c in CLAUSE.split(text) if c and c.strip()]
    read = [_clause_kind(clause, words, default, aspect) for clause in clauses]
    told = [kind for kind, own, _ in read if own]
    if told and (default is Aspect or Aspect in told):  # an aspect is a part only where a clause asks about it
        for index, (_, own, asks) in enumerate(read):
            if not own and (default is Aspect or not asks):  # "buyer or plant manager?", a story
                before = [k for k, o, _ in read[:index] if o]
                read[index] = (before[-1] if before else told[0], False, asks)
    found: list[tuple[type[Question], str, bool]] = []
    for clause, (kind, own, _) in zip(clauses, read, strict=True):
        last = found[-1] if found else None
        if last and last[0] is kind and not (default is not AboutMe and _apart(kind, last[1], last[2], clause, own)):
            found[-1] = (kind, f"{last[1]}, {clause}", last[2] or own)
        else:
            found.append((kind, clause, own))
    return [(kind, clause) for kind, clause, _ in found]


def _apart(kind: type[Question], before: str, told_before: bool, clause: str, told: bool) -> bool:
    """Whether two clauses of one kind are two questions: career clauses, each told by its words, of which
    one asks how long ("what comes after a buyer and how long does that take?")."""
    return kind is Career and told_before and told and bool(HOW_LONG.search(before)) != bool(HOW_LONG.search(clause))


def _other_role_asked(text: str, masked: str, kind: type[Question], titles: tuple[Title, ...], words: Vocabulary,
                      aspects: tuple[str, ...]) -> tuple[type[Question], tuple[Title, ...]]:  # fmt: skip
    """A description or schooling asked about another role than the writer's own ("I'm a dispatcher. what
    does a fleet manager do?", "been a warehouse associate 5 yrs, do I need a degree to be a logistics
    coordinator?"): that kind, without the writer's role; else ``kind`` and ``titles`` as they were. Not when a
    career question comes first ("I'm an ops manager, how do I get to VP? need an MBA?": the route too). Two
    other roles besides the writer's are compared on their own ("I'm a buyer. who earns more, X or Y?")."""
    held = [t for t in titles if t.role and not t.referred and holds_a_role(text, [t.span])]
    others = {t.role for t in titles if t.role and t not in held}
    if held and len(others) >= 2 and kind in (AboutMe, Compare) and cue_kind(masked, words) is not Career:
        return Compare, tuple(t for t in titles if t not in held)  # "I'm a buyer. who earns more, X or Y?": X and Y
    if not held or len(held) == len(titles) or kind not in (AboutMe, Education, Describe):
        return kind, titles
    asked = Education if kind is AboutMe and cue_kind(masked, words) is Education else kind
    schooling = words_pattern(words.list("education")).search(masked)
    before = masked[: schooling.start()] if schooling and asked is Education else ""
    if asked is AboutMe or words_pattern(words.list("career")).search(before):
        return kind, titles
    if len(parts(masked, words, asked, aspects)) != 1:
        return kind, titles
    return asked, tuple(t for t in titles if t not in held)


def interpret(
    text: str,
    state: State = NO_STATE,
    titles: tuple[Title, ...] = (),
    intent: Optional[str] = None,
    lexicon: Optional[Lexicon] = None,
) -> Question:
    """What ``text`` asks. ``titles`` are the role matcher's mentions (``role`` None for a title the
    KB does not know); ``intent`` is what NLU read (None: the words decide)."""
    lexicon = lexicon or Lexicon()
    words = lexicon.words
    if text.startswith("/"):
        return KINDS.get(intent or "", Unknown)(text=text, titles=titles)
    negation, correction = words_pattern(words.list("negation")), words_pattern(words.list("correction"))
    titles = with_modifiers(text, titles, words, lexicon.families, lexicon.areas)  # "senior buyer", "media buyer"
    titles = short_forms(text, titles, lexicon.short_forms, words)  # "store manager vs dm"
    titles = family_mentions(text, titles, lexicon.families, words)  # "customer service roles": a family
    titles = references(text, state, titles, words, tuple(lexicon.families))
    steps = words_pattern(words.list("career")).sub(lambda m: " " * len(m.group(0)), text)  # "skip straight to X"
    negated_roles = tuple(t.role for t in titles if t.role and _negated_before(steps, t.span[0], negation, correction))
    masked = "".join(" " if any(a <= i < b for a, b in (t.span for t in titles)) else c for i, c in enumerate(text))
    named = dimension_mentions(masked)
    on_pay = asks_pay_on(masked, words) if titles and not named else None
    named = [(on_pay, COMPENSATION)] if on_pay is not None else named  # "what's a buyer on in the UK?"
    negated_dims = tuple(slug for at, slug in named if _negated_before(masked, at, negation, correction))
    feeling = words_pattern(words.list("feelings")).search(masked)
    places = find_places(masked, lexicon) or remembered_place(masked, state, words, titles, bool(named))
    common = dict(
        text=text, titles=titles, negated_roles=negated_roles,
        dimensions=tuple(slug for _, slug in named if slug not in negated_dims), negated_dimensions=negated_dims,
        place=places[0] if places else None, places=places, less=asks_less(masked),
        feeling=feeling.group(1) if feeling else None,
    )  # fmt: skip
    remembered = bool(state.focus_role or (state.role_a and state.role_b))
    read_kind = _kind(intent, masked, words)
    kind = pay_kind(read_kind, masked, tuple(slug for _, slug in named), places, remembered, bool(titles), words)
    if kind is AboutMe and compares_roles(text, titles, common["dimensions"]):  # type: ignore[arg-type]
        kind = Compare  # "I'm bored at work. Who earns more, a buyer or a plant manager?": a comparison
    typed = [t.span for t in titles if t.role and not t.referred]
    if kind is AboutMe and common["dimensions"] == (COMPENSATION,) and typed and not holds_a_role(text, typed):
        kind = Compare  # "how much more would I make as a supervisor?": pay, the role is not theirs
    if kind is Career and common["dimensions"] and typed and cue_kind(masked, words) is Compare:
        kind = Compare  # "is an inventory manager a step up from a warehouse manager?", "how many people does a
        # warehouse manager manage?": its words ask a dimension, none a career step
    if kind is AboutMe and common["dimensions"] and len(typed) >= 2 and COMPARATIVE.search(masked):
        kind = Compare  # "I'm a buyer, do I earn more than a demand planner?": their role against the other
    start, end = focus(masked)
    asked = cue_kind(masked[start:end], words) if (start, end) != (0, len(masked)) else None
    if asked is not None and asked is not kind and kind is not AboutMe:
        kind = asked  # a story, then its question ("... what does a warehouse manager do?"): the question's kind
    read_dimension = (intent or "").startswith(("ask_", "inform"))  # a dimension or a role read by NLU
    if kind is Compare and read_dimension and not named and (len(titles) <= 1 or holds_a_role(text, typed)):
        cue = cue_kind(masked, words)
        one_clause = len([c for c in CLAUSE.split(masked) if c and c.strip()]) == 1
        kind = cue if cue in (Career, Education) or (cue is Describe and one_clause) else kind  # type: ignore[assignment]
        # "should I become an ops manager myself?" read as a dimension its words never name: a career question
    if kind in LADDER_KINDS and not titles and asks_ladder(masked, tuple(set(lexicon.families.values()))):
        kind = Career  # "how do I get into supply chain with no experience?": that family's ladder
    if kind not in (AboutMe, Unknown) and len(typed) == 1 and holds_a_role(text, typed) and not asks_anything(
        masked, words
    ):  # fmt: skip
        kind = AboutMe  # "fleet manager for 8 years now": who they are, no question yet
    kind, titles = _other_role_asked(text, masked, kind, titles, words, lexicon.aspects)
    common["titles"] = titles
    spans = [t.span for t in titles if t.role and not t.referred]
    if kind is AboutMe and spans and not holds_a_role(text, spans) and cue_kind(masked, words) is Describe:
        kind = Describe  # "my job is so hectic, what's a demand planner like?": not their own job
    split = parts(masked[start:end] if asked is not None else masked, words, kind, lexicon.aspects)
    if len(split) > 1 and {k for k, _ in split} <= SEVERAL_KINDS:
        found = [(masked.find(clause.split(",")[0]), kind) for kind, clause in split]
        spans = [(len(masked[:at].rstrip()), kind) for at, kind in found]  # with a title right before: "X vs Y, ..."
        pieces: list[Question] = []
        for index, (start, part_kind) in enumerate(spans):
            end = spans[index + 1][0] if index + 1 < len(spans) else len(text)
            inside = [t for t in titles if start <= t.span[0] < end and t.span != (0, 0)]  # spans in the part's text
            if pieces and part_kind is Career and isinstance(pieces[-1], Career):
                # "... and how long does it take?": from where the career part before it ends, not "it"
                mine = tuple(replace(t, span=(t.span[0] - start, t.span[1] - start)) for t in inside if not t.referred)
            else:
                mine = tuple(replace(t, span=(t.span[0] - start, t.span[1] - start)) for t in inside) or tuple(
                    replace(t, span=(0, 0))
                    for t in titles  # the roles of another part: named, not placed here
                )
            pieces.append(part_kind(**{**common, "titles": mine, "text": text[start:end]}))
        return Several(**common, parts=tuple(pieces))
    question = kind(**common)
    return replace(question, titles=titles)
