"""End-to-end conversation tests: YAML conversations sent turn by turn to the running bot.

Read by ``tests/e2e/test_conversations.py`` (one pytest test per conversation) and by
``python -m nlu.report`` (the pass rate ``make eval`` prints). Each conversation gets its own
fresh sender id, so none sees another's slots.

One file per feature under ``tests/conversations/``::

    conversations:
      - name: budget question with two roles is answered   # unique within the file
        xfail: "why it fails today"                         # optional; a strict xfail in pytest
        turns:
          - say: who has more budget authority, a head of ops or an ops manager?
            expect:
              first_sentence: The Head of Operations has more budget authority than an Operations Manager.
              leads: Head of Operations
              buttons: [Head of Operations vs Director of Operations, ...]
          - click: Head of Operations vs Director of Operations
            expect:
              leads: Director of Operations

A turn has exactly one of:

``say``       the message sent, as typed (a ``/intent{...}`` payload works too).
``click``     the title of a button in the previous turn's replies; its payload is sent.

and an optional ``expect`` holding any of these keys (anything else is refused, so a typo in a
key cannot make a check silently pass). "Replies" are all the messages the bot sends for the turn;
the first sentence is the first message's text up to the first ``.``, ``?`` or ``!`` followed by a
space, or up to the first line break.

``first_sentence``  exact first sentence.
``text``            exact text of the first message.
``texts``           exact list of every message's text.
``leads``           the role (canonical KB name) named first in the first sentence.
``mentions``        strings that must each appear in the replies' texts (case-insensitive).
``not_mentions``    strings that must not appear in the replies' texts (case-insensitive).
``buttons``         every button title of the turn, in order (a list, ``[]`` for none), or their
                    number only (an integer); the helpful / not helpful pair is left out.
``asks``            true: the bot asks back (the first message holds a ``?``) and no message states
                    a verdict (a dimension's "more"/"tie" phrase or a summary's "is ahead of").
``messages``        how many messages the bot sends.

Every turn is also checked for what always holds: at least one message with text (never silence)
and every button payload is ``/intent`` or ``/intent{json object}``.

Adding one: write what the bot should say, run ``pytest tests/e2e/test_conversations.py -k "<name>"``
and read the transcript a failure prints. A conversation that fails because the bot is wrong keeps
the right expectation and gets ``xfail: <reason>``: pytest then expects it to fail (and fails when it
passes), and the report counts it as failed. Quote ``yes``/``no`` (YAML booleans) and, inside
``[...]`` lists, strings holding ``: `` or ending in ``?``; the loader refuses what YAML misreads.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "conversations"
EXPECT_KEYS = frozenset(
    {"first_sentence", "text", "texts", "leads", "mentions", "not_mentions", "buttons", "asks", "messages"}
)
PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)
FIRST_SENTENCE = re.compile(r"^(.*?[.?!])(?=\s|$)|^[^\n]*")

Say = Callable[[str, str], list[dict]]


class ConversationFailed(AssertionError):
    """A reply did not match what the conversation expects."""


@dataclass(frozen=True)
class Turn:
    message: Optional[str]  # sent as typed
    click: Optional[str]  # or: the title of a button in the previous turn
    expect: dict[str, Any]

    @property
    def shown(self) -> str:
        return f"say {self.message!r}" if self.click is None else f"click {self.click!r}"


@dataclass(frozen=True)
class Conversation:
    file: str
    name: str
    turns: tuple[Turn, ...]
    xfail: Optional[str] = None

    @property
    def id(self) -> str:
        return f"{self.file}: {self.name}"


@dataclass
class Outcome:
    conversation: Conversation
    problem: Optional[str] = None
    transcript: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.problem is None


def _turn(raw: Any, where: str) -> Turn:
    if not isinstance(raw, dict) or set(raw) - {"say", "click", "expect"}:
        raise ValueError(f"{where}: a turn holds say or click, and expect; got {raw!r}")
    if ("say" in raw) == ("click" in raw):
        raise ValueError(f"{where}: a turn needs exactly one of say and click")
    expect = raw.get("expect") or {}
    if not isinstance(expect, dict):
        raise ValueError(f"{where}: expect maps check names to what is expected")
    unknown = set(expect) - EXPECT_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown expect keys {sorted(unknown)}; known: {sorted(EXPECT_KEYS)}")
    for key in ("mentions", "not_mentions", "texts", "buttons"):
        value = expect.get(key, [])
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)) and not (
            key == "buttons" and isinstance(value, int)
        ):
            raise ValueError(f"{where}: {key} is a list of strings (quote any holding ': ' or ending in '?')")
    for key, kind in (("first_sentence", str), ("text", str), ("leads", str), ("asks", bool), ("messages", int)):
        if key in expect and not isinstance(expect[key], kind):
            raise ValueError(f"{where}: {key} is a {kind.__name__}")
    text = raw.get("say", raw.get("click"))
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: say/click needs text (quote yes, no, on, off and numbers)")
    return Turn(text if "say" in raw else None, text if "click" in raw else None, dict(expect))


def read(path: Path) -> list[Conversation]:
    """One feature file's conversations, refusing anything the schema above does not describe."""
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict) or set(data) != {"conversations"}:
        raise ValueError(f"{path}: the file holds one key, conversations")
    conversations, names = [], set()
    for index, raw in enumerate(data["conversations"]):
        where = f"{path.name} #{index + 1}"
        if not isinstance(raw, dict) or set(raw) - {"name", "turns", "xfail"} or not raw.get("turns"):
            raise ValueError(f"{where}: a conversation holds name, turns and optionally xfail")
        name = str(raw.get("name", "")).strip()
        if not name or name in names:
            raise ValueError(f"{where}: every conversation needs a name unique in its file")
        names.add(name)
        turns = tuple(_turn(t, f"{where} turn {i + 1}") for i, t in enumerate(raw["turns"]))
        xfail = raw.get("xfail")
        if xfail is not None and not (isinstance(xfail, str) and xfail.strip()):
            raise ValueError(f"{where}: xfail is the reason it fails, as text")
        conversations.append(Conversation(path.stem, name, turns, xfail))
    return conversations


def load(folder: Path = FOLDER) -> list[Conversation]:
    return [c for path in sorted(folder.glob("*.yml")) for c in read(path)]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Canonical role names (longest first) and the verdict phrases, from the KB content files."""
    from kb.content.load import load_content

    content = load_content()
    roles = tuple(sorted((r.name for r in content.roles), key=len, reverse=True))
    phrases = (*(p for d in content.dimensions for p in (d.more, d.tie)), " is ahead of ", " each ahead on ")
    return roles, phrases


def first_sentence(text: str) -> str:
    match = FIRST_SENTENCE.match(text.strip())
    return match.group(1) or match.group(0) if match else ""


def first_role(sentence: str) -> Optional[str]:
    """The KB role named earliest in ``sentence`` (the longest name where two start together)."""
    roles, _ = vocabulary()
    found = [(pos, -len(r), r) for r in roles if (pos := sentence.lower().find(r.lower())) >= 0]
    return min(found)[2] if found else None


def _problems(expect: dict[str, Any], replies: list[dict]) -> list[str]:
    texts = [r.get("text") or "" for r in replies]
    # Every answer ends with helpful / not helpful buttons; they are checked in tests/web and tests/channels.
    buttons = [b for r in replies for b in r.get("buttons") or [] if not str(b.get("payload")).startswith("/feedback")]
    first = texts[0] if texts else ""
    sentence, everything = first_sentence(first), "\n".join(texts).lower()
    problems = []
    if not any(t.strip() for t in texts):
        problems.append("no text in the replies")
    for b in buttons:
        match = PAYLOAD.match(str(b.get("payload", "")))
        if not match or (match.group(2) and not isinstance(_json(match.group(2)), dict)):
            problems.append(f"button {b.get('title')!r} has a malformed payload {b.get('payload')!r}")
    if "first_sentence" in expect and sentence != expect["first_sentence"]:
        problems.append(f"first sentence is {sentence!r}, expected {expect['first_sentence']!r}")
    if "text" in expect and first != expect["text"]:
        problems.append(f"first message is {first!r}, expected {expect['text']!r}")
    if "texts" in expect and texts != expect["texts"]:
        problems.append(f"messages are {texts!r}, expected {expect['texts']!r}")
    if "leads" in expect and (lead := first_role(sentence)) != expect["leads"]:
        problems.append(f"first sentence {sentence!r} names {lead!r} first, expected {expect['leads']!r}")
    problems += [f"{m!r} is not mentioned" for m in expect.get("mentions", []) if m.lower() not in everything]
    problems += [f"{m!r} is mentioned" for m in expect.get("not_mentions", []) if m.lower() in everything]
    titles = [b.get("title") for b in buttons]
    wanted = expect.get("buttons")
    if isinstance(wanted, int) and len(titles) != wanted:
        problems.append(f"{len(titles)} buttons {titles!r}, expected {wanted}")
    if isinstance(wanted, list) and titles != wanted:
        problems.append(f"buttons are {titles!r}, expected {wanted!r}")
    if expect.get("asks"):
        verdicts = [p.strip() for p in vocabulary()[1] if p.lower() in everything]
        if "?" not in first or verdicts:
            problems.append(f"expected a question back with no verdict; verdict phrases: {verdicts}")
    if "messages" in expect and len(replies) != expect["messages"]:
        problems.append(f"{len(replies)} messages, expected {expect['messages']}")
    return problems


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _show(replies: list[dict]) -> list[str]:
    lines = []
    for reply in replies:
        lines.append(f"  bot> {reply.get('text')!r}")
        lines += [f"        [{b.get('title')}] {b.get('payload')}" for b in reply.get("buttons") or []]
    return lines


def run(say: Say, conversation: Conversation) -> Outcome:
    """Every turn in order from a fresh sender; stops at the first turn whose replies do not match."""
    sender = f"conv-{uuid.uuid4().hex}"
    outcome, previous = Outcome(conversation), []
    for number, turn in enumerate(conversation.turns, start=1):
        message = turn.message
        if turn.click is not None:
            payloads = [b["payload"] for r in previous for b in r.get("buttons") or [] if b.get("title") == turn.click]
            if len(payloads) != 1:
                outcome.problem = f"turn {number}: {len(payloads)} buttons titled {turn.click!r} to click"
                return outcome
            message = payloads[0]
        replies = say(sender, message or "")
        outcome.transcript += [f"turn {number}: {turn.shown}", *_show(replies)]
        problems = _problems(turn.expect, replies)
        if problems:
            outcome.problem = f"turn {number} ({turn.shown}): " + "; ".join(problems)
            return outcome
        previous = replies
    return outcome


def check(say: Say, conversation: Conversation) -> None:
    """``run``, raising ``ConversationFailed`` with the transcript so far when a turn does not match."""
    outcome = run(say, conversation)
    if outcome.problem:
        raise ConversationFailed("\n".join([outcome.problem, "transcript:", *outcome.transcript]))


def run_all(say: Say, conversations: Iterable[Conversation]) -> list[Outcome]:
    return [run(say, c) for c in conversations]


def against_bot(logs: Path) -> dict[str, Any]:
    """Every conversation against a freshly started real bot (logs in ``logs``): ``summary`` of the outcomes."""
    from tests.servers import running_bot

    with running_bot(logs) as bot:
        return summary(run_all(bot.say, load()))


def headline(scores: dict[str, Any]) -> str:
    """The line ``make eval`` prints: conversations passed out of all, and how many are known to fail."""
    known = sum(1 for f in scores["failed"] if f["xfail"])
    return (
        f"conversations: {scores['passed']}/{scores['total']} pass ({scores['turns']} turns; "
        f"{known} marked xfail, {len(scores['failed']) - known} unexpected failures)"
    )


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    """Pass counts for the report; a conversation marked xfail counts as failed until it passes."""
    passed = sum(o.passed for o in outcomes)
    return {
        "passed": passed,
        "total": len(outcomes),
        "pass_rate": passed / len(outcomes) if outcomes else 0.0,
        "failed": [
            {"id": o.conversation.id, "xfail": o.conversation.xfail, "problem": o.problem}
            for o in outcomes
            if not o.passed
        ],
        "turns": sum(len(o.conversation.turns) for o in outcomes),
    }
