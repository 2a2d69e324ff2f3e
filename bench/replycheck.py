"""The check Rasa runs on every custom-action reply before it uses the reply.

Rasa 3.6 hands each reply from the action server to ``jsonschema.validate`` against its
events schema (``RemoteAction._validate_action_result``), on every turn that runs one of
our actions. Its cost depends on the installed jsonschema (4.x first checks the schema
against the Draft 2020-12 metaschema, every call), so the benchmark times it on real
replies: Rasa's own action-call payload for comparison questions, run through rasa-sdk's
executor on our answer action and a KB built from the content. Timed twice: as Rasa ships it, and
as Rolewise runs Rasa (``runtime.rasa_cli``, which checks the schema itself once per process).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from typing import Any

import jsonschema
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor

from actions.compare import ActionAnswerQuestion
from actions.knowledge import KnowledgeBase
from bench.stats import summarize
from kb.build import build_database, checked_content
from kb.db import make_engine
from runtime import rasa_cli
from tests.servers import ROOT

ACTION = "action_answer_question"
TARGET_MS = 5.0


def _action_calls(domain: Domain, cases: int, seed: int) -> list[dict[str, Any]]:
    """What Rasa posts to the action server for ``cases`` questions about random pairs and dimensions."""
    content = checked_content()
    rng = random.Random(seed)
    names = [role.name for role in content.roles]
    dimensions = [dimension.slug for dimension in content.dimensions]
    action = RemoteAction(ACTION, None)
    calls = []
    for index in range(cases):
        a, b = rng.sample(names, 2)
        intent = f"ask_{rng.choice(dimensions)}" if index % 3 else "compare_roles"
        text = f"{a} or {b}?"
        entities = [
            {"entity": "job_role", "value": name, "start": text.find(name), "end": text.find(name) + len(name)}
            for name in (a, b)
        ]
        message = UserUttered(text, intent={"name": intent, "confidence": 1.0}, entities=entities)
        tracker = DialogueStateTracker.from_events(f"check-{index}", [ActionExecuted("action_listen"), message])
        calls.append(action._action_call_format(tracker, domain))
    return calls


async def _replies(calls: list[dict[str, Any]], knowledge: KnowledgeBase) -> list[dict[str, Any]]:
    executor = ActionExecutor()
    executor.register_action(ActionAnswerQuestion(knowledge))
    replies = []
    for call in calls:
        reply = await executor.run(call)
        if not reply or not reply.get("responses"):
            raise RuntimeError(f"{ACTION} gave no answer to {call['tracker']['latest_message']['text']!r}")
        replies.append(reply)
    return replies


def measure(cases: int = 30, repeats: int = 10, seed: int = 7) -> dict[str, Any]:
    """Milliseconds Rasa spends checking one real reply of our answer action."""
    domain = Domain.load(str(ROOT / "domain.yml"))
    engine = make_engine("sqlite://")
    build_database(engine, checked_content())
    try:
        replies = asyncio.run(_replies(_action_calls(domain, cases, seed), KnowledgeBase(engine)))
    finally:
        engine.dispose()
    remote = RemoteAction(ACTION, EndpointConfig("http://127.0.0.1/webhook"))
    timed = {}
    for name, validate in (("rasa_as_shipped_ms", jsonschema.validate), ("check_ms", rasa_cli.validate)):
        with _validate_with(validate):
            samples: list[float] = []
            for _ in range(repeats):
                for reply in replies:
                    start = time.perf_counter()
                    remote._validate_action_result(reply)
                    samples.append((time.perf_counter() - start) * 1000)
        timed[name] = summarize(samples)
    return {
        "method": (
            f"Rasa's RemoteAction._validate_action_result on {len(replies)} real replies of {ACTION} "
            f"(rasa-sdk executor, in-memory KB built from kb/data), {repeats} times each; ms per reply; "
            "check_ms as Rolewise runs Rasa (runtime.rasa_cli), rasa_as_shipped_ms with jsonschema.validate"
        ),
        "jsonschema": metadata.version("jsonschema"),
        **timed,
        "target_ms_max": TARGET_MS,
        "met": timed["check_ms"]["p50"] <= TARGET_MS,
    }


@contextmanager
def _validate_with(validate: Callable[..., None]) -> Iterator[None]:
    """``jsonschema.validate`` is ``validate`` meanwhile (Rasa imports it from jsonschema on each call)."""
    original = jsonschema.validate
    jsonschema.validate = validate
    try:
        yield
    finally:
        jsonschema.validate = original
