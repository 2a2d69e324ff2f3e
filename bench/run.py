"""``python -m bench.run [--quick]``: benchmark Rolewise as users run it and write bench/results/.

Configurations (bench/setups.py): ``shipped`` (``make run``'s endpoints.yml, SQLite tracker store, all
channels), the production profile through ``make cluster``'s processes with 1 Rasa server
(``production_1``) and 2 behind nginx (``production_2``), the extra ``in_memory`` row, and a bare
``rasa init`` bot. Sections (JSON file each): interleaved turn latency and server CPU, plus one long
conversation (latency.json); throughput under concurrent conversations (throughput.json); answers or
refusals within bounds at 50 and 200 concurrent conversations (load.json, bench/load.py); the tracker
store's cost and size (tracker.json); the per-turn cost breakdown under cProfile (profile.json); KB
query time and its scaling (kb.json); training, cold start and memory (startup.json). Plus
latency.png, kb_scaling.png and summary.md (also printed). ``--quick`` runs fewer turns, skips
training and the cluster (``--cluster`` adds it), reuses its bare bot and writes to bench/results/quick/ instead.
Every server listens on 127.0.0.1 and is stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import tempfile
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench import plots, proc, profiling, replycheck, restart, setups, trackerstore
from bench.bots import Started, bare_bot_ready, bare_rasa, create_bare_bot, private_kb, train_from_scratch
from bench.conversations import distinct_pairs, roles_from_kb
from bench.kbbench import kb_section
from bench.latency import conversation_length, latency
from bench.load import section as load_section
from bench.summary import summary_markdown
from bench.throughput import run_levels
from kb.build import build_database, checked_content
from kb.db import make_engine
from kb.results import RoleInfo

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_P95_MS = 150.0
SECTIONS = ("latency", "throughput", "tracker", "profile", "kb", "startup")
OPTIONAL_SECTIONS = ("load", "restart")  # absent from results written before they existed


@dataclass(frozen=True)
class Plan:
    latency_turns: int
    warmup_turns: int
    throughput_levels: tuple[int, ...]
    throughput_turns: int
    production_concurrency: int
    production_turns: int
    long_conversation_turns: int
    profile_turns: int
    kb_real_queries: int
    kb_sizes: tuple[int, ...]
    kb_queries_per_size: int
    kb_fuzzy_queries: int
    reply_check_repeats: int
    cluster: bool
    train: bool
    restart_runs: int = 3


FULL = Plan(500, 20, (1, 10, 50), 200, 50, 400, 300, 300, 2000, (25, 250, 1000, 2500), 500, 40, 10, True, True)
QUICK = Plan(60, 10, (1, 10, 50), 60, 50, 100, 40, 60, 300, (25, 250, 1000, 2500), 100, 10, 2, False, False, 1)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def throughput(bots: list[Started], roles: list[RoleInfo], plan: Plan) -> dict[str, Any]:
    """The shipped bot at every level in ``plan``, then each production bot at its concurrency;
    server CPU per turn from /proc around each level."""
    pairs = distinct_pairs(roles, max(*plan.throughput_levels, plan.production_concurrency))
    runs = []
    pids = [pid for bot in bots for pid in bot.pids.values()]
    with proc.OtherLoad([os.getpid(), *pids]) as load:
        for bot in bots:
            levels, turns = (
                (list(plan.throughput_levels), plan.throughput_turns)
                if bot.name == "shipped"
                else ([plan.production_concurrency], plan.production_turns)
            )
            log(f"throughput: {bot.name}, levels {levels}, about {turns} turns per level")
            results = []
            for level in levels:
                before = proc.cpu_seconds(list(bot.pids.values()))
                result = run_levels(bot.url, pairs, [level], turns, f"{bot.name}-{uuid.uuid4().hex[:6]}")[0]
                result["server_cpu_ms_per_turn"] = (
                    (proc.cpu_seconds(list(bot.pids.values())) - before) * 1000 / max(1, result["turns"])
                )
                results.append(result)
            runs.append({"config": bot.name, "levels": results})
    return {
        "method": (
            "asyncio + aiohttp; each conversation is its own sender with its own role pair asking a dimension "
            "question then follow-ups that rely on its context; a reply is cross-talk if it goes to another sender or "
            "names another conversation's pair; the configurations run one after the other"
        ),
        "runs": runs,
        "machine_load": load.as_dict(),
    }


def memory_mb(bots: list[Started]) -> dict[str, float]:
    """Peak RSS (VmHWM) of each bot's server processes, summed, in MB."""
    return {
        bot.name: round(sum(proc.memory_kb(pid).get("VmHWM", 0) for pid in bot.pids.values()) / 1024, 1)
        for bot in bots
    }


def measure_servers(out: Path, stack: contextlib.ExitStack, plan: Plan, quick: bool) -> dict[str, Any]:
    """Start every configuration, run the latency, long-conversation and throughput sections on them."""
    logs = out / "logs"
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rolewise-bench-")))
    engine = make_engine("sqlite://")
    build_database(engine, checked_content())
    roles = roles_from_kb(engine)
    engine.dispose()
    startup: dict[str, Any] = {}
    if quick and bare_bot_ready(out / "moodbot"):
        bare_dir, startup["bare_init_s"] = out / "moodbot", None
    else:
        bare_dir = out / "moodbot" if quick else folder / "moodbot"
        log(f"bare Rasa bot: rasa init --no-prompt --init-dir {bare_dir}")
        startup["bare_init_s"] = create_bare_bot(bare_dir, logs / "rasa_init.log")
    database_url = private_kb(folder)
    log("starting Rolewise as shipped, then with the in-memory tracker store, then bare Rasa")
    shipped = stack.enter_context(setups.embedded("shipped", folder / "shipped", False, database_url))
    in_memory = stack.enter_context(setups.embedded("in_memory", folder / "in_memory", True, database_url))
    bare = stack.enter_context(bare_rasa(bare_dir, logs / "bare_rasa.log"))
    production: list[Started] = []
    if plan.cluster:
        log("starting the production profile (python -m runtime cluster)")
        production = setups.cluster_bots(stack.enter_context(setups.cluster(folder / "cluster")))
    startup["cold_start"] = {
        bot.name: {"ready_s": round(bot.ready_s, 2), "first_answer_s": round(bot.first_answer_s, 2)}
        for bot in (shipped, bare)
    }
    bots = [bare, shipped, *production, in_memory]
    log(f"latency: {plan.latency_turns} turns each, interleaved: {', '.join(b.name for b in bots)}")
    results: dict[str, Any] = {"latency": latency(bots, roles, plan.latency_turns, plan.warmup_turns)}
    long_bots = [bare, shipped, *production[1:]]
    log(f"one long conversation: {plan.long_conversation_turns} turns each: {', '.join(b.name for b in long_bots)}")
    results["latency"]["long_conversation"] = conversation_length(long_bots, roles, plan.long_conversation_turns)
    results["throughput"] = throughput([shipped, *production], roles, plan)
    log("load: 50 and 200 concurrent conversations, as shipped and through the cluster's nginx")
    results["load"] = load_section([shipped, *production[1:]], roles)
    startup["memory"] = memory_mb([shipped, bare])
    tracker_db = Path(shipped.extra["tracker_db"])
    results["tracker"] = {"size": trackerstore.footprint(tracker_db)}
    log("tracker store: replaying the shipped bot's conversations into both stores")
    results["tracker"]["save_and_load"] = trackerstore.save_and_load(tracker_db, folder)
    results["tracker"]["pruning"] = "docs/performance.md: tracker store size and pruning"
    for name in ("shipped", "in_memory"):
        for kind in ("rasa", "actions"):
            source = folder / name / f"{kind}.log"
            if source.exists():
                (logs / f"{name}_{kind}.log").write_text(source.read_text()[-200_000:])
    log(f"profile: {plan.profile_turns} turns of the shipped configuration under cProfile")
    results["profile"] = profiling.profile_shipped(folder / "profiled", database_url, roles, plan.profile_turns)
    results["startup"] = startup
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer turns and queries, no training (smoke test)")
    parser.add_argument("--out", type=Path, help="results folder (default bench/results, or bench/results/quick)")
    parser.add_argument("--cluster", action="store_true", help="with --quick: measure the production profile too")
    parser.add_argument("--report-only", action="store_true", help="redraw plots and summary.md from the JSON files")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.cluster:
        plan = replace(plan, cluster=True)
    out = args.out or (RESULTS / "quick" if args.quick else RESULTS)
    if args.report_only:
        results = {name: json.loads((out / f"{name}.json").read_text()) for name in SECTIONS}
        for name in OPTIONAL_SECTIONS:
            if (out / f"{name}.json").exists():
                results[name] = json.loads((out / f"{name}.json").read_text())
        meta = json.loads((out / "run.json").read_text())
        report(out, meta, results, meta["mode"] == "quick")
        return 0
    (out / "logs").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    started = time.monotonic()
    meta = {
        **proc.machine(),
        "started": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "mode": "quick" if args.quick else "full",
        "plan": plan.__dict__,
        "loadavg_start": proc.loadavg(),
    }
    log(f"{meta['mode']} run, results in {out}")
    timings: dict[str, float] = {}
    with contextlib.ExitStack() as stack:
        results = measure_servers(out, stack, plan, args.quick)
        timings["servers"] = time.monotonic() - started
        log("stopping the bots")
    log(f"restart: make run on this built clone to its first answer, {plan.restart_runs} runs")
    results["restart"] = restart.section(plan.restart_runs)
    log("Rasa's check of custom-action replies (in-process)")
    results["latency"]["action_reply_check"] = replycheck.measure(repeats=plan.reply_check_repeats)
    mark = time.monotonic()
    log(f"KB: real KB, {plan.kb_real_queries} queries; synthetic KBs of {plan.kb_sizes} roles")
    sizes = list(plan.kb_sizes)
    results["kb"] = kb_section(plan.kb_real_queries, sizes, plan.kb_queries_per_size, plan.kb_fuzzy_queries)
    timings["kb"] = time.monotonic() - mark
    results["startup"]["training"] = None
    if plan.train:
        mark = time.monotonic()
        log("rasa train from scratch (temporary output folder and cache)")
        results["startup"]["training"] = train_from_scratch(out / "logs" / "train.log")
        timings["training"] = time.monotonic() - mark
    meta["loadavg_end"] = proc.loadavg()
    meta["duration_s"] = time.monotonic() - started
    meta["section_seconds"] = {k: round(v, 1) for k, v in timings.items()}
    for name in (*SECTIONS, *OPTIONAL_SECTIONS):
        (out / f"{name}.json").write_text(json.dumps(results[name], indent=2, default=str) + "\n")
    (out / "run.json").write_text(json.dumps(meta, indent=2, default=str) + "\n")
    report(out, meta, results, args.quick)
    return 0


def report(out: Path, meta: dict[str, Any], results: dict[str, Any], quick: bool) -> None:
    """Plots and summary.md from the results (also printed)."""
    bots, long = results["latency"]["bots"], results["latency"]["long_conversation"]
    plots.latency_plot(
        bots["shipped"]["samples_ms"],
        bots["bare_rasa"]["samples_ms"],
        out / "latency.png",
        TARGET_P95_MS,
        (long["shipped"]["samples_ms"], long["bare_rasa"]["samples_ms"]),
    )
    plots.kb_scaling_plot(results["kb"]["scaling"], results["kb"]["real"], out / "kb_scaling.png")
    summary = summary_markdown(meta, results, quick)
    (out / "summary.md").write_text(summary)
    print()
    print(summary)


if __name__ == "__main__":
    raise SystemExit(main())
