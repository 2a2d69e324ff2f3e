"""Bad input, failing dependencies, restarts and load: the bot answers, and loses nothing."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import inspect
from sqlalchemy import text as sql

from actions.help import OPENERS
from channels.guard import APOLOGY, EMPTY, SLOW
from kb.wages import models as wage_models  # noqa: F401  (its tables join Base.metadata)
from kb.db import DEFAULT_DB_PATH, make_engine
from kb.models import Base
from tests.servers import ROOT, Bot, clean_env, free_port, running_bot

BAD_MESSAGES = [
    "",
    "   \n\t ",
    "x" * 10_000,
    "who earns more " * 700,
    "🤔🚀💼 who earns more, a buyer or a plant manager? 🙏",
    "誰がより多くの予算権限を持っていますか",
    "Кто зарабатывает больше?",
    "\x00\x07head of ops\x1b[31m vs ops manager\x7f",
    "'; DROP TABLE role; -- vs ops manager",
    "compare Robert'); DELETE FROM role_alias;-- with a buyer",
    "<script>alert(1)</script> head of ops vs ops manager",
    '{"json": "inside a message"}',
    '/ask_budget{"job_role": ["<img src=x onerror=alert(1)>", "Buyer"]}',
    "/not_an_intent",
    "/ask_budget{broken json",
]


# Messages that would change the KB if any of their text reached SQL unparameterised: as typed
# text, and as entity values that go straight to the role and family lookups.
WRITE_ATTEMPTS = [
    "'; DROP TABLE role; -- vs ops manager",
    "compare Robert'); DELETE FROM role_alias;-- with a buyer",
    "head of ops'; UPDATE role SET name = 'pwned'; -- vs a buyer",
    '/ask_budget{"job_role": ["x\'); DELETE FROM role; --", "Buyer"]}',
    '/ask_budget{"job_role": ["Buyer\\"; UPDATE role_trait SET level = 1; --", "Plant Manager"]}',
    '/compare_roles{"job_role": ["Buyer", "Plant Manager\' OR 1=1; DELETE FROM contrast_point; --"]}',
    '/describe_role{"job_role": "buyer; DROP TABLE contrast"}',
    '/list_roles{"job_family": "x\' OR 1=1; DELETE FROM role_alias; --"}',
    '/career_path{"job_role": "Buyer\'; INSERT INTO kb_build VALUES (\'x\'); --", "career_direction": "into"}',
]


def kb_fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Every content table of the KB at ``url``, read through SQLAlchemy as the bot reads it: row count
    and a digest of all rows."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            fingerprint = {}
            for table in sorted(set(inspect(connection).get_table_names()) & set(Base.metadata.tables)):
                rows = connection.execute(sql(f'SELECT * FROM "{table}" ORDER BY 1')).fetchall()
                fingerprint[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
            return fingerprint
    finally:
        engine.dispose()


def knowledge_base_of(bot: Bot) -> str:
    """The database URL the bot's action server says it answers from (its first log line)."""
    log = (bot.log.parent / "actions.log").read_text()
    [url] = [line.split(": ", 1)[1] for line in log.splitlines() if line.startswith("Knowledge base: ")]
    return url


def say(bot: Bot, message: Any, sender: str | None = None) -> requests.Response:
    return requests.post(
        f"{bot.url}/webhooks/rest/webhook", json={"sender": sender or uuid.uuid4().hex, "message": message}, timeout=60
    )


POLITE_TRIES = 5  # a busy server's 503 asks the client to send again after Retry-After seconds


def say_politely(bot: Bot, message: str, sender: str) -> list[dict]:
    """The replies to ``message``, sent again after ``Retry-After`` when the bot is busy (503), as a polite
    client does; fails on any other status, or when the bot is still busy after ``POLITE_TRIES`` sends."""
    for _ in range(POLITE_TRIES):
        response = say(bot, message, sender)
        if response.status_code != 503:
            break
        time.sleep(float(response.headers["Retry-After"]))
    assert response.status_code == 200, (response.status_code, response.text[:200])
    return response.json()


@pytest.mark.parametrize("message", BAD_MESSAGES, ids=range(len(BAD_MESSAGES)))
def test_bad_input_gets_a_helpful_answer(bot: Bot, message: str) -> None:
    response = say(bot, message)
    assert response.status_code == 200
    replies = response.json()
    # One message per turn, with text (a full comparison's chart rides on it as ``image``).
    assert len(replies) == 1 and replies[0].get("text"), replies
    assert replies[0].get("image", "/webhooks/charts/").startswith("/webhooks/charts/"), replies
    assert not any("Traceback" in r.get("text", "") or "Error" in r.get("text", "") for r in replies)
    if not message.strip():
        assert replies[0]["text"] == EMPTY


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b'{"sender": "a", "message": 42}', "application/json"),
        (b'{"sender": "", "message": "hi"}', "application/json"),
        (b'{"sender": "a", "message": "hi", "metadata": "x"}', "application/json"),
        (b"", "application/json"),
    ],
)
def test_malformed_requests_get_a_clear_400(bot: Bot, body: bytes, content_type: str) -> None:
    response = requests.post(
        f"{bot.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": content_type}, timeout=30
    )
    assert response.status_code == 400
    assert "error" in response.json()
    assert say(bot, "hello").json()[0]["text"] == OPENERS["greet"]


def roles_named(text: str, names: list[str]) -> set[str]:
    """The role names in ``text`` as whole words, a name inside a longer one found ("Store Manager" in
    "Assistant Store Manager") not counted."""
    found = {name for name in names if re.search(rf"\b{re.escape(name)}\b", text)}
    return {name for name in found if not any(name != other and name in other for other in found)}


def test_fifty_concurrent_conversations_only_hear_their_own_answers(bot: Bot, content) -> None:  # type: ignore[no-untyped-def]
    names = sorted(role.name for role in content.roles)
    pairs = list(combinations(names, 2))[::7][:50]
    assert len(pairs) == 50

    def converse(pair: tuple[str, str]) -> list[str]:
        me = uuid.uuid4().hex
        first = say_politely(bot, f"who earns more, a {pair[0]} or a {pair[1]}?", me)[0]["text"]
        second = say_politely(bot, "and what about crisis management?", me)[0]["text"]
        return [first, second]

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(converse, pairs))
    for pair, texts in zip(pairs, answers, strict=True):
        for text in texts:
            verdict = text.split(". ")[0]  # the explanation may mention other roles; the verdict names the pair
            assert roles_named(verdict, names) == set(pair), (pair, text)


class SwitchableActionProxy:
    """An action endpoint in front of the real action server that can be made to fail or stall."""

    def __init__(self) -> None:
        self.mode = "forward"
        self.target = ""
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if proxy.mode == "down":
                    self.send_response(503)
                    self.end_headers()
                    return
                if proxy.mode == "slow":
                    time.sleep(8)
                answer = requests.post(
                    proxy.target,
                    data=body,
                    headers={"Content-Type": "application/json", "Authorization": self.headers["Authorization"]},
                    timeout=30,
                )
                self.send_response(answer.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Bot, SwitchableActionProxy]]:
    """A bot behind a switchable action proxy, answering from its own copy of the KB (``DATABASE_URL``)."""
    proxy = SwitchableActionProxy()
    folder = tmp_path_factory.mktemp("proxied")
    shutil.copy(DEFAULT_DB_PATH, folder / "kb.sqlite3")
    env = {"ROLEWISE_TURN_TIMEOUT": "4", "DATABASE_URL": f"sqlite:///{folder / 'kb.sqlite3'}"}
    with running_bot(folder, env, action_url=proxy.url) as bot:
        proxy.target = f"{bot.actions_url}/webhook"
        yield bot, proxy
    proxy.server.shutdown()


def test_traffic_that_tries_to_write_leaves_every_kb_table_unchanged(proxied) -> None:  # type: ignore[no-untyped-def]
    bot, proxy = proxied
    proxy.mode = "forward"
    url = knowledge_base_of(bot)
    assert url == f"sqlite:///{bot.log.parent / 'kb.sqlite3'}"
    before = kb_fingerprint(url)
    assert set(before) == set(Base.metadata.tables)  # the content tables; usage records live apart
    assert all(count > 0 for count, _ in before.values()), before
    me = uuid.uuid4().hex
    for message in [*WRITE_ATTEMPTS, *BAD_MESSAGES]:
        response = say(bot, message, me)
        assert response.status_code == 200 and response.json(), message
    assert say(bot, "who earns more, a buyer or a plant manager?", me).json()[0]["text"].startswith(
        "The Plant Manager is typically paid more than a Buyer."
    )
    assert kb_fingerprint(url) == before


def test_action_server_down_gets_an_apology_and_the_conversation_resumes(proxied) -> None:  # type: ignore[no-untyped-def]
    bot, proxy = proxied
    me = uuid.uuid4().hex
    proxy.mode = "forward"
    assert (
        say(bot, "who has more budget authority, a head of ops or an ops manager?", me)
        .json()[0]["text"]
        .startswith("The Head of Operations")
    )
    proxy.mode = "down"
    assert [r["text"] for r in say(bot, "and what about crisis management?", me).json()] == [APOLOGY]
    proxy.mode = "forward"
    again = say(bot, "who earns more?", me).json()[0]["text"]
    assert again.startswith("The Head of Operations is typically paid more than an Operations Manager.")


def test_a_slow_action_server_gets_an_apology_instead_of_a_hang(proxied) -> None:  # type: ignore[no-untyped-def]
    bot, proxy = proxied
    proxy.mode = "slow"
    started = time.monotonic()
    replies = say(bot, "who earns more, a buyer or a procurement manager?").json()
    assert [r["text"] for r in replies] == [SLOW]
    assert time.monotonic() - started < 8
    proxy.mode = "forward"


def test_conversations_survive_a_restart_with_the_sql_tracker_store(tmp_path: Path) -> None:
    store = f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tmp_path / "tracker.db"}"\n'
    me = uuid.uuid4().hex
    with running_bot(tmp_path / "first", endpoints_extra=store) as bot:
        assert (
            say(bot, "plant manager vs production manager", me)
            .json()[0]["text"]
            .startswith("The Plant Manager is ahead of a Production Manager on all 12 dimensions.")
        )
    with running_bot(tmp_path / "second", endpoints_extra=store) as bot:
        answer = say(bot, "who earns more?", me).json()[0]["text"]
    assert answer.startswith("The Plant Manager is typically paid more than a Production Manager.")


def start_actions(database_url: str) -> subprocess.CompletedProcess[str]:
    """``python -m actions`` run to completion against ``database_url``."""
    return subprocess.run(
        [sys.executable, "-m", "actions", "--port", str(free_port())],
        cwd=ROOT,
        env={**clean_env(), "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


MISSING = (
    "No knowledge base at {path} (DATABASE_URL={url!r}). Run `make kb` to build it or set DATABASE_URL to a built "
    "database."
)
EMPTY_DB = (
    "The database at DATABASE_URL={url!r} holds no knowledge base (missing tables: "
    "contrast, contrast_point, dimension, kb_build, role, role_alias, role_trait). Run `make kb`."
)


@pytest.mark.parametrize(("file_exists", "reason"), [(False, MISSING), (True, EMPTY_DB)], ids=["missing", "empty"])
def test_the_action_server_refuses_to_start_without_a_knowledge_base(
    tmp_path: Path, file_exists: bool, reason: str
) -> None:
    path = tmp_path / "kb.sqlite3"
    if file_exists:
        path.touch()
    url = f"sqlite:///{path}"
    result = start_actions(url)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"Action server not started: {reason.format(path=path, url=url)}\n"
    assert path.exists() == file_exists, "refusing must not leave an empty database behind"
