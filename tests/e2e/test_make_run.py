"""`make run` brings up the action server, Rasa and the demo page; Ctrl-C stops all three."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time

import requests

from tests.servers import ROOT, clean_env, free_port

STARTUP_SECONDS = 180


def listening(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


def test_make_run_serves_everything_and_ctrl_c_stops_it() -> None:
    ports = {"ACTIONS_PORT": free_port(), "RASA_PORT": free_port(), "WEB_PORT": free_port()}
    env = {**clean_env(), **{k: str(v) for k, v in ports.items()}}
    urls = [
        f"http://127.0.0.1:{ports['ACTIONS_PORT']}/health",
        f"http://127.0.0.1:{ports['RASA_PORT']}/status",
        f"http://127.0.0.1:{ports['WEB_PORT']}/",
    ]
    pid, terminal = pty.fork()
    if pid == 0:  # the child runs `make run` on a terminal, as a person would
        os.chdir(ROOT)
        os.execvpe("make", ["make", "--no-print-directory", "run"], env)
    output = b""
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not all(listening(url) for url in urls):
            assert time.monotonic() < deadline, output.decode(errors="replace")[-2000:]
            if select.select([terminal], [], [], 1)[0]:
                output += os.read(terminal, 65536)
        answer = requests.post(
            f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
            json={"sender": "make-run", "message": "who earns more, a buyer or a plant manager?"},
            timeout=30,
        ).json()
        assert answer[0]["text"].startswith("The Plant Manager is typically paid more than a Buyer.")
        os.write(terminal, b"\x03")  # Ctrl-C
        deadline = time.monotonic() + 30
        while any(listening(url) for url in urls):
            assert time.monotonic() < deadline, "something is still serving after Ctrl-C"
            time.sleep(0.5)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) or os.WIFSIGNALED(status)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        leftovers = subprocess.run(["pgrep", "-f", f"--port {ports['WEB_PORT']}"], capture_output=True, text=True)
        for leftover in leftovers.stdout.split():
            os.kill(int(leftover), signal.SIGKILL)
