"""SIGTERM lets every turn already sent to Rasa finish, then Rasa stops (channels/drain.py)."""

from __future__ import annotations

import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from channels import drain
from tests.servers import running_bot

PAY_VERDICT = "The Plant Manager is typically paid more than a Buyer."
TURNS = 30


def test_sigterm_finishes_the_turns_in_flight_then_stops(tmp_path: Path) -> None:
    with running_bot(tmp_path) as bot:
        def ask(number: int) -> str:
            body = {"sender": f"drain-{number}", "message": "who earns more, a buyer or a plant manager?"}
            return requests.post(f"{bot.url}/webhooks/rest/webhook", json=body, timeout=60).json()[0]["text"]

        with ThreadPoolExecutor(TURNS) as pool:
            pending = [pool.submit(ask, n) for n in range(TURNS)]
            time.sleep(0.3)
            bot.rasa.send_signal(signal.SIGTERM)
            answers = [future.result(timeout=60) for future in pending]
        assert [a for a in answers if not a.startswith(PAY_VERDICT)] == []
        assert len(answers) == TURNS
        assert bot.rasa.wait(timeout=40) == 0


def test_under_endless_traffic_sigterm_stops_rasa_within_the_drain_limit(tmp_path: Path) -> None:
    """Clients that never stop asking keep a turn in progress all the time: Rasa still exits within
    ``DRAIN_SECONDS`` of SIGTERM (the README's promise), answering turns until shortly before."""
    with running_bot(tmp_path) as bot:
        stopped = threading.Event()
        answered: list[float] = []

        def keep_asking(number: int) -> None:
            while not stopped.is_set():
                body = {"sender": f"endless-{number}", "message": "who earns more, a buyer or a plant manager?"}
                try:
                    reply = requests.post(f"{bot.url}/webhooks/rest/webhook", json=body, timeout=60).json()
                except (requests.RequestException, ValueError):
                    time.sleep(0.05)
                    continue
                if reply and reply[0]["text"].startswith(PAY_VERDICT):
                    answered.append(time.monotonic())

        with ThreadPoolExecutor(6) as pool:
            for number in range(6):
                pool.submit(keep_asking, number)
            time.sleep(2)
            signalled = time.monotonic()
            bot.rasa.send_signal(signal.SIGTERM)
            code = bot.rasa.wait(timeout=120)
            took = time.monotonic() - signalled
            stopped.set()
        assert code == 0
        assert took <= drain.DRAIN_SECONDS, took
        assert max(answered) > signalled + drain.DRAIN_SECONDS - drain.STOP_SECONDS - 2  # it kept answering
