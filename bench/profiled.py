"""``python -m bench.profiled OUT.prof MODULE [ARGS...]``: run a module as ``__main__`` under cProfile.

Every thread is profiled, each on its own CPU clock (``time.thread_time``), so other load on a
shared machine does not inflate it (and waiting on I/O does not show): the main thread's event
loop, and the worker threads the action server answers on (``asyncio.to_thread``). Statistics
start empty and switched off for the main thread. SIGUSR1 switches it on and empties every thread's
statistics; SIGUSR2 switches the main thread's off and writes all threads' statistics, merged, to
``OUT.prof`` (``pstats`` format), so the benchmark profiles exactly its scripted turns and not the
start-up.
"""

from __future__ import annotations

import cProfile
import pstats
import runpy
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any, Optional


class _Snapshot:
    """A running thread's statistics as ``pstats`` reads them, without switching that profiler off."""

    def __init__(self, profile: cProfile.Profile) -> None:
        profile.snapshot_stats()  # type: ignore[attr-defined]
        self.stats = profile.stats  # type: ignore[attr-defined]

    def create_stats(self) -> None:
        """Already made (``pstats.Stats`` calls this)."""


class SignalledProfile:
    """A cProfile.Profile per thread; SIGUSR1 starts afresh, SIGUSR2 writes them all to ``out``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.profile = cProfile.Profile(time.thread_time)
        self.threads: list[cProfile.Profile] = []
        self._lock = threading.Lock()

    def _in_new_thread(self, _frame: FrameType, _event: str, _arg: Any) -> None:
        """``threading.setprofile`` hook: the first event of a new thread gives it a profiler of its own."""
        profile = cProfile.Profile(time.thread_time)
        with self._lock:
            self.threads.append(profile)
        profile.enable()

    def start(self, _signum: int = 0, _frame: Optional[FrameType] = None) -> None:
        """Fresh statistics from now on, in every thread."""
        self.profile.disable()
        self.profile = cProfile.Profile(time.thread_time)
        with self._lock:
            for profile in self.threads:
                profile.clear()  # type: ignore[attr-defined]
        self.profile.enable()

    def dump(self, _signum: int = 0, _frame: Optional[FrameType] = None) -> None:
        """Stop the main thread's profiler and write every thread's statistics (to a temporary name
        first, so readers never see half a file)."""
        self.profile.disable()
        stats = pstats.Stats(self.profile)
        with self._lock:
            for profile in self.threads:
                stats.add(_Snapshot(profile))
        partial = self.out.with_suffix(".partial")
        stats.dump_stats(str(partial))
        partial.replace(self.out)

    def install(self) -> None:
        threading.setprofile(self._in_new_thread)
        signal.signal(signal.SIGUSR1, self.start)
        signal.signal(signal.SIGUSR2, self.dump)


def main(argv: list[str]) -> None:
    """Install the signal handlers, then run ``argv[1]`` as ``python -m`` would with ``argv[2:]``."""
    if len(argv) < 2:
        raise SystemExit("usage: python -m bench.profiled OUT.prof MODULE [ARGS...]")
    SignalledProfile(Path(argv[0])).install()
    sys.argv = [argv[1], *argv[2:]]
    runpy.run_module(argv[1], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
