"""Rasa as `make run` starts it refuses turns beyond ROLEWISE_MAX_TURNS at once, with a 503 a client can
show, and listens with a backlog the kernel never overflows at hundreds of clients."""

from __future__ import annotations

import json
from collections import deque
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import ThreadingHTTPServer

import pytest
import requests

from runtime.admission import BACKLOG, BUSY_BODY, RETRY_AFTER_S, allowed_turns
from tests.runtime.json_handler import JsonHandler
from tests.servers import Bot, free_port, running_bot

ACTION_SECONDS = 4.0
QUESTION = "who earns more, a buyer or a plant manager?"


class SlowActions(ThreadingHTTPServer):
    """An action server that takes ``ACTION_SECONDS`` per call, so each turn stays in progress that long."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", free_port()), SlowHandler)


class SlowHandler(JsonHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(ACTION_SECONDS)
        self.reply_json(json.dumps({"events": [], "responses": []}).encode())


@pytest.fixture(scope="module")
def slow_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    actions = SlowActions()
    threading.Thread(target=actions.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{actions.server_address[1]}/webhook"
    try:
        with running_bot(tmp_path_factory.mktemp("admission"), {"ROLEWISE_MAX_TURNS": "2"}, action_url=url) as bot:
            yield bot
    finally:
        actions.shutdown()


def test_turns_beyond_the_limit_are_refused_at_once_and_the_others_answered(slow_bot: Bot) -> None:
    def turn(number: int) -> tuple[requests.Response, float]:
        start = time.monotonic()
        response = requests.post(
            f"{slow_bot.url}/webhooks/rest/webhook", json={"sender": f"a{number}", "message": QUESTION}, timeout=60
        )
        return response, time.monotonic() - start

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(turn, range(6)))
    answered = [seconds for response, seconds in results if response.status_code == 200]
    refused = [(response, seconds) for response, seconds in results if response.status_code == 503]
    assert (len(answered), len(refused)) == (2, 4)
    assert min(answered) >= ACTION_SECONDS
    for response, seconds in refused:
        assert seconds < 2.0
        assert response.text == BUSY_BODY
        assert response.headers["Retry-After"] == str(RETRY_AFTER_S)
        assert response.headers["Content-Type"] == "application/json"
    # Once the two turns are done, the next one is taken again.
    assert (
        requests.post(
            f"{slow_bot.url}/webhooks/rest/webhook", json={"sender": "a9", "message": QUESTION}, timeout=60
        ).status_code
        == 200
    )


def test_rasa_listens_with_a_backlog_of_1024(slow_bot: Bot) -> None:
    port = slow_bot.url.rsplit(":", 1)[1]
    listening = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=True)
    assert [line.split()[2] for line in listening.stdout.splitlines()] == [str(BACKLOG)]


def test_the_health_route_is_never_refused(slow_bot: Bot) -> None:
    with ThreadPoolExecutor(3) as pool:
        busy = [
            pool.submit(
                requests.post,
                f"{slow_bot.url}/webhooks/rest/webhook",
                json={"sender": f"h{n}", "message": QUESTION},
                timeout=60,
            )
            for n in range(3)
        ]
        time.sleep(1.0)
        assert requests.get(f"{slow_bot.url}/webhooks/rest/", timeout=10).status_code == 200
        assert sorted(f.result().status_code for f in busy) == [200, 200, 503]


@pytest.mark.parametrize(
    ("finished", "allowed"),
    [
        ([], 64),  # no pace known yet: the fixed limit
        ([100.0 + i * 0.1 for i in range(19)], 64),  # 19 turns: not enough to tell
        ([100.0 + i * 0.125 for i in range(20)], 16),  # 20 turns in 2.375 s: 8/s, for 2 s -> 16
        ([108.0 + i * 0.01 for i in range(100)], 64),  # 100/s: capped at the fixed limit
        ([100.0 + i * 1.0 for i in range(10)] + [109.0 + i * 0.05 for i in range(11)], 8),  # slow: at least 8
        ([80.0 + i * 0.1 for i in range(50)], 64),  # all older than the 10 s window: forgotten
    ],
)
def test_the_limit_follows_the_pace_turns_finish_at(finished: list[float], allowed: int) -> None:
    times = deque(finished)
    assert allowed_turns(times, 110.0, 64) == allowed
    assert all(t >= 100.0 for t in times)
