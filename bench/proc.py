"""What the machine and our processes are doing, read from /proc (psutil is not installed)."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ROOT = Path(__file__).resolve().parents[1]


def machine() -> dict[str, Any]:
    """The machine, the versions that matter and the commit, for run.json and the summary."""
    cpu = next(
        (line.split(":", 1)[1] for line in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line),
        platform.processor(),
    ).strip()
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
        "sqlite": sqlite3.sqlite_version,
        "git_commit": commit,
    }


def _stat_fields(pid: int) -> Optional[list[str]]:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces; everything after its ')' is split safely.
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue.extend(children(current))
    return pids


def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")[:-1]
    except OSError:
        return []


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak since start) in kB; empty once the process is gone."""
    result = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                result[key] = int(value.split()[0])
    except OSError:
        pass
    return result


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by ``pids`` (all threads)."""
    total = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent not idle since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / CLOCK_TICKS


def loadavg() -> list[float]:
    return [float(v) for v in Path("/proc/loadavg").read_text().split()[:3]]


class OtherLoad:
    """CPU used by processes other than ours during a window, in cores on average.

    Other people may run tests on this machine; a high value means noisier numbers.
    """

    def __init__(self, ours: list[int]) -> None:
        self.ours = ours

    def __enter__(self) -> OtherLoad:
        self.start = time.monotonic()
        self.busy0 = machine_busy_seconds()
        self.ours0 = cpu_seconds(self._pids())
        return self

    def _pids(self) -> list[int]:
        return sorted({p for pid in self.ours for p in tree(pid)})

    def __exit__(self, *_: object) -> None:
        elapsed = time.monotonic() - self.start
        busy = machine_busy_seconds() - self.busy0
        ours = cpu_seconds(self._pids()) - self.ours0
        self.seconds = elapsed
        self.our_cores = ours / elapsed if elapsed else 0.0
        self.other_cores = max(0.0, busy - ours) / elapsed if elapsed else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "window_s": round(self.seconds, 2),
            "our_cpu_cores": round(self.our_cores, 3),
            "other_processes_cpu_cores": round(self.other_cores, 3),
            "cores": os.cpu_count() or 0,
        }


class RssSampler:
    """Samples VmRSS of named process trees in a thread; reports the max seen and VmHWM at the end."""

    def __init__(self, roots: dict[str, int], every: float = 0.2) -> None:
        self.roots = roots
        self.every = every
        self.max_rss_kb = dict.fromkeys(roots, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self, root: int) -> int:
        return sum(memory_kb(pid).get("VmRSS", 0) for pid in tree(root))

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, root in self.roots.items():
                self.max_rss_kb[name] = max(self.max_rss_kb[name], self._tree_rss(root))
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def report(self) -> dict[str, dict[str, float]]:
        result = {}
        for name, root in self.roots.items():
            pids = tree(root)
            result[name] = {
                "pid": root,
                "processes": len(pids),
                "peak_rss_mb_vmhwm": round(sum(memory_kb(p).get("VmHWM", 0) for p in pids) / 1024, 1),
                "max_sampled_rss_mb": round(self.max_rss_kb[name] / 1024, 1),
            }
        return result
