"""Where a turn's time goes: the shipped configuration under cProfile, broken down per turn.

The action server and Rasa run under ``bench.profiled``; after warm-up turns the profilers are
switched on, a few hundred scripted turns are sent, and the statistics are read back. Each item
below is the cumulative CPU time of named functions divided by the number of turns (awaiting I/O is
not counted: cProfile sees a coroutine only while it runs, and each thread's clock is its CPU time).
cProfile slows Python code, pure-Python parts more than C parts: read the items against each other
and against the whole turn under the same profiler, not as unprofiled milliseconds.
"""

from __future__ import annotations

import pstats
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import proc, setups
from bench.bots import RestClient
from bench.conversations import latency_script
from kb.results import RoleInfo


@dataclass(frozen=True)
class Item:
    """One line of the breakdown: the largest cumulative time among functions named ``function``
    in a file whose path ends with ``path`` (the outermost of wrappers with one name)."""

    server: str  # "rasa" or "actions"
    group: str
    label: str
    path: str
    function: str


_RASA = "rasa/core/"
ITEMS = tuple(
    Item(*fields)
    for fields in (
        ("rasa", "whole turn", "Rasa: the whole turn (Agent.handle_message)", _RASA + "agent.py", "handle_message"),
        ("rasa", "NLU", "NLU: all of it (MessageProcessor.parse_message)", _RASA + "processor.py", "parse_message"),
        ("rasa", "NLU", "NLU: SpacyNLP (spaCy parse)", "rasa/nlu/utils/spacy_utils.py", "process"),
        ("rasa", "NLU", "NLU: SpacyTokenizer", "rasa/nlu/tokenizers/tokenizer.py", "process"),
        ("rasa", "NLU", "NLU: RoleEntityExtractor", "nlu/extractor.py", "process"),
        ("rasa", "NLU", "NLU: RegexFeaturizer", "sparse_featurizer/regex_featurizer.py", "process"),
        ("rasa", "NLU", "NLU: LexicalSyntacticFeaturizer", "lexical_syntactic_featurizer.py", "process"),
        ("rasa", "NLU", "NLU: CountVectorsFeaturizer (both)", "count_vectors_featurizer.py", "process"),
        ("rasa", "NLU", "NLU: LogisticRegressionClassifier", "logistic_regression_classifier.py", "process"),
        ("rasa", "NLU", "NLU: FallbackClassifier", "classifiers/fallback_classifier.py", "process"),
        ("rasa", "policies", "policies: all", _RASA + "processor.py", "_predict_next_with_tracker"),
        ("rasa", "policies", "policies: RulePolicy", _RASA + "policies/rule_policy.py", "predict_action_probabilities"),
        ("rasa", "tracker store", "tracker store: load (retrieve)", _RASA + "tracker_store.py", "retrieve"),
        ("rasa", "tracker store", "tracker store: save", _RASA + "tracker_store.py", "save"),
        ("rasa", "lock store", "lock store: lock and release", _RASA + "lock_store.py", "lock"),
        ("rasa", "action call", "action call: all of it (RemoteAction.run)", _RASA + "actions/action.py", "run"),
        ("rasa", "action call", "action call: request body (tracker state, domain)", _RASA + "actions/action.py",
         "_action_call_format"),
        ("rasa", "action call", "action call: HTTP and JSON (EndpointConfig.request)", "rasa/utils/endpoints.py",
         "request"),
        ("rasa", "action call", "action call: reply validation (jsonschema)", _RASA + "actions/action.py",
         "_validate_action_result"),
        ("rasa", "action call", "action call: events read back", "rasa/shared/core/events.py", "deserialise_events"),
        ("actions", "whole turn", "action server: the whole request (rasa_sdk webhook)", "rasa_sdk/endpoint.py",
         "webhook"),
        ("actions", "action", "action server: executor (tracker from JSON, the action, events)",
         "rasa_sdk/executor.py", "run"),
        ("actions", "action", "the action itself, on a worker thread (KnowledgeAction.respond_in_session)",
         "actions/knowledge.py", "respond_in_session"),
        ("actions", "action", "the action's KB queries (SQLAlchemy Session.execute)", "sqlalchemy/orm/session.py",
         "execute"),
        ("actions", "usage", "usage recording, on its own thread after the reply (record_usage)", "actions/usage.py",
         "record_usage"),
    )
)


def cumulative(stats: pstats.Stats, path: str, function: str) -> float:
    """Seconds: the largest cumulative time of a function ``function`` in a file ending with ``path``."""
    times = [
        value[3]
        for (filename, _line, name), value in stats.stats.items()  # type: ignore[attr-defined]
        if name == function and filename.endswith(path)
    ]
    return max(times, default=0.0)


def breakdown(profiles: dict[str, Path], turns: int) -> list[dict[str, Any]]:
    """Every item in ``ITEMS`` as ms per turn, from the servers' pstats files."""
    stats = {server: pstats.Stats(str(path)) for server, path in profiles.items()}
    return [
        {
            "server": item.server,
            "group": item.group,
            "item": item.label,
            "function": f"{item.path}:{item.function}",
            "ms_per_turn": round(cumulative(stats[item.server], item.path, item.function) * 1000 / turns, 3),
        }
        for item in ITEMS
        if item.server in stats
    ]


def _wait_for(paths: list[Path], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not all(p.exists() for p in paths):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the profiler did not write {[str(p) for p in paths]}")
        time.sleep(0.2)


def profile_shipped(folder: Path, database_url: str, roles: list[RoleInfo], turns: int) -> dict[str, Any]:
    """Profile ``turns`` scripted turns of the shipped configuration; the breakdown and wall times."""
    profiles = {"rasa": folder / "rasa.prof", "actions": folder / "actions.prof"}
    with setups.embedded("shipped_profiled", folder, False, database_url, profile_dir=folder) as bot:
        client = RestClient(bot.url)
        try:
            for turn in latency_script(roles, 20, "prof-warm", seed=98):
                client.say(turn.sender, turn.text)
            setups.signal_all(bot, signal.SIGUSR1)
            time.sleep(0.5)
            pids = list(bot.pids.values())
            cpu = proc.cpu_seconds(pids)
            start = time.perf_counter()
            errors = 0
            for turn in latency_script(roles, turns, "prof", seed=2):
                errors += client.say(turn.sender, turn.text)[2] is not None
            wall = time.perf_counter() - start
            cpu = proc.cpu_seconds(pids) - cpu
            setups.signal_all(bot, signal.SIGUSR2)
            _wait_for(list(profiles.values()))
        finally:
            client.close()
    return {
        "method": (
            f"{turns} scripted turns (bench.conversations.latency_script) to the shipped configuration with Rasa "
            "and the action server under cProfile (bench.profiled), after 20 warm-up turns; each item is the "
            "cumulative CPU time (time.thread_time, every thread) of the named function per turn, running only "
            "(not awaiting)"
        ),
        "turns": turns,
        "errors": errors,
        "wall_ms_per_turn_under_profiler": round(wall * 1000 / turns, 2),
        "cpu_ms_per_turn_under_profiler": round(cpu * 1000 / turns, 2),
        "items": breakdown(profiles, turns),
    }
