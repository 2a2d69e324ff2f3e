"""`python -m runtime cluster` (what `make cluster` runs): 2 Rasa servers and 2 action servers behind nginx,
conversations in PostgreSQL, locks in Redis. Tests run in order; the last ones kill a server and stop it all."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text

from runtime import settings
from tests.channels.socket_client import WidgetClient
from tests.servers import ROOT, clean_env, free_port

STARTUP_SECONDS = 300
PAY_VERDICT = "The Plant Manager is typically paid more than a Buyer."
BUDGET_VERDICT = "The Plant Manager has more budget authority than a Buyer."
# Thirty distinct phrasings of one question (numbers in a message can read as picking a choice).
FRIENDS = "Ana Ben Chloe Dev Emma Farid Grace Hugo Ines Jon Kai Lena Mo Nora Omar Pia Quinn Rosa Sam Tara".split() + (
    "Uma Vik Wen Xavi Yara Zoe Abel Bea Cai Dora".split()
)
PAIRS = [
    ("Buyer", "Plant Manager"),
    ("Operations Manager", "Head of Operations"),
    ("Warehouse Manager", "Logistics Manager"),
    ("Quality Manager", "Production Manager"),
    ("Supply Chain Manager", "Procurement Manager"),
]


@dataclass
class Cluster:
    process: subprocess.Popen  # type: ignore[type-arg]
    layout: dict[str, Any]
    state: Path

    @property
    def public(self) -> str:
        return str(self.layout["public"])

    def say(self, base: str, sender: str, message: str) -> list[dict[str, Any]]:
        response = requests.post(
            f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        response.raise_for_status()
        return response.json()


KB_DATABASE, TRACKER_DATABASE = (f"rolewise_test_{uuid.uuid4().hex[:8]}_{kind}" for kind in ("kb", "tracker"))


def user_turns(sender: str) -> list[str]:
    """What the tracker store in PostgreSQL kept of this REST conversation's user messages, in order."""
    engine = create_engine(settings.postgres().url(TRACKER_DATABASE), future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                {"s": f"rest:{sender}"},
            ).scalars()
            return [json.loads(row)["text"] for row in rows]
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    state = tmp_path_factory.mktemp("cluster")
    port, web_port = free_port(), free_port()
    command = [sys.executable, "-m", "runtime", "cluster", "--port", str(port), "--web-port", str(web_port)]
    log = (state / "cluster.log").open("w")
    env = {**clean_env(), "ROLEWISE_KB_DATABASE": KB_DATABASE, "ROLEWISE_TRACKER_DATABASE": TRACKER_DATABASE}
    process = subprocess.Popen(
        [*command, "--state", str(state)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    layout_file = state / "layout.json"
    deadline = time.monotonic() + STARTUP_SECONDS
    while not layout_file.exists():
        assert process.poll() is None, (state / "cluster.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "the cluster did not start in time"
        time.sleep(1)
    try:
        yield Cluster(process, json.loads(layout_file.read_text()), state)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                process.kill()
        drop_databases(KB_DATABASE, TRACKER_DATABASE)


def drop_databases(*names: str) -> None:
    admin = create_engine(settings.postgres().url("postgres"), isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def test_alternating_servers_keep_the_conversation(cluster: Cluster) -> None:
    sender, (one, two) = f"alt-{uuid.uuid4().hex[:8]}", cluster.layout["rasa"]
    assert cluster.say(one, sender, "who earns more, a buyer or a plant manager?")[0]["text"].startswith(PAY_VERDICT)
    assert cluster.say(two, sender, "and what about budget?")[0]["text"].startswith(BUDGET_VERDICT)
    assert user_turns(sender) == ["who earns more, a buyer or a plant manager?", "and what about budget?"]


def test_simultaneous_turns_on_both_servers_are_all_kept_in_order(cluster: Cluster) -> None:
    sender = f"both-{uuid.uuid4().hex[:8]}"
    names = iter(FRIENDS)
    sent = {
        url: [f"who earns more, a buyer or a plant manager? asking for my friend {next(names)}" for _ in range(15)]
        for url in cluster.layout["rasa"]
    }

    def talk(url: str) -> list[str]:
        return [cluster.say(url, sender, message)[0]["text"] for message in sent[url]]

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(talk, sent))
    assert [a for server in answers for a in server if not a.startswith(PAY_VERDICT)] == []
    assert len([a for server in answers for a in server]) == 30
    kept = user_turns(sender)
    assert sorted(kept) == sorted(m for messages in sent.values() for m in messages)
    for messages in sent.values():
        assert [m for m in kept if m in messages] == messages  # each client's turns in the order sent


def test_the_widget_talks_through_nginx_with_sticky_sessions(cluster: Cluster) -> None:
    page_origin = f"http://localhost:{cluster.layout['web'].rsplit(':', 1)[1].strip('/')}"
    widget = WidgetClient(cluster.public, origin=page_origin)
    try:
        session_id = widget.request_session(None)
        widget.say({"message": "who earns more, a buyer or a plant manager?", "session_id": session_id})
        assert widget.next_text().startswith("**The Plant Manager is typically paid more than a Buyer\\.** ")
    finally:
        widget.close()


def test_a_kb_rebuild_under_traffic_gives_no_wrong_answer(cluster: Cluster) -> None:
    done, answers = threading.Event(), []

    def stream() -> None:
        sender = f"rebuild-{uuid.uuid4().hex[:8]}"
        while not done.is_set():
            reply = cluster.say(cluster.public, sender, "who earns more, a buyer or a plant manager?")
            answers.append(reply[0]["text"])

    streamer = threading.Thread(target=stream)
    streamer.start()
    env = {**clean_env(), "DATABASE_URL": settings.postgres().url(KB_DATABASE)}
    try:
        for _ in range(3):
            subprocess.run(
                [sys.executable, "-m", "kb", "build", "--force"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                timeout=300,
            )
    finally:
        done.set()
        streamer.join()
    assert len(answers) >= 3
    assert [a for a in answers if not a.startswith(PAY_VERDICT)] == []


def conversation(cluster: Cluster, number: int) -> tuple[str, list[str]]:
    """Two turns of one of 50 conversations; returns its sender and the first sentences it heard."""
    sender, (a, b) = f"c50-{number}-{uuid.uuid4().hex[:6]}", PAIRS[number % len(PAIRS)]
    heard = [cluster.say(cluster.public, sender, f"who earns more, a {a} or a {b}?")[0]["text"]]
    heard.append(cluster.say(cluster.public, sender, "and what about budget?")[0]["text"])
    return sender, heard


def names_only(text_: str, pair: tuple[str, str]) -> bool:
    first = text_.split(". ")[0]
    others = {n for p in PAIRS for n in p} - set(pair)
    return all(n in first for n in pair) and not any(n in first for n in others)


def test_fifty_conversations_survive_a_dead_rasa_server(cluster: Cluster) -> None:
    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(lambda n: conversation(cluster, n), range(50)))
    for number, (sender, heard) in enumerate(results):
        assert all(names_only(h, PAIRS[number % len(PAIRS)]) for h in heard), (sender, heard)  # no cross-talk
        assert len(user_turns(sender)) == 2

    os.kill(cluster.layout["pids"]["rasa-1"], signal.SIGKILL)
    time.sleep(1)

    def go_on(sender: str) -> str:
        return cluster.say(cluster.public, sender, "and who has more say in decisions?")[0]["text"]

    with ThreadPoolExecutor(50) as pool:
        after = list(pool.map(go_on, [sender for sender, _ in results]))
    for number, (sender, _) in enumerate(results):
        assert names_only(after[number], PAIRS[number % len(PAIRS)]), (sender, after[number])  # history kept
        assert len(user_turns(sender)) == 3


def test_sigterm_lets_in_flight_turns_finish_and_stops_everything(cluster: Cluster) -> None:
    def ask(number: int) -> str:
        return cluster.say(
            cluster.public, f"stop-{number}-{uuid.uuid4().hex[:6]}", "who earns more, a buyer or a plant manager?"
        )[0]["text"]

    with ThreadPoolExecutor(20) as pool:
        pending = [pool.submit(ask, n) for n in range(20)]
        time.sleep(0.3)
        cluster.process.send_signal(signal.SIGTERM)
        answers = [future.result(timeout=90) for future in pending]
    assert [a for a in answers if not a.startswith(PAY_VERDICT)] == []
    assert cluster.process.wait(timeout=90) == 0
    for name, pid in cluster.layout["pids"].items():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
            pytest.fail(f"{name} is still running")
