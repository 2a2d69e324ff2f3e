"""web/serve.py stops at SIGINT and SIGTERM, also when started as a shell's background job
(`make run`), which inherits SIGINT ignored."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
import requests

from runtime.ports import free_port
from tests.servers import ROOT


def ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_at_once_even_with_sigint_ignored_at_start(stop_signal: signal.Signals) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "web" / "serve.py"), "--port", str(port), "--quiet"],
        cwd=ROOT,
        preexec_fn=ignore_sigint,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline and server.poll() is None, server.stdout.read()  # type: ignore[union-attr]
            time.sleep(0.2)
        idle = requests.Session()
        idle.get(f"http://127.0.0.1:{port}/", timeout=5)  # a kept-alive connection, as a browser leaves
        server.send_signal(stop_signal)
        assert server.wait(timeout=3) == 0
    finally:
        if server.poll() is None:
            server.kill()
