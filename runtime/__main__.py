"""``python -m runtime``: check the run-time settings, or start Rasa with them.

    python -m runtime check                       # exit 2 with a clear message if a setting is unusable
    python -m runtime rasa --model M --endpoints E --port 5005 [--credentials C]
    python -m runtime ready --rasa-port 5005      # one line saying where to chat, once Rasa answers
    python -m runtime services                    # the production profile's PostgreSQL role and databases
    python -m runtime cluster --port 5005 --web-port 8080   # 2 Rasa + 2 action servers behind nginx

``rasa`` replaces itself with ``rasa run`` (through ``runtime.rasa_cli``), listening on
``ROLEWISE_HOST``, allowing only the ``ROLEWISE_CORS_ORIGINS``, and with the HTTP API only when
``ROLEWISE_API=1`` and a token or JWT secret is set (see ``runtime.settings``). Secrets reach Rasa
through its environment, never its command line.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.request
from pathlib import Path
from typing import Mapping, Sequence

from runtime import ports as ports_module
from runtime import settings

# The cluster, PostgreSQL and admission modules (Sanic, SQLAlchemy) are imported by the commands that
# use them: `make run` calls `check` and `ready` before its servers start, and these stay light.

# Rasa's own command line, started through runtime.rasa_cli (why: that module).
RASA = [sys.executable, "-m", "runtime.rasa_cli"]


def rasa_arguments(
    model: str, endpoints: str, credentials: str, port: int, env: Mapping[str, str] = os.environ
) -> list[str]:
    """The ``rasa run`` command line these settings call for.

    Raises:
        settings.SettingsError: a setting is unusable (the API without a token, ``*`` as an origin, ...).
    """
    command = [*RASA, "run", "-m", model, "--endpoints", endpoints, "--credentials", credentials]
    command += ["--interface", settings.host(env), "--port", str(port)]
    command += ["--cors", *settings.cors_origins(env)]
    api = settings.api(env)
    if api.enabled:
        # The token and the JWT secret are not written here: runtime.rasa_cli reads them from the
        # environment, so they never show in a process list.
        command.append("--enable-api")
        if api.jwt_secret:
            command += ["--jwt-method", "HS256"]
    return command


def check(env: Mapping[str, str] = os.environ, ports: Sequence[str] = ()) -> None:
    """Read every setting once, so a bad one stops ``make run`` before anything starts.

    ``ports`` are ``NAME=PORT`` pairs (``ACTIONS_PORT=5055``) that must be free on the interface
    their server listens on.

    Raises:
        settings.SettingsError: as above, or an interface that is not this machine's, or a port in use.
    """
    settings.api(env)
    settings.cors_origins(env)
    settings.session_secret(env)
    for pair in ports:
        name, _, port = pair.partition("=")
        if not port.isdigit():
            raise settings.SettingsError(f"{name} must be a port number, not {port!r}.")
        host_variable = "ROLEWISE_ACTIONS_HOST" if name == "ACTIONS_PORT" else "ROLEWISE_HOST"
        host = settings.actions_host(env) if name == "ACTIONS_PORT" else settings.host(env)
        problem = ports_module.bind_problem(host, int(port))
        if problem == "address":
            raise settings.SettingsError(f"{host_variable}={host!r} is not an address of this machine.")
        if problem == "in use":
            raise settings.SettingsError(
                f"{name}={port} is in use on {host}: stop what listens there or choose another port, "
                f"e.g. make run {name}={int(port) + 100}."
            )
    settings.public_url(env)


def wait_ready(rasa_port: int, web_port: int, timeout_s: float, env: Mapping[str, str] = os.environ) -> int:
    """Print where to chat once Rasa's REST channel answers on ``rasa_port`` (0); 1 if it does not within
    ``timeout_s`` seconds (Rasa's own log says why)."""
    host = settings.host(env)
    url = f"http://{settings.LOCALHOST if host in ('0.0.0.0', '::') else host}:{rasa_port}/webhooks/rest/"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                print(f"Ready: chat at http://localhost:{web_port}/ or POST {url}webhook", flush=True)
                return 0
        except OSError:
            time.sleep(0.2)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runtime", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="check the settings in the environment")
    check_command.add_argument("--ports", nargs="*", default=[], help="NAME=PORT pairs that must be free")
    rasa = commands.add_parser("rasa", help="start `rasa run` with the settings in the environment")
    rasa.add_argument("--model", required=True)
    rasa.add_argument("--endpoints", required=True)
    rasa.add_argument("--credentials", default=str(settings.ROOT / "credentials.yml"))
    rasa.add_argument("--port", type=int, default=5005)
    ready = commands.add_parser("ready", help="print where to chat once Rasa answers (make run)")
    ready.add_argument("--rasa-port", type=int, required=True)
    ready.add_argument("--web-port", type=int, default=8080)
    ready.add_argument("--timeout", type=float, default=900, help="seconds to wait for Rasa")
    commands.add_parser("services", help="create the production profile's PostgreSQL role and databases")
    cluster = commands.add_parser("cluster", help="run 2 Rasa and 2 action servers behind nginx until Ctrl-C")
    cluster.add_argument("--port", type=int, default=5005, help="nginx's public port")
    cluster.add_argument("--web-port", type=int, default=8080, help="the demo page's port")
    cluster.add_argument(
        "--state", type=Path, default=settings.BUILD / "cluster", help="logs, nginx.conf, layout.json (build/cluster)"
    )
    args = parser.parse_args(argv)
    try:
        check(ports=args.ports if args.command == "check" else ())
        if args.command == "check":
            return 0
        if args.command == "ready":
            return wait_ready(args.rasa_port, args.web_port, args.timeout)
        if args.command == "services":
            from runtime import postgres

            pg = settings.postgres()
            postgres.ensure_role(pg)
            postgres.ensure_databases(pg, settings.databases())
            print(f"PostgreSQL at {pg.host}:{pg.port}: role {pg.user!r}, databases ready.")
            return 0
        if args.command == "cluster":
            from runtime.cluster import main as cluster_main

            return cluster_main(args.port, args.web_port, args.state)
        command = rasa_arguments(args.model, args.endpoints, args.credentials, args.port)
    except (settings.SettingsError, RuntimeError) as problem:
        print(f"Not started: {problem}", file=sys.stderr)
        return 2
    # The channels read the same origins; pass the ones decided here on to them.
    env = {**os.environ, "ROLEWISE_CORS_ORIGINS": " ".join(settings.cors_origins())}
    # Rasa's listen backlog (Rasa's default is 100): large enough that the kernel never drops a connection
    # at hundreds of concurrent clients; runtime.admission answers them or refuses them at once.
    from runtime import admission

    env.setdefault("SANIC_BACKLOG", str(admission.BACKLOG))
    os.execve(command[0], command, env)


if __name__ == "__main__":
    raise SystemExit(main())
