"""What a dev-set expectation demands of the bot's replies to one turn (see ``tests.devset.devset``).

``kind_of(text)`` reads the kind of answer off one message's text from the fixed openings of the
wording modules (``actions/wording.py``, ``kb/wording/``); ``problems(expect, replies)`` lists what
does not match, empty when the turn passes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from tests.conversation_checks import first_role, first_sentence
from kb.wording.polarity import LESS

CAREER = re.compile(
    r"^(People usually become|After .+, typical next roles|From your role as|From .+ into .+:|"
    r"I know of no typical route|The .+ is usually an entry point|The .+ is at the top of its career ladder|"
    r"To become |Moving up to|Noted: you're|Noted: your job falls under|From .+, .+ is itself one of the usual ways in|"
    r"From .+, the (usual ways into operations|nearest way into)|.+ is a job outside the operations roles I compare|"
    r"A typical route from )"
)
EDUCATION = re.compile(
    r"(usually has a bachelor|usually needs |needs no formal qualification|is usually expected to hold|"
    r"certifications that help|No certification is commonly|It suits these roles|No role in my knowledge base lists|"
    r"is the better fit: |help an? .+: .+ are (both|all) on its list|usually helps an? )",
    re.I,
)
ASKS = re.compile(r"\bPick (one|the closest)\b")
# A yes/no question is answered "Yes. The X ..." / "No. An X and a Y ...": the verdict is what follows.
ANSWER_WORD = re.compile(r"^(Yes|No)[.:,]\s+")
# "The Dispatcher reports to the Transportation Supervisor." answers a hierarchy question too.
REPORTS_TO = " reports to the "
UNKNOWN = re.compile(r"(I don't know the role|Did you mean)")
DESCRIPTION = re.compile(r"^(.+) \([^)\n]+\)\.$")
# A full comparison opens with its verdict: "The X is ahead of a Y on 8 of 12 dimensions.", or that neither is.
SUMMARY = re.compile(
    r"^(?:The (.+?) is ahead of an? (.+?) on (?:all )?\d+"
    r"|An? (.+?) and an? (.+?) are (?:each ahead on \d+|closely matched on every)) "
)
SOURCE_LINE = re.compile(r"^Source: US BLS OEWS.*$", re.M)
FIGURES_LINE = re.compile(r"^[^:\n]+: typically ", re.M)  # one line of pay figures per role
US = re.compile(r"\b(US|U\.S\.|United States|American)\b")


@lru_cache(maxsize=1)
def dimensions() -> dict[str, tuple[str, str, str]]:
    """slug -> (name, verdict phrase for the leader, verdict phrase for a tie), from the KB content."""
    from kb.content.load import load_content

    return {d.slug: (d.name, d.more, d.tie) for d in load_content().dimensions}


@lru_cache(maxsize=1)
def roles() -> frozenset[str]:
    from kb.content.load import load_content

    return frozenset(r.name for r in load_content().roles)


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("typically ", "").split())


def verdicts(text: str) -> list[str]:
    """Slugs of the dimensions whose verdict phrase ("has more budget authority than") ``text`` holds."""
    plain = _plain(text)
    found = [slug for slug, (_, more, tie) in dimensions().items()
             if _plain(more) in plain or _plain(tie) in plain or _plain(LESS.get(slug, "\0")) in plain]  # fmt: skip
    return [*found, "hierarchy"] if REPORTS_TO in plain and "hierarchy" not in found else found


def named(text: str) -> set[str]:
    """The KB roles ``text`` names as the bot writes them (capitalised; "store managers" is no role)."""
    return {r for r in roles() if re.search(rf"\b{re.escape(r)}\b", text)}


def ranked(text: str) -> Optional[str]:
    """The slug of the dimension a ranking message ("Compensation, highest first ...") ranks on."""
    head = text.split("\n", 1)[0].lower()
    for slug, (name, _, _) in dimensions().items():
        if re.match(rf"{re.escape(name.lower())}, (highest|lowest) first", head):
            return slug
    return None


def kind_of(text: str) -> str:
    """The kind of answer one message gives (``other`` when none fits)."""
    text = ANSWER_WORD.sub("", text)
    first, line = first_sentence(text), text.split("\n", 1)[0].strip()
    if text.startswith("I don't compare"):
        return "aspect"
    if UNKNOWN.search(first):
        return "unknown"
    if ranked(text):
        return "ranking"
    if (match := SUMMARY.match(line)) and {name for name in match.groups() if name} <= roles():
        return "summary"
    if (match := DESCRIPTION.match(line)) and match.group(1) in roles():
        return "description"
    figures = FIGURES_LINE.findall(text)  # one role's pay: "A Buyer ... paid less than the Procurement Manager"
    one_role_pay = len(figures) == 1 and figures[0].split(":")[0] in roles() and SOURCE_LINE.search(text) is not None
    if verdicts(first) and len(named(first)) >= 2 and not one_role_pay:
        return "comparison"
    if CAREER.match(text) and text.startswith(("Noted: your job falls under", "From ")):  # ways in with their pay
        return "career"
    if ("(SOC " in text or SOURCE_LINE.search(text)) and "median $" in text:
        return "pay"
    if EDUCATION.search(first) or text.startswith("Certifications that help"):
        return "education"
    if CAREER.match(text):
        return "career"
    if "?" in first or ASKS.search(text):
        return "asks"
    return "other"


def problems(expect: dict[str, Any], replies: list[dict]) -> list[str]:
    """What in ``replies`` (Rasa REST messages) does not match ``expect``; empty when the turn passes."""
    texts = [r.get("text") or "" for r in replies if r.get("text")]
    if not texts:
        return ["no text in the replies"]
    everything = "\n".join(texts)
    lower, sentence = everything.lower(), first_sentence(ANSWER_WORD.sub("", texts[0]))
    found = [kind_of(t) for t in texts]
    wrong = []
    wanted = expect.get("kind")
    if isinstance(wanted, str) and found[0] != wanted:
        wrong.append(f"answer is {found[0]}, expected {wanted}")
    if isinstance(wanted, list) and not set(wanted) <= {k for t in texts for k in _kinds_within(t)}:
        wrong.append(f"answers are {found}, expected all of {wanted}")
    if wanted == "asks" and verdicts(everything):
        wrong.append(f"asks back but also gives verdicts on {verdicts(everything)}")
    wrong += _dimension_problems(expect, texts, sentence, found)
    if "leads" in expect and (lead := first_role(sentence)) != expect["leads"]:
        wrong.append(f"first sentence {sentence!r} names {lead!r} first, expected {expect['leads']!r}")
    wrong += [f"role {r!r} is not named" for r in expect.get("roles", []) if r.lower() not in lower]
    wrong += [f"role {r!r} is named" for r in expect.get("not_roles", []) if r.lower() in lower]
    wrong += [f"{m!r} is not mentioned" for m in expect.get("mentions", []) if m.lower() not in lower]
    wrong += [f"{m!r} is mentioned" for m in expect.get("not_mentions", []) if m.lower() in lower]
    if "area" in expect:
        sources = SOURCE_LINE.findall(everything)
        if not any(expect["area"].lower() in s.lower() for s in sources):
            wrong.append(f"no pay figures for {expect['area']!r}; sources: {sources}")
    if expect.get("us_only") and not US.search(SOURCE_LINE.sub("", everything)):
        wrong.append("does not say the figures are US data")
    return wrong


def _kinds_within(text: str) -> set[str]:
    """The kinds of a message and of each of its paragraphs: one message may carry two answers."""
    parts = [text, *(p for p in re.split(r"\n\s*\n", text) if p.strip())]
    return {kind_of(p.strip()) for p in parts}


def _dimension_problems(expect: dict[str, Any], texts: list[str], sentence: str, found: list[str]) -> list[str]:
    if "dimension" not in expect:
        return []
    wanted = expect["dimension"]
    if found[0] == "ranking" or expect.get("kind") == "ranking":
        slug = ranked(texts[0])
        return [] if slug == wanted else [f"ranks on {slug}, expected {wanted}"]
    if isinstance(wanted, str) and not isinstance(expect.get("kind"), list):
        said = verdicts(sentence)
        return [] if wanted in said else [f"first sentence {sentence!r} gives verdicts on {said}, expected {wanted}"]
    said = verdicts("\n".join(texts))
    missing = [d for d in ([wanted] if isinstance(wanted, str) else wanted) if d not in said]
    return [f"no verdict on {missing} (verdicts on {said})"] if missing else []
