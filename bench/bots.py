"""Talking to the bots over REST, a private KB for Rolewise (started by bench.setups), a bare ``rasa init``
bot, and ``rasa train`` from scratch. Everything listens on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import requests

from kb.build import build_database, checked_content
from kb.db import make_engine
from kb.usage import create_usage_tables
from tests.servers import RASA, ROOT, clean_env, free_port, stop, wait_until

TRAIN_TIMEOUT_S = 600


@dataclass
class Started:
    """A running bot: its REST URL, its server processes and how long it took to come up."""

    name: str
    url: str
    pids: dict[str, int]
    ready_s: float  # launch -> servers report ready (0.5 s polling, as tests.servers does)
    first_answer_s: float = 0.0  # launch -> first REST answer
    first_turn_ms: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class RestClient:
    """A keep-alive HTTP client for ``POST /webhooks/rest/webhook``."""

    def __init__(self, url: str) -> None:
        self.endpoint = f"{url}/webhooks/rest/webhook"
        self.http = requests.Session()

    def say(self, sender: str, message: str) -> tuple[Optional[list[dict]], float, Optional[str]]:
        """Replies (None on error), seconds taken, error text."""
        start = time.perf_counter()
        try:
            response = self.http.post(self.endpoint, json={"sender": sender, "message": message}, timeout=30)
            replies = response.json() if response.status_code == 200 else None
            error = None if response.status_code == 200 else f"HTTP {response.status_code}"
        except (requests.RequestException, ValueError) as exc:
            replies, error = None, f"{type(exc).__name__}: {exc}"
        return replies, time.perf_counter() - start, error

    def close(self) -> None:
        self.http.close()


def first_answer(bot: Started, launched: float) -> None:
    """Say hello until the bot answers; records the time to the first answer on ``bot``."""
    client = RestClient(bot.url)
    try:
        for _ in range(60):
            replies, seconds, _error = client.say("bench-cold-start", "hello")
            if replies:
                bot.first_answer_s = time.monotonic() - launched
                bot.first_turn_ms = seconds * 1000
                return
            time.sleep(0.5)
        raise RuntimeError(f"{bot.name} never answered a REST message")
    finally:
        client.close()


def private_kb(folder: Path) -> str:
    """A KB built from kb/data into ``folder``, so that a `make kb` run by someone else on this
    machine (which drops and recreates build/kb.sqlite3) cannot change answers mid-benchmark."""
    url = f"sqlite:///{folder / 'kb.sqlite3'}"
    engine = make_engine(url)
    build_database(engine, checked_content())
    create_usage_tables(engine)  # as `make kb` does, so the action server records usage as shipped
    engine.dispose()
    return url


def create_bare_bot(folder: Path, log: Path) -> float:
    """``rasa init --no-prompt`` (default pipeline, trains the moodbot); returns seconds taken."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    start = time.monotonic()
    with log.open("w") as out:
        subprocess.run(
            [str(RASA), "init", "--no-prompt", "--init-dir", str(folder)],
            cwd=folder,
            env=clean_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=TRAIN_TIMEOUT_S,
            check=True,
        )
    seconds = time.monotonic() - start
    if not bare_bot_ready(folder):
        raise RuntimeError(f"rasa init trained no model in {folder}; see {log}")
    return seconds


def bare_bot_ready(folder: Path) -> bool:
    return any((folder / "models").glob("*.tar.gz"))


@contextmanager
def bare_rasa(folder: Path, log: Path, extra_env: Optional[dict[str, str]] = None) -> Iterator[Started]:
    """``rasa run --enable-api`` on the ``rasa init`` bot, on 127.0.0.1 only (no action server: it has no
    custom actions; the API answers the readiness check). ``extra_env``: Rasa's settings from the
    environment (``SANIC_BACKLOG``, ...)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    launched = time.monotonic()
    command = [str(RASA), "run", "--enable-api", "-m", str(folder / "models"), "--interface", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=folder,
        env={**clean_env(), **(extra_env or {})},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: requests.get(f"{url}/status", timeout=2).json().get("model_file"), "bare Rasa", process, log)
        started = Started("bare_rasa", url, {"rasa": process.pid}, time.monotonic() - launched)
        first_answer(started, launched)
        yield started
    finally:
        stop(process)


def train_from_scratch(log: Path) -> dict[str, Any]:
    """``rasa train`` of the real project into a temporary folder, with an empty Rasa cache."""
    with tempfile.TemporaryDirectory(prefix="rolewise-bench-train-") as folder:
        out, cache = Path(folder) / "models", Path(folder) / "cache"
        env = {**clean_env(), "RASA_CACHE_DIRECTORY": str(cache)}
        command = [
            str(RASA), "train",
            "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
            "--out", str(out), "--fixed-model-name", "bench-train",
        ]  # fmt: skip
        start = time.monotonic()
        with log.open("w") as output:
            result = subprocess.run(
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, timeout=TRAIN_TIMEOUT_S,
            )  # fmt: skip
        seconds = time.monotonic() - start
        model = out / "bench-train.tar.gz"
        if result.returncode != 0 or not model.exists():
            raise RuntimeError(f"rasa train failed (exit {result.returncode}); see {log}")
        return {
            "seconds": round(seconds, 1),
            "command": " ".join(command[1:]),
            "cwd": str(ROOT),
            "rasa_cache": "empty temporary RASA_CACHE_DIRECTORY (nothing reused)",
            "model_mb": round(model.stat().st_size / 2**20, 2),
        }
