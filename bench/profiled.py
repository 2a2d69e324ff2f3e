"""``python -m bench.profiled OUT.prof MODULE [ARGS...]``: run a module as ``__main__`` under cProfile.

The profiler counts process CPU time (``time.process_time``), not wall time, so other load on a
shared machine does not inflate it (and waiting on I/O does not show). It starts switched off.
SIGUSR1 switches it on with empty statistics; SIGUSR2 switches it off and writes the statistics to
``OUT.prof`` (``pstats`` format), so the benchmark profiles exactly its scripted turns and not the
start-up. Both servers it is used on (Rasa and the action server) run their request handling on
the main thread's event loop, which is the thread cProfile watches.
"""

from __future__ import annotations

import cProfile
import runpy
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Optional


class SignalledProfile:
    """A cProfile.Profile switched on by SIGUSR1 and dumped to ``out`` by SIGUSR2."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.profile = cProfile.Profile(time.process_time)

    def start(self, _signum: int = 0, _frame: Optional[FrameType] = None) -> None:
        """Fresh statistics from now on."""
        self.profile.disable()
        self.profile = cProfile.Profile(time.process_time)
        self.profile.enable()

    def dump(self, _signum: int = 0, _frame: Optional[FrameType] = None) -> None:
        """Stop profiling and write the statistics (to a temporary name first, so readers never see half a file)."""
        self.profile.disable()
        partial = self.out.with_suffix(".partial")
        self.profile.dump_stats(str(partial))
        partial.replace(self.out)

    def install(self) -> None:
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
