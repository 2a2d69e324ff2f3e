"""Restart to first answer: ``make run`` on a built clone, timed step by step.

    python -m bench.restart [--repeats 3] [--base-port 6200] [--out bench/results/restart.json]

``make bench`` runs it too (3 runs on free ports, after its servers have stopped), as the Startup row.

Starts ``make run`` (ports from ``--base-port``, default 6200-6202) in a process group of its own, as a
terminal would, and from that moment records when make printed each line, when each server first
accepted a TCP connection (action server, Rasa, demo page), and when Rasa's REST channel first answered
a real question. Then Ctrl-C (SIGINT to the group) and the time until make has exited. Each run
records the machine's load average (1 minute) before and after it: the machine is shared and the start
is CPU-bound, so a figure means little without it. Target (issue 23): first answer within 20 s.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Optional

import requests

from bench import proc
from tests.servers import ROOT, clean_env, free_port

RESULTS = Path(__file__).resolve().parent / "results" / "restart.json"
TARGET_S = 20.0
QUESTION = "who earns more, a buyer or a plant manager?"
EXPECTED = "The Plant Manager is typically paid more than a Buyer."
TIMEOUT_S = 300.0


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _answer(port: int) -> Optional[str]:
    try:
        reply = requests.post(
            f"http://127.0.0.1:{port}/webhooks/rest/webhook",
            json={"sender": f"bench-restart-{time.time_ns()}", "message": QUESTION},
            timeout=30,
        )
    except requests.RequestException:
        return None
    if reply.status_code != 200 or not reply.json():
        return None
    return str(reply.json()[0].get("text", ""))


def once(ports: dict[str, int]) -> dict[str, Any]:
    """One ``make run`` (``ports``: ACTIONS_PORT, RASA_PORT, WEB_PORT) to its first answer and its Ctrl-C;
    seconds from launch for each event."""
    env = {**clean_env(), **{k: str(v) for k, v in ports.items()}, "PYTHONUNBUFFERED": "1"}  # lines timed as printed
    load_before = proc.loadavg()
    launched = time.monotonic()
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert make.stdout is not None
        for line in make.stdout:
            lines.append((round(time.monotonic() - launched, 2), line.rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    listening: dict[str, float] = {}
    answer_s, answer = None, None
    try:
        while time.monotonic() - launched < TIMEOUT_S and make.poll() is None:
            for name, port in ports.items():
                if name not in listening and _accepts(port):
                    listening[name] = round(time.monotonic() - launched, 2)
            if "RASA_PORT" in listening:
                answer = _answer(ports["RASA_PORT"])
                if answer is not None:
                    answer_s = round(time.monotonic() - launched, 2)
                    break
            time.sleep(0.1)
    finally:
        stop_at = time.monotonic()
        try:
            os.killpg(make.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        try:
            make.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
        stopped_s = round(time.monotonic() - stop_at, 2)
        reader.join(timeout=5)
    return {
        "first_answer_s": answer_s,
        "answer_ok": bool(answer and answer.startswith(EXPECTED)),
        "listening_s": listening,
        "stop_s": stopped_s,
        "make_lines": lines,
        "loadavg_before": load_before,
        "loadavg_after": proc.loadavg(),
    }


def section(repeats: int, ports: Optional[dict[str, int]] = None) -> dict[str, Any]:
    """``repeats`` runs, one after the other (free ports unless ``ports`` are given), and their summary."""
    runs = []
    for _ in range(repeats):
        chosen = ports or {name: free_port() for name in ("ACTIONS_PORT", "RASA_PORT", "WEB_PORT")}
        runs.append(once(chosen))
    return {"method": __doc__.split("\n\n", 2)[2].strip(), "runs": runs, "summary": summary(runs)}


def summary_rows(restart: Optional[dict[str, Any]]) -> list[list[object]]:
    """The row for summary.md (none when the section was not run)."""
    if not restart or not restart.get("runs"):
        return []
    runs = restart["runs"]
    times = [r["first_answer_s"] for r in runs if r["first_answer_s"] is not None]
    each = ", ".join(f"{r['first_answer_s']} s at load {r['loadavg_before'][0]:.1f}" for r in runs)
    median = statistics.median(times) if times else None
    value = f"median {median:.1f} s of {len(runs)} ({each})" if median is not None else f"no answer ({each})"
    met = median is not None and len(times) == len(runs) and median <= TARGET_S
    return [["Startup", "`make run` on the built clone to its first answer (restart), s", value, f"<= {TARGET_S:.0f} s",
             met]]  # fmt: skip


def summary(runs: list[dict[str, Any]]) -> str:
    """One line: the median and every run's first answer with its load."""
    times = [r["first_answer_s"] for r in runs if r["first_answer_s"] is not None]
    each = ", ".join(f"{r['first_answer_s']} s (load {r['loadavg_before'][0]:.1f})" for r in runs)
    median = f"{statistics.median(times):.1f} s" if times else "none answered"
    met = bool(times) and len(times) == len(runs) and statistics.median(times) <= TARGET_S
    return f"restart to first answer, median {median} of {len(runs)} [{each}]; target <= {TARGET_S:.0f} s: {met}"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.restart", description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--base-port", type=int, default=6200)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    ports = {"ACTIONS_PORT": args.base_port, "RASA_PORT": args.base_port + 1, "WEB_PORT": args.base_port + 2}
    result = section(args.repeats, ports)
    for run in result["runs"]:
        print(
            f"first answer {run['first_answer_s']} s, listening {run['listening_s']}, stop {run['stop_s']} s, "
            f"load {run['loadavg_before'][0]:.2f} -> {run['loadavg_after'][0]:.2f}",
            flush=True,
        )
        for at, line in run["make_lines"]:
            print(f"  {at:6.2f}  {line[:160]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(result["summary"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
