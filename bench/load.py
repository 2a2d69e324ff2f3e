"""Load rows: does every client get an answer or a clear refusal, quickly, as shipped and in production?

    python -m bench.load [--profile shipped|production|both|bare] [--out bench/results/load.json]

Two rows per configuration (``bench.run`` adds them to ``make bench``; this module also runs them alone):

- **50 concurrent**: 50 closed-loop conversations (each its own sender and role pair, next turn as
  soon as the last reply came); target p95 <= 1 s and 0 errors (a refusal counts as an error here).
- **200 concurrent**: 200 closed-loop conversations, each turn on a new TCP connection (as a crowd of
  browsers or REST clients opens them). Target: every request answered (200) or refused (503 with
  ``Retry-After``) within 5 s; none stalled on TCP retransmits (a connection taking >= 1 s to open,
  the kernel's first SYN retransmit, when a listen backlog overflowed, or a client too starved of
  CPU to finish its connect; the kernel's ListenDrops count during the row tells them apart); 0 errors. A refused
  client waits ``Retry-After`` seconds before its next turn, as a polite client does.

Each row records the load average before and after it: the machine is shared. ``--profile bare`` runs
the same rows against a bare ``rasa init`` bot (DIET and TED, in-memory tracker store, no custom
action) with Rasa's listen backlog set as ``python -m runtime rasa`` sets it: what one Rasa process
on this machine can do for a bot that does nothing of its own (its replies name no roles, so its
``answered_not_naming_roles`` is every answer).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Optional

import aiohttp

from bench import proc, setups
from bench.bots import Started, bare_bot_ready, bare_rasa, create_bare_bot, private_kb
from bench.conversations import Turn, distinct_pairs, roles_from_kb
from bench.stats import summarize
from bench.throughput import slot_script
from kb.build import build_database, checked_content
from kb.db import make_engine
from kb.results import RoleInfo
from runtime import admission
from tests import servers

RESULTS = Path(__file__).resolve().parent / "results" / "load.json"
STALL_S = 1.0
TARGETS = {50: "p95 <= 1000 ms, 0 errors", 200: "every request answered or refused within 5 s, 0 stalled, 0 errors"}
TURNS_EACH = {50: 8, 200: 3}


@dataclass
class Request:
    turn: Turn
    seconds: float
    connect_s: float
    outcome: str  # "answered", "refused" or "error: ..."
    wrong: bool = False  # answered, but not naming the conversation's roles


async def _say(http: aiohttp.ClientSession, endpoint: str, turn: Turn) -> tuple[Request, float]:
    """One turn; returns it and the seconds the server asked to wait (Retry-After) before the next."""
    trace: dict[str, float] = {}
    start = time.perf_counter()
    wait, wrong = 0.0, False
    try:
        async with http.post(
            endpoint, json={"sender": turn.sender, "message": turn.text}, trace_request_ctx=SimpleNamespace(t=trace)
        ) as response:
            if response.status == 200:
                replies = await response.json(content_type=None)
                outcome, wrong = "answered", not turn.answered(replies)
            elif response.status == 503 and response.headers.get("Retry-After", "").isdigit():
                await response.read()
                outcome, wait = "refused", float(response.headers["Retry-After"])
            else:
                outcome = f"error: HTTP {response.status}"
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as problem:
        outcome = f"error: {type(problem).__name__}: {problem}"
    seconds = time.perf_counter() - start
    return Request(turn, seconds, trace.get("connect", 0.0), outcome, wrong), wait


def _tracing() -> aiohttp.TraceConfig:
    config = aiohttp.TraceConfig()

    async def started(_: Any, context: SimpleNamespace, __: Any) -> None:
        context.trace_request_ctx.t["connect_start"] = time.perf_counter()

    async def ended(_: Any, context: SimpleNamespace, __: Any) -> None:
        times = context.trace_request_ctx.t
        times["connect"] = time.perf_counter() - times.get("connect_start", time.perf_counter())

    config.on_connection_create_start.append(started)
    config.on_connection_create_end.append(ended)
    return config


async def _client(http: aiohttp.ClientSession, endpoint: str, script: list[Turn]) -> list[Request]:
    done = []
    for turn in script:
        request, wait = await _say(http, endpoint, turn)
        done.append(request)
        if wait:
            await asyncio.sleep(wait)
    return done


async def _row(
    url: str, pairs: list[tuple[RoleInfo, RoleInfo]], turns_each: int, fresh: bool, run: str
) -> list[Request]:
    endpoint = f"{url}/webhooks/rest/webhook"
    scripts = [slot_script(pair, turns_each, f"load{len(pairs)}-{run}-{i:03d}") for i, pair in enumerate(pairs)]
    connector = aiohttp.TCPConnector(limit=len(pairs), force_close=fresh)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, trace_configs=[_tracing()]) as http:
        results = await asyncio.gather(*(_client(http, endpoint, script) for script in scripts))
    return [request for client in results for request in client]


def listen_drops() -> int:
    """The kernel's count of connections dropped because a listen queue was full (TcpExt ListenDrops,
    this whole machine: other users' servers count too)."""
    lines = [line.split() for line in Path("/proc/net/netstat").read_text().splitlines() if line.startswith("TcpExt:")]
    return int(dict(zip(lines[0], lines[1], strict=True))["ListenDrops"])


def row(bot: Started, pairs: list[tuple[RoleInfo, RoleInfo]], concurrent: int, run: str) -> dict[str, Any]:
    """One row: ``concurrent`` closed-loop conversations of ``TURNS_EACH[concurrent]`` turns against ``bot``."""
    load_before, drops_before = proc.loadavg(), listen_drops()
    start = time.perf_counter()
    requests = asyncio.run(_row(bot.url, pairs[:concurrent], TURNS_EACH[concurrent], concurrent >= 200, run))
    elapsed = time.perf_counter() - start
    answered = [r for r in requests if r.outcome == "answered"]
    refused = [r for r in requests if r.outcome == "refused"]
    errors = [r for r in requests if r.outcome.startswith("error")]
    result = {
        "config": bot.name,
        "concurrent": concurrent,
        "requests": len(requests),
        "answered": len(answered),
        "refused": len(refused),
        "errors": len(errors),
        "error_examples": sorted({r.outcome for r in errors})[:5],
        "answered_not_naming_roles": sum(r.wrong for r in answered),
        "stalled_connects": sum(r.connect_s >= STALL_S for r in requests),
        "kernel_listen_drops": listen_drops() - drops_before,
        "answered_ms": summarize([r.seconds * 1000 for r in answered]),
        "refused_ms": summarize([r.seconds * 1000 for r in refused]),
        "max_s": max((r.seconds for r in requests), default=0.0),
        "answered_per_s": len(answered) / elapsed if elapsed else 0.0,
        "seconds": elapsed,
        "loadavg_before": load_before,
        "loadavg_after": proc.loadavg(),
    }
    result["target"], result["met"] = check(result)
    return result


def check(result: dict[str, Any]) -> tuple[str, bool]:
    """The row's target as shown, and whether it is met."""
    if result["concurrent"] >= 200:
        met = result["errors"] == 0 and result["stalled_connects"] == 0 and result["max_s"] <= 5.0
        return TARGETS[200], met
    p95 = result["answered_ms"].get("p95")
    met = result["errors"] == 0 and result["refused"] == 0 and p95 is not None and p95 <= 1000
    return TARGETS[50], met


def section(bots: list[Started], roles: list[RoleInfo], repeats: int = 1) -> dict[str, Any]:
    """Both rows for each bot: at each level the bots take turns (``repeats`` rounds), so that bots
    compared are measured under the same load of the machine."""
    pairs = distinct_pairs(roles, 200)
    rows = []
    for concurrent in (50, 200):
        for round_ in range(repeats):
            for bot in bots:
                rows.append(row(bot, pairs, concurrent, f"{int(time.time())}r{round_}"))
    return {"method": __doc__.split("\n\n", 2)[2].strip(), "rows": rows}


def summary_rows(load: Optional[dict[str, Any]], label: Any) -> list[list[object]]:
    """Rows for summary.md (none when the section was not run)."""
    out: list[list[object]] = []
    for r in (load or {}).get("rows", []):
        ms, before, after = r["answered_ms"], r["loadavg_before"], r["loadavg_after"]
        value = (
            f"p50 / p95 {ms.get('p50', 0):.0f} / {ms.get('p95', 0):.0f} ms; max {r['max_s']:.1f} s; "
            f"{r['answered']} answered, {r['refused']} refused, {r['errors']} errors, {r['stalled_connects']} stalled "
            f"({r.get('kernel_listen_drops', '?')} kernel listen drops); "
            f"{r['answered_per_s']:.1f} answered/s; load avg {before[0]:.1f} -> {after[0]:.1f}"
        )
        out.append(["Load", f"{label(r['config'])}, {r['concurrent']} concurrent closed-loop", value,
                    r["target"], r["met"]])  # fmt: skip
    return out


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--profile", nargs="+", choices=("shipped", "production", "both", "bare"), default=["both"],
        help="one or more; both = shipped and production",
    )
    parser.add_argument("--repeats", type=int, default=1, help="rounds of each row, the bots taking turns")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--bare-bot", type=Path, help="a `rasa init` folder to reuse (created there if untrained)")
    args = parser.parse_args(argv)
    # The bare bot loads three TensorFlow models: on a busy machine that took more than the tests' 180 s.
    servers.STARTUP_SECONDS = max(servers.STARTUP_SECONDS, 900)
    engine = make_engine("sqlite://")
    build_database(engine, checked_content())
    roles = roles_from_kb(engine)
    engine.dispose()
    results: dict[str, Any] = {"rows": []}
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rolewise-load-")))
        bots: list[Started] = []
        if {"shipped", "both"} & set(args.profile):
            bots.append(stack.enter_context(setups.embedded("shipped", folder / "shipped", False, private_kb(folder))))
        if {"production", "both"} & set(args.profile):
            layout = stack.enter_context(setups.cluster(folder / "cluster"))
            bots.append(setups.cluster_bots(layout)[1])
        if "bare" in args.profile:
            bare_dir = args.bare_bot or folder / "moodbot"
            if not bare_bot_ready(bare_dir):
                create_bare_bot(bare_dir, folder / "rasa_init.log")
            backlog = {"SANIC_BACKLOG": str(admission.BACKLOG)}
            bots.append(stack.enter_context(bare_rasa(bare_dir, folder / "bare_rasa.log", backlog)))
        results = section(bots, roles, args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    for line in summary_rows(results, str):
        print(" | ".join(str(cell) for cell in line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
