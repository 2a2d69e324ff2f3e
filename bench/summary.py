"""summary.md: one table of every measured figure, labelled with the configuration it was measured on."""

from __future__ import annotations

from typing import Any

from bench.kbbench import FLAT_FACTOR
from bench.load import summary_rows as load_rows
from bench.restart import summary_rows as restart_rows
from bench.report import markdown_table, slash
from bench.throughput import level_check

TARGET_RATIO_P50 = 0.8
TARGET_RATIO_P95 = 1.0
TARGET_LONG_GROWTH = 1.5
LABELS = {
    "shipped": "Rolewise as shipped (`make run`: endpoints.yml, SQLite tracker store, all channels)",
    "production_1": "Rolewise production profile, 1 Rasa server (PostgreSQL + Redis, `make cluster`'s Rasa 1 direct)",
    "production_2": "Rolewise production profile, 2 Rasa servers (`make cluster` through nginx)",
    "in_memory": "extra: Rolewise with Rasa's in-memory tracker store (not shipped)",
    "bare_rasa": "bare Rasa (`rasa init` moodbot, in-memory)",
}
Row = list[object]


def _label(name: str) -> str:
    return LABELS.get(name, name)


def latency_rows(lat: dict[str, Any]) -> list[Row]:
    """p50/p95/p99 and server CPU per configuration, then the ratios to the bare bot."""
    rows: list[Row] = []
    for name, data in lat["bots"].items():
        ms = data["latency_ms"]
        cpu = data["server_cpu_ms_per_turn"]
        rows.append(
            ["Latency", f"{_label(name)}: p50 / p95 / p99 ms; server CPU ms per turn (n={ms['n']})",
             f"{slash([ms['p50'], ms['p95'], ms['p99']])}; {cpu:.1f}", None, None]
        )  # fmt: skip
    for name, data in lat["bots"].items():
        ratios = data.get("ratio_to_bare")
        if not ratios:
            continue
        target = f"p50 <= {TARGET_RATIO_P50}, p95 <= {TARGET_RATIO_P95}" if name == "shipped" else None
        met = ratios["p50"] <= TARGET_RATIO_P50 and ratios["p95"] <= TARGET_RATIO_P95 if name == "shipped" else None
        rows.append(
            ["Latency", f"ratio to bare Rasa, p50 / p95 / server CPU: {_label(name)}",
             slash([ratios["p50"], ratios["p95"], ratios["cpu"]], "{:.2f}"), target, met]
        )  # fmt: skip
    wrong = {n: d["turns"] - d["answered_as_expected"] for n, d in lat["bots"].items()}
    errors = {n: d["errors"] for n, d in lat["bots"].items()}
    rows.append(
        ["Latency", "errors; replies not naming the expected roles (per configuration)",
         "; ".join(f"{n} {errors[n]}, {wrong[n]}" for n in errors), "0 errors", not any(errors.values())]
    )  # fmt: skip
    return rows


def long_rows(long: dict[str, Any]) -> list[Row]:
    """First vs last turns of one long conversation per configuration."""
    rows: list[Row] = []
    for name, data in long.items():
        if not isinstance(data, dict) or "first_turns_p50_ms" not in data:
            continue
        shipped = name == "shipped"
        rows.append(
            ["Long conversation",
             f"{_label(name)}, {long['turns']} turns one sender: p50 of first / last {long['window']} turns ms; "
             "last/first; ms per extra turn; errors",
             f"{data['first_turns_p50_ms']:.0f} -> {data['last_turns_p50_ms']:.0f}; {data['last_over_first']:.2f}x; "
             f"{data['ms_per_extra_turn']:+.2f}; {data['errors']}",
             f"last/first <= {TARGET_LONG_GROWTH}" if shipped else None,
             data["last_over_first"] <= TARGET_LONG_GROWTH if shipped else None]
        )  # fmt: skip
    return rows


def throughput_rows(tp: dict[str, Any]) -> list[Row]:
    """One row per configuration and concurrency level."""
    rows: list[Row] = []
    for run in tp["runs"]:
        for level in run["levels"]:
            target, met = level_check(level)
            p50, p95 = level["latency_ms"].get("p50"), level["latency_ms"].get("p95")
            cpu = level.get("server_cpu_ms_per_turn")
            rows.append(
                ["Throughput",
                 f"{_label(run['config'])}, {level['concurrent_conversations']} concurrent conversations "
                 f"({level['turns']} turns): turns/s; p50 / p95 ms; server CPU ms/turn; errors; cross-talk",
                 f"{level['turns_per_s']:.1f}/s; {slash([p50, p95], '{:.0f}')}; "
                 f"{'-' if cpu is None else f'{cpu:.1f}'}; {level['errors']}; {level['cross_talk']}",
                 target, met]
            )  # fmt: skip
    return rows


def profile_rows(profile: dict[str, Any]) -> list[Row]:
    """The per-turn cost breakdown (CPU ms per turn under cProfile)."""
    rows: list[Row] = []
    for item in profile["items"]:
        rows.append(["Breakdown", f"{item['item']} (`{item['function']}`)", f"{item['ms_per_turn']:.2f}", None, None])
    return rows


def tracker_rows(store: dict[str, Any]) -> list[Row]:
    """Tracker store write/read cost and size per 1,000 turns."""
    rows: list[Row] = []
    for data in store.get("save_and_load", {}).values():
        rows.append(
            ["Tracker store", f"{data['label']}: save + load per turn, wall ms p50 / p95 ({data['turns']} turns)",
             slash([data["ms"]["p50"], data["ms"]["p95"]], "{:.2f}"), None, None]
        )  # fmt: skip
    size = store.get("size")
    if size:
        rows.append(
            ["Tracker store",
             f"size per 1,000 user turns (shipped SQLite file, {size['user_turns']} turns): events; event data MB; "
             "file MB",
             f"{size['events_per_1000_turns']:.0f}; {size['data_mb_per_1000_turns']:.2f}; "
             f"{size['file_mb_per_1000_turns']:.2f}", None, None]
        )  # fmt: skip
    return rows


def kb_rows(kb: dict[str, Any]) -> list[Row]:
    real = kb["real"]
    sizes = "/".join(str(p["roles"]) for p in kb["scaling"])
    return [
        ["KB", f"real KB ({real['counts']['roles']} roles, in-memory): resolve x2 + compare_on median / p99, µs",
         slash([real["query_us"]["p50"], real["query_us"]["p99"]], "{:.0f}"), None, None],
        ["KB", f"synthetic KBs ({sizes} roles, SQLite file): same query, median µs",
         slash([p["query_us"]["p50"] for p in kb["scaling"]], "{:.0f}"), f"flat (<= {FLAT_FACTOR}x)", kb["flat"]],
        ["KB", f"synthetic KBs ({sizes}): one misspelt role (fuzzy fallback over all aliases), median µs",
         slash([p["resolve_typo_us"]["p50"] for p in kb["scaling"]], "{:.0f}"), None, None],
        ["KB", "EXPLAIN QUERY PLAN full scans of tables that grow with the KB, exact resolve + compare_on SQL "
         "(real + synthetic KBs)",
         kb["exact_path_full_scans"], "0", kb["exact_path_full_scans"] == 0],
    ]  # fmt: skip


def startup_rows(st: dict[str, Any], check: dict[str, Any] | None) -> list[Row]:
    training = st.get("training")
    cold = st["cold_start"]
    memory = st["memory"]
    rows: list[Row] = [
        ["Startup", "`rasa train` from scratch (empty cache), s",
         f"{training['seconds']:.0f}" if training else "skipped (--quick)", None, None],
    ]  # fmt: skip
    if st.get("bare_init_s") is not None:
        rows.append(["Startup", "bare Rasa `rasa init` (creates + trains the moodbot), s", f"{st['bare_init_s']:.0f}",
                     None, None])  # fmt: skip
    rows.append(
        ["Startup", "cold start to first REST answer, s: " + " / ".join(cold),
         slash([c["first_answer_s"] for c in cold.values()]), None, None]
    )  # fmt: skip
    rows.append(
        ["Memory", "peak RSS (VmHWM) at the end, MB: " + " / ".join(memory),
         slash(list(memory.values()), "{:.0f}"), None, None]
    )  # fmt: skip
    if check:
        rows.append(
            ["Latency", f"Rasa's check of one custom-action reply (jsonschema {check['jsonschema']}), median / p99, "
             "ms: as Rolewise runs Rasa (runtime.rasa_cli)",
             slash([check["check_ms"]["p50"], check["check_ms"]["p99"]]), f"<= {check['target_ms_max']:.0f} ms",
             check["met"]]
        )  # fmt: skip
        if "rasa_as_shipped_ms" in check:
            rows.append(
                ["Latency", "the same check as Rasa ships it (jsonschema.validate), median / p99, ms",
                 slash([check["rasa_as_shipped_ms"]["p50"], check["rasa_as_shipped_ms"]["p99"]]), None, None]
            )  # fmt: skip
    return rows


def summary_markdown(meta: dict[str, Any], results: dict[str, Any], quick: bool) -> str:
    """The whole summary.md."""
    lat, tp = results["latency"], results["throughput"]
    rows = latency_rows(lat) + long_rows(lat["long_conversation"]) + throughput_rows(tp)
    rows += load_rows(results.get("load"), _label)
    rows += tracker_rows(results["tracker"]) + profile_rows(results["profile"])
    rows += kb_rows(results["kb"]) + startup_rows(results["startup"], lat.get("action_reply_check"))
    rows += restart_rows(results.get("restart"))
    load_lat, load_tp = lat["machine_load"], tp["machine_load"]
    profile = results["profile"]
    return "\n".join(
        [
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
            f"{load_tp['other_processes_cpu_cores']:.2f} during the throughput runs (from /proc/stat minus our "
            f"processes); load average at start {slash(meta['loadavg_start'], '{:.2f}')}, at end "
            f"{slash(meta['loadavg_end'], '{:.2f}')}. The configurations' turns are interleaved, so background load "
            "affects all alike; server CPU per turn depends on it less than wall time does.",
            "",
            f"Breakdown: {profile['turns']} turns of the shipped configuration under cProfile with a CPU clock "
            f"({profile['cpu_ms_per_turn_under_profiler']:.1f} ms of Rasa + action server CPU per turn under the "
            "profiler, which slows Python code several times): compare the items with each other, not with the "
            "latency rows. Items nest (an 'all of it' row holds the rows under it).",
            "",
            "Files: latency.json, throughput.json, load.json, tracker.json, profile.json, kb.json, startup.json, "
            "run.json; "
            "plots latency.png, kb_scaling.png.",
            "",
        ]
    )
