"""bench/profiled.py: every thread's time between SIGUSR1 and SIGUSR2, written as one pstats file."""

from __future__ import annotations

import pstats
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest

from bench.profiled import SignalledProfile


def busy_before_start() -> None:
    _spin(0.02)


def busy_in_a_worker() -> None:
    _spin(0.05)


def busy_in_the_main_thread() -> None:
    _spin(0.03)


def _spin(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


@pytest.fixture()
def profiler(tmp_path: Path) -> Iterator[SignalledProfile]:
    profile = SignalledProfile(tmp_path / "out.prof")
    threading.setprofile(profile._in_new_thread)
    try:
        yield profile
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
        profile.profile.disable()


def cumulative(stats: pstats.Stats, function: str) -> float:
    return sum(v[3] for (_f, _l, name), v in stats.stats.items() if name == function)  # type: ignore[attr-defined]


def test_worker_threads_are_profiled_from_the_start_signal(profiler: SignalledProfile, tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(busy_before_start).result()  # the worker exists before the start, as in a warm server
        profiler.start()
        pool.submit(busy_in_a_worker).result()
        busy_in_the_main_thread()
        profiler.dump()
    stats = pstats.Stats(str(tmp_path / "out.prof"))
    assert cumulative(stats, "busy_before_start") == 0.0
    assert cumulative(stats, "busy_in_a_worker") == pytest.approx(0.05, abs=0.01)
    assert cumulative(stats, "busy_in_the_main_thread") == pytest.approx(0.03, abs=0.01)
