"""Stopping Rasa without dropping turns.

Sanic, which Rasa runs on, stops at SIGTERM or SIGINT by closing its listening socket and every
connection whose request it has not started yet: a turn a client has already sent, but that waits
behind others, is dropped (measured: 19 of 30 in-flight REST turns). Instead, Rasa here keeps
serving after the signal until no turn has been in progress for ``QUIET_SECONDS``, then stops as
Sanic would. Behind a load balancer, stop the balancer first (``runtime.cluster`` does) so that no
new turns arrive meanwhile.

The whole stop takes at most ``DRAIN_SECONDS`` (30 s) from the signal, however busy the server:
turns are taken for ``DRAIN_SECONDS - STOP_SECONDS``; then Sanic's own stop gets the rest, its
wait for unfinished requests (``GRACEFUL_SHUTDOWN_TIMEOUT``) set to fit; and should Rasa's shutdown
still run at ``DRAIN_SECONDS``, the process ends there (every thread's stack on stderr, exit status
1). ``runtime.rasa_cli`` ends the process once ``rasa run`` returns, skipping the interpreter's
teardown. Measured under endless traffic before: 48 s (30 s of draining, then Sanic's default 15 s
wait and 16 s of the interpreter freeing TensorFlow).
"""

from __future__ import annotations

import asyncio
import faulthandler
import logging
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sanic import Blueprint

logger = logging.getLogger(__name__)

QUIET_SECONDS = 0.5
DRAIN_SECONDS = 30.0  # from the signal to the end of the process, at most
STOP_SECONDS = 5.0  # of those, kept for Sanic's stop and Rasa's shutdown
SHUTDOWN_SECONDS = 2.0  # of those, kept for Rasa's shutdown after Sanic stops waiting for requests


class _Turns:
    in_progress = 0
    draining = False
    installed = False


@contextmanager
def turn() -> Iterator[None]:
    """Count a turn as in progress while the block runs."""
    _Turns.in_progress += 1
    try:
        yield
    finally:
        _Turns.in_progress -= 1


async def drain_then_stop(app: Any, quiet: float = QUIET_SECONDS, limit: float = DRAIN_SECONDS) -> None:
    """Wait until no turn has been in progress for ``quiet`` seconds, then stop ``app``; all within ``limit`` s."""
    if _Turns.draining:
        return
    _Turns.draining = True
    signalled = time.monotonic()
    _end_at(signalled + limit)
    # debug: make run's own line says it stopped; a drain that runs out of time is a warning (below)
    logger.debug("Stopping: finishing the turns in progress first (at most %.0f s).", limit)
    deadline, quiet_since = signalled + limit - STOP_SECONDS, None
    while time.monotonic() < deadline:
        if _Turns.in_progress:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            break
        await asyncio.sleep(0.05)
    left = signalled + limit - time.monotonic()
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = max(0.5, left - SHUTDOWN_SECONDS)
    if _Turns.in_progress:
        logger.warning("Stopping with %d turn(s) still in progress.", _Turns.in_progress)
    app.stop()


def _end_at(moment: float) -> None:
    """End the process at ``moment`` (``time.monotonic()``) if it is still running then.

    ``faulthandler``'s watchdog is a C thread that needs no Python lock, so it fires even when
    Python code is stuck; it writes every thread's stack to stderr (what held the stop up), then
    exits with status 1.
    """
    faulthandler.dump_traceback_later(max(0.1, moment - time.monotonic()), exit=True)


def install(blueprint: Blueprint) -> None:
    """Make SIGTERM and SIGINT drain before stopping, once the server has started (idempotent)."""

    @blueprint.listener("after_server_start")
    async def replace_stop_signals(app: Any, loop: asyncio.AbstractEventLoop) -> None:
        if _Turns.installed:
            return
        _Turns.installed = True
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signal_number, lambda: asyncio.ensure_future(drain_then_stop(app)))
