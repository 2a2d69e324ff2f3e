"""`python -m runtime cluster` (what `make cluster` runs): 2 Rasa servers and 2 action servers behind nginx,
conversations in PostgreSQL, locks in Redis. Tests run in order; the last ones kill a server and stop it all."""

from __future__ import annotations

import contextlib
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
import redis
import requests
from sqlalchemy import create_engine, text
from urllib3.exceptions import NewConnectionError

from runtime import settings
from runtime.admission import BUSY_BODY
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


def senders_stored(prefix: str) -> list[str]:
    """The REST senders starting with ``prefix`` of whom the tracker store kept a user turn, sorted."""
    engine = create_engine(settings.postgres().url(TRACKER_DATABASE), future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE :p AND type_name = 'user'"),
                {"p": f"rest:{prefix}%"},
            ).scalars()
            return sorted(row.split(":", 1)[1] for row in rows)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    state = tmp_path_factory.mktemp("cluster")
    port, web_port = free_port(), free_port()
    command = [sys.executable, "-m", "runtime", "cluster", "--port", str(port), "--web-port", str(web_port)]
    log = (state / "cluster.log").open("w")
    env = {**clean_env(), "ROLEWISE_KB_DATABASE": KB_DATABASE, "ROLEWISE_TRACKER_DATABASE": TRACKER_DATABASE}
    process = subprocess.Popen(  # its own process group, as `make cluster` in a terminal
        [*command, "--state", str(state)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
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
        assert widget.next_text().startswith(
            "**The Plant Manager is typically paid more than a Buyer\\. The Plant Manager earns about two and a half "
            "times as much, comparing the middle of each role's typical pay range\\.** "
        )
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


def say_as_told(cluster: Cluster, sender: str, message: str, refusals: list[str]) -> str:
    """Say ``message`` through nginx as a REST client should: when refused (503, busy), wait the
    ``Retry-After`` seconds and send it again. The first reply's text; refusal bodies go to ``refusals``."""
    for _ in range(30):
        response = requests.post(
            f"{cluster.public}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        if response.status_code != 503:
            response.raise_for_status()
            return str(response.json()[0]["text"])
        refusals.append(response.text)
        time.sleep(float(response.headers["Retry-After"]))
    raise AssertionError(f"{sender} was refused 30 times")


def conversation(cluster: Cluster, number: int, refusals: list[str]) -> tuple[str, list[str]]:
    """Two turns of one of 50 conversations; returns its sender and the first sentences it heard."""
    sender, (a, b) = f"c50-{number}-{uuid.uuid4().hex[:6]}", PAIRS[number % len(PAIRS)]
    heard = [say_as_told(cluster, sender, f"who earns more, a {a} or a {b}?", refusals)]
    heard.append(say_as_told(cluster, sender, "and what about budget?", refusals))
    return sender, heard


def names_only(text_: str, pair: tuple[str, str]) -> bool:
    first = text_.split(". ")[0]
    others = {n for p in PAIRS for n in p} - set(pair)
    return all(n in first for n in pair) and not any(n in first for n in others)


def lock_keys(pattern: str) -> list[str]:
    """The conversation locks in the cluster's Redis (lock store key prefix ``rolewise``) matching ``pattern``."""
    client = redis.Redis.from_url(settings.redis_url() or settings.DEFAULT_REDIS_URL)
    return sorted(key.decode() for key in client.scan_iter(f"rolewise:lock:*{pattern}*"))


def test_a_rasa_server_killed_mid_turn_frees_its_conversations_within_2_s(cluster: Cluster) -> None:
    """SIGKILL of a Rasa server with turns in progress leaves their locks in Redis; the surviving
    server answers the next turn of each of those conversations within 2 s (the tickets expire)."""
    run = uuid.uuid4().hex[:6]
    senders = [f"kill-{run}-{n}" for n in range(20)]
    one, two = cluster.layout["rasa"]

    def doomed(sender: str) -> None:
        with contextlib.suppress(requests.RequestException):
            cluster.say(one, sender, "who earns more, a buyer or a plant manager?")

    pool = ThreadPoolExecutor(20)
    try:
        for sender in senders:
            pool.submit(doomed, sender)
        deadline = time.monotonic() + 30
        while not lock_keys(run):  # kill once turns hold their locks
            assert time.monotonic() < deadline, "no turn took a lock"
            time.sleep(0.01)
        os.kill(cluster.layout["pids"]["rasa-1"], signal.SIGKILL)
        left = lock_keys(run)
    finally:
        pool.shutdown(wait=True)
    assert left
    waits = {}
    for key in left:
        sender = key.split("rest:", 1)[1] if "rest:" in key else key.rsplit(":", 1)[1]
        start = time.monotonic()
        reply = cluster.say(two, sender, "who earns more, a buyer or a plant manager?")[0]["text"]
        waits[sender] = time.monotonic() - start
        assert reply.startswith(PAY_VERDICT)
    assert [sender for sender, seconds in waits.items() if seconds > 2.0] == [], waits


def test_fifty_conversations_go_on_with_one_rasa_server_dead(cluster: Cluster) -> None:
    """Through nginx with Rasa server 1 killed (above): every turn reaches the survivor (nginx sends a
    request whose connection was refused to the other server) or, beyond what one server takes at once,
    is refused with the busy answer and taken when sent again; no cross-talk, history kept, nothing
    stored twice."""
    refusals: list[str] = []
    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(lambda n: conversation(cluster, n, refusals), range(50)))
    for number, (sender, heard) in enumerate(results):
        assert all(names_only(h, PAIRS[number % len(PAIRS)]) for h in heard), (sender, heard)  # no cross-talk
        assert len(user_turns(sender)) == 2

    def go_on(sender: str) -> str:
        return say_as_told(cluster, sender, "and who has more say in decisions?", refusals)

    with ThreadPoolExecutor(50) as pool:
        after = list(pool.map(go_on, [sender for sender, _ in results]))
    for number, (sender, _) in enumerate(results):
        assert names_only(after[number], PAIRS[number % len(PAIRS)]), (sender, after[number])  # history kept
        assert len(user_turns(sender)) == 3
    assert set(refusals) <= {BUSY_BODY}


def refused_before_sent(problem: requests.RequestException) -> bool:
    """True when the connection itself was refused: the turn never reached nginx."""
    reason = getattr(problem.args[0], "reason", None) if problem.args else None
    return isinstance(reason, NewConnectionError)


def test_ctrl_c_stops_in_order_and_every_turn_taken_gets_its_reply(cluster: Cluster) -> None:
    """Ctrl-C (SIGINT to the launcher's whole process group, as a terminal sends it) while 20 clients
    keep talking: each turn is answered, or refused (busy, or the connection refused once nginx
    stopped listening) before Rasa took it; every turn the tracker
    store kept got its reply; then every process is gone and the launcher exits 0."""
    run, stop_at = uuid.uuid4().hex[:6], threading.Event()
    outcomes: dict[str, str] = {}

    def client(number: int) -> None:
        for turn in range(1000):
            sender = f"stop-{run}-{number}-{turn}"
            try:
                response = requests.post(
                    f"{cluster.public}/webhooks/rest/webhook",
                    json={"sender": sender, "message": "who earns more, a buyer or a plant manager?"},
                    headers={"Connection": "close"},
                    timeout=90,
                )
            except requests.RequestException as problem:
                outcomes[sender] = "refused" if refused_before_sent(problem) else f"failed: {problem!r}"
                return
            if response.status_code == 200 and response.json()[0]["text"].startswith(PAY_VERDICT):
                outcomes[sender] = "answered"
            elif response.status_code == 503 and response.text == BUSY_BODY:
                outcomes[sender] = "refused"  # one server left takes fewer turns at once: a clean refusal
            else:
                outcomes[sender] = f"HTTP {response.status_code}: {response.text[:200]}"
            if stop_at.is_set() and outcomes[sender] != "answered":
                return

    with ThreadPoolExecutor(20) as pool:
        clients = [pool.submit(client, n) for n in range(20)]
        deadline = time.monotonic() + 120
        while list(outcomes.values()).count("answered") < 20:  # all talking, then Ctrl-C
            assert time.monotonic() < deadline, outcomes
            time.sleep(0.1)
        os.killpg(cluster.process.pid, signal.SIGINT)
        stop_at.set()
        for future in clients:
            future.result(timeout=120)
    assert cluster.process.wait(timeout=120) == 0
    answered = sorted(sender for sender, outcome in outcomes.items() if outcome == "answered")
    others = {sender: outcome for sender, outcome in outcomes.items() if outcome != "answered"}
    assert len(answered) >= 20, outcomes
    assert senders_stored(f"stop-{run}-") == answered  # no turn taken without its reply reaching the client
    assert [o for o in others.values() if o != "refused" and not o.startswith("failed: ")] == []
    for name, pid in cluster.layout["pids"].items():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
            pytest.fail(f"{name} is still running")
