"""``python -m runtime``: the ``rasa run`` command line the settings call for, and refusals before start."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from runtime.__main__ import RASA, rasa_arguments
from tests.servers import ROOT, clean_env, free_port

BASE = [*RASA, "run", "-m", "m.tar.gz", "--endpoints", "e.yml", "--credentials", "c.yml"]


def test_by_default_rasa_listens_on_localhost_for_the_demo_page_with_no_http_api() -> None:
    assert rasa_arguments("m.tar.gz", "e.yml", "c.yml", 5005, env={}) == [
        *BASE,
        *["--interface", "127.0.0.1", "--port", "5005"],
        *["--cors", "http://localhost:8080", "http://127.0.0.1:8080"],
    ]


def test_the_http_api_comes_with_its_token_or_jwt_secret() -> None:
    env = {
        "ROLEWISE_API": "1",
        "ROLEWISE_API_TOKEN": "tok",
        "ROLEWISE_JWT_SECRET": "jwt",
        "ROLEWISE_HOST": "0.0.0.0",
        "ROLEWISE_CORS_ORIGINS": "https://careers.example.com",
    }
    assert rasa_arguments("m.tar.gz", "e.yml", "c.yml", 6000, env=env) == [
        *BASE,
        *["--interface", "0.0.0.0", "--port", "6000"],
        *["--cors", "https://careers.example.com"],
        *["--enable-api", "--jwt-method", "HS256"],  # the secrets come from the environment (runtime.rasa_cli)
    ]


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runtime", *args],
        cwd=ROOT,
        env={**clean_env(), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_passes_on_the_defaults() -> None:
    result = run("check")
    assert (result.returncode, result.stderr) == (0, "")


def test_rasa_is_not_started_with_an_open_http_api() -> None:
    result = run("rasa", "--model", "missing.tar.gz", "--endpoints", "endpoints.yml", ROLEWISE_API="1")
    assert result.returncode == 2
    assert result.stderr.startswith("Not started: ROLEWISE_API=1 turns on Rasa's HTTP API")
    assert "set ROLEWISE_API_TOKEN" in result.stderr


def test_rasa_is_not_started_for_every_origin() -> None:
    result = run("check", ROLEWISE_CORS_ORIGINS="*")
    assert result.returncode == 2
    assert result.stderr.startswith("Not started: ROLEWISE_CORS_ORIGINS may not be '*'")


def test_check_refuses_a_port_in_use() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("check", "--ports", f"WEB_PORT={port}")
    assert result.returncode == 2
    assert result.stderr == (
        f"Not started: WEB_PORT={port} is in use on 127.0.0.1: stop what listens there or choose another port, "
        f"e.g. make run WEB_PORT={port + 100}.\n"
    )


@pytest.mark.parametrize("host", ["no-such-host.invalid", "10.255.255.254"])
def test_check_refuses_an_interface_this_machine_does_not_have(host: str) -> None:
    result = run("check", "--ports", f"RASA_PORT={free_port()}", ROLEWISE_HOST=host)
    assert (result.returncode, result.stderr) == (
        2,
        f"Not started: ROLEWISE_HOST={host!r} is not an address of this machine.\n",
    )


def test_check_accepts_free_ports() -> None:
    result = run("check", "--ports", f"ACTIONS_PORT={free_port()}", f"RASA_PORT={free_port()}")
    assert (result.returncode, result.stderr) == (0, "")


def test_ready_waits_for_rasa_and_gives_up_quietly_when_it_never_answers() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "runtime", "ready", "--rasa-port", str(free_port()), "--timeout", "2"],
        cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
