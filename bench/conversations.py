"""Scripted turns: what the benchmark says to Rolewise and to the bare Rasa bot.

Role pairs come from the real KB (``kb.queries.list_roles``). Each turn carries the
canonical role names its first reply must name, so the runs also check that the bot
answered the question rather than falling back (and, under load, that no reply went
to the wrong conversation).
"""

from __future__ import annotations

import itertools
import random
import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.queries import list_roles
from kb.results import RoleInfo

DIMENSION_QUESTIONS = (
    "who has more budget authority, {a} or {b}?",
    "who earns more, {a} or {b}?",
    "who has a broader scope, {a} or {b}?",
    "who is more involved in strategy, {a} or {b}?",
    "who has more decision-making authority, {a} or {b}?",
    "who is in charge during a crisis, {a} or {b}?",
)
FOLLOW_UP_DIMENSIONS = (
    "and what about crisis management?",
    "who earns more?",
    "what about strategy?",
    "and decisions?",
    "what about salary",
)
COMPARISONS = ("{x} vs {y}", "difference between {x} and {y}", "compare {x} and {y}")
BASELINE_MESSAGES = ("hello", "I am sad", "yes", "great")


@dataclass(frozen=True)
class Turn:
    sender: str
    text: str
    kind: str  # "dimension", "follow-up", "comparison" or "baseline"
    expect: tuple[str, ...] = ()  # role names the first reply text must contain
    otherwise: tuple[str, ...] = ()  # another acceptable set (the bot may ask which role to replace)

    def answered(self, replies: list[dict]) -> bool:
        """The first reply names the expected roles (any reply at all when nothing is expected)."""
        if not self.expect:
            return bool(replies)
        return names_all(replies, self.expect) or bool(self.otherwise and names_all(replies, self.otherwise))


def roles_from_kb(engine: Engine) -> list[RoleInfo]:
    with Session(engine) as session:
        return [role for _family, roles in list_roles(session) for role in roles]


def spoken(role: RoleInfo, article: bool = True) -> str:
    """How a user types a role: lower case, with its article ("an operations manager")."""
    return f"{role.article} {role.name.lower()}" if article else role.name.lower()


def _sender(prefix: str, index: int) -> str:
    return f"{prefix}-{index:04d}-{uuid.uuid4().hex[:8]}"


def _pair(rng: random.Random, roles: list[RoleInfo]) -> tuple[RoleInfo, RoleInfo]:
    a, b = rng.sample(roles, 2)
    return a, b


def latency_script(roles: list[RoleInfo], turns: int, prefix: str, seed: int = 1) -> list[Turn]:
    """``turns`` turns in 6-turn conversations, one sender each:

    a dimension question, two follow-up dimensions, "what about <role> instead?",
    "tell me more", then a new pair compared in full.
    """
    rng = random.Random(seed)
    script: list[Turn] = []
    for index in itertools.count():
        if len(script) >= turns:
            break
        sender = _sender(prefix, index)
        a, b = _pair(rng, roles)
        family = [r for r in roles if r.family == b.family and r not in (a, b)]
        c = rng.choice(family or [r for r in roles if r not in (a, b)])
        x, y = _pair(rng, roles)
        both = (a.name, b.name)
        follow_a, follow_b = rng.sample(FOLLOW_UP_DIMENSIONS, 2)
        script += [
            Turn(sender, rng.choice(DIMENSION_QUESTIONS).format(a=spoken(a), b=spoken(b)), "dimension", both),
            Turn(sender, follow_a, "follow-up", both),
            Turn(sender, follow_b, "follow-up", both),
            Turn(sender, f"what about {spoken(c)} instead?", "follow-up", (c.name,)),
            # After a clarifying question ("which one should it replace?") the pair is unchanged.
            Turn(sender, "tell me more", "comparison", (c.name,), otherwise=both),
            Turn(
                sender,
                rng.choice(COMPARISONS).format(x=spoken(x, rng.random() < 0.5), y=spoken(y, rng.random() < 0.5)),
                "comparison",
                (x.name, y.name),
            ),
        ]
    return script[:turns]


def baseline_script(turns: int, prefix: str) -> list[Turn]:
    """The moodbot's own conversation ("hello", "I am sad", "yes", "great"), one sender per round."""
    script = []
    for index in itertools.count():
        if len(script) >= turns:
            break
        sender = _sender(prefix, index)
        script += [Turn(sender, message, "baseline") for message in BASELINE_MESSAGES]
    return script[:turns]


def distinct_pairs(roles: list[RoleInfo], count: int, seed: int = 5) -> list[tuple[RoleInfo, RoleInfo]]:
    """``count`` different role pairs, so every concurrent conversation asks about its own pair."""
    pairs = list(itertools.combinations(roles, 2))
    if count > len(pairs):
        raise ValueError(f"only {len(pairs)} role pairs for {count} conversations")
    return random.Random(seed).sample(pairs, count)


def pair_conversation(pair: tuple[RoleInfo, RoleInfo], turns: int, sender: str) -> list[Turn]:
    """One conversation about one pair: a dimension question, then follow-ups that rely on
    the conversation's memory; repeated with the next question while turns remain."""
    a, b = pair
    both = (a.name, b.name)
    script: list[Turn] = []
    for round_ in itertools.count():
        if len(script) >= turns:
            break
        question = DIMENSION_QUESTIONS[round_ % len(DIMENSION_QUESTIONS)]
        script += [
            Turn(sender, question.format(a=spoken(a), b=spoken(b)), "dimension", both),
            Turn(sender, "and what about crisis management?", "follow-up", both),
            Turn(sender, "who earns more?", "follow-up", both),
            Turn(sender, "tell me more", "comparison", both),
        ]
    return script[:turns]


def first_text(replies: list[dict]) -> str:
    return next((r["text"] for r in replies if r.get("text")), "")


def names_all(replies: list[dict], names: tuple[str, ...]) -> bool:
    text = first_text(replies)
    return bool(text) and all(name in text for name in names)
