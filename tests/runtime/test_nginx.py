"""The cluster's public nginx (runtime/nginx.py), run as the real nginx in front of small HTTP servers
written for these tests: it sheds load with a clear 503, and retries a turn on the other server only
when the first one never received it."""

from __future__ import annotations

import json
import socket
import socketserver
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from runtime.nginx import BUSY_BODY, IN_FLIGHT_PER_SERVER, RETRY_AFTER_S, TEMP_KINDS, public_conf
from tests.runtime.json_handler import JsonHandler
from tests.servers import free_port

NGINX = Path("/usr/sbin/nginx")
SLOW_TURN_S = 2.0


class Upstream(ThreadingHTTPServer):
    """A stand-in Rasa server: answers each POST after ``delay`` seconds with the id it was sent,
    and counts the requests it received and the most it held at once."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, port: int, delay: float) -> None:
        self.delay, self.received, self.now, self.most = delay, [], 0, 0
        self.guard = threading.Lock()
        super().__init__(("127.0.0.1", port), UpstreamHandler)


class UpstreamHandler(JsonHandler):
    server: Upstream

    def do_GET(self) -> None:
        self.reply_json(b"{}")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.guard:
            self.server.received.append(json.loads(body)["sender"])
            self.server.now += 1
            self.server.most = max(self.server.most, self.server.now)
        time.sleep(self.server.delay)
        with self.server.guard:
            self.server.now -= 1
        self.reply_json(body)


class DiesMidTurn(socketserver.ThreadingTCPServer):
    """A Rasa server that dies under a turn: reads the whole request, records it, closes the connection."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int) -> None:
        self.received: list[str] = []
        super().__init__(("127.0.0.1", port), DiesHandler)


class DiesHandler(socketserver.StreamRequestHandler):
    server: DiesMidTurn

    def handle(self) -> None:
        length = 0
        while (line := self.rfile.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        self.server.received.append(json.loads(self.rfile.read(length))["sender"])
        self.connection.shutdown(socket.SHUT_RDWR)


@contextmanager
def serving(server: socketserver.BaseServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def public_nginx(tmp_path: Path, upstream_ports: list[int]) -> Iterator[str]:
    if not NGINX.exists():
        pytest.fail("nginx is not installed at /usr/sbin/nginx (make test installs Debian's nginx)")
    for kind in TEMP_KINDS:
        (tmp_path / f"{kind}_temp").mkdir()
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(public_conf("127.0.0.1", port, upstream_ports, tmp_path))
    process = subprocess.Popen([str(NGINX), "-c", str(conf), "-p", str(tmp_path)])
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "nginx-public-error.log").read_text()
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    finally:
        process.send_signal(3)  # SIGQUIT: graceful stop
        process.wait(timeout=30)


def turn(url: str, sender: str) -> tuple[requests.Response, float]:
    start = time.monotonic()
    response = requests.post(url, json={"sender": sender, "message": "hi"}, timeout=30)
    return response, time.monotonic() - start


def is_busy(response: requests.Response) -> bool:
    """The refusal a REST client or the widget can show: 503, Retry-After, a JSON body saying what to do."""
    return (
        response.status_code == 503
        and response.headers.get("Retry-After") == str(RETRY_AFTER_S)
        and response.headers.get("Content-Type") == "application/json"
        and response.text == BUSY_BODY
    )


def test_beyond_its_queue_nginx_refuses_at_once_with_a_503_a_client_can_show(tmp_path: Path) -> None:
    one, two = Upstream(free_port(), SLOW_TURN_S), Upstream(free_port(), SLOW_TURN_S)
    with serving(one), serving(two), public_nginx(tmp_path, [one.server_address[1], two.server_address[1]]) as url:
        with ThreadPoolExecutor(250) as pool:
            results = list(pool.map(lambda n: turn(url, f"user-{n}"), range(250)))
    answered = [r for r, _ in results if r.status_code == 200]
    refused = [r for r, _ in results if is_busy(r)]
    assert len(answered) + len(refused) == 250
    assert len(refused) > 0
    assert sorted(r.json()["sender"] for r in answered) == sorted(one.received + two.received)  # refused = never sent
    assert (one.most, two.most) == (IN_FLIGHT_PER_SERVER, IN_FLIGHT_PER_SERVER)
    assert max(seconds for _, seconds in results) < 5.0
    assert json.loads(refused[0].text)["message"].startswith("Rolewise is busy right now")


def test_a_turn_goes_to_the_other_server_when_the_first_refuses_the_connection(tmp_path: Path) -> None:
    working, closed_port = Upstream(free_port(), 0.0), free_port()
    with serving(working), public_nginx(tmp_path, [closed_port, working.server_address[1]]) as url:
        responses = [turn(url, f"user-{n}")[0] for n in range(6)]
    assert [r.status_code for r in responses] == [200] * 6
    assert working.received == [f"user-{n}" for n in range(6)]


def test_a_turn_that_reached_a_server_is_never_sent_to_the_other(tmp_path: Path) -> None:
    dying, working = DiesMidTurn(free_port()), Upstream(free_port(), 0.0)
    ports = [dying.server_address[1], working.server_address[1]]
    with serving(dying), serving(working), public_nginx(tmp_path, ports) as url:
        responses = {f"user-{n}": turn(url, f"user-{n}")[0] for n in range(4)}
    assert len(dying.received) == 1  # then nginx leaves it out for fail_timeout
    assert sorted(dying.received + working.received) == sorted(responses)
    assert [sender for sender, r in responses.items() if is_busy(r)] == dying.received
    assert [sender for sender, r in responses.items() if r.status_code == 200] == working.received
