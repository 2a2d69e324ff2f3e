"""Sustained turns per second with N concurrent conversations (asyncio + aiohttp).

Each conversation is its own sender asking about its own role pair; follow-ups
("who earns more?") only name the right roles if the bot kept that sender's
context, so a reply naming another conversation's pair is counted as cross-talk.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Optional

import aiohttp

from bench.conversations import Turn, first_text, names_all, pair_conversation
from bench.stats import summarize
from kb.results import RoleInfo

REQUEST_TIMEOUT_S = 60
CONVERSATION_TURNS = 4
# p95 turn latency each concurrency level must stay under on this machine (2 cores): a level
# without one would pass however slow it got, as long as nothing failed outright.
P95_TARGET_MS = {1: 150.0, 10: 150.0, 50: 600.0}


@dataclass
class Outcome:
    turn: Turn
    seconds: float
    replies: Optional[list[dict]]
    error: Optional[str]


async def _conversation(http: aiohttp.ClientSession, endpoint: str, turns: list[Turn]) -> list[Outcome]:
    outcomes = []
    for turn in turns:
        start = time.perf_counter()
        replies, error = None, None
        try:
            async with http.post(endpoint, json={"sender": turn.sender, "message": turn.text}) as response:
                if response.status == 200:
                    replies = await response.json(content_type=None)
                else:
                    error = f"HTTP {response.status}"
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        outcomes.append(Outcome(turn, time.perf_counter() - start, replies, error))
    return outcomes


def classify(outcome: Outcome, own: tuple[str, str], others: list[tuple[str, str]]) -> str:
    """``ok``, ``error``, ``cross-talk`` (the reply belongs to another conversation) or ``unexpected``."""
    if outcome.error is not None or outcome.replies is None:
        return "error"
    if any(r.get("recipient_id") not in (None, outcome.turn.sender) for r in outcome.replies):
        return "cross-talk"
    if names_all(outcome.replies, own):
        return "ok"
    text = first_text(outcome.replies)
    if any(all(name in text for name in pair) for pair in others):
        return "cross-talk"
    return "unexpected"


def slot_script(pair: tuple[RoleInfo, RoleInfo], turns: int, prefix: str) -> list[Turn]:
    """What one concurrent slot says: back-to-back conversations of ``CONVERSATION_TURNS`` turns
    about its pair, each from a new sender (per-turn cost grows with conversation length, so
    levels would not be comparable if one slot kept a single ever-longer conversation)."""
    script: list[Turn] = []
    for index in range(-(-turns // CONVERSATION_TURNS)):
        script += pair_conversation(pair, CONVERSATION_TURNS, f"{prefix}-c{index:03d}")
    return script[:turns]


async def _level(url: str, pairs: list[tuple[RoleInfo, RoleInfo]], turns_each: int, run_id: str) -> dict[str, Any]:
    endpoint = f"{url}/webhooks/rest/webhook"
    scripts = [slot_script(pair, turns_each, f"tp{len(pairs)}-{run_id}-{i:02d}") for i, pair in enumerate(pairs)]
    connector = aiohttp.TCPConnector(limit=len(pairs))
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        start = time.perf_counter()
        results = await asyncio.gather(*(_conversation(http, endpoint, script) for script in scripts))
        elapsed = time.perf_counter() - start
    names = [(a.name, b.name) for a, b in pairs]
    counts = {"ok": 0, "error": 0, "cross-talk": 0, "unexpected": 0}
    examples: list[dict[str, str]] = []
    latencies = []
    for index, outcomes in enumerate(results):
        others = names[:index] + names[index + 1 :]
        for outcome in outcomes:
            verdict = classify(outcome, names[index], others)
            counts[verdict] += 1
            if outcome.error is None:
                latencies.append(outcome.seconds * 1000)
            if verdict != "ok" and len(examples) < 5:
                examples.append(
                    {
                        "verdict": verdict,
                        "sender": outcome.turn.sender,
                        "said": outcome.turn.text,
                        "expected": " & ".join(names[index]),
                        "reply": (outcome.error or first_text(outcome.replies or []))[:200],
                    }
                )
    completed = sum(len(o) for o in results) - counts["error"]
    return {
        "concurrent_conversations": len(pairs),
        "turns_per_slot": turns_each,
        "turns_per_conversation": CONVERSATION_TURNS,
        "conversations": sum(len({o.turn.sender for o in outcomes}) for outcomes in results),
        "turns": sum(len(o) for o in results),
        "seconds": round(elapsed, 3),
        "turns_per_s": completed / elapsed if elapsed else 0.0,
        "errors": counts["error"],
        "cross_talk": counts["cross-talk"],
        "unexpected_answers": counts["unexpected"],
        "ok": counts["ok"],
        "latency_ms": summarize(latencies),
        "examples_not_ok": examples,
    }


def level_check(level: dict[str, Any]) -> tuple[str, bool]:
    """The targets of one level's result, as shown in the summary, and whether all are met:
    no errors, no cross-talk and p95 latency within ``P95_TARGET_MS`` (a level without a
    latency target, or without a single answered turn, is not met)."""
    target = P95_TARGET_MS.get(level["concurrent_conversations"])
    p95 = level["latency_ms"].get("p95")
    shown = (f"p95 <= {target:.0f} ms, " if target is not None else "no p95 target, ") + "0 errors, 0 cross-talk"
    met = target is not None and p95 is not None and p95 <= target and level["errors"] == 0 and level["cross_talk"] == 0
    return shown, met


def run_levels(
    url: str, pairs: list[tuple[RoleInfo, RoleInfo]], levels: list[int], turns_per_level: int, run_id: str
) -> list[dict[str, Any]]:
    """One bounded run per concurrency level: ``turns_per_level`` turns split over the concurrent
    slots (at least one whole conversation each, so every conversation asks follow-ups)."""
    results = []
    for level in levels:
        turns_each = max(CONVERSATION_TURNS, turns_per_level // level)
        results.append(asyncio.run(_level(url, pairs[:level], turns_each, run_id)))
    return results
