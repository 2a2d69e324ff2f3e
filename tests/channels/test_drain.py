"""SIGTERM lets every turn already sent to Rasa finish, then Rasa stops (channels/drain.py)."""

from __future__ import annotations

import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

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
