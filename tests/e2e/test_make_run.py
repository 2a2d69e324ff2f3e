"""`make run` brings up the action server, Rasa and the demo page on 127.0.0.1; Ctrl-C stops all three.

The ports are free ones, not the defaults; a browser opens the printed URL and its widget connects
to Rasa's port (the page learned it from web/serve.py), and stays connected while Ctrl-C comes.
On a built clone the log says where to chat and nothing a user has no use for (no dependency
deprecations, however many browser sockets close), and Ctrl-C prints one line saying what stopped.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import time

import requests
from playwright.sync_api import expect, sync_playwright

from tests.servers import ROOT, clean_env, free_port
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS

STARTUP_SECONDS = 180
STOP_SECONDS = 10  # Ctrl-C to make's exit, with every process gone
STOPPED = "Stopped the action server, Rasa and the demo page."
# Every line a normal `make run` on a built clone prints (after the Ctrl-C, the one line above).
QUIET_LOG = [
    re.compile(r"Action server :\d+, Rasa :\d+, demo page http://localhost:\d+/ - Ctrl-C stops all\."),
    re.compile(r"Knowledge base: sqlite:///.*/build/kb\.sqlite3"),
    re.compile(r"Serving the Rolewise demo page on http://127\.0\.0\.1:\d+/"),
    re.compile(r".* INFO +channels\.slack +- Slack channel off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not "
               r"set\."),
    re.compile(r".* INFO +root +- Starting Rasa server on http://127\.0\.0\.1:\d+"),
    re.compile(r".* INFO +rasa\.core\.processor +- Loading model models/rolewise\.tar\.gz\.\.\."),
    re.compile(r"Ready: chat at http://localhost:\d+/ or POST http://127\.0\.0\.1:\d+/webhooks/rest/webhook"),
]
COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def read_available(terminal: int, wait: float) -> bytes:
    """What the terminal has to read within ``wait`` seconds (nothing once it has closed)."""
    read = b""
    try:
        while select.select([terminal], [], [], wait)[0]:
            read += os.read(terminal, 65536)
            wait = 0.1
    except OSError:  # EIO: make has exited and the terminal is closed
        pass
    return read


def unexpected_lines(log: str) -> list[str]:
    """The lines of a `make run` log before Ctrl-C that are none of ``QUIET_LOG``."""
    lines = [COLOURS.sub("", line).strip() for line in log.split("^C")[0].splitlines()]
    return [line for line in lines if line and not any(p.fullmatch(line) for p in QUIET_LOG)]


def listening(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


def processes_on(port: int) -> list[str]:
    """Command lines of the processes started with ``--port PORT``."""
    found = subprocess.run(["pgrep", "-af", "--", f"--port {port}( |$)"], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]


def test_make_run_serves_everything_on_localhost_and_ctrl_c_stops_it() -> None:
    ports = {"ACTIONS_PORT": free_port(), "RASA_PORT": free_port(), "WEB_PORT": free_port()}
    env = {**clean_env(), **{k: str(v) for k, v in ports.items()}}
    urls = [
        f"http://127.0.0.1:{ports['ACTIONS_PORT']}/health",
        f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/",
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
        page_url = f"http://localhost:{ports['WEB_PORT']}/"
        ready = f"Ready: chat at {page_url} or POST http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
        while ready not in output.decode(errors="replace"):  # printed once Rasa answers (within a second)
            assert time.monotonic() < deadline, output.decode(errors="replace")[-2000:]
            if select.select([terminal], [], [], 1)[0]:
                output += os.read(terminal, 65536)
        assert f"demo page {page_url} - Ctrl-C stops all." in output.decode()
        page = requests.get(page_url, timeout=10).text
        assert f'<meta name="rolewise-bot" content="http://localhost:{ports["RASA_PORT"]}">' in page
        answer = requests.post(
            f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
            json={"sender": "make-run", "message": "who earns more, a buyer or a plant manager?"},
            timeout=30,
        ).json()
        assert answer[0]["text"].startswith("The Plant Manager is typically paid more than a Buyer.")
        assert requests.get(f"http://127.0.0.1:{ports['RASA_PORT']}/status", timeout=10).status_code == 404

        with sync_playwright() as playwright:  # a browser on the printed URL, connected while Ctrl-C comes
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                widget = browser.new_page()
                widget.goto(page_url)
                widget.locator(".rw-launcher").wait_for(state="visible", timeout=90_000)  # its socket is connected
                assert widget.locator("#rolewise-offline:visible").count() == 0
                for _ in range(2):  # sockets that close (Sanic warned of a deprecation on each)
                    other = browser.new_page()
                    other.goto(page_url)
                    other.locator(".rw-launcher").wait_for(state="visible", timeout=90_000)
                    other.close()
                output += read_available(terminal, 1)
                os.write(terminal, b"\x03")  # Ctrl-C
                stopped_at = time.monotonic()
                reaped, status = os.waitpid(pid, os.WNOHANG)
                while not reaped:
                    assert time.monotonic() - stopped_at < STOP_SECONDS, f"make still running: {output[-2000:]!r}"
                    output += read_available(terminal, 0.2)
                    reaped, status = os.waitpid(pid, os.WNOHANG)
                output += read_available(terminal, 0.5)
                left = [line for port in ports.values() for line in processes_on(port)]
                assert left == [], f"still running after make ended: {left}"
                # The page says the bot is gone instead of going quiet.
                expect(widget.locator("#rolewise-offline")).to_be_visible(timeout=20_000)
            finally:
                browser.close()
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT, f"make ended with status {status}"
        assert not any(listening(url) for url in urls)
        log = output.decode(errors="replace").replace("\r\n", "\n")
        assert unexpected_lines(log) == []
        assert [line.strip() for line in log.split("^C", 1)[1].splitlines() if line.strip()] == [STOPPED]
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for port in ports.values():
            for line in processes_on(port):
                os.kill(int(line.split()[0]), signal.SIGKILL)


def test_make_run_refuses_an_open_http_api() -> None:
    env = {**clean_env(), "ROLEWISE_API": "1", "WEB_PORT": str(free_port())}
    result = subprocess.run(
        ["make", "--no-print-directory", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 2
    assert "Not started: ROLEWISE_API=1 turns on Rasa's HTTP API" in result.stderr
    assert "Action server :" not in result.stdout  # nothing was started


def test_a_built_clone_rebuilds_nothing_and_content_changes_rebuild_only_the_kb() -> None:
    model = ROOT / "models" / "rolewise.tar.gz"
    make = ["make", "--no-print-directory", "train", "web"]
    subprocess.run(make, cwd=ROOT, env=clean_env(), capture_output=True, timeout=1800, check=True)  # built
    trained = model.stat().st_mtime_ns
    again = subprocess.run(make, cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=600, check=True)
    # no KB build, lookup generation, training or npm install
    assert again.stdout == "make: Nothing to be done for 'web'.\n"
    content = ROOT / "kb" / "data" / "dimensions.yml"
    for saved in (content, ROOT / "config.yml", ROOT / "web" / "package-lock.json"):
        saved.touch()  # saved without a change (or rewritten by a checkout): the fingerprints are the same
    touched = subprocess.run(make, cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=600, check=True)
    assert touched.stdout == "make: Nothing to be done for 'web'.\n"
    original = content.read_text()
    try:
        content.write_text(original + "# a comment: new content, the same KB\n")
        changed = subprocess.run(
            make, cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=600, check=True
        )
    finally:
        content.write_text(original)
        subprocess.run(make, cwd=ROOT, env=clean_env(), capture_output=True, timeout=1800, check=True)
    ran = [line for line in changed.stdout.splitlines() if line.startswith(".venv/bin/")]
    assert ran == [".venv/bin/python -m kb build", ".venv/bin/python -m nlu.generate"]
    assert "Unchanged: data/generated/job_roles.yml" in changed.stdout
    assert model.stat().st_mtime_ns == trained  # same role patterns and lookup: no retraining
