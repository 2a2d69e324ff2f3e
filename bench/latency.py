"""Turn latency of several bots measured in one interleaved run, and along one long conversation.

Every bot gets its own script (Rolewise configurations the same scripted conversations, the bare
bot its moodbot conversation); turn ``i`` of every bot is sent before turn ``i + 1`` of any, in an
order that rotates, so background load and warm caches affect all alike. Server CPU is read from
/proc right before and after each of a bot's turns, so it is that bot's own (idle servers of the
other bots add nothing), even where two bots share processes (the cluster's action servers).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from typing import Any

from bench import proc
from bench.bots import RestClient, Started
from bench.conversations import (
    BASELINE_MESSAGES,
    Turn,
    baseline_script,
    distinct_pairs,
    first_text,
    latency_script,
    pair_conversation,
)
from bench.stats import linear_fit, percentile, ratio, summarize
from kb.results import RoleInfo

BARE = "bare_rasa"


@dataclass
class Track:
    """One bot's turns, timings and server CPU in an interleaved run."""

    bot: Started
    script: list[Turn]
    client: RestClient = field(init=False)
    records: list[dict[str, Any]] = field(default_factory=list)
    cpu_s: float = 0.0

    def __post_init__(self) -> None:
        self.client = RestClient(self.bot.url)

    def talk(self, turn: Turn) -> dict[str, Any]:
        pids = list(self.bot.pids.values())
        before = proc.cpu_seconds(pids)
        replies, seconds, error = self.client.say(turn.sender, turn.text)
        self.cpu_s += proc.cpu_seconds(pids) - before
        answered = replies is not None and turn.answered(replies)
        record = {
            "kind": turn.kind, "ms": seconds * 1000, "error": error, "as_expected": answered,
            "said": turn.text, "reply": "" if answered else (error or first_text(replies or []))[:160],
        }  # fmt: skip
        self.records.append(record)
        return record


def script_for(bot: Started, roles: list[RoleInfo], turns: int, prefix: str, seed: int) -> list[Turn]:
    """The bare bot's moodbot conversation, or the Rolewise latency script."""
    if bot.name == BARE:
        return baseline_script(turns, f"{prefix}-bare")
    return latency_script(roles, turns, f"{prefix}-{bot.name}", seed=seed)


def interleave(tracks: list[Track]) -> None:
    """Turn i of every track, the first bot rotating each round, until every script is done."""
    rounds = max(len(t.script) for t in tracks)
    for index in range(rounds):
        shift = index % len(tracks)
        for track in tracks[shift:] + tracks[:shift]:
            if index < len(track.script):
                track.talk(track.script[index])


def summary(track: Track) -> dict[str, Any]:
    """Latency statistics, errors, answers as expected and server CPU per turn of one track."""
    records = track.records
    good = [r for r in records if r["error"] is None]
    kinds = sorted({r["kind"] for r in records})
    return {
        "turns": len(records),
        "errors": len(records) - len(good),
        "latency_ms": summarize([r["ms"] for r in good]),
        "by_kind_ms": {k: summarize([r["ms"] for r in good if r["kind"] == k]) for k in kinds},
        "answered_as_expected": sum(r["as_expected"] for r in records),
        "not_as_expected_examples": [{"said": r["said"], "reply": r["reply"]} for r in records if not r["as_expected"]][
            :8
        ],
        "server_cpu_ms_per_turn": track.cpu_s * 1000 / len(records) if records else None,
        "samples_ms": [round(r["ms"], 3) for r in good],
    }


def latency(bots: list[Started], roles: list[RoleInfo], turns: int, warmup: int) -> dict[str, Any]:
    """``turns`` measured turns per bot, interleaved, after ``warmup`` unmeasured ones each."""
    warm = [Track(bot, script_for(bot, roles, warmup, "warm", seed=99)) for bot in bots]
    interleave(warm)
    tracks = [Track(bot, script_for(bot, roles, turns, "lat", seed=1)) for bot in bots]
    roots = {bot.name: pid for bot in bots for pid in bot.pids.values()}
    try:
        with proc.OtherLoad([os.getpid(), *roots.values()]) as load:
            interleave(tracks)
    finally:
        for track in warm + tracks:
            track.client.close()
    result: dict[str, Any] = {
        "method": (
            "sequential POST /webhooks/rest/webhook over keep-alive HTTP from one client per bot; the bots' turns "
            f"interleaved, rotating which goes first; {warmup} warm-up turns each not counted; server CPU read "
            "from /proc around each turn"
        ),
        "bots": {track.bot.name: summary(track) for track in tracks},
        "machine_load": load.as_dict(),
    }
    bare = result["bots"].get(BARE)
    if bare:
        for name, data in result["bots"].items():
            if name != BARE:
                data["ratio_to_bare"] = {
                    q: ratio(data["latency_ms"][q], bare["latency_ms"][q]) for q in ("p50", "p95")
                } | {"cpu": ratio(data["server_cpu_ms_per_turn"], bare["server_cpu_ms_per_turn"])}
    return result


def conversation_length(bots: list[Started], roles: list[RoleInfo], turns: int, window: int = 20) -> dict[str, Any]:
    """Turn latency along one long conversation (one sender per bot), interleaved: the p50 of the
    first and of the last ``window`` turns, and the fitted growth per turn."""
    pair = distinct_pairs(roles, 1, seed=13)[0]
    tracks = []
    for bot in bots:
        sender = f"long-{bot.name}-{uuid.uuid4().hex[:6]}"
        if bot.name == BARE:
            script = [Turn(sender, BASELINE_MESSAGES[i % len(BASELINE_MESSAGES)], "baseline") for i in range(turns)]
        else:
            script = pair_conversation(pair, turns, sender)
        tracks.append(Track(bot, script))
    try:
        interleave(tracks)
    finally:
        for track in tracks:
            track.client.close()
    result: dict[str, Any] = {"turns": turns, "pair": [pair[0].name, pair[1].name], "window": window}
    for track in tracks:
        values = [r["ms"] for r in track.records]
        slope, intercept = linear_fit(list(range(1, turns + 1)), values)
        first, last = percentile(values[:window], 50), percentile(values[-window:], 50)
        result[track.bot.name] = {
            "first_turns_p50_ms": first,
            "last_turns_p50_ms": last,
            "last_over_first": last / first,
            "ms_per_extra_turn": slope,
            "intercept_ms": intercept,
            "errors": sum(r["error"] is not None for r in track.records),
            "answered_as_expected": sum(r["as_expected"] for r in track.records),
            "server_cpu_ms_per_turn": track.cpu_s * 1000 / turns,
            "samples_ms": [round(v, 3) for v in values],
        }
    return result
