"""``python -m runtime cluster``: Rolewise at scale on one machine, on Rasa's own engine.

    browser, Slack, REST ──> nginx :PORT ──┬─ /socket.io/ (ip_hash) ─┬─> Rasa 1 ─┐
                                           └─ the rest (round robin) ┴─> Rasa 2 ─┤
    Rasa ──> nginx :internal ── round robin ──> action server 1, action server 2  │
    Rasa: tracker store PostgreSQL (database rolewise_tracker), lock store Redis <┘
    action servers: the KB on PostgreSQL (database rolewise_kb)
    web/serve.py :WEB_PORT: the demo page, talking to nginx

Every server listens on 127.0.0.1 except the public nginx (``ROLEWISE_HOST``). The layout (URLs and
process ids) is written to ``build/cluster/layout.json``. SIGINT (Ctrl-C) or SIGTERM stops the public
nginx first (gracefully: it stops accepting and waits for the replies of the turns it passed on), then
the Rasa servers (which finish the turns in flight through the internal nginx), then the internal
nginx, the action servers and the page. Every server runs in its own session, so a Ctrl-C reaches
only the launcher, which keeps that order.

Each Rasa server is one Sanic worker (``SANIC_WORKERS`` unset): the widget's socket.io starts with
long polling, whose requests must all reach the process holding the socket, and Sanic's workers
share one listening socket (Rasa's docs: the socket.io channel does not support several workers).
More cores: more servers (``SERVERS``), each its own process behind nginx. A REST/Slack-only
deployment may set ``SANIC_WORKERS``; Rasa honours it here, as the lock store is Redis.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import requests
from runtime import settings
from runtime.nginx import TEMP_KINDS, actions_conf, public_conf
from runtime.ports import free_port
from runtime.postgres import ensure_databases

STATE = settings.BUILD / "cluster"
MODEL = settings.ROOT / "models" / "rolewise.tar.gz"
NGINX = "/usr/sbin/nginx"
STARTUP_SECONDS = 240
SERVERS = 2


@dataclass
class Layout:
    """Where everything listens, and the process ids, as written to ``layout.json``."""

    public: str
    web: str
    rasa: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    pids: dict[str, int] = field(default_factory=dict)


def server_env(env: Mapping[str, str], pg: settings.Postgres, actions_url: str) -> dict[str, str]:
    """The environment of every server: the KB and trackers on PostgreSQL, locks and Slack claims in Redis."""
    kb_database, tracker_database = settings.databases(env)
    redis_url = settings.redis_url(env) or settings.DEFAULT_REDIS_URL
    redis_host, redis_port, redis_db = settings.redis_parts(redis_url)
    return {
        **env,
        "DATABASE_URL": pg.url(kb_database),
        "ROLEWISE_ACTIONS_URL": actions_url,
        "ROLEWISE_PG_HOST": pg.host,
        "ROLEWISE_PG_PORT": str(pg.port),
        "ROLEWISE_PG_USER": pg.user,
        "ROLEWISE_PG_PASSWORD": pg.password,
        "ROLEWISE_TRACKER_DB": tracker_database,
        "ROLEWISE_REDIS_URL": redis_url,
        "ROLEWISE_REDIS_HOST": redis_host,
        "ROLEWISE_REDIS_PORT": str(redis_port),
        "ROLEWISE_REDIS_DB": str(redis_db),
    }


def _wait(ready: Callable[[], bool], what: str, process: subprocess.Popen, log: Path) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early; see {log}:\n{log.read_text()[-2000:]}")
        try:
            if ready():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not start in {STARTUP_SECONDS} s; see {log}")


def _answers(url: str) -> Callable[[], bool]:
    return lambda: requests.get(url, timeout=2).ok


class Cluster:
    """The processes above, started in dependency order and stopped in reverse."""

    def __init__(self, port: int, web_port: int, state: Path = STATE, env: Mapping[str, str] = os.environ) -> None:
        self.port, self.web_port, self.state, self.env = port, web_port, state, dict(env)
        self.processes: list[tuple[str, subprocess.Popen]] = []  # type: ignore[type-arg]

    def _start(self, name: str, command: list[str], env: Mapping[str, str]) -> tuple[subprocess.Popen, Path]:  # type: ignore[type-arg]
        log = self.state / f"{name}.log"
        # Its own session: Ctrl-C in a terminal signals the whole foreground process group at once
        # (nginx would stop fast, dropping replies, and the action servers under turns in flight);
        # only this launcher gets it, and stops the servers one group at a time (``stop``).
        process = subprocess.Popen(
            command,
            cwd=settings.ROOT,
            env=dict(env),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        return process, log

    def _nginx(self, name: str, conf: str, port: int, health: str, env: Mapping[str, str]) -> None:
        path = self.state / f"{name}.conf"
        path.write_text(conf)
        process, log = self._start(name, [NGINX, "-c", str(path), "-p", str(self.state)], env)
        _wait(_answers(f"http://127.0.0.1:{port}{health}"), name, process, log)

    def start(self) -> Layout:
        """Start everything and wait until it answers; raises RuntimeError naming what did not start."""
        self.state.mkdir(parents=True, exist_ok=True)
        for kind in TEMP_KINDS:
            (self.state / f"{kind}_temp").mkdir(exist_ok=True)
        pg = settings.postgres(self.env)
        ensure_databases(pg, settings.databases(self.env))
        actions_port = free_port()
        env = server_env({**self.env, "WEB_PORT": str(self.web_port)}, pg, f"http://127.0.0.1:{actions_port}/webhook")
        subprocess.run([sys.executable, "-m", "kb", "build"], cwd=settings.ROOT, env=env, check=True)
        host = settings.host(self.env)
        public = f"http://{'localhost' if host == settings.LOCALHOST else host}:{self.port}"
        layout = Layout(public=public, web=f"http://localhost:{self.web_port}/")

        action_ports = [free_port() for _ in range(SERVERS)]
        for number, port in enumerate(action_ports, 1):
            process, log = self._start(f"actions-{number}", [sys.executable, "-m", "actions", "--port", str(port)], env)
            _wait(_answers(f"http://127.0.0.1:{port}/health"), f"action server {number}", process, log)
            layout.actions.append(f"http://127.0.0.1:{port}")
            layout.pids[f"actions-{number}"] = process.pid
        self._nginx("nginx-actions", actions_conf(actions_port, action_ports, self.state), actions_port, "/health", env)
        layout.pids["nginx-actions"] = self.processes[-1][1].pid
        rasa_ports = [free_port() for _ in range(SERVERS)]
        for number, port in enumerate(rasa_ports, 1):
            command = [sys.executable, "-m", "runtime", "rasa", "--model", str(MODEL), "--port", str(port)]
            command += ["--endpoints", str(settings.ROOT / "endpoints.production.yml")]
            process, log = self._start(f"rasa-{number}", command, {**env, "ROLEWISE_HOST": settings.LOCALHOST})
            layout.rasa.append(f"http://127.0.0.1:{port}")
            layout.pids[f"rasa-{number}"] = process.pid
        for number, (url, (name, process)) in enumerate(zip(layout.rasa, self.processes[-SERVERS:], strict=True), 1):
            _wait(_answers(f"{url}/webhooks/rest/"), f"Rasa server {number}", process, self.state / f"{name}.log")

        public_nginx = public_conf(host, self.port, rasa_ports, self.state)
        self._nginx("nginx-public", public_nginx, self.port, "/webhooks/rest/", env)
        layout.pids["nginx-public"] = self.processes[-1][1].pid
        web = [sys.executable, "web/serve.py", "--port", str(self.web_port), "--bot-url", public, "--quiet"]
        process, log = self._start("web", web, env)
        _wait(_answers(f"http://127.0.0.1:{self.web_port}/"), "demo page", process, log)
        layout.pids["web"] = process.pid
        (self.state / "layout.json").write_text(json.dumps(asdict(layout), indent=2))
        return layout

    def stop(self, seconds: float = 30) -> None:
        """The public nginx first (no new turns), then Rasa (turns in flight finish), then the rest."""
        order = ["nginx-public", "rasa", "nginx-actions", "actions", "web"]
        for group in order:
            members = [p for name, p in self.processes if name.startswith(group) and p.poll() is None]
            for process in members:
                process.send_signal(signal.SIGQUIT if group.startswith("nginx") else signal.SIGTERM)
            for process in members:
                try:
                    process.wait(timeout=seconds)
                except subprocess.TimeoutExpired:
                    process.kill()


def main(port: int, web_port: int, state: Path = STATE) -> int:
    """Run the cluster until SIGINT or SIGTERM; 0 after a clean stop, 1 if it could not start."""
    cluster = Cluster(port, web_port, state)
    stopping = False

    def request_stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        layout = cluster.start()
    except (RuntimeError, subprocess.CalledProcessError, OSError) as problem:  # OSError: nginx not installed
        print(f"Cluster not started: {problem}", file=sys.stderr)
        cluster.stop(seconds=10)  # the servers already started go too
        return 1
    except BaseException:
        cluster.stop(seconds=10)
        raise
    print(
        f"Rolewise cluster: REST and socket.io on {layout.public} (nginx), {SERVERS} Rasa servers, "
        f"{SERVERS} action servers; demo page {layout.web} - Ctrl-C stops all. Layout: {state / 'layout.json'}",
        flush=True,
    )
    while not stopping:
        time.sleep(0.5)
    cluster.stop()
    return 0
