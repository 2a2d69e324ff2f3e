"""Starting the real bot (action server + Rasa) on free local ports, for end-to-end tests."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest
import redis
import requests

from runtime.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "rolewise.tar.gz"
RASA = Path(sys.executable).parent / "rasa"
STARTUP_SECONDS = 180


def wait_until(check, what: str, process: subprocess.Popen, log: Path) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early:\n{log.read_text()[-3000:]}")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not start in {STARTUP_SECONDS}s:\n{log.read_text()[-3000:]}")


def stop(*processes: subprocess.Popen, seconds: float = 20) -> None:  # type: ignore[type-arg]
    """Ask every process to end, then kill the ones still running after ``seconds``."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Bot:
    url: str
    actions_url: str
    log: Path
    actions: subprocess.Popen  # type: ignore[type-arg]
    rasa: subprocess.Popen  # type: ignore[type-arg]
    actions_token: str = ""  # what Rasa sends the action server (ROLEWISE_ACTIONS_TOKEN)

    def say(self, sender: str, message: str) -> list[dict]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
        )
        response.raise_for_status()
        return response.json()


def clean_env() -> dict[str, str]:
    """The environment of a fresh shell: no DATABASE_URL, no Slack or Rolewise settings, not inside make."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "WEB_PORT", "MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")
        and not k.startswith(("SLACK_", "ROLEWISE_"))
    }
    env.update(TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1")
    return env


@contextmanager
def running_bot(
    folder: Path,
    extra_env: Optional[dict[str, str]] = None,
    action_url: Optional[str] = None,
    endpoints_extra: str = "",
) -> Iterator[Bot]:
    """The action server and Rasa, started as `make run` starts them, on free ports; logs go to ``folder``.

    ``extra_env`` adds settings (``ROLEWISE_API``, ``WEB_PORT``, ...) to a fresh shell's environment.

    Rasa calls the action server with a new action token (``ROLEWISE_ACTIONS_TOKEN``), as ``make run`` does.

    ``action_url`` points Rasa at another action endpoint (a test proxy) instead of
    the action server started here; ``endpoints_extra`` is appended to endpoints.yml.
    """
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` (make test does this first).")
    actions_port, rasa_port = free_port(), free_port()
    folder.mkdir(parents=True, exist_ok=True)
    endpoints = folder / "endpoints.yml"
    url_for_actions = action_url or f"http://127.0.0.1:{actions_port}/webhook"
    endpoints.write_text(
        f'action_endpoint:\n  url: "{url_for_actions}"\n'
        '  headers:\n    Authorization: Bearer ${ROLEWISE_ACTIONS_TOKEN}\n'
        f"{endpoints_extra}"
    )
    env = {**clean_env(), "ROLEWISE_ACTIONS_TOKEN": secrets.token_hex(32), **(extra_env or {})}
    actions_log, rasa_log = folder / "actions.log", folder / "rasa.log"
    actions = subprocess.Popen(
        [sys.executable, "-m", "actions", "--port", str(actions_port)],
        cwd=ROOT,
        env=env,
        stdout=actions_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    rasa = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "runtime",
            "rasa",
            "--model",
            str(MODEL),
            "--port",
            str(rasa_port),
            "--endpoints",
            str(endpoints),
        ],
        cwd=ROOT,
        env=env,
        stdout=rasa_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        actions_url, url = f"http://127.0.0.1:{actions_port}", f"http://127.0.0.1:{rasa_port}"
        wait_until(lambda: requests.get(f"{actions_url}/health", timeout=2).ok, "action server", actions, actions_log)
        # Rasa loads the model before it starts listening, so an answering channel means a ready bot.
        wait_until(lambda: requests.get(f"{url}/webhooks/rest/", timeout=2).ok, "Rasa", rasa, rasa_log)
        yield Bot(url, actions_url, rasa_log, actions, rasa, env["ROLEWISE_ACTIONS_TOKEN"])
    finally:
        stop(rasa, actions)


def local_redis(db: int) -> redis.Redis:
    """A client for database ``db`` of the Redis on 127.0.0.1:6379; fails the test when none runs there."""
    client = redis.Redis(host="127.0.0.1", port=6379, db=db)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (see docs/scale-out.md).")
    return client
