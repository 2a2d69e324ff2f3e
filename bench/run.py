"""``python -m bench.run [--quick]``: benchmark Rolewise and write bench/results/.

Sections (JSON file each): turn latency through REST against a bare ``rasa init`` bot
(latency.json), throughput under concurrent conversations (throughput.json), KB query
time and its scaling (kb.json), training, cold start and memory (startup.json); plus
latency.png, kb_scaling.png and summary.md (also printed). ``--quick`` runs fewer turns,
skips training, reuses its bare bot and writes to bench/results/quick/ instead.
Every server listens on 127.0.0.1 and is stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import kbbench, plots, proc, replycheck
from bench.bots import RestClient, Started, bare_bot_ready, bare_rasa, create_bare_bot, rolewise, train_from_scratch
from bench.conversations import (
    BASELINE_MESSAGES,
    Turn,
    baseline_script,
    distinct_pairs,
    first_text,
    latency_script,
    pair_conversation,
    roles_from_kb,
)
from bench.report import markdown_table, slash
from bench.stats import linear_fit, percentile, ratio, summarize
from bench.throughput import level_check, run_levels
from kb.build import build_database, checked_content
from kb.db import make_engine
from tests.servers import ROOT

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_RATIO = 1.3
TARGET_P95_MS = 150.0
FLAT_FACTOR = 1.5
SECTIONS = (
    "latency",
    "throughput",
    "kb",
    "startup",
)  # largest KB's median query time at most this many times the smallest's


@dataclass(frozen=True)
class Plan:
    latency_turns: int
    warmup_turns: int
    throughput_levels: tuple[int, ...]
    throughput_turns: int
    kb_real_queries: int
    kb_sizes: tuple[int, ...]
    kb_queries_per_size: int
    kb_fuzzy_queries: int
    long_conversation_turns: int
    reply_check_repeats: int
    train: bool


FULL = Plan(500, 20, (1, 10, 50), 200, 2000, (25, 250, 1000, 2500), 500, 40, 120, 10, train=True)
QUICK = Plan(60, 20, (1, 10, 50), 60, 300, (25, 250, 1000, 2500), 100, 10, 40, 2, train=False)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "rasa": metadata.version("rasa"),
        "rasa_sdk": metadata.version("rasa-sdk"),
        "sqlalchemy": metadata.version("sqlalchemy"),
        "sqlite": kbbench.sqlite_version(),
        "git_commit": commit,
    }


# ---------------------------------------------------------------- 1-2. latency vs bare Rasa


def _talk(client: RestClient, turn: Turn) -> dict[str, Any]:
    replies, seconds, error = client.say(turn.sender, turn.text)
    answered = replies is not None and turn.answered(replies)
    reply = first_text(replies or []) if not answered else ""
    return {
        "kind": turn.kind, "ms": seconds * 1000, "error": error, "as_expected": answered,
        "said": turn.text, "reply": error or reply[:160],
    }  # fmt: skip


def _latency_summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    good = [r for r in records if r["error"] is None]
    kinds = sorted({r["kind"] for r in records})
    misses = [{"said": r["said"], "reply": r["reply"]} for r in records if not r["as_expected"]]
    return {
        "turns": len(records),
        "errors": len(records) - len(good),
        "latency_ms": summarize([r["ms"] for r in good]),
        "by_kind_ms": {k: summarize([r["ms"] for r in good if r["kind"] == k]) for k in kinds},
        "answered_as_expected": sum(r["as_expected"] for r in records),
        "not_as_expected_examples": misses[:8],
        "samples_ms": [round(r["ms"], 3) for r in good],
    }


def latency(ours: Started, bare: Started, roles: list, plan: Plan) -> dict[str, Any]:
    ours_client, bare_client = RestClient(ours.url), RestClient(bare.url)
    try:
        log(f"warm-up: {plan.warmup_turns} turns each")
        for turn in latency_script(roles, plan.warmup_turns, "warm", seed=99):
            ours_client.say(turn.sender, turn.text)
        for turn in baseline_script(plan.warmup_turns, "warm"):
            bare_client.say(turn.sender, turn.text)
        ours_script = latency_script(roles, plan.latency_turns, "lat", seed=1)
        bare_script = baseline_script(plan.latency_turns, "bare")
        log(f"latency: {plan.latency_turns} turns each, interleaved Rolewise / bare Rasa")
        ours_records, bare_records = [], []
        roots = {
            "rasa_server": ours.pids["rasa"],
            "action_server": ours.pids["actions"],
            "bare_rasa": bare.pids["rasa"],
        }
        cpu_before = {name: proc.cpu_seconds(proc.tree(pid)) for name, pid in roots.items()}
        with proc.RssSampler(roots) as memory, proc.OtherLoad([os.getpid(), *roots.values()]) as load:
            for index, (mine, theirs) in enumerate(zip(ours_script, bare_script, strict=True)):
                # Alternate who goes first so neither bot always follows the other's request.
                if index % 2:
                    bare_records.append(_talk(bare_client, theirs))
                    ours_records.append(_talk(ours_client, mine))
                else:
                    ours_records.append(_talk(ours_client, mine))
                    bare_records.append(_talk(bare_client, theirs))
        cpu_used = {name: proc.cpu_seconds(proc.tree(pid)) - cpu_before[name] for name, pid in roots.items()}
    finally:
        ours_client.close()
        bare_client.close()
    ours_summary, bare_summary = _latency_summary(ours_records), _latency_summary(bare_records)
    ours_ms, bare_ms = ours_summary["latency_ms"], bare_summary["latency_ms"]
    # Server CPU per turn hardly depends on what else runs on the machine, unlike wall time.
    ours_cpu_ms = (cpu_used["rasa_server"] + cpu_used["action_server"]) * 1000 / len(ours_records)
    bare_cpu_ms = cpu_used["bare_rasa"] * 1000 / len(bare_records)
    return {
        "method": (
            "sequential POST /webhooks/rest/webhook over keep-alive HTTP from one client; Rolewise and bare Rasa "
            f"turns interleaved; {plan.warmup_turns} warm-up turns each not counted"
        ),
        "rolewise": ours_summary,
        "bare_rasa": bare_summary,
        "ratio_p50": ratio(ours_ms["p50"], bare_ms["p50"]),
        "ratio_p95": ratio(ours_ms["p95"], bare_ms["p95"]),
        "server_cpu_ms_per_turn": {
            "rolewise_rasa": cpu_used["rasa_server"] * 1000 / len(ours_records),
            "rolewise_actions": cpu_used["action_server"] * 1000 / len(ours_records),
            "rolewise_total": ours_cpu_ms,
            "bare_rasa": bare_cpu_ms,
            "ratio": ratio(ours_cpu_ms, bare_cpu_ms),
        },
        "targets": {"ratio_max": TARGET_RATIO, "rolewise_p95_ms_max": TARGET_P95_MS},
        "memory_during_latency_run": memory.report(),
        "machine_load": load.as_dict(),
    }


def conversation_length(ours: Started, bare: Started, roles: list, plan: Plan) -> dict[str, Any]:
    """Turn latency along one long conversation (one sender) for each bot, interleaved."""
    turns = plan.long_conversation_turns
    pair = distinct_pairs(roles, 1, seed=13)[0]
    ours_script = pair_conversation(pair, turns, f"long-{uuid.uuid4().hex[:6]}")
    bare_sender = f"long-bare-{uuid.uuid4().hex[:6]}"
    bare_script = [Turn(bare_sender, BASELINE_MESSAGES[i % len(BASELINE_MESSAGES)], "baseline") for i in range(turns)]
    log(f"one long conversation: {turns} turns each, one sender")
    series: dict[str, list[float]] = {"rolewise": [], "bare_rasa": []}
    errors = {"rolewise": 0, "bare_rasa": 0}
    clients = {"rolewise": RestClient(ours.url), "bare_rasa": RestClient(bare.url)}
    try:
        for mine, theirs in zip(ours_script, bare_script, strict=True):
            for name, turn in (("rolewise", mine), ("bare_rasa", theirs)):
                _replies, seconds, error = clients[name].say(turn.sender, turn.text)
                series[name].append(seconds * 1000)
                errors[name] += error is not None
    finally:
        for client in clients.values():
            client.close()
    window = max(5, turns // 6)
    result: dict[str, Any] = {
        "turns": turns,
        "pair": [pair[0].name, pair[1].name],
        "window": window,
    }
    for name, values in series.items():
        slope, intercept = linear_fit(list(range(1, turns + 1)), values)
        result[name] = {
            "first_turns_p50_ms": percentile(values[:window], 50),
            "last_turns_p50_ms": percentile(values[-window:], 50),
            "ms_per_extra_turn": slope,
            "intercept_ms": intercept,
            "turn_reaching_150ms_by_fit": (TARGET_P95_MS - intercept) / slope if slope > 0 else None,
            "errors": errors[name],
            "samples_ms": [round(v, 3) for v in values],
        }
    return result


# ---------------------------------------------------------------- 3. throughput


def throughput(ours: Started, roles: list, plan: Plan) -> dict[str, Any]:
    pairs = distinct_pairs(roles, max(plan.throughput_levels))
    log(f"throughput: levels {plan.throughput_levels}, about {plan.throughput_turns} turns per level")
    with proc.OtherLoad([os.getpid(), *ours.pids.values()]) as load:
        levels = run_levels(ours.url, pairs, list(plan.throughput_levels), plan.throughput_turns, uuid.uuid4().hex[:6])
    return {
        "method": (
            "asyncio + aiohttp; each conversation is its own sender with its own role pair (distinct pairs from "
            "kb.queries.list_roles) asking a dimension question then follow-ups that rely on its context; "
            "a reply is cross-talk if it goes to another sender or names another conversation's pair instead of its own"
        ),
        "levels": levels,
        "machine_load": load.as_dict(),
    }


# ---------------------------------------------------------------- 4. KB


def kb_section(plan: Plan) -> dict[str, Any]:
    content = checked_content()
    log(f"KB: real KB, {plan.kb_real_queries} queries")
    real = kbbench.real_kb(content, plan.kb_real_queries)
    log(f"KB: synthetic KBs of {plan.kb_sizes} roles")
    points = kbbench.scaling(content, list(plan.kb_sizes), plan.kb_queries_per_size, plan.kb_fuzzy_queries)
    medians = [p["query_us"]["p50"] for p in points]
    flat = medians[-1] / medians[0]
    plans_checked = [real["explain"]] + [p["explain"] for p in points]
    return {
        "method": (
            "one query = new Session, resolve_role on two exact aliases, compare_on one dimension "
            "(what the action server does per dimension question); times in microseconds"
        ),
        "real": real,
        "scaling": points,
        "flatness_largest_over_smallest_median": flat,
        "flat": flat <= FLAT_FACTOR,
        "flat_criterion": f"median at {points[-1]['roles']} roles <= {FLAT_FACTOR}x median at {points[0]['roles']}",
        "exact_path_full_scans": sum(p["resolve_exact_and_compare_on"]["full_scan_count"] for p in plans_checked),
        "sqlite": kbbench.sqlite_version(),
    }


# ---------------------------------------------------------------- summary


def throughput_row(level: dict[str, Any]) -> list[object]:
    """One concurrency level's summary row, its p95 reported against that level's latency target."""
    target, met = level_check(level)
    p95 = level["latency_ms"].get("p95")
    return [
        "Throughput",
        f"{level['concurrent_conversations']} concurrent conversations ({level['turns']} turns, "
        f"{level['conversations']} senders): turns/s; p95 ms; errors; cross-talk",
        f"{level['turns_per_s']:.1f}/s; {'-' if p95 is None else f'{p95:.0f}'} ms; {level['errors']}; "
        f"{level['cross_talk']}"
        + (f" ({level['unexpected_answers']} unexpected)" if level["unexpected_answers"] else ""),
        target,
        met,
    ]


def summary_markdown(meta: dict[str, Any], results: dict[str, Any], quick: bool) -> str:
    lat, tp, kb, st = results["latency"], results["throughput"], results["kb"], results["startup"]
    ours, bare = lat["rolewise"], lat["bare_rasa"]
    o, b = ours["latency_ms"], bare["latency_ms"]
    rows: list[list[object]] = [
        [
            "Latency",
            f"Rolewise turn p50 / p95 / p99 / mean, ms (n={o['n']})",
            slash([o["p50"], o["p95"], o["p99"], o["mean"]]),
            f"p95 <= {TARGET_P95_MS:.0f} ms",
            o["p95"] <= TARGET_P95_MS,
        ],
        [
            "Latency",
            f"bare Rasa (`rasa init` moodbot) p50 / p95 / p99 / mean, ms (n={b['n']})",
            slash([b["p50"], b["p95"], b["p99"], b["mean"]]),
            None,
            None,
        ],
        *(
            ["Latency", f"ratio Rolewise / bare Rasa, {q}", f"{lat['ratio_' + q]:.2f}", f"<= {TARGET_RATIO}",
             lat["ratio_" + q] <= TARGET_RATIO]
            for q in ("p50", "p95")
        ),
    ]  # fmt: skip
    cpu = lat["server_cpu_ms_per_turn"]
    rows.append(
        [
            "Latency",
            "server CPU per turn, ms: Rolewise (Rasa + actions) / bare Rasa; ratio (barely affected by other load)",
            f"{cpu['rolewise_rasa']:.1f} + {cpu['rolewise_actions']:.1f} / {cpu['bare_rasa']:.1f}; {cpu['ratio']:.2f}",
            None,
            None,
        ]
    )
    check = lat.get("action_reply_check")
    if check:
        rows.append(
            [
                "Latency",
                f"Rasa's check of one custom-action reply (jsonschema {check['jsonschema']}), median / p99, ms",
                slash([check["check_ms"]["p50"], check["check_ms"]["p99"]]),
                f"<= {check['target_ms_max']:.0f} ms",
                check["met"],
            ]
        )
    long = lat["one_long_conversation"]
    lo, lb = long["rolewise"], long["bare_rasa"]
    reach = lo["turn_reaching_150ms_by_fit"]
    rows.append(
        [
            "Latency",
            f"one conversation of {long['turns']} turns: p50 of first / last {long['window']} turns, ms "
            "(Rolewise; bare Rasa); growth per turn",
            f"{lo['first_turns_p50_ms']:.0f} -> {lo['last_turns_p50_ms']:.0f}; "
            f"{lb['first_turns_p50_ms']:.0f} -> {lb['last_turns_p50_ms']:.0f}; "
            f"+{lo['ms_per_extra_turn']:.2f} vs +{lb['ms_per_extra_turn']:.2f} ms/turn"
            + (f" (Rolewise reaches {TARGET_P95_MS:.0f} ms near turn {reach:.0f} by the fit)" if reach else ""),
            None,
            None,
        ]
    )
    by_kind = ours["by_kind_ms"]
    rows.append(
        [
            "Latency",
            "Rolewise p50 / p95 by turn kind, ms: " + ", ".join(f"{k} (n={v['n']})" for k, v in by_kind.items()),
            "; ".join(slash([v["p50"], v["p95"]]) for v in by_kind.values()),
            None,
            None,
        ]
    )
    rows.append(
        [
            "Latency",
            "errors; replies naming the expected roles",
            f"{ours['errors']} errors; {ours['answered_as_expected']}/{ours['turns']}",
            "0 errors",
            ours["errors"] == 0 and bare["errors"] == 0,
        ]
    )
    for level in tp["levels"]:
        rows.append(throughput_row(level))
    real = kb["real"]
    rows.append(
        [
            "KB",
            f"real KB ({real['counts']['roles']} roles, in-memory): resolve x2 + compare_on median / p99, µs",
            slash([real["query_us"]["p50"], real["query_us"]["p99"]], "{:.0f}"),
            None,
            None,
        ]
    )
    sizes = "/".join(str(p["roles"]) for p in kb["scaling"])
    rows.append(
        [
            "KB",
            f"synthetic KBs ({sizes} roles, SQLite file): same query, median µs",
            slash([p["query_us"]["p50"] for p in kb["scaling"]], "{:.0f}"),
            f"flat (<= {FLAT_FACTOR}x)",
            kb["flat"],
        ]
    )
    rows.append(
        [
            "KB",
            f"synthetic KBs ({sizes}): one misspelt role (fuzzy fallback over all aliases), median µs",
            slash([p["resolve_typo_us"]["p50"] for p in kb["scaling"]], "{:.0f}"),
            None,
            None,
        ]
    )
    rows.append(
        [
            "KB",
            "EXPLAIN QUERY PLAN full scans on the exact resolve + compare_on SQL (real + synthetic KBs)",
            kb["exact_path_full_scans"],
            "0",
            kb["exact_path_full_scans"] == 0,
        ]
    )
    training = st.get("training")
    rows.append(
        [
            "Startup",
            "`rasa train` from scratch (empty cache), s",
            f"{training['seconds']:.0f}" if training else "skipped (--quick)",
            None,
            None,
        ]
    )
    if st.get("bare_init_s") is not None:
        rows.append(
            [
                "Startup",
                "bare Rasa `rasa init` (creates + trains the moodbot), s",
                f"{st['bare_init_s']:.0f}",
                None,
                None,
            ]
        )
    cold = st["cold_start"]
    rows.append(
        [
            "Startup",
            "cold start to first REST answer, s: Rolewise (Rasa + actions) / bare Rasa",
            slash([cold["rolewise"]["first_answer_s"], cold["bare_rasa"]["first_answer_s"]]),
            None,
            None,
        ]
    )
    memory = lat["memory_during_latency_run"]
    rows.append(
        [
            "Memory",
            "peak RSS (VmHWM) during the latency run, MB: Rasa server / action server / bare Rasa",
            slash([memory[k]["peak_rss_mb_vmhwm"] for k in ("rasa_server", "action_server", "bare_rasa")], "{:.0f}"),
            None,
            None,
        ]
    )
    load_lat, load_tp = lat["machine_load"], tp["machine_load"]
    misses = ours["turns"] - ours["answered_as_expected"]
    miss_note = []
    if misses:
        examples = ours["not_as_expected_examples"][:3]
        miss_note = [
            f"{misses} of {ours['turns']} Rolewise replies in the latency run did not name the roles asked about "
            "(timed all the same; see latency.json), e.g. "
            + "; ".join(f'"{e["said"]}" -> "{e["reply"][:70]}..."' for e in examples)
            + ".",
            "",
        ]
    head = [
        f"# Rolewise benchmark{' (quick smoke run)' if quick else ''}",
        "",
        f"{meta['started']}, commit {meta['git_commit'] or '?'}; {meta['cpus']} CPUs ({meta['cpu_model']}), "
        f"Python {meta['python']}, Rasa {meta['rasa']}, SQLite {meta['sqlite']}. "
        f"Whole run {meta['duration_s']:.0f} s (`python -m bench.run{' --quick' if quick else ''}`).",
        "",
        markdown_table(["Section", "Metric", "Value", "Target", "Met"], rows, align="lllll").rstrip(),
        "",
        "Shared machine: other processes used on average "
        f"{load_lat['other_processes_cpu_cores']:.2f} of {load_lat['cores']} cores during the latency run and "
        f"{load_tp['other_processes_cpu_cores']:.2f} during the throughput run (from /proc/stat minus our processes); "
        f"load average at start {slash(meta['loadavg_start'], '{:.2f}')}, "
        f"at end {slash(meta['loadavg_end'], '{:.2f}')}. "
        "Latency turns of the two bots are interleaved, so background load affects both alike.",
        "",
        *miss_note,
        "Files: latency.json, throughput.json, kb.json, startup.json, run.json; plots latency.png, kb_scaling.png.",
        "",
    ]
    return "\n".join(head)


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer turns and queries, no training (smoke test)")
    parser.add_argument("--out", type=Path, help="results folder (default bench/results, or bench/results/quick)")
    parser.add_argument("--report-only", action="store_true", help="redraw plots and summary.md from the JSON files")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    out = args.out or (RESULTS / "quick" if args.quick else RESULTS)
    if args.report_only:
        results = {name: json.loads((out / f"{name}.json").read_text()) for name in SECTIONS}
        meta = json.loads((out / "run.json").read_text())
        report(out, meta, results, meta["mode"] == "quick")
        return 0
    logs = out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    started = time.monotonic()
    meta = {
        **machine(),
        "started": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "mode": "quick" if args.quick else "full",
        "plan": plan.__dict__,
        "loadavg_start": proc.loadavg(),
    }
    log(f"{meta['mode']} run, results in {out}")
    engine = make_engine("sqlite://")
    build_database(engine, checked_content())
    roles = roles_from_kb(engine)
    engine.dispose()
    timings: dict[str, float] = {}
    results: dict[str, Any] = {}
    startup: dict[str, Any] = {}

    with contextlib.ExitStack() as stack:
        if args.quick and bare_bot_ready(out / "moodbot"):
            bare_dir, startup["bare_init_s"] = out / "moodbot", None
            log(f"bare Rasa bot: reusing {bare_dir}")
        else:
            bare_dir = (
                out / "moodbot"
                if args.quick
                else Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rolewise-bench-moodbot-"))) / "bot"
            )
            log(f"bare Rasa bot: rasa init --no-prompt --init-dir {bare_dir}")
            startup["bare_init_s"] = create_bare_bot(bare_dir, logs / "rasa_init.log")
        timings["bare_init"] = time.monotonic() - started

        mark = time.monotonic()
        log("starting Rolewise (action server + Rasa)")
        server_logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rolewise-bench-bot-")))
        ours = stack.enter_context(rolewise(server_logs))
        log(f"Rolewise answered {ours.first_answer_s:.1f} s after launch; starting bare Rasa")
        bare = stack.enter_context(bare_rasa(bare_dir, logs / "bare_rasa.log"))
        log(f"bare Rasa answered {bare.first_answer_s:.1f} s after launch")
        startup["cold_start"] = {
            bot.name: {"ready_s": round(bot.ready_s, 2), "first_answer_s": round(bot.first_answer_s, 2),
                       "first_turn_ms": round(bot.first_turn_ms, 1), "pids": bot.pids}
            for bot in (ours, bare)
        }  # fmt: skip
        startup["cold_start_method"] = (
            "launch of the server processes -> servers report ready (polled every 0.5 s as tests.servers does) -> "
            "first REST answer; Rolewise started alone, bare Rasa started while Rolewise sat idle"
        )
        startup["rolewise_kb"] = "private SQLite KB built from kb/content for this run (DATABASE_URL)"
        timings["servers_up"] = time.monotonic() - mark

        mark = time.monotonic()
        results["latency"] = latency(ours, bare, roles, plan)
        results["latency"]["one_long_conversation"] = conversation_length(ours, bare, roles, plan)
        timings["latency"] = time.monotonic() - mark
        mark = time.monotonic()
        results["throughput"] = throughput(ours, roles, plan)
        timings["throughput"] = time.monotonic() - mark
        for name, log_file in (("rolewise", server_logs / "rasa.log"), ("actions", server_logs / "actions.log")):
            if log_file.exists():
                (logs / f"{name}.log").write_text(log_file.read_text()[-200_000:])
        log("stopping the bots")

    log("Rasa's check of custom-action replies (in-process)")
    results["latency"]["action_reply_check"] = replycheck.measure(repeats=plan.reply_check_repeats)
    mark = time.monotonic()
    results["kb"] = kb_section(plan)
    timings["kb"] = time.monotonic() - mark

    if plan.train:
        mark = time.monotonic()
        log("rasa train from scratch (temporary output folder and cache)")
        startup["training"] = train_from_scratch(logs / "train.log")
        timings["training"] = time.monotonic() - mark
    else:
        startup["training"] = None
    startup["memory_during_latency_run"] = results["latency"]["memory_during_latency_run"]
    results["startup"] = startup

    meta["loadavg_end"] = proc.loadavg()
    meta["duration_s"] = time.monotonic() - started
    meta["section_seconds"] = {k: round(v, 1) for k, v in timings.items()}
    for name in SECTIONS:
        write_json(out / f"{name}.json", results[name])
    write_json(out / "run.json", meta)
    report(out, meta, results, args.quick)
    return 0


def report(out: Path, meta: dict[str, Any], results: dict[str, Any], quick: bool) -> None:
    """Plots and summary.md from the results (also printed)."""
    long = results["latency"]["one_long_conversation"]
    plots.latency_plot(
        results["latency"]["rolewise"]["samples_ms"],
        results["latency"]["bare_rasa"]["samples_ms"],
        out / "latency.png",
        TARGET_P95_MS,
        (long["rolewise"]["samples_ms"], long["bare_rasa"]["samples_ms"]),
    )
    plots.kb_scaling_plot(results["kb"]["scaling"], results["kb"]["real"], out / "kb_scaling.png")
    summary = summary_markdown(meta, results, quick)
    (out / "summary.md").write_text(summary)
    print()
    print(summary)


if __name__ == "__main__":
    raise SystemExit(main())
