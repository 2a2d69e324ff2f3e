"""The Rolewise configurations the benchmark measures, each started the way users start it.

- ``shipped``: ``make run``'s embedded default. ``endpoints.yml`` as shipped (its SQL tracker store on
  a SQLite file, the action endpoint with its settings), every channel of ``credentials.yml``,
  Rasa started through ``python -m runtime rasa``. As ``make run`` rewrites the action server's port,
  the benchmark rewrites the port and points the tracker store at a fresh file of its own.
- ``in_memory``: the same with an endpoints file holding only the action endpoint, so Rasa keeps
  conversations in memory (how the benchmark used to run; an extra row, not what anyone runs).
- ``cluster``: ``python -m runtime cluster`` (what ``make cluster`` runs): the production profile,
  PostgreSQL tracker store and Redis lock store, 2 Rasa and 2 action servers behind nginx.

With ``profile_dir`` the action server and Rasa run under ``bench.profiled`` (cProfile).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import requests
import yaml

from bench.bots import Started, first_answer
from runtime import settings
from runtime.__main__ import RASA, rasa_arguments
from tests.servers import MODEL, ROOT, clean_env, free_port, stop, wait_until

SHIPPED_ENDPOINTS = ROOT / "endpoints.yml"
SHIPPED_ACTIONS_URL = "http://127.0.0.1:5055/webhook"
SHIPPED_TRACKER_DB = "build/tracker.db"
CLUSTER_START_S = 300


def shipped_endpoints(template: str, actions_url: str, tracker_db: Path) -> str:
    """``endpoints.yml`` with the action server's URL and the tracker file replaced, nothing else.

    Raises:
        ValueError: the template no longer holds the URL or the tracker file this replaces.
    """
    for needle in (SHIPPED_ACTIONS_URL, f'db: "{SHIPPED_TRACKER_DB}"'):
        if needle not in template:
            raise ValueError(f"endpoints.yml no longer contains {needle!r}: update bench/setups.py")
    return template.replace(SHIPPED_ACTIONS_URL, actions_url).replace(SHIPPED_TRACKER_DB, str(tracker_db))


def in_memory_endpoints(template: str, actions_url: str) -> str:
    """Only the action endpoint of ``template`` (with its settings), at ``actions_url``."""
    action = dict(yaml.safe_load(template)["action_endpoint"])
    action["url"] = actions_url
    return yaml.safe_dump({"action_endpoint": action}, sort_keys=False)


def _under_profiler(out: Path, module: str, args: list[str]) -> list[str]:
    return [sys.executable, "-m", "bench.profiled", str(out), module, *args]


@contextmanager
def embedded(
    name: str,
    folder: Path,
    in_memory: bool,
    database_url: str,
    profile_dir: Optional[Path] = None,
) -> Iterator[Started]:
    """The action server and Rasa as ``make run`` starts them, on free ports, logs in ``folder``."""
    if not MODEL.exists():
        raise SystemExit(f"No trained model at {MODEL}: run `make train` first.")
    folder.mkdir(parents=True, exist_ok=True)
    actions_port, rasa_port = free_port(), free_port()
    actions_url = f"http://127.0.0.1:{actions_port}/webhook"
    template = SHIPPED_ENDPOINTS.read_text()
    endpoints = folder / "endpoints.yml"
    tracker_db = folder / "tracker.db"
    if in_memory:
        endpoints.write_text(in_memory_endpoints(template, actions_url))
    else:
        endpoints.write_text(shipped_endpoints(template, actions_url, tracker_db))
    # Rasa sends the action server this token, as make run does (actions/caller.py).
    env = {**clean_env(), "DATABASE_URL": database_url, "ROLEWISE_ACTIONS_TOKEN": secrets.token_hex(32)}
    actions_args = ["--port", str(actions_port)]
    if profile_dir:
        actions_cmd = _under_profiler(profile_dir / "actions.prof", "actions", actions_args)
        rasa_cmd = rasa_arguments(str(MODEL), str(endpoints), str(ROOT / "credentials.yml"), rasa_port, env)
        rasa_cmd = _under_profiler(profile_dir / "rasa.prof", RASA[-1], rasa_cmd[len(RASA) :])
        env["ROLEWISE_CORS_ORIGINS"] = " ".join(settings.cors_origins(env))  # as runtime.__main__ passes on
    else:
        actions_cmd = [sys.executable, "-m", "actions", *actions_args]
        rasa_cmd = [sys.executable, "-m", "runtime", "rasa", "--model", str(MODEL), "--port", str(rasa_port)]
        rasa_cmd += ["--endpoints", str(endpoints)]
    actions_log, rasa_log = folder / "actions.log", folder / "rasa.log"
    launched = time.monotonic()
    actions = subprocess.Popen(actions_cmd, cwd=ROOT, env=env, stdout=actions_log.open("w"), stderr=subprocess.STDOUT)
    rasa = subprocess.Popen(rasa_cmd, cwd=ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{rasa_port}"
        health = f"http://127.0.0.1:{actions_port}/health"
        wait_until(lambda: requests.get(health, timeout=2).ok, "action server", actions, actions_log)
        wait_until(lambda: requests.get(f"{url}/webhooks/rest/", timeout=2).ok, "Rasa", rasa, rasa_log)
        started = Started(name, url, {"rasa": rasa.pid, "actions": actions.pid}, time.monotonic() - launched)
        started.extra = {"endpoints": endpoints.read_text(), "tracker_db": None if in_memory else str(tracker_db)}
        first_answer(started, launched)
        yield started
    finally:
        stop(rasa, actions)


def signal_all(bot: Started, signum: int) -> None:
    """Send ``signum`` to every server process of ``bot`` (the profiler's switch)."""
    for pid in bot.pids.values():
        os.kill(pid, signum)


@contextmanager
def cluster(folder: Path) -> Iterator[dict[str, Any]]:
    """``python -m runtime cluster`` on free ports; yields its layout.json (public URL, Rasa URLs, pids)."""
    folder.mkdir(parents=True, exist_ok=True)
    port, web_port = free_port(), free_port()
    command = [sys.executable, "-m", "runtime", "cluster", "--port", str(port), "--web-port", str(web_port)]
    log = folder / "cluster.log"
    process = subprocess.Popen(
        [*command, "--state", str(folder)], cwd=ROOT, env=clean_env(), stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    layout_file = folder / "layout.json"
    deadline = time.monotonic() + CLUSTER_START_S
    try:
        while not layout_file.exists():
            if process.poll() is not None:
                raise RuntimeError(f"the cluster did not start:\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the cluster did not start in {CLUSTER_START_S} s; see {log}")
            time.sleep(1)
        yield json.loads(layout_file.read_text())
    finally:
        stop(process, seconds=90)  # SIGTERM: nginx, then Rasa (turns in flight finish), then the rest


def cluster_bots(layout: dict[str, Any]) -> list[Started]:
    """The cluster as two bots: one Rasa server reached directly, and both behind nginx.
    Both use both action servers (through the cluster's internal nginx)."""
    actions = {k: v for k, v in layout["pids"].items() if k.startswith("actions")}
    rasa = {k: v for k, v in layout["pids"].items() if k.startswith("rasa")}
    one = Started("production_1", layout["rasa"][0], {"rasa-1": rasa["rasa-1"], **actions}, 0.0)
    two = Started("production_2", layout["public"], {**rasa, **actions}, 0.0)
    return [one, two]
